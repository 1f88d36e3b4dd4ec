import type { Delimiter } from './text.js';
import type { DecimalSeparator } from './values.js';

/** Which column holds what; names are matched trimmed and case-insensitively against the header row. */
export interface PresetColumns {
  date: string;
  valueDate?: string;
  /** One signed (or, with sign 'inverted', negated) amount column... */
  amount?: string;
  /** ...or separate money-out and money-in columns (sign 'debit-credit'). */
  debit?: string;
  credit?: string;
  currency?: string;
  /** Joined with a space, empty parts left out. */
  description: string[];
  counterparty?: string;
  counterpartyIban?: string;
  endToEndId?: string;
  mandateId?: string;
  creditorId?: string;
  reference?: string;
  bookingText?: string;
  category?: string;
  /** The account each row belongs to (Sparkasse "Auftragskonto"); a new value starts a new statement. */
  account?: string;
}

/**
 * A bank's CSV layout as data, read by ./table-reader.ts. Adding a bank is adding an entry here
 * (bank2ynab.conf in the fixtures describes 100+ layouts in a similar shape).
 */
export interface CsvPreset {
  /** Parser id is `csv:<id>`. */
  id: string;
  label: string;
  delimiter: Delimiter;
  /** The 8-bit encoding the bank uses when the bytes are not UTF-8 (a BOM or valid UTF-8 always wins). */
  encoding: string;
  /** Tokens YYYY YY MM M DD D HH mm ss Z; anything else is literal. */
  dateFormat: string;
  decimal: DecimalSeparator;
  /** Columns that identify the layout: the header row is the first line holding all of them. */
  signature: string[];
  columns: PresetColumns;
  /** The currency when no column carries one. */
  currency?: string;
  /** 'signed': negative = money out; 'inverted': positive = money out (card statements); 'debit-credit': two columns. */
  sign: 'signed' | 'inverted' | 'debit-credit';
  /** The description carries German SEPA tags (EREF+, MREF+, CRED+, SVWZ+) to split into their fields. */
  sepaTags?: boolean;
  /** Rows whose column holds one of these values are not booked yet. */
  pending?: { column: string; values: string[] };
}

