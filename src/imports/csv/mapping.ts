import { StatementFormatError, type StatementParser } from '../types.js';
import type { CsvPreset, PresetColumns } from './presets.js';
import { readTable } from './table-reader.js';
import { DELIMITERS, decodeHead, headRecords, readHead, type Delimiter } from './text.js';
import { compileDateFormat, isKnownCurrency, parseDate, ValueError, type DecimalSeparator } from './values.js';

/**
 * Unknown CSVs: the user names the columns (`--map date=Buchungstag,amount=Betrag,...` or the
 * web's column picker) and the mapping becomes an ad-hoc preset read by the same table reader.
 */

/** A mistake in a --map string: a usage error (exit code 2), one sentence naming the key. */
export class CsvMapError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvMapError';
  }
}

const COLUMN_KEYS = [
  'date',
  'valueDate',
  'amount',
  'debit',
  'credit',
  'currency',
  'description',
  'counterparty',
  'counterpartyIban',
  'endToEndId',
  'reference',
  'category',
  'bookingText',
  'account',
] as const;
const SETTING_KEYS = ['currencyCode', 'dateFormat', 'decimal', 'delimiter', 'sign'] as const;
const ALL_KEYS: readonly string[] = [...COLUMN_KEYS, ...SETTING_KEYS];

const DELIMITER_WORDS: Record<string, Delimiter> = { semicolon: ';', ';': ';', comma: ',', tab: '\t', pipe: '|', '|': '|' };
const DECIMAL_WORDS: Record<string, DecimalSeparator> = { comma: ',', dot: '.', point: '.', '.': '.' };

/** Parses and checks a `--map` string into the record ParseOptions.csvMapping holds. */
export function parseCsvMap(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) throw new CsvMapError(`--map part "${part.trim()}" is not KEY=COLUMN; write it like date=Buchungstag.`);
    const rawKey = part.slice(0, eq).trim();
    const key = ALL_KEYS.find((k) => k.toLowerCase() === rawKey.toLowerCase());
    if (!key) throw new CsvMapError(`--map has an unknown key "${rawKey}"; use ${ALL_KEYS.join(', ')}.`);
    if (key in out) throw new CsvMapError(`--map names the key "${key}" twice; keep one.`);
    out[key] = part.slice(eq + 1).trim();
  }
  checkCsvMap(out);
  return out;
}

/** The same checks for a mapping that did not come from a --map string (the web's column picker, a saved mapping). */
export function checkCsvMap(map: Record<string, string>): void {
  for (const [key, value] of Object.entries(map)) {
    if (!ALL_KEYS.includes(key)) throw new CsvMapError(`--map has an unknown key "${key}"; use ${ALL_KEYS.join(', ')}.`);
    if (value === '') throw new CsvMapError(`--map key "${key}" has no value; write ${key}=COLUMN.`);
  }
  if (!map.date) throw new CsvMapError('--map needs the key "date" naming the booking-date column, e.g. date=Buchungstag.');
  if (map.amount && (map.debit || map.credit)) {
    throw new CsvMapError(
      '--map key "amount" cannot be combined with "debit"/"credit"; use either one amount column or the two.',
    );
  }
  if (!map.amount && !(map.debit && map.credit)) {
    throw new CsvMapError('--map needs the key "amount" (or both "debit" and "credit"), e.g. amount=Betrag.');
  }
  if (!map.currency && !map.currencyCode) {
    throw new CsvMapError(
      '--map needs the key "currency" naming a currency column or "currencyCode" with a code, e.g. currencyCode=EUR.',
    );
  }
  if (map.currency && map.currencyCode)
    throw new CsvMapError('--map key "currencyCode" cannot be combined with "currency"; keep one.');
  if (map.currencyCode) {
    if (!/^[A-Za-z]{3}$/.test(map.currencyCode) || !isKnownCurrency(map.currencyCode)) {
      throw new CsvMapError(`--map key "currencyCode" has "${map.currencyCode}", which is not an ISO 4217 code like EUR.`);
    }
  }
  if (map.dateFormat) {
    try {
      compileDateFormat(map.dateFormat);
    } catch (err) {
      throw new CsvMapError(`--map key "dateFormat": ${(err as Error).message}, e.g. dateFormat=DD.MM.YYYY.`);
    }
  }
  if (map.decimal && !DECIMAL_WORDS[map.decimal.toLowerCase()]) {
    throw new CsvMapError(`--map key "decimal" has "${map.decimal}"; use decimal=comma or decimal=dot.`);
  }
  if (map.delimiter && !DELIMITER_WORDS[map.delimiter.toLowerCase()]) {
    throw new CsvMapError(`--map key "delimiter" has "${map.delimiter}"; use semicolon, comma, tab or pipe.`);
  }
  if (map.sign && !['signed', 'inverted'].includes(map.sign)) {
    throw new CsvMapError(
      `--map key "sign" has "${map.sign}"; use sign=signed (negative is money out) or sign=inverted (positive is money out).`,
    );
  }
}

