/**
 * The search language of `trax search` and the web search box, parsed into terms without
 * touching the database (src/store/search.ts turns terms into SQL).
 *
 *   rewe  "sagt danke"       words (prefix-matched) and phrases over description, merchant,
 *                            counterparty, note, tags and category name
 *   >50  <-20  =12.99        amounts in major units: unsigned compares the size (">50" finds a
 *   50..100  -100..-50       -60.04 payment), signed ("<-20", "+50") compares the signed amount;
 *   -4.20                    a bare signed amount is that exact amount
 *   2026  2026-10  2026-10-05  from:2026-01  to:2026-03   (-2025 leaves a year out)
 *   account:  category:  tag:  note:"Urlaub"  source:  pending
 *   -word  -tag:work         any term negated with a leading "-"
 *
 * A token it cannot read becomes a warning naming it; every other term is still searched.
 */

/** An exact decimal as written ("-12.99"); never a float. */
export type Decimal = string;

export type FieldKey = 'account' | 'category' | 'tag' | 'source';

export type Term =
  | { kind: 'text'; value: string; phrase: boolean; negated: boolean }
  | { kind: 'note'; value: string; negated: boolean }
  | { kind: 'field'; key: FieldKey; value: string; negated: boolean }
  | { kind: 'pending'; negated: boolean }
  /** Booking dates from `from` (inclusive) to `to` (exclusive), YYYY-MM-DD; either may be open. */
  | { kind: 'date'; from: string | null; to: string | null; negated: boolean }
  /**
   * Amount bounds in major units; `signed` false compares abs(amount). A bound is inclusive
   * unless its `...Strict` flag says otherwise.
   */
  | {
      kind: 'amount';
      signed: boolean;
      min: Decimal | null;
      minStrict: boolean;
      max: Decimal | null;
      maxStrict: boolean;
      negated: boolean;
    };

export interface ParsedQuery {
  terms: Term[];
  /** One sentence per token that was not understood; empty when all of it was. */
  warnings: string[];
}

const FIELDS: readonly FieldKey[] = ['account', 'category', 'tag', 'source'];
const NUMBER = String.raw`[+-]?\d{1,12}(?:[.,]\d{1,6})?`;
const COMPARISON = new RegExp(`^(>=|<=|>|<|=)(${NUMBER})$`);
const SIGNED = new RegExp(`^[+-]\\d{1,12}(?:[.,]\\d{1,6})?$`);
const RANGE = new RegExp(`^(${NUMBER})\\.\\.(${NUMBER})$`);
const YEAR = /^(\d{4})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

interface RawToken {
  /** As the user typed it, for warnings. */
  text: string;
  negated: boolean;
  /** null for a bare token or phrase. */
  key: string | null;
  value: string;
  quoted: boolean;
}

/** Splits on whitespace, keeping "quoted phrases" and key:"quoted values" whole. */
function lex(input: string): RawToken[] {
  const out: RawToken[] = [];
  let i = 0;
  const n = input.length;
  const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);
  while (i < n) {
    while (i < n && isSpace(input[i])) i++;
    if (i >= n) break;
    const start = i;
    let negated = false;
    if (input[i] === '-' && i + 1 < n && !isSpace(input[i + 1]) && !/[\d.]/.test(input[i + 1]!)) {
      negated = true;
      i++;
    }
    let key: string | null = null;
    let value = '';
    let quoted = false;
    if (input[i] === '"') {
      const end = input.indexOf('"', i + 1);
      value = input.slice(i + 1, end < 0 ? n : end);
      i = end < 0 ? n : end + 1;
      quoted = true;
    } else {
      const keyMatch = /^([A-Za-z]+):/.exec(input.slice(i, i + 20));
      if (keyMatch) {
        key = keyMatch[1]!.toLowerCase();
        i += keyMatch[0].length;
        if (input[i] === '"') {
          const end = input.indexOf('"', i + 1);
          value = input.slice(i + 1, end < 0 ? n : end);
          i = end < 0 ? n : end + 1;
          quoted = true;
        }
      }
      if (!quoted) {
        const s = i;
        while (i < n && !isSpace(input[i])) i++;
        value = input.slice(s, i);
      }
    }
    out.push({ text: input.slice(start, i), negated, key, value, quoted });
  }
  return out;
}

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** The period a date token names, as [from, to) in YYYY-MM-DD; null if it is not a date. */
export function datePeriod(s: string): { from: string; to: string } | null {
  let m = YEAR.exec(s);
  if (m) {
    const y = Number(m[1]);
    if (y < 1900 || y > 2999) return null;
    return { from: `${y}-01-01`, to: `${y + 1}-01-01` };
  }
  m = MONTH.exec(s);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) return null;
    return { from: `${y}-${pad(mo)}-01`, to: mo === 12 ? `${y + 1}-01-01` : `${y}-${pad(mo + 1)}-01` };
  }
  m = DAY.exec(s);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    if (!validDay(y, mo, d)) return null;
    const next = new Date(Date.UTC(y, mo - 1, d + 1));
    return {
      from: `${y}-${pad(mo)}-${pad(d)}`,
      to: `${next.getUTCFullYear()}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}`,
    };
  }
  return null;
}

/** "12,99" (German) and "12.99" are the same amount; a leading "+" only marks it as signed. */
function decimal(s: string): Decimal {
  return s.replace(',', '.').replace(/^\+/, '');
}

function isSigned(s: string): boolean {
  return s.startsWith('-') || s.startsWith('+');
}

