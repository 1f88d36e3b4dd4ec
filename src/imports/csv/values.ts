import { toMinorUnits } from '../../domain/money.js';

/** Why a value was refused, phrased to follow "line N: " in a StatementFormatError. */
export class ValueError extends Error {}

export type DecimalSeparator = ',' | '.';

const AMOUNT: Record<DecimalSeparator, RegExp> = {
  ',': /^([+-])?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/,
  '.': /^([+-])?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/,
};

function example(decimal: DecimalSeparator): string {
  return decimal === ',' ? '-1.234,56' : '-1,234.56';
}

/** A bank's amount text ("-1.150,00", "428.03") to minor units, exactly; thousands separators only in groups of three. */
export function parseAmount(text: string, decimal: DecimalSeparator, currency: string, what = 'amount'): number {
  const t = text.trim().replace(/^\u2212/, '-');
  const m = AMOUNT[decimal].exec(t);
  if (!m) {
    throw new ValueError(
      `the ${what} "${text}" is not a number written like ${example(decimal)}; if a spreadsheet program re-saved the file it may have changed the number format, so use the original download`,
    );
  }
  const [, sign = '', whole = '', frac] = m;
  const plain = `${sign}${whole.replace(/[.,]/g, '')}${frac === undefined ? '' : `.${frac}`}`;
  try {
    return toMinorUnits(plain, currency);
  } catch (err) {
    throw new ValueError(`the ${what} "${text}" cannot be read: ${(err as Error).message}`);
  }
}

// Intl accepts any three letters as a currency; the runtime's list of known codes does not.
let knownCurrencies: Set<string> | null = null;

export function isKnownCurrency(code: string): boolean {
  knownCurrencies ??= new Set(Intl.supportedValuesOf('currency'));
  return knownCurrencies.has(code.toUpperCase());
}

export function checkCurrency(text: string): string {
  const code = text.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) throw new ValueError(`"${text}" is not a currency code like EUR`);
  if (!isKnownCurrency(code)) throw new ValueError(`"${text}" is not an ISO 4217 currency code`);
  return code;
}

interface DateFormat {
  pattern: RegExp;
  year: number;
  month: number;
  day: number;
  twoDigitYear: boolean;
}

const TOKEN = /YYYY|YY|MM|M|DD|D|HH|mm|ss|Z/g;
const TOKEN_PATTERN: Record<string, string> = {
  YYYY: '(\\d{4})',
  YY: '(\\d{2})',
  MM: '(\\d{2})',
  M: '(\\d{1,2})',
  DD: '(\\d{2})',
  D: '(\\d{1,2})',
  HH: '\\d{2}',
  mm: '\\d{2}',
  ss: '\\d{2}',
  Z: '(?:Z|[+-]\\d{2}:?\\d{2})',
};
const formatCache = new Map<string, DateFormat>();

/**
 * Compiles a date format of fixed tokens (DD.MM.YYYY, YYYY-MM-DD HH:mm:ss Z, ...) to an anchored
 * pattern. Only date tokens are captured: a time of day is matched and dropped because a booking
 * is a calendar date as the bank printed it, never shifted by a time zone.
 */
export function compileDateFormat(format: string): DateFormat {
  const cached = formatCache.get(format);
  if (cached) return cached;
  let src = '';
  let last = 0;
  let group = 0;
  const at: Record<string, number> = {};
  for (const m of format.matchAll(TOKEN)) {
    src += escapeRegex(format.slice(last, m.index));
    const tok = m[0];
    src += TOKEN_PATTERN[tok];
    if (/^[YMD]/.test(tok)) at[tok[0]!] = ++group;
    if (tok === 'YY') at.short = 1;
    last = m.index + tok.length;
  }
  src += escapeRegex(format.slice(last));
  if (!at.Y || !at.M || !at.D)
    throw new ValueError(`the date format "${format}" needs a year (YYYY or YY), a month (MM) and a day (DD)`);
  const compiled = { pattern: new RegExp(`^${src}$`), year: at.Y, month: at.M, day: at.D, twoDigitYear: at.short === 1 };
  formatCache.set(format, compiled);
  return compiled;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A date as the file writes it to YYYY-MM-DD; a day that does not exist (30.02.) is refused. */
export function parseDate(text: string, format: string, what = 'date'): string {
  const f = compileDateFormat(format);
  const m = f.pattern.exec(text.trim());
  if (!m) throw new ValueError(`the ${what} "${text}" does not match the date format ${format}`);
  let year = Number(m[f.year]);
  // Two-digit years in bank exports are this century's; a pivot keeps 1990s card statements readable.
  if (f.twoDigitYear) year += year < 70 ? 2000 : 1900;
  const month = Number(m[f.month]);
  const day = Number(m[f.day]);
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    throw new ValueError(`the ${what} "${text}" is not a real calendar date`);
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Bank text with its padding and runs of spaces collapsed, as StatementRow wants it. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function orNull(text: string | undefined): string | null {
  const t = text === undefined ? '' : collapse(text);
  return t === '' ? null : t;
}

const IBAN = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;

/** Normalized IBAN (upper case, no spaces), or null when the text is not shaped like one. */
export function asIban(text: string | undefined | null): string | null {
  if (!text) return null;
  const t = text.replace(/\s+/g, '').toUpperCase();
  return IBAN.test(t) ? t : null;
}

/**
 * German SEPA remittance text ("EREF+... MREF+... CRED+... SVWZ+...", as Sparkasse's
 * CSV-MT940 and many MT940 :86: fields carry it) split into its parts. Text without tags is all
 * description.
 */
export function splitSepaTags(text: string): {
  description: string;
  endToEndId: string | null;
  mandateId: string | null;
  creditorId: string | null;
} {
  const tags = /(EREF|MREF|CRED|SVWZ|ABWA|ABWE|KREF|IBAN|BIC|DEBT|COAM|OAMT|SQTP)\+/g;
  const parts: { tag: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(tags)) parts.push({ tag: m[1]!, start: m.index, end: m.index + m[0].length });
  if (parts.length === 0) return { description: collapse(text), endToEndId: null, mandateId: null, creditorId: null };
  const value = (tag: string): string | null => {
    const i = parts.findIndex((p) => p.tag === tag);
    if (i < 0) return null;
    const v = collapse(text.slice(parts[i]!.end, parts[i + 1]?.start ?? text.length));
    return v === '' || v === 'NOTPROVIDED' ? null : v;
  };
  const lead = collapse(text.slice(0, parts[0]!.start));
  const svwz = value('SVWZ');
  return {
    description: collapse([lead, svwz ?? ''].join(' ')),
    endToEndId: value('EREF'),
    mandateId: value('MREF'),
    creditorId: value('CRED'),
  };
}

/** A record as a JSON-able object keyed by column name; a repeated name gets " #2" so both values stay. */
export function rawRecord(header: readonly string[], fields: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  header.forEach((name, i) => {
    let key = name;
    for (let n = 2; key in out; n++) key = `${name} #${n}`;
    out[key] = fields[i] ?? '';
  });
  return out;
}
