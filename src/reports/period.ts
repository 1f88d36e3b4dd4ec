/**
 * Report periods: half-open ranges of local calendar days [from, to). A period that starts and
 * ends on the first of a month is measured in calendar months (so "the previous period" of
 * March is February, all 28 days of it); any other range in days.
 */
import { addDays, isMonth } from '../domain/dates.js';
import { TraxError } from '../domain/errors.js';
import { localDate } from './tz.js';

export interface Range {
  from: string;
  to: string;
}

export interface ResolvedPeriod extends Range {
  label: string;
  previous: Range;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** First day of the month `delta` months after the month of `date`. */
export function addMonths(date: string, delta: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + delta;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${String(yy).padStart(4, '0')}-${String(mm + 1).padStart(2, '0')}-01`;
}

export function daysIn(range: Range): number {
  return Math.round((Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / 86_400_000);
}

/** How long a period is: whole calendar months when it runs from a 1st to a 1st, else days. */
export type Span = { unit: 'months'; count: number } | { unit: 'days'; count: number };

export function spanOf(range: Range): Span {
  if (range.from.endsWith('-01') && range.to.endsWith('-01')) {
    const months = (Number(range.to.slice(0, 4)) - Number(range.from.slice(0, 4))) * 12 + Number(range.to.slice(5, 7)) - Number(range.from.slice(5, 7));
    if (months > 0) return { unit: 'months', count: months };
  }
  return { unit: 'days', count: daysIn(range) };
}

/** The period `k` lengths before `range` (k = 1: the previous period). */
export function shiftBack(range: Range, k: number): Range {
  const span = spanOf(range);
  if (span.unit === 'months') return { from: addMonths(range.from, -k * span.count), to: addMonths(range.to, -k * span.count) };
  return { from: addDays(range.from, -k * span.count), to: addDays(range.to, -k * span.count) };
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "October 2026", "2026", "March 2026 to May 2026", other ranges as "2026-10-05 to 2026-10-18" (inclusive days). */
export function labelOf(range: Range): string {
  const span = spanOf(range);
  if (span.unit === 'months' && span.count === 1) return `${MONTH_NAMES[Number(range.from.slice(5, 7)) - 1]} ${range.from.slice(0, 4)}`;
  if (span.unit === 'months' && span.count === 12 && range.from.slice(5, 7) === '01') return range.from.slice(0, 4);
  if (span.unit === 'months') {
    const last = addMonths(range.to, -1);
    return `${MONTH_NAMES[Number(range.from.slice(5, 7)) - 1]} ${range.from.slice(0, 4)} to ${MONTH_NAMES[Number(last.slice(5, 7)) - 1]} ${last.slice(0, 4)}`;
  }
  const lastDay = addDays(range.to, -1);
  return range.from === lastDay ? range.from : `${range.from} to ${lastDay}`;
}

/** Checks a report/export range from user input; `to` is exclusive. */
export function checkRange(range: Range, forExport = false): void {
  for (const [flag, v] of [['--from', range.from], ['--to', range.to]] as const) {
    if (!isDate(v)) throw new TraxError('usage', (m) => m.errNotADate(flag, v));
  }
  if (range.to <= range.from) {
    throw new TraxError('usage', (m) => m.errRangeOrder(range.to, range.from, forExport));
  }
}

/**
 * Turns --month / --year / --from --to into a period. With none of them: the previous calendar
 * month in the user's time zone ("what did I spend last month"). `to` is exclusive; --from
 * alone runs through today.
 */
export function resolvePeriod(
  opts: { month?: string; year?: string; from?: string; to?: string },
  now: Date,
  timezone: string,
): ResolvedPeriod {
  const given = [opts.month && '--month', opts.year && '--year', (opts.from || opts.to) && '--from/--to'].filter(Boolean);
  if (given.length > 1) throw new TraxError('usage', (m) => m.errOnePeriod(given.join(` ${m.reviewAnd} `)));
  let range: Range;
  if (opts.month) {
    const month = opts.month;
    if (!isMonth(month)) throw new TraxError('usage', (m) => m.cliBadMonth(month));
    range = { from: `${opts.month}-01`, to: addMonths(`${opts.month}-01`, 1) };
  } else if (opts.year) {
    const year = opts.year;
    if (!/^\d{4}$/.test(year)) throw new TraxError('usage', (m) => m.errNotAYear(year));
    range = { from: `${opts.year}-01-01`, to: `${Number(opts.year) + 1}-01-01` };
  } else if (opts.from || opts.to) {
    if (!opts.from) throw new TraxError('usage', (m) => m.errToNeedsFrom);
    range = { from: opts.from, to: opts.to ?? addDays(localDate(now, timezone), 1) };
    checkRange(range);
  } else {
    const thisMonth = `${localDate(now, timezone).slice(0, 7)}-01`;
    range = { from: addMonths(thisMonth, -1), to: thisMonth };
  }
  return { ...range, label: labelOf(range), previous: shiftBack(range, 1) };
}