/** A CSV's header row as the web's column picker shows it, with the delimiter it was found under. */
export interface CsvColumns {
  delimiter: Delimiter;
  /** 1-based line of the header row. */
  line: number;
  columns: string[];
}

/**
 * Guesses the delimiter and header row of an unknown CSV from its first bytes: the delimiter
 * under which most lines split into the same number (at least two) of fields, and the first line
 * with that count (preamble lines above it have fewer).
 */
export function listCsvColumns(head: Buffer, delimiter?: Delimiter): CsvColumns | null {
  const { text } = decodeHead(head);
  const lines = text.split(/\r\n|\r|\n/, 60);
  let best: (CsvColumns & { support: number }) | null = null;
  for (const d of delimiter ? [delimiter] : DELIMITERS) {
    const counts = lines.map((l) => (l.trim() === '' ? 0 : (headRecords(l, d, 1)[0]?.length ?? 0)));
    const tally = new Map<number, number>();
    for (const n of counts) if (n >= 2) tally.set(n, (tally.get(n) ?? 0) + 1);
    for (const [n, support] of tally) {
      if (support < 2 && !(delimiter && support === 1)) continue;
      if (best && (support < best.support || (support === best.support && n <= best.columns.length))) continue;
      const index = counts.indexOf(n);
      best = { delimiter: d, line: index + 1, columns: headRecords(lines[index]!, d, 1)[0]!.map((c) => c.trim()), support };
    }
  }
  if (!best) return null;
  const { support: _support, ...columns } = best;
  return columns;
}

const DATE_GUESSES = [
  'DD.MM.YYYY',
  'YYYY-MM-DD',
  'DD/MM/YYYY',
  'DD.MM.YY',
  'DD-MM-YYYY',
  'MM/DD/YYYY',
  'YYYYMMDD',
  'D.M.YYYY',
  'M/D/YYYY',
];

function sampleColumn(text: string, layout: CsvColumns, column: string): string[] {
  const i = layout.columns.findIndex((c) => c.toLowerCase() === column.toLowerCase());
  if (i < 0) return [];
  return text
    .split(/\r\n|\r|\n/)
    .slice(layout.line, layout.line + 200)
    .map((l) => headRecords(l, layout.delimiter, 1)[0]?.[i]?.trim() ?? '')
    .filter((v) => v !== '');
}

