import {
  StatementFormatError,
  type ParseOptions,
  type StatementAccount,
  type StatementEvent,
  type StatementParser,
  type StatementRow,
} from '../types.js';
import type { CsvPreset, PresetColumns } from './presets.js';
import {
  DELIMITERS,
  decodeHead,
  delimiterName,
  detectEncoding,
  endsWithLineBreak,
  headRecords,
  isBlank,
  readHead,
  readRecords,
} from './text.js';
import {
  asIban,
  checkCurrency,
  collapse,
  orNull,
  parseAmount,
  parseDate,
  rawRecord,
  splitSepaTags,
  ValueError,
} from './values.js';

/** How far down a file the header row may sit (DKB and others put an account preamble above it). */
const HEADER_SEARCH_LINES = 60;

const norm = (s: string): string => s.normalize('NFC').trim().toLowerCase();

function isHeader(fields: string[], signature: readonly string[]): boolean {
  const names = new Set(fields.map(norm));
  return signature.every((s) => names.has(norm(s)));
}

/** Where in the head the preset's header row is, and under which delimiter. */
function locateHeader(preset: CsvPreset, head: Buffer): { delimiter: string; line: number } | null {
  const { text } = decodeHead(head, preset.encoding);
  const lines = text.split(/\r\n|\r|\n/, HEADER_SEARCH_LINES);
  const order = [preset.delimiter, ...DELIMITERS.filter((d) => d !== preset.delimiter)];
  for (const delimiter of order) {
    const index = lines.findIndex(
      (l) => l.includes(delimiter) && isHeader(headRecords(l, delimiter, 1)[0] ?? [], preset.signature),
    );
    if (index >= 0) return { delimiter, line: index + 1 };
  }
  return null;
}

/**
 * A preset whose columns appear with its own delimiter scores above 50 (more signature columns =
 * more specific); with another delimiter it still claims the file, lower, so that parse can say
 * the file was re-saved by a spreadsheet instead of "unknown format".
 */
export function presetScore(preset: CsvPreset, head: Buffer): number {
  const found = locateHeader(preset, head);
  if (!found) return 0;
  return (found.delimiter === preset.delimiter ? 50 : 10) + preset.signature.length;
}

type Index = { [K in keyof PresetColumns]-?: PresetColumns[K] extends string[] ? number[] : number };

function indexColumns(preset: CsvPreset, header: string[], line: number, format: string): Index {
  const names = header.map(norm);
  const at = (name: string | undefined, required: boolean): number => {
    if (name === undefined) return -1;
    const i = names.indexOf(norm(name));
    if (i < 0 && required) {
      throw new StatementFormatError(
        format,
        line,
        `the header row has no column "${name}" (found: ${header.map((h) => h.trim()).join(', ')}); check the column names${preset.id === 'mapped' ? ' given with --map' : ''}`,
      );
    }
    return i;
  };
  const c = preset.columns;
  return {
    date: at(c.date, true),
    valueDate: at(c.valueDate, true),
    amount: at(c.amount, true),
    debit: at(c.debit, true),
    credit: at(c.credit, true),
    currency: at(c.currency, true),
    description: c.description.map((d) => at(d, true)),
    counterparty: at(c.counterparty, false),
    counterpartyIban: at(c.counterpartyIban, false),
    endToEndId: at(c.endToEndId, false),
    mandateId: at(c.mandateId, false),
    creditorId: at(c.creditorId, false),
    reference: at(c.reference, false),
    bookingText: at(c.bookingText, false),
    category: at(c.category, false),
    account: at(c.account, false),
  };
}

function accountFrom(value: string | null, currency: string | null): StatementAccount {
  const iban = asIban(value);
  return { iban, accountNumber: iban ? null : orNull(value ?? ''), currency, name: null, bic: null };
}

function readAmount(preset: CsvPreset, ix: Index, cell: (i: number) => string, currency: string): number {
  if (preset.sign === 'debit-credit') {
    const debit = cell(ix.debit).trim();
    const credit = cell(ix.credit).trim();
    const out = debit === '' ? 0 : -Math.abs(parseAmount(debit, preset.decimal, currency, 'debit amount'));
    const inn = credit === '' ? 0 : parseAmount(credit, preset.decimal, currency, 'credit amount');
    if (debit === '' && credit === '') throw new ValueError('both the debit and the credit column are empty');
    if (out !== 0 && inn !== 0)
      throw new ValueError(`both the debit (${debit}) and the credit (${credit}) column hold an amount`);
    return out !== 0 ? out : inn;
  }
  const minor = parseAmount(cell(ix.amount), preset.decimal, currency);
  return preset.sign === 'inverted' ? -minor || 0 : minor;
}

