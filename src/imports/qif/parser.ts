import { readFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { minorUnitDigits } from '../../domain/money.js';
import {
  StatementFormatError,
  type ParseOptions,
  type StatementEvent,
  type StatementParser,
  type StatementRow,
} from '../types.js';
import { forcedOrder, parseDayOrder, qifAmount, qifIsoDate, splitQifDate, type DayOrder, type QifDateParts } from './values.js';

const FORMAT = 'qif';

function fail(position: number | null, reason: string): never {
  throw new StatementFormatError(FORMAT, position, reason);
}

/** The account types whose records are bookings Trax keeps; `Oth A`/`Oth L` are other assets/liabilities. */
const BOOKING_TYPES: Record<string, string> = { bank: 'Bank', cash: 'Cash', ccard: 'CCard', 'oth a': 'Oth A', 'oth l': 'Oth L' };
/** Sections that are lists (categories, classes, securities, memorized payees), not bookings. */
const LIST_TYPES = new Set(['cat', 'class', 'memorized', 'security', 'prices', 'template']);

interface Field {
  code: string;
  value: string;
  line: number;
}
interface QifRecord {
  line: number;
  fields: Field[];
}
interface Block {
  type: string;
  accountName: string | null;
  records: QifRecord[];
}

export interface QifSplit {
  category: string | null;
  class: string | null;
  /** The other account of a transfer split (`S[Savings]`). */
  transfer: string | null;
  memo: string | null;
  amountMinor: number;
  percent: string | null;
  date: string | null;
}

/** What a QIF row keeps in `raw`: the fields Trax has no column for, and the split parts. */
export interface QifRaw {
  type: string;
  number: string | null;
  cleared: string | null;
  category: string | null;
  class: string | null;
  transfer: string | null;
  address: string[];
  splits: QifSplit[];
}

function detect(head: Buffer): number {
  const s = head.toString('latin1');
  return /^[ \t]*(\uFEFF|\xEF\xBB\xBF)?!(type:|account\b|option:|clear:)/im.test(s) ? 80 : 0;
}

/** QIF declares no character set: UTF-8 when the bytes are valid UTF-8, else Windows-1252 (Quicken's own). */
function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return iconv.decode(bytes, 'windows-1252');
  }
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * Reads the file's structure: blocks of booking records, each with the account the preceding
 * `!Account` named. Between `!Option:AutoSwitch` and `!Clear:AutoSwitch`, `!Account` records are
 * Quicken's account list, not the account of the bookings that follow, so they are skipped.
 */
function readBlocks(text: string): { blocks: Block[]; investmentLine: number | null } {
  const lines = text.split(/\r\n|\n|\r/);
  const blocks: Block[] = [];
  let investmentLine: number | null = null;
  let section: 'none' | 'account' | 'bookings' | 'skip' = 'none';
  let autoSwitch = false;
  let nextAccount: string | null = null;
  let record: QifRecord | null = null;

  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const content = lines[i]!.replace(/^\uFEFF/, '');
    if (content.trim() === '' || content.startsWith('#')) continue;
    if (content.startsWith('!')) {
      if (record && record.fields.length > 0 && section === 'bookings') {
        fail(record.line, 'the transaction is not closed by a "^" line before the next section');
      }
      record = null;
      const header = collapse(content).toLowerCase();
      if (header === '!option:autoswitch') autoSwitch = true;
      else if (header === '!clear:autoswitch') autoSwitch = false;
      else if (header === '!account') section = 'account';
      else if (header.startsWith('!type:')) {
        const type = header.slice('!type:'.length).trim();
        const booking = BOOKING_TYPES[type];
        if (booking) {
          blocks.push({ type: booking, accountName: nextAccount, records: [] });
          nextAccount = null;
          section = 'bookings';
        } else if (type === 'invst') {
          investmentLine ??= line;
          section = 'skip';
        } else if (LIST_TYPES.has(type)) section = 'skip';
        else fail(line, `"${content.trim()}" is not a QIF section Trax knows (Bank, Cash, CCard, Oth A, Oth L)`);
      } else if (header.startsWith('!option:') || header.startsWith('!clear:')) {
        // Other options (e.g. !Option:MDY from some exporters) carry nothing Trax needs.
      } else fail(line, `"${content.trim()}" is not a QIF header`);
      continue;
    }
    if (content.trimEnd() === '^') {
      if (record && section === 'account' && !autoSwitch) {
        nextAccount = collapse(record.fields.find((f) => f.code === 'N')?.value ?? '') || null;
      }
      if (record && section === 'bookings' && record.fields.length > 0) blocks.at(-1)!.records.push(record);
      record = null;
      continue;
    }
    if (section === 'none') fail(line, 'a QIF field comes before any !Type: header, so the file is not a QIF export');
    record ??= { line, fields: [] };
    record.fields.push({ code: content[0]!, value: content.slice(1), line });
  }
  if (record && record.fields.length > 0 && section === 'bookings') {
    fail(
      null,
      `the file ends inside the transaction that starts on line ${record.line} (no closing "^"); it looks truncated — export it again`,
    );
  }
  return { blocks, investmentLine };
}