/** Builds the ad-hoc preset for a mapping, guessing what the mapping leaves out from the file's head. */
export function presetFromMapping(map: Record<string, string>, head: Buffer): CsvPreset {
  checkCsvMap(map);
  const format = 'csv:mapped';
  const wanted = map.delimiter ? DELIMITER_WORDS[map.delimiter.toLowerCase()] : undefined;
  const layout = listCsvColumns(head, wanted);
  if (!layout)
    throw new StatementFormatError(
      format,
      null,
      'no header row with at least two columns was found; check that the file is a CSV export',
    );
  const { text } = decodeHead(head);
  const decimal =
    (map.decimal && DECIMAL_WORDS[map.decimal.toLowerCase()]) ||
    guessDecimal(sampleColumn(text, layout, map.amount ?? map.debit!), layout.delimiter);
  let dateFormat = map.dateFormat;
  if (!dateFormat) {
    const dates = sampleColumn(text, layout, map.date!);
    dateFormat = DATE_GUESSES.find((f) => dates.length > 0 && dates.every((d) => parses(d, f)));
    if (!dateFormat) {
      throw new StatementFormatError(
        format,
        null,
        `the dates in column "${map.date}" (such as "${dates[0] ?? ''}") match no common format; add dateFormat= to --map, e.g. dateFormat=DD.MM.YYYY`,
      );
    }
  }
  const columns: PresetColumns = {
    date: map.date!,
    valueDate: map.valueDate,
    amount: map.amount,
    debit: map.debit,
    credit: map.credit,
    currency: map.currency,
    description: map.description ? map.description.split('+').map((s) => s.trim()) : [],
    counterparty: map.counterparty,
    counterpartyIban: map.counterpartyIban,
    endToEndId: map.endToEndId,
    reference: map.reference,
    category: map.category,
    bookingText: map.bookingText,
    account: map.account,
  };
  const signature = [
    columns.date,
    columns.amount,
    columns.debit,
    columns.credit,
    columns.currency,
    ...columns.description,
  ].filter((c): c is string => c !== undefined);
  return {
    id: 'mapped',
    label: 'CSV with a column mapping',
    delimiter: layout.delimiter,
    encoding: 'windows-1252',
    dateFormat,
    decimal,
    signature,
    columns,
    currency: map.currencyCode?.toUpperCase(),
    sign: map.debit ? 'debit-credit' : map.sign === 'inverted' ? 'inverted' : 'signed',
  };
}

function parses(text: string, format: string): boolean {
  try {
    parseDate(text, format);
    return true;
  } catch (err) {
    if (err instanceof ValueError) return false;
    throw err;
  }
}

function guessDecimal(amounts: string[], delimiter: Delimiter): DecimalSeparator {
  if (amounts.some((a) => /,\d{1,2}$/.test(a))) return ',';
  if (amounts.some((a) => /\.\d{1,2}$/.test(a))) return '.';
  return delimiter === ';' ? ',' : '.';
}

/**
 * The reader for CSVs no preset knows. It claims any delimited text at the lowest score, so an
 * unknown bank's CSV is answered with "name its columns with --map" instead of "not a statement".
 */
export const mappedCsv: StatementParser = {
  id: 'csv:mapped',
  label: 'CSV with a column mapping',
  // Three columns at least (date, amount, text): two-field lines also occur in MT940 and plain prose.
  detect: (head) => ((listCsvColumns(head)?.columns.length ?? 0) >= 3 ? 1 : 0),
  async *parse(path, options) {
    const head = await readHead(path);
    if (!options.csvMapping) {
      const layout = listCsvColumns(head);
      throw new StatementFormatError(
        'csv:mapped',
        layout?.line ?? null,
        `Trax knows no preset for this CSV${layout ? ` (columns: ${layout.columns.join(', ')})` : ''}; name its columns with --map date=COLUMN,amount=COLUMN,description=COLUMN,currencyCode=EUR`,
      );
    }
    let preset: CsvPreset;
    try {
      preset = presetFromMapping(options.csvMapping, head);
    } catch (err) {
      if (err instanceof CsvMapError) throw new StatementFormatError('csv:mapped', null, err.message.replace(/\.$/, ''));
      throw err;
    }
    yield* readTable(preset, path, options, 'csv:mapped');
  },
};
