import {
  StatementFormatError,
  type StatedBalance,
  type StatementEvent,
  type StatementParser,
  type StatementRow,
} from '../types.js';
import { decodeHead, delimiterName, endsWithLineBreak, isBlank, readHead, readRecords } from './text.js';
import { asIban, checkCurrency, collapse, orNull, parseAmount, parseDate, rawRecord, ValueError } from './values.js';

/**
 * ING Germany's "Umsatzanzeige" export. Hand-written rather than a preset because of its header
 * block (IBAN, Kontoname, Zeitraum, Saldo) and its two columns both named "Währung"; the
 * tokenizing underneath is csv-parse's like every other CSV.
 */
const FORMAT = 'ing-de-csv';
const DATE = 'DD.MM.YYYY';
const FIRST_LINE = /^\uFEFF?"?Umsatzanzeige"?([;,\t|])/;
const HEADER_LINE = /^\uFEFF?"?Buchung"?([;,\t|])"?Valuta"?\1/m;

function detect(head: Buffer): number {
  const { text } = decodeHead(head);
  if (FIRST_LINE.test(text)) return 100;
  if (HEADER_LINE.test(text)) return 90;
  return 0;
}

interface Columns {
  count: number;
  line: number;
  header: string[];
  booking: number;
  value: number;
  counterparty: number;
  bookingText: number;
  category: number;
  purpose: number;
  balance: number;
  balanceCurrency: number;
  amount: number;
  currency: number;
}

function columnsOf(header: string[], line: number): Columns {
  const names = header.map((h) => h.trim());
  const at = (name: string, from = 0): number => names.indexOf(name, from);
  const amount = at('Betrag');
  const balance = at('Saldo');
  const currency = amount < 0 ? -1 : at('Währung', amount + 1);
  if (amount < 0 || currency < 0) {
    throw new StatementFormatError(
      FORMAT,
      line,
      `the column header has no "Betrag" followed by "Währung" (found: ${names.join(', ')}); this is not an ING Umsatzanzeige layout Trax knows, so export it again from ING's online banking`,
    );
  }
  return {
    count: names.length,
    line,
    header: names,
    booking: 0,
    value: at('Valuta'),
    counterparty: at('Auftraggeber/Empfänger'),
    bookingText: at('Buchungstext'),
    category: at('Kategorie'),
    purpose: at('Verwendungszweck'),
    balance,
    balanceCurrency: balance < 0 ? -1 : at('Währung', balance + 1),
    amount,
    currency,
  };
}

/** Header-block value: "Saldo;3.599,03;EUR" keeps its second and third fields. */
interface Meta {
  iban: string | null;
  name: string | null;
  periodFrom: string | null;
  periodTo: string | null;
  saldo: StatedBalance | null;
  sort: 'asc' | 'desc' | null;
}

function readMeta(meta: Meta, fields: string[], line: number): void {
  const key = fields[0]?.trim();
  const val = fields[1]?.trim() ?? '';
  try {
    if (key === 'IBAN') meta.iban = asIban(val);
    else if (key === 'Kontoname') meta.name = orNull(val);
    else if (key === 'Zeitraum') {
      const m = /^(\S+)\s*-\s*(\S+)$/.exec(val);
      if (m) {
        meta.periodFrom = parseDate(m[1]!, DATE, 'period start');
        meta.periodTo = parseDate(m[2]!, DATE, 'period end');
      }
    } else if (key === 'Saldo') {
      const currency = checkCurrency(fields[2] ?? '');
      meta.saldo = { minor: parseAmount(val, ',', currency, 'balance'), currency, date: null };
    } else if (key === 'Sortierung') {
      if (/aufsteigend/i.test(val)) meta.sort = 'asc';
      else if (/absteigend/i.test(val)) meta.sort = 'desc';
    }
  } catch (err) {
    if (err instanceof ValueError) throw new StatementFormatError(FORMAT, line, err.message);
    throw err;
  }
}

interface Booked {
  date: string;
  amount: number;
  balance: StatedBalance | null;
}

function readRow(c: Columns, f: string[], line: number): { row: StatementRow; booked: Booked } {
  const cell = (i: number): string => (i < 0 ? '' : (f[i] ?? ''));
  try {
    const currency = checkCurrency(cell(c.currency));
    const amountMinor = parseAmount(cell(c.amount), ',', currency);
    const bookingDate = parseDate(cell(c.booking), DATE, 'booking date');
    const valueText = cell(c.value).trim();
    const valueDate = valueText === '' ? null : parseDate(valueText, DATE, 'value date');
    let balance: StatedBalance | null = null;
    const balanceText = cell(c.balance).trim();
    if (balanceText !== '') {
      const bc = c.balanceCurrency < 0 ? currency : checkCurrency(cell(c.balanceCurrency));
      balance = { minor: parseAmount(balanceText, ',', bc, 'balance'), currency: bc, date: bookingDate };
    }
    const counterpartyName = orNull(cell(c.counterparty));
    const row: StatementRow = {
      bookingDate,
      valueDate,
      amountMinor,
      currency,
      description: collapse(cell(c.purpose)),
      counterpartyName,
      counterpartyIban: null,
      endToEndId: null,
      mandateId: null,
      creditorId: null,
      bankReference: null,
      bookingText: orNull(cell(c.bookingText)),
      fileCategory: orNull(cell(c.category)),
      pending: false,
      reversal: false,
      position: line,
      raw: rawRecord(c.header, f),
    };
    return { row, booked: { date: bookingDate, amount: amountMinor, balance } };
  } catch (err) {
    if (err instanceof ValueError) throw new StatementFormatError(FORMAT, line, err.message);
    throw err;
  }
}