/** The date fields a booking record holds (its own D and any D of its split parts). */
function dateFields(blocks: Block[]): Field[] {
  return blocks.flatMap((b) => b.records.flatMap((r) => r.fields.filter((f) => f.code === 'D')));
}

/**
 * QIF dates carry no order. The file decides when any date has a day above 12; `--date-format`
 * decides otherwise; a file that could be read both ways and has no such date is refused
 * rather than guessed, because a wrong guess moves every booking by months.
 */
function resolveDayOrder(fields: Field[], option: string | undefined): { order: DayOrder; parts: Map<Field, QifDateParts> } {
  const parts = new Map<Field, QifDateParts>();
  for (const f of fields) {
    const p = splitQifDate(f.value);
    if (!p) fail(f.line, `"${f.value.trim()}" is not a QIF date (like 12/31/2024, 31.12.2024 or 12/31'24)`);
    parts.set(f, p);
  }
  if (option !== undefined) {
    const order = parseDayOrder(option);
    if (!order)
      throw new StatementFormatError(
        FORMAT,
        null,
        `--date-format "${option}" is not DMY, MDY or YMD; pass --date-format DMY or MDY`,
      );
    return { order, parts };
  }
  let dmy: Field | null = null;
  let mdy: Field | null = null;
  let ambiguous: Field | null = null;
  for (const [f, p] of parts) {
    const forced = forcedOrder(p);
    if (forced === 'DMY') dmy ??= f;
    else if (forced === 'MDY') mdy ??= f;
    else if (forced === null && p.a !== p.b) ambiguous ??= f;
  }
  if (dmy && mdy) {
    fail(
      mdy.line,
      `the file has day/month dates (line ${dmy.line}) and month/day dates (line ${mdy.line}); pass --date-format DMY or MDY`,
    );
  }
  if (dmy) return { order: 'DMY', parts };
  if (mdy) return { order: 'MDY', parts };
  if (ambiguous) {
    fail(
      ambiguous.line,
      `QIF dates like "${ambiguous.value.trim()}" can be read as day/month or month/day and nothing in this file tells which; pass --date-format DMY or --date-format MDY`,
    );
  }
  return { order: 'MDY', parts };
}

/** `L`/`S` values: `Category:Sub/Class`, or `[Account]/Class` for a transfer. */
function category(value: string): { category: string | null; class: string | null; transfer: string | null } {
  const text = collapse(value);
  if (text === '' || text === '--Split--') return { category: null, class: null, transfer: null };
  const slash = text.indexOf('/');
  const main = slash < 0 ? text : text.slice(0, slash);
  const cls = slash < 0 ? null : collapse(text.slice(slash + 1)) || null;
  const transfer = /^\[(.*)\]$/.exec(main);
  if (transfer) return { category: null, class: cls, transfer: collapse(transfer[1]!) };
  return { category: main || null, class: cls, transfer: null };
}

