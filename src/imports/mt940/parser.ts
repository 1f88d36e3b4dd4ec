import { readFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { toMinorUnits } from '../../domain/money.js';
import type { ParseOptions, StatedBalance, StatementAccount, StatementEvent, StatementParser, StatementRow } from '../types.js';
import { StatementFormatError } from '../types.js';
import { parseDetails } from './details.js';

/** One field (:61:, :86:, ...) with its continuation lines and where it starts. */
interface Field {
  tag: string;
  lines: string[];
  line: number;
}

const TAG_LINE = /^:(\d{2}[A-Z]?):(.*)$/;
/** "-" ends a message; ING writes "-XXX", SWIFT envelopes "-}". */
const END_LINE = /^-(XXX)?\}?$/;

/**
 * Banks write MT940 in ISO-8859-1 or Windows-1252 (umlauts in names) and some in UTF-8; a file
 * that is valid UTF-8 is read as such, anything else as Windows-1252.
 */
function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return iconv.decode(bytes, 'windows-1252');
  }
}

/** Splits the file into messages of fields; junk outside messages (bank headers) is dropped. */
export function* messages(textIn: string): Generator<Field[]> {
  let current: Field[] | null = null;
  const lines = textIn.split(/\r\n|\r|\n/);
  for (const [i, rawLine] of lines.entries()) {
    // SOH/ETX framing (mBank) carries nothing. Trailing spaces stay: a :86: line cut at 65
    // characters can end in the space between two words.
    let line = rawLine.replace(/[\x00-\x08\x0b-\x1f]/g, '');
    if (line.startsWith('{')) {
      const at = line.indexOf('{4:');
      if (at < 0) continue;
      line = line.slice(at + 3);
      if (!line) continue;
    }
    if (END_LINE.test(line.trim()) || line.startsWith('-}')) {
      if (current?.length) yield current;
      current = null;
      continue;
    }
    if (!line.trim()) continue;
    const m = TAG_LINE.exec(line);
    if (m) {
      if (m[1] === '20' && current?.length) yield current;
      if (m[1] === '20' || (current === null && m[1] !== '20')) current = m[1] === '20' ? [] : null;
      current?.push({ tag: m[1]!, lines: [m[2]!], line: i + 1 });
    } else current?.at(-1)?.lines.push(line);
  }
  if (current?.length) yield current;
}