/** Turns one preset and one file into statement events; the only CSV reader besides ING's. */
export async function* readTable(
  preset: CsvPreset,
  path: string,
  options: ParseOptions,
  format = `csv:${preset.id}`,
): AsyncGenerator<StatementEvent> {
  const head = await readHead(path);
  if (decodeHead(head, preset.encoding).text.trim() === '') {
    throw new StatementFormatError(format, null, `the file is empty; download the ${preset.label} export again from your bank`);
  }
  const found = locateHeader(preset, head);
  if (!found) {
    throw new StatementFormatError(
      format,
      null,
      `no line among the first ${HEADER_SEARCH_LINES} holds the columns ${preset.signature.join(', ')}, so this is not a ${preset.label} export; pick another format or name the columns with --map`,
    );
  }
  if (found.delimiter !== preset.delimiter) {
    throw new StatementFormatError(
      format,
      found.line,
      `the file separates fields with ${delimiterName(found.delimiter)} where ${preset.label} exports use ${delimiterName(preset.delimiter)}, so a spreadsheet program probably re-saved it; import the original download`,
    );
  }
  const endsClean = await endsWithLineBreak(path);
  const encoding = detectEncoding(head, preset.encoding);

  let header: string[] | null = null;
  let headerLine = 0;
  let ix: Index | null = null;
  let account: string | null = null;
  let started = false;
  const pendingValues = new Set((preset.pending?.values ?? []).map(norm));
  let pendingIx = -1;
  for await (const rec of readRecords(path, { format, delimiter: preset.delimiter, encoding })) {
    if (isBlank(rec.fields)) continue;
    if (!header) {
      if (isHeader(rec.fields, preset.signature)) {
        header = rec.fields.map((h) => h.trim());
        headerLine = rec.line;
        ix = indexColumns(preset, header, rec.line, format);
        pendingIx = preset.pending ? header.map(norm).indexOf(norm(preset.pending.column)) : -1;
      }
      continue;
    }
    const f = rec.fields;
    const fits = f.length === header.length || (f.length === header.length + 1 && f.at(-1)!.trim() === '');
    if (!fits) {
      if (rec.last && !endsClean && f.length < header.length) {
        throw new StatementFormatError(
          format,
          rec.line,
          `the file stops in the middle of this line (${f.length} of ${header.length} fields), so the download looks cut off; download it again from your bank`,
        );
      }
      throw new StatementFormatError(
        format,
        rec.line,
        `this line has ${f.length} fields where the header row on line ${headerLine} has ${header.length}; a ${delimiterName(preset.delimiter)} inside a text may have lost its quotes when the file was edited, so import the original download`,
      );
    }
    const cell = (i: number): string => (i < 0 ? '' : (f[i] ?? ''));
    const isPending = pendingIx >= 0 && pendingValues.has(norm(cell(pendingIx)));
    if (isPending && !options.includePending) continue;
    let row: StatementRow;
    try {
      row = readRow(preset, ix!, cell, header, f, rec.line, isPending);
    } catch (err) {
      if (err instanceof ValueError) throw new StatementFormatError(format, rec.line, err.message);
      throw err;
    }
    // The statement starts at the first row so that its currency can come from a currency column.
    const acct = ix!.account >= 0 ? collapse(cell(ix!.account)) : null;
    if (!started || acct !== account) {
      account = acct;
      started = true;
      yield { kind: 'statement', account: accountFrom(acct, preset.currency ?? row.currency) };
    }
    yield { kind: 'row', row };
  }
  if (!header) {
    throw new StatementFormatError(
      format,
      null,
      'the file ends before its header row, so the download looks cut off; download it again from your bank',
    );
  }
  if (!started) yield { kind: 'statement', account: accountFrom(null, preset.currency ?? null) };
}

function readRow(
  preset: CsvPreset,
  ix: Index,
  cell: (i: number) => string,
  header: string[],
  fields: string[],
  line: number,
  pending: boolean,
): StatementRow {
  const currency = ix.currency >= 0 ? checkCurrency(cell(ix.currency)) : preset.currency!;
  const amountMinor = readAmount(preset, ix, cell, currency);
  const bookingDate = parseDate(cell(ix.date), preset.dateFormat, 'booking date');
  const valueText = cell(ix.valueDate).trim();
  const valueDate = valueText === '' ? null : parseDate(valueText, preset.dateFormat, 'value date');
  let description = collapse(ix.description.map(cell).join(' '));
  let endToEndId = orNull(cell(ix.endToEndId));
  let mandateId = orNull(cell(ix.mandateId));
  let creditorId = orNull(cell(ix.creditorId));
  if (preset.sepaTags) {
    const sepa = splitSepaTags(description);
    description = sepa.description;
    endToEndId ??= sepa.endToEndId;
    mandateId ??= sepa.mandateId;
    creditorId ??= sepa.creditorId;
  }
  if (endToEndId === 'NOTPROVIDED') endToEndId = null;
  const counterpartyName = orNull(cell(ix.counterparty));
  const bookingText = orNull(cell(ix.bookingText));
  return {
    bookingDate,
    valueDate,
    amountMinor,
    currency,
    // Some exports leave the purpose empty (N26 card payments); the payee is then what a person recognizes.
    description: description || counterpartyName || bookingText || '',
    counterpartyName,
    counterpartyIban: asIban(cell(ix.counterpartyIban)),
    endToEndId,
    mandateId,
    creditorId,
    bankReference: orNull(cell(ix.reference)),
    bookingText,
    fileCategory: orNull(cell(ix.category)),
    pending,
    reversal: false,
    position: line,
    raw: rawRecord(header, fields),
  };
}

export function presetParser(preset: CsvPreset): StatementParser {
  return {
    id: `csv:${preset.id}`,
    label: preset.label,
    detect: (head) => presetScore(preset, head),
    parse: (path, options) => readTable(preset, path, options),
  };
}