async function* parse(path: string): AsyncGenerator<StatementEvent> {
  const head = await readHead(path);
  const { text, encoding } = decodeHead(head);
  if (text.trim() === '') {
    throw new StatementFormatError(FORMAT, null, 'the file is empty; download the Umsatzanzeige again from ING');
  }
  const lines = text.split(/\r\n|\r|\n/);
  const sepLine = lines.findIndex((l) => FIRST_LINE.test(l) || HEADER_LINE.test(l));
  const sep = sepLine < 0 ? ';' : (FIRST_LINE.exec(lines[sepLine]!) ?? HEADER_LINE.exec(lines[sepLine]!))![1]!;
  if (sep !== ';') {
    throw new StatementFormatError(
      FORMAT,
      sepLine + 1,
      `the file separates fields with ${delimiterName(sep)} where ING's export uses ";", so a spreadsheet program probably re-saved it; import the original file downloaded from ING`,
    );
  }
  const endsClean = await endsWithLineBreak(path);

  const meta: Meta = { iban: null, name: null, periodFrom: null, periodTo: null, saldo: null, sort: null };
  let cols: Columns | null = null;
  let first: Booked | null = null;
  let last: Booked | null = null;
  let sawAnything = false;
  for await (const rec of readRecords(path, { format: FORMAT, delimiter: ';', encoding })) {
    if (isBlank(rec.fields)) continue;
    sawAnything = true;
    if (!cols) {
      if (rec.fields[0]?.trim() === 'Buchung' && rec.fields[1]?.trim() === 'Valuta') {
        cols = columnsOf(rec.fields, rec.line);
        yield {
          kind: 'statement',
          account: { iban: meta.iban, accountNumber: null, currency: meta.saldo?.currency ?? null, name: meta.name, bic: null },
        };
      } else readMeta(meta, rec.fields, rec.line);
      continue;
    }
    if (rec.fields.length !== cols.count) throw columnCountError(cols, rec.fields.length, rec.line, rec.last && !endsClean);
    const { row, booked } = readRow(cols, rec.fields, rec.line);
    first ??= booked;
    last = booked;
    yield { kind: 'row', row };
  }
  if (!cols) {
    if (!sawAnything)
      throw new StatementFormatError(FORMAT, null, 'the file is empty; download the Umsatzanzeige again from ING');
    throw new StatementFormatError(
      FORMAT,
      null,
      'the file ends before the column header line "Buchung;Valuta;…", so the download looks cut off; download the Umsatzanzeige again from ING',
    );
  }
  yield { kind: 'balances', ...balances(meta, first, last) };
}

function columnCountError(cols: Columns, found: number, line: number, cutOff: boolean): StatementFormatError {
  if (cutOff && found < cols.count) {
    return new StatementFormatError(
      FORMAT,
      line,
      `the file stops in the middle of this line (${found} of ${cols.count} fields), so the download looks cut off; download the Umsatzanzeige again from ING`,
    );
  }
  return new StatementFormatError(
    FORMAT,
    line,
    `this line has ${found} fields where the column header on line ${cols.line} has ${cols.count}; a ";" inside a text may have lost its quotes when the file was edited, so import the original download from ING`,
  );
}

/**
 * Closing balance from the header's Saldo line; opening from the oldest row's running balance
 * minus its own amount, so the pipeline can check opening + entries = closing independently of
 * the Saldo line. ING sorts newest first unless the file says otherwise.
 */
function balances(
  meta: Meta,
  first: Booked | null,
  last: Booked | null,
): { opening: StatedBalance | null; closing: StatedBalance | null } {
  let closing: StatedBalance | null = meta.saldo ? { ...meta.saldo, date: meta.periodTo } : null;
  if (!first || !last) return { opening: null, closing };
  const ascending = meta.sort ? meta.sort === 'asc' : first.date < last.date;
  const oldest = ascending ? first : last;
  const newest = ascending ? last : first;
  closing ??= newest.balance;
  const opening = oldest.balance
    ? { minor: oldest.balance.minor - oldest.amount, currency: oldest.balance.currency, date: meta.periodFrom ?? oldest.date }
    : null;
  return { opening, closing };
}

export const ingDeCsv: StatementParser = {
  id: FORMAT,
  label: 'ING Germany CSV (Umsatzanzeige)',
  detect,
  parse: (path) => parse(path),
};