const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
function calendarDate(y: number, m: number, d: number): string | null {
  const days = [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (m < 1 || m > 12 || d < 1 || d > days[m - 1]!) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
/** SWIFT dates are YYMMDD; statements before 1980 do not exist in machine-readable form. */
const fullYear = (yy: number) => (yy < 80 ? 2000 + yy : 1900 + yy);

function amount(text: string, currency: string, fail: (reason: string) => never): number {
  if (!/^\d+(,\d*)?$/.test(text)) fail(`"${text}" is not an MT940 amount (digits with a decimal comma)`);
  try {
    return toMinorUnits(text.replace(',', '.').replace(/\.$/, ''), currency);
  } catch (e) {
    return fail((e as Error).message);
  }
}

const IBAN_RE = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;
const BIC_RE = /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/;

/** :25: is "BLZ/Kontonummer" (German banks), an IBAN, or "BIC/account[/currency]". */
function account(value: string, currency: string | null): StatementAccount {
  const v = value.trim();
  const parts = v.split('/').map((p) => p.trim());
  const compact = (s: string) => s.replace(/\s+/g, '').toUpperCase();
  const iban = parts.map(compact).find((p) => IBAN_RE.test(p)) ?? null;
  const bic = parts.length > 1 && BIC_RE.test(parts[0]!) ? parts[0]! : null;
  return { iban, accountNumber: iban ? null : v, currency, name: null, bic };
}

interface Pending {
  field: Field;
  details: Field[];
}

class StatementReader {
  private account: StatementAccount | null = null;
  private accountField = '';
  private opening: StatedBalance | null = null;
  private closing: StatedBalance | null = null;
  private currency: string | null = null;
  private announced = false;
  private pending: Pending | null = null;
  private readonly start: number;

  constructor(
    private readonly fields: Field[],
    private readonly format: string,
    private readonly interim: boolean,
  ) {
    this.start = fields[0]!.line;
  }

  private fail(line: number, reason: string): never {
    throw new StatementFormatError(this.format, line, reason);
  }

  *events(): Generator<StatementEvent> {
    for (const f of this.fields) {
      const value = f.lines.join('\n');
      switch (f.tag) {
        case '25':
          this.accountField = f.lines[0]!.trim();
          break;
        case '60F':
        case '60M':
          this.opening = this.balance(f);
          this.currency ??= this.opening.currency;
          yield* this.announce();
          break;
        case '34F':
          this.currency ??= /^([A-Z]{3})/.exec(value)?.[1] ?? null;
          break;
        case '61':
          yield* this.announce();
          yield* this.flush();
          this.pending = { field: f, details: [] };
          break;
        case '86':
          // :86: after the closing balance is statement information, not a booking's details.
          this.pending?.details.push(f);
          break;
        case '62F':
        case '62M':
          yield* this.announce();
          yield* this.flush();
          this.closing = this.balance(f);
          break;
        default:
          break;
      }
    }
    yield* this.announce();
    yield* this.flush();
    if (!this.interim && this.closing === null) {
      this.fail(
        this.start,
        'the statement that starts here has no closing balance (:62F:), so the file looks cut off; download it again',
      );
    }
    if (this.opening || this.closing) yield { kind: 'balances', opening: this.opening, closing: this.closing };
  }

  private *announce(): Generator<StatementEvent> {
    if (this.announced) return;
    this.announced = true;
    if (!this.accountField) this.fail(this.start, 'the statement has no :25: account line');
    this.account = account(this.accountField, this.currency);
    yield { kind: 'statement', account: this.account };
  }

  private balance(f: Field): StatedBalance {
    const m = /^([CD])(\d{2})(\d{2})(\d{2})([A-Z]{3})(.*)$/.exec(f.lines[0]!.trim());
    if (!m) this.fail(f.line, `the balance :${f.tag}:${f.lines[0]} is not "C or D, YYMMDD, currency, amount"`);
    const date = calendarDate(fullYear(Number(m[2])), Number(m[3]), Number(m[4]));
    if (!date) this.fail(f.line, `the balance date ${m[2]}${m[3]}${m[4]} is not a calendar date`);
    const minor = amount(m[6]!, m[5]!, (r) => this.fail(f.line, `the :${f.tag}: balance amount ${r}`));
    return { minor: m[1] === 'D' && minor !== 0 ? -minor : minor, currency: m[5]!, date };
  }

  private *flush(): Generator<StatementEvent> {
    const p = this.pending;
    this.pending = null;
    if (!p) return;
    const row = this.row(p);
    if (row) yield { kind: 'row', row };
  }

  /**
   * :61: value date YYMMDD, [entry date MMDD], mark, [funds code], amount, type, customer
   * reference[//bank reference], [supplementary details on the next line].
   * Marks: C credit, D debit, RC reversal of a credit (a debit), RD reversal of a debit (a credit),
   * as SWIFT defines them; betterplace's statements balance only when read this way.
   */
  private row({ field, details }: Pending): StatementRow | null {
    const re = /^(\d{2})(\d{2})(\d{2})(\d{4})?(RC|RD|C|D)([A-Z])?([\d,]+)([A-Z][A-Z0-9]{3})(.*)$/;
    let m = re.exec(field.lines[0]!.trimEnd());
    let extra = field.lines.slice(1);
    // Sparkassen wrap :61: after the mark; the amount then starts the second line.
    if (!m && field.lines.length > 1) {
      m = re.exec(field.lines[0]!.trim() + field.lines[1]!.trimEnd());
      extra = field.lines.slice(2);
    }
    if (!m) {
      this.fail(
        field.line,
        `the booking line :61:${field.lines[0]} does not read as "YYMMDD[MMDD] C/D/RC/RD amount type reference"`,
      );
    }
    const [, yy, mm, dd, entry, mark, funds, amountText, type, rest] = m;
    const year = fullYear(Number(yy));
    const valueDate = calendarDate(year, Number(mm), Number(dd));
    if (!valueDate) this.fail(field.line, `the value date ${yy}${mm}${dd} is not a calendar date`);
    let bookingDate = valueDate;
    if (entry) {
      const em = Number(entry.slice(0, 2));
      // The entry date has no year: a booking on 2 January can carry a value date of 31 December.
      const ey = em === 1 && Number(mm) === 12 ? year + 1 : em === 12 && Number(mm) === 1 ? year - 1 : year;
      const d = calendarDate(ey, em, Number(entry.slice(2)));
      if (!d) this.fail(field.line, `the entry date ${entry} is not a calendar date`);
      bookingDate = d;
    }
    const currency = this.currency;
    if (!currency) this.fail(field.line, 'the booking comes before any balance that names the currency (:60F:)');
    const minor = amount(amountText!, currency, (r) => this.fail(field.line, `the booking amount ${r}`));
    const debit = mark === 'D' || mark === 'RC';
    const [customerPart, bankPart] = rest!.includes('//') ? rest!.split('//', 2) : [rest!.slice(0, 16), null];
    const sameLineExtra = bankPart === null ? rest!.slice(16) : bankPart.slice(16);
    const bankReference = bankPart === null ? null : bankPart.slice(0, 16).trim() || null;
    const customerReference = customerPart!.trim();
    const supplementary =
      [sameLineExtra, ...extra]
        .map((s) => s.trim())
        .filter(Boolean)
        .join(' ') || null;

    const d = parseDetails(details.flatMap((f) => f.lines));
    const e2e = d.tags.EREF ?? null;
    const pendingRow = this.interim;
    if (pendingRow && !this.includePending) return null;
    return {
      bookingDate,
      valueDate,
      amountMinor: debit && minor !== 0 ? -minor : minor,
      currency,
      description: d.purpose,
      counterpartyName: d.name,
      counterpartyIban: d.iban ?? (d.tags.IBAN ? d.tags.IBAN.replace(/\s+/g, '') : null),
      endToEndId: e2e && e2e.toUpperCase() !== 'NOTPROVIDED' ? e2e : null,
      mandateId: d.tags.MREF ?? null,
      creditorId: d.tags.CRED ?? null,
      bankReference,
      bookingText: d.postingText ?? d.gvCode ?? type!,
      fileCategory: null,
      pending: pendingRow,
      reversal: mark === 'RC' || mark === 'RD',
      position: field.line,
      raw: {
        line61: field.lines.join('\n'),
        line86: details.map((f) => f.lines.join('\n')).join('\n') || null,
        mark,
        fundsCode: funds ?? null,
        transactionType: type,
        customerReference: customerReference && customerReference !== 'NONREF' ? customerReference : null,
        supplementary,
        gvCode: d.gvCode,
        primaNota: d.primaNota,
        counterpartyBankCode: d.bankCode,
        counterpartyAccountNumber: d.accountNumber,
        returnReason: d.returnReason,
        sepa: d.tags,
      },
    };
  }

  includePending = false;
}

async function* readMt94x(path: string, options: ParseOptions, format: string, interim: boolean) {
  const bytes = await readFile(path);
  const text = decode(bytes);
  if (!text.trim()) throw new StatementFormatError(format, null, 'the file is empty; download the statement again');
  let count = 0;
  for (const fields of messages(text)) {
    if (fields[0]!.tag !== '20') continue;
    count++;
    const reader = new StatementReader(fields, format, interim);
    reader.includePending = options.includePending ?? false;
    yield* reader.events();
  }
  if (count === 0) {
    throw new StatementFormatError(
      format,
      null,
      'the file has no statement (no line starting with :20:), so it is not MT940; check that you picked the right file',
    );
  }
}

/** The first :20: line and a :25: after it, within the head; what kind of message follows decides the score. */
function detector(interim: boolean): (head: Buffer) => number {
  return (head) => {
    const s = head.toString('latin1');
    const at20 = s.search(/(^|[\r\n{]|\{4:)\s*:20:/);
    if (at20 < 0 || !/[\r\n]:25:/.test(s.slice(at20))) return 0;
    const hasOpening = /[\r\n]:60[FM]:/.test(s);
    const hasInterim = /[\r\n]:(34F|13D):/.test(s) || /\{2:[IO]942/.test(s);
    if (interim) return hasInterim && !hasOpening ? 75 : 0;
    return hasOpening ? 75 : hasInterim ? 10 : 50;
  };
}

/** MT940 end-of-day statements: booked rows with opening and closing balances. */
export const mt940Parser: StatementParser = {
  id: 'mt940',
  label: 'MT940 bank statement (SWIFT)',
  detect: detector(false),
  parse: (path, options) => readMt94x(path, options, 'mt940', false),
};

/**
 * MT942 interim reports carry the day's entries before the statement closes; they are not final,
 * so every row is pending and is read only with includePending (the MT940 of the day books them).
 */
export const mt942Parser: StatementParser = {
  id: 'mt942',
  label: 'MT942 interim transaction report (SWIFT)',
  detect: detector(true),
  parse: (path, options) => readMt94x(path, options, 'mt942', true),
};