export const CSV_PRESETS: readonly CsvPreset[] = [
  {
    // The fixture's card export; its masked card number identifies the account.
    id: 'dkb-credit-card',
    label: 'DKB credit card CSV',
    delimiter: ';',
    encoding: 'windows-1252',
    dateFormat: 'DD.MM.YY',
    decimal: ',',
    signature: [
      'Umsatz getätigt von',
      'Belegdatum',
      'Buchungsdatum',
      'Buchungsbetrag',
      'Buchungswährung',
      'Transaktionsbeschreibung',
    ],
    columns: {
      date: 'Buchungsdatum',
      valueDate: 'Belegdatum',
      amount: 'Buchungsbetrag',
      currency: 'Buchungswährung',
      description: ['Transaktionsbeschreibung', 'Transaktionsbeschreibung Zusatz'],
      reference: 'Buchungsreferenz',
      account: 'Umsatz getätigt von',
    },
    sign: 'signed',
  },
  {
    // Sparkasse "CSV-MT940": SEPA parts stay inside Verwendungszweck as EREF+/MREF+/CRED+/SVWZ+.
    id: 'sparkasse-csv-mt940',
    label: 'Sparkasse CSV (CSV-MT940 layout)',
    delimiter: ';',
    encoding: 'windows-1252',
    dateFormat: 'DD.MM.YY',
    decimal: ',',
    signature: [
      'Auftragskonto',
      'Buchungstag',
      'Valutadatum',
      'Verwendungszweck',
      'Beguenstigter/Zahlungspflichtiger',
      'Kontonummer',
      'BLZ',
      'Betrag',
      'Waehrung',
      'Info',
    ],
    columns: {
      date: 'Buchungstag',
      valueDate: 'Valutadatum',
      amount: 'Betrag',
      currency: 'Waehrung',
      description: ['Verwendungszweck'],
      counterparty: 'Beguenstigter/Zahlungspflichtiger',
      counterpartyIban: 'Kontonummer',
      bookingText: 'Buchungstext',
      account: 'Auftragskonto',
    },
    sign: 'signed',
    sepaTags: true,
    pending: { column: 'Info', values: ['Umsatz vorgemerkt'] },
  },
  {
    // Sparkasse "CSV-CAMT": the SEPA parts in their own columns.
    id: 'sparkasse-csv-camt',
    label: 'Sparkasse CSV (CSV-CAMT layout)',
    delimiter: ';',
    encoding: 'windows-1252',
    dateFormat: 'DD.MM.YY',
    decimal: ',',
    signature: [
      'Auftragskonto',
      'Buchungstag',
      'Valutadatum',
      'Verwendungszweck',
      'Kundenreferenz (End-to-End)',
      'Beguenstigter/Zahlungspflichtiger',
      'Kontonummer/IBAN',
      'Betrag',
      'Waehrung',
      'Info',
    ],
    columns: {
      date: 'Buchungstag',
      valueDate: 'Valutadatum',
      amount: 'Betrag',
      currency: 'Waehrung',
      description: ['Verwendungszweck'],
      counterparty: 'Beguenstigter/Zahlungspflichtiger',
      counterpartyIban: 'Kontonummer/IBAN',
      endToEndId: 'Kundenreferenz (End-to-End)',
      mandateId: 'Mandatsreferenz',
      creditorId: 'Glaeubiger ID',
      bookingText: 'Buchungstext',
      account: 'Auftragskonto',
    },
    sign: 'signed',
    pending: { column: 'Info', values: ['Umsatz vorgemerkt'] },
  },
  {
    id: 'n26',
    label: 'N26 CSV (German headers)',
    delimiter: ',',
    encoding: 'windows-1252',
    dateFormat: 'YYYY-MM-DD',
    decimal: '.',
    signature: ['Datum', 'Empfänger', 'Kontonummer', 'Transaktionstyp', 'Verwendungszweck', 'Betrag (EUR)'],
    columns: {
      date: 'Datum',
      amount: 'Betrag (EUR)',
      description: ['Verwendungszweck'],
      counterparty: 'Empfänger',
      counterpartyIban: 'Kontonummer',
      bookingText: 'Transaktionstyp',
      category: 'Kategorie',
    },
    currency: 'EUR',
    sign: 'signed',
  },
  {
    // Monzo's "created" is a UTC timestamp; its calendar date is taken as written.
    id: 'monzo',
    label: 'Monzo CSV',
    delimiter: ',',
    encoding: 'windows-1252',
    dateFormat: 'YYYY-MM-DD HH:mm:ss Z',
    decimal: '.',
    signature: ['id', 'created', 'amount', 'currency', 'local_amount', 'local_currency', 'description'],
    columns: {
      date: 'created',
      amount: 'amount',
      currency: 'currency',
      description: ['description', 'notes'],
      counterparty: 'description',
      reference: 'id',
      category: 'category',
    },
    sign: 'signed',
  },
  {
    id: 'bunq',
    label: 'bunq CSV',
    delimiter: ',',
    encoding: 'windows-1252',
    dateFormat: 'YYYY-MM-DD',
    decimal: ',',
    signature: ['Datum', 'Bedrag', 'Rekening', 'Tegenrekening', 'Naam', 'Omschrijving'],
    columns: {
      date: 'Datum',
      amount: 'Bedrag',
      description: ['Omschrijving'],
      counterparty: 'Naam',
      counterpartyIban: 'Tegenrekening',
      account: 'Rekening',
    },
    currency: 'EUR',
    sign: 'signed',
  },
  {
    // The export names no currency; Bank of Ireland's Republic accounts are EUR.
    id: 'bank-of-ireland',
    label: 'Bank of Ireland CSV',
    delimiter: ',',
    encoding: 'windows-1252',
    dateFormat: 'DD/MM/YYYY',
    decimal: '.',
    signature: ['Date', 'Details', 'Debit', 'Credit', 'Balance'],
    columns: { date: 'Date', debit: 'Debit', credit: 'Credit', description: ['Details'] },
    currency: 'EUR',
    sign: 'debit-credit',
  },
];
