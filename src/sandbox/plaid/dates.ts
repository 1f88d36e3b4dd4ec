/** Plaid-only date helpers; the shared day arithmetic lives in ../shared/dates.ts. */
import { dayToDate, toDay } from '../shared/dates.js';

/** First day of the month `n` months away from `day`'s month. */
export function monthStart(day: string, n = 0): string {
  const d = dayToDate(day);
  return toDay(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1)));
}

/** Plaid's timestamp style: second precision, `Z` suffix (e.g. 2024-03-16T15:53:00Z). */
export function isoSeconds(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}