function amountTerm(text: string, negated: boolean): Term | null {
  let m = COMPARISON.exec(text);
  if (m) {
    const op = m[1]!;
    const num = m[2]!;
    const v = decimal(num);
    const base = { kind: 'amount' as const, signed: isSigned(num), negated };
    if (op === '=') return { ...base, min: v, minStrict: false, max: v, maxStrict: false };
    if (op === '>' || op === '>=') return { ...base, min: v, minStrict: op === '>', max: null, maxStrict: false };
    return { ...base, min: null, minStrict: false, max: v, maxStrict: op === '<' };
  }
  m = RANGE.exec(text);
  if (m) {
    const a = m[1]!;
    const b = m[2]!;
    return {
      kind: 'amount',
      signed: isSigned(a) || isSigned(b),
      min: decimal(a),
      minStrict: false,
      max: decimal(b),
      maxStrict: false,
      negated,
    };
  }
  return null;
}

function classify(t: RawToken): Term | string {
  const { negated, value } = t;
  if (t.key === null) {
    if (t.quoted) {
      const v = value.trim();
      if (!v) return `"${t.text}": an empty phrase`;
      return { kind: 'text', value: v, phrase: true, negated };
    }
    if (value.toLowerCase() === 'pending') return { kind: 'pending', negated };
    const period = datePeriod(value);
    if (period) return { kind: 'date', ...period, negated };
    // The lexer leaves "-" before a digit alone (so "-100..-50" stays a range): "-2025" leaves a year out.
    const negatedPeriod = value.startsWith('-') ? datePeriod(value.slice(1)) : null;
    if (negatedPeriod) return { kind: 'date', ...negatedPeriod, negated: !negated };
    // A bare signed amount, as a statement prints it ("-4.20"), is that exact signed amount.
    if (SIGNED.test(value)) {
      const v = decimal(value);
      return { kind: 'amount', signed: true, min: v, minStrict: false, max: v, maxStrict: false, negated };
    }
    // A token shaped like a date or an amount that is not one is a mistake, not a word to search.
    if (/^\d{4}-\d/.test(value)) return `"${t.text}": not a date (write 2026, 2026-10 or 2026-10-05)`;
    const amount = amountTerm(value, negated);
    if (amount) return amount;
    if (/^[<>=]/.test(value) || value.includes('..')) return `"${t.text}": not an amount (write >50, <-20, =12.99 or 50..100)`;
    if (value === '-') return `"-": it stands alone (put it right before the word to leave out, e.g. -work)`;
    return { kind: 'text', value, phrase: false, negated };
  }
  const key = t.key;
  const v = value.trim();
  if (key === 'from' || key === 'to') {
    const period = datePeriod(v);
    if (!period) return `"${t.text}": not a date (write ${key}:2026-10-05, ${key}:2026-10 or ${key}:2026)`;
    return key === 'from'
      ? { kind: 'date', from: period.from, to: null, negated }
      : { kind: 'date', from: null, to: period.to, negated };
  }
  if (!v) return `"${t.text}": nothing after the colon`;
  if (key === 'note') return { kind: 'note', value: v, negated };
  if (key === 'amount') {
    const amount = amountTerm(v, negated);
    return amount ?? `"${t.text}": not an amount (write amount:>50 or amount:50..100)`;
  }
  if (key === 'is' && v.toLowerCase() === 'pending') return { kind: 'pending', negated };
  if ((FIELDS as readonly string[]).includes(key)) {
    const fieldValue = key === 'tag' ? v.toLowerCase() : v;
    return { kind: 'field', key: key as FieldKey, value: fieldValue, negated };
  }
  return `"${t.text}": an unknown filter "${key}:" (known: ${[...FIELDS, 'note', 'from', 'to'].map((k) => `${k}:`).join(' ')})`;
}

export function parseQuery(input: string): ParsedQuery {
  const terms: Term[] = [];
  const problems: string[] = [];
  for (const raw of lex(input)) {
    const r = classify(raw);
    if (typeof r === 'string') problems.push(r);
    else terms.push(r);
  }
  const warnings = problems.map((p) => `Did not understand ${p}; searched the rest.`);
  return { terms, warnings };
}

/** The query text that parses back to these terms (saved searches and links are stored as text). */
export function formatTerms(terms: Term[]): string {
  return terms.map(formatTerm).join(' ');
}

function quote(s: string): string {
  return `"${s.replace(/"/g, '')}"`;
}

function formatTerm(t: Term): string {
  const neg = t.negated ? '-' : '';
  switch (t.kind) {
    case 'text':
      return neg + (t.phrase ? quote(t.value) : t.value);
    case 'note':
      return `${neg}note:${quote(t.value)}`;
    case 'field':
      return `${neg}${t.key}:${/\s|"/.test(t.value) ? quote(t.value) : t.value}`;
    case 'pending':
      return `${neg}pending`;
    case 'date': {
      if (t.from && t.to) return neg + periodToken(t.from, t.to);
      return t.from ? `${neg}from:${t.from}` : `${neg}to:${dayBefore(t.to!)}`;
    }
    case 'amount': {
      const sign = (d: Decimal) => (t.signed && !d.startsWith('-') ? `+${d}` : d);
      if (t.min !== null && t.max !== null && !t.minStrict && !t.maxStrict)
        return t.min === t.max ? `${neg}amount:=${sign(t.min)}` : `${neg}amount:${sign(t.min)}..${sign(t.max)}`;
      if (t.min !== null) return `${neg}amount:${t.minStrict ? '>' : '>='}${sign(t.min)}`;
      return `${neg}amount:${t.maxStrict ? '<' : '<='}${sign(t.max!)}`;
    }
  }
}

function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The year, month or day token for a [from, to) period (the only two-sided periods the parser makes). */
function periodToken(from: string, to: string): string {
  for (const candidate of [from.slice(0, 4), from.slice(0, 7), from]) {
    const p = datePeriod(candidate);
    if (p && p.from === from && p.to === to) return candidate;
  }
  return `from:${from} to:${dayBefore(to)}`;
}
