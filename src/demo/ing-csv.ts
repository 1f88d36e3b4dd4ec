import iconv from 'iconv-lite';

/**
 * Writes ING Germany's "Umsatzanzeige" CSV the way online banking exports it (current layout,
 * with the Kategorie column): a header block, `;` separators, DD.MM.YYYY dates, amounts with a
 * decimal comma and thousands dots, CRLF line ends, Windows-1252 bytes, newest row first.
 * Only the writer: which rows go in is the caller's business.
 */

export interface IngCsvRow {
  /** YYYY-MM-DD */
  bookingDate: string;
  valueDate: string;
  counterparty: string;
  bookingText: string;
  category: string;
  purpose: string;
  /** Booked balance after this row, minor units. */
  balanceCents: number;
  amountCents: number;
}

export interface IngCsvStatement {
  iban: string;
  accountName: string;
  customer: string;
  currency: string;
  /** YYYY-MM-DD, the period the export was asked for. */
  from: string;
  to: string;
  /** Booked balance at the end of `to`. */
  closingCents: number;
  /** When the file was made; printed in German local time like ING does. */
  createdAt: Date;
  /** Oldest first, as booked; written newest first. */
  rows: IngCsvRow[];
}

const COLUMNS = [
  'Buchung',
  'Valuta',
  'Auftraggeber/Empfänger',
  'Buchungstext',
  'Kategorie',
  'Verwendungszweck',
  'Saldo',
  'Währung',
  'Betrag',
  'Währung',
];

const NOTE =
  'In der CSV-Datei finden Sie alle bereits gebuchten Umsätze. Die vorgemerkten Umsätze werden nicht aufgenommen, auch wenn sie in Ihrem Internetbanking angezeigt werden.';

export function ingCsvBytes(s: IngCsvStatement): Buffer {
  const lines: string[][] = [
    ['Umsatzanzeige', `Datei erstellt am: ${germanTimestamp(s.createdAt)}`],
    ['', 'Letztes Update: aktuell'],
    [],
    ['IBAN', groupedIban(s.iban)],
    ['Kontoname', s.accountName],
    ['Bank', 'ING'],
    ['Kunde', s.customer],
    ['Zeitraum', `${germanDate(s.from)} - ${germanDate(s.to)}`],
    ['Saldo', germanAmount(s.closingCents), s.currency],
    [],
    ['Sortierung', 'Datum absteigend'],
    [],
    [NOTE],
    [],
    COLUMNS,
  ];
  for (let i = s.rows.length - 1; i >= 0; i--) {
    const r = s.rows[i]!;
    lines.push([
      germanDate(r.bookingDate),
      germanDate(r.valueDate),
      r.counterparty,
      r.bookingText,
      r.category,
      r.purpose,
      germanAmount(r.balanceCents),
      s.currency,
      germanAmount(r.amountCents),
      s.currency,
    ]);
  }
  const text = lines.map((fields) => fields.map(field).join(';')).join('\r\n') + '\r\n';
  return encodeWindows1252(text);
}

/** ING leaves fields bare; quoting only where a bare field could not be read back. */
function field(value: string): string {
  if (!/[;"\r\n]/.test(value)) return value;
  return `"${value.replace(/"/g, '""')}"`;
}

function encodeWindows1252(text: string): Buffer {
  const bytes = iconv.encode(text, 'windows-1252');
  // iconv-lite writes "?" for what Windows-1252 lacks; a silent substitution would change a text.
  if (iconv.decode(bytes, 'windows-1252') !== text) {
    throw new Error('ING CSV: a text has characters Windows-1252 cannot hold');
  }
  return bytes;
}

/** 123456 → "1.234,56"; -5 → "-0,05". Integer arithmetic only. */
export function germanAmount(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new Error(`not an amount in minor units: ${cents}`);
  const abs = Math.abs(cents);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const frac = String(abs % 100).padStart(2, '0');
  return `${cents < 0 ? '-' : ''}${whole},${frac}`;
}

/** YYYY-MM-DD → DD.MM.YYYY */
export function germanDate(day: string): string {
  return `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`;
}

function groupedIban(iban: string): string {
  return iban.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/** German wall-clock time whatever the machine's zone, so the bytes depend only on the instant. */
function germanTimestamp(at: Date): string {
  const parts = new Intl.DateTimeFormat('de-DE', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}.${part('month')}.${part('year')} ${part('hour')}:${part('minute')}`;
}