function toRow(block: Block, record: QifRecord, currency: string, date: (f: Field) => string): StatementRow {
  let bookingDate: string | null = null;
  let total: { minor: number; field: Field } | null = null;
  let payee = '';
  let memo = '';
  const raw: QifRaw = {
    type: block.type,
    number: null,
    cleared: null,
    category: null,
    class: null,
    transfer: null,
    address: [],
    splits: [],
  };
  const amount = (f: Field): number => {
    try {
      return qifAmount(f.value, currency);
    } catch (err) {
      fail(f.line, `"${f.value.trim()}" is not an amount in ${currency} (${(err as Error).message})`);
    }
  };
  let split: (QifSplit & { line: number; hasAmount: boolean }) | null = null;
  const splits: (QifSplit & { line: number; hasAmount: boolean })[] = [];
  for (const f of record.fields) {
    if (f.code === 'S') {
      split = { ...category(f.value), memo: null, amountMinor: 0, percent: null, date: null, line: f.line, hasAmount: false };
      splits.push(split);
      continue;
    }
    if (split && (f.code === 'E' || f.code === '$' || f.code === '%' || f.code === 'D')) {
      if (f.code === 'E') split.memo = collapse(f.value) || null;
      else if (f.code === '%') split.percent = collapse(f.value) || null;
      else if (f.code === 'D') split.date = date(f);
      else {
        split.amountMinor = amount(f);
        split.hasAmount = true;
      }
      continue;
    }
    switch (f.code) {
      case 'D':
        bookingDate = date(f);
        break;
      case 'T':
      case 'U': {
        const minor = amount(f);
        if (total && total.minor !== minor) {
          fail(
            f.line,
            `the amounts ${total.field.value.trim()} (line ${total.field.line}) and ${f.value.trim()} of one transaction differ`,
          );
        }
        total = { minor, field: f };
        break;
      }
      case 'P':
        payee = collapse(f.value);
        break;
      case 'M':
        memo = collapse(f.value);
        break;
      case 'N':
        raw.number = collapse(f.value) || null;
        break;
      case 'C':
        raw.cleared = collapse(f.value) || null;
        break;
      case 'A':
        raw.address.push(collapse(f.value));
        break;
      case 'L':
        Object.assign(raw, category(f.value));
        break;
      default:
      // Other codes (F reimbursable flag, 1–7 budget fields) describe nothing Trax stores.
    }
  }
  if (!bookingDate) fail(record.line, 'the transaction has no date (no D line)');
  if (!total) fail(record.line, 'the transaction has no amount (no T line)');
  if (splits.length > 0) {
    const missing = splits.find((s) => !s.hasAmount);
    if (missing) fail(missing.line, 'the split part has no amount ($ line)');
    const sum = splits.reduce((acc, s) => acc + s.amountMinor, 0);
    if (sum !== total.minor) {
      fail(
        total.field.line,
        `the split parts add up to ${sum} minor units of ${currency}, not to the transaction's ${total.minor}`,
      );
    }
    raw.splits = splits.map(({ line: _line, hasAmount: _has, ...s }) => s);
  }
  return {
    bookingDate,
    valueDate: null,
    amountMinor: total.minor,
    currency,
    description: memo || payee,
    counterpartyName: payee || null,
    counterpartyIban: null,
    endToEndId: null,
    mandateId: null,
    creditorId: null,
    bankReference: null,
    bookingText: null,
    fileCategory: raw.category,
    pending: false,
    reversal: false,
    position: record.line,
    raw,
  };
}

async function* parse(path: string, options: ParseOptions): AsyncIterable<StatementEvent> {
  const bytes = await readFile(path);
  const text = decode(bytes);
  if (text.trim() === '') fail(null, 'the file is empty; export the account from your finance program again');
  const { blocks, investmentLine } = readBlocks(text);
  if (blocks.length === 0) {
    if (investmentLine !== null) {
      fail(
        investmentLine,
        'this QIF file holds an investment account (!Type:Invst); Trax imports only bank, cash and card accounts — export one of those instead',
      );
    }
    fail(
      null,
      'this QIF file holds no bank, cash or card transactions (only lists such as accounts or categories); export an account register instead',
    );
  }
  const currency = options.currency?.trim().toUpperCase();
  if (!currency) fail(null, 'QIF files do not say their currency; pass --currency EUR');
  try {
    minorUnitDigits(currency);
  } catch {
    fail(null, `"${options.currency}" is not an ISO 4217 currency code; pass --currency EUR (the account's currency)`);
  }
  const { order, parts } = resolveDayOrder(dateFields(blocks), options.dateFormat);
  const date = (f: Field): string => {
    const iso = qifIsoDate(parts.get(f)!, order);
    if (!iso) fail(f.line, `"${f.value.trim()}" is not a calendar date read as ${order}; check --date-format`);
    return iso;
  };
  // Investment sections beside bank ones are not Trax's domain and are left out.
  for (const block of blocks) {
    yield { kind: 'statement', account: { iban: null, accountNumber: null, currency: null, name: block.accountName, bic: null } };
    for (const record of block.records) yield { kind: 'row', row: toRow(block, record, currency, date) };
  }
}

export const qifParser: StatementParser = {
  id: 'qif',
  label: 'QIF (Quicken Interchange Format)',
  detect,
  parse,
};
