import { toMinorUnits } from '../../domain/money.js';

/** Day orders a QIF date can be read in. */
export type DayOrder = 'DMY' | 'MDY' | 'YMD';

/** `--date-format` accepts DMY / MDY / YMD and spelled-out patterns such as DD/MM/YYYY or M/D'YY. */
export function parseDayOrder(text: string): DayOrder | null {
  const letters = text
    .toUpperCase()
    .replace(/[^DMY]/g, '')
    .replace(/(.)\1+/g, '$1');
  return letters === 'DMY' || letters === 'MDY' || letters === 'YMD' ? letters : null;
}

export interface QifDateParts {
  /** Year first (YYYY-MM-DD or YYYY/MM/DD), which has one reading only. */
  yearFirst: boolean;
  a: number;
  b: number;
  year: number;
}

/**
 * Splits a QIF D value. Quicken writes `2/10'2020` and `1/ 1'00`: an apostrophe before the
 * year marks the 2000s, so `'YY` is 20YY. A two-digit year after `/`, `-` or `.` follows the
 * POSIX rule (69–99 → 19YY, 00–68 → 20YY), since other programs write 2000s years that way too.
 */
export function splitQifDate(value: string): QifDateParts | null {
  const s = value.replace(/\s+/g, '');
  const ymd = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/.exec(s);
  if (ymd) return { yearFirst: true, year: Number(ymd[1]), a: Number(ymd[2]), b: Number(ymd[3]) };
  const m = /^(\d{1,2})[/.-](\d{1,2})(['/.-])(\d{2}|\d{4})$/.exec(s);
  if (!m) return null;
  const [, a, b, sep, y] = m;
  let year = Number(y);
  if (y!.length === 2) year = sep === "'" ? 2000 + year : year >= 69 ? 1900 + year : 2000 + year;
  return { yearFirst: false, a: Number(a), b: Number(b), year };
}

/** The reading a date forces, when one of its first two numbers cannot be a month. */
export function forcedOrder(parts: QifDateParts): DayOrder | null {
  if (parts.yearFirst) return 'YMD';
  if (parts.a > 12 && parts.b <= 12) return 'DMY';
  if (parts.b > 12 && parts.a <= 12) return 'MDY';
  return null;
}

/** YYYY-MM-DD in the given order, or null when that reading is not a calendar date. */
export function qifIsoDate(parts: QifDateParts, order: DayOrder): string | null {
  const [month, day] = parts.yearFirst || order === 'MDY' || order === 'YMD' ? [parts.a, parts.b] : [parts.b, parts.a];
  if (parts.year < 1900 || month < 1 || month > 12 || day < 1) return null;
  if (day > new Date(Date.UTC(parts.year, month, 0)).getUTCDate()) return null;
  return `${parts.year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * QIF amounts as programs write them: `-1,234.56` (US), `-1.234,56` (European), `12,5`.
 * A lone dot is always the decimal mark; dots as thousands separators need a decimal comma or
 * a second group, because `1.000` alone is more often one unit than a thousand.
 */
export function qifAmount(value: string, currency: string): number {
  let t = value.replace(/\s+/g, '').replace(/^\+/, '');
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) t = t.replace(/,/g, '');
  else if (/^-?\d{1,3}(\.\d{3})+,\d+$/.test(t) || /^-?\d{1,3}(\.\d{3}){2,}$/.test(t)) t = t.replace(/\./g, '').replace(',', '.');
  else if (/^-?\d*,\d{1,2}$/.test(t)) t = t.replace(',', '.');
  if (/^-?\.\d/.test(t)) t = t.replace('.', '0.');
  return toMinorUnits(t, currency);
}
