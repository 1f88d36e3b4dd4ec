/** TrueLayer-only date helpers; the shared day arithmetic lives in ../shared/dates.ts. */
import { dayToDate, toDay, withDayOfMonth } from '../shared/dates.js';

/** Same day of month `n` months away, clamped: addMonths('2024-01-31', 1) → '2024-02-29'. */
export function addMonths(day: string, n: number): string {
  const d = dayToDate(day);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
  return withDayOfMonth(toDay(target), d.getUTCDate());
}

/**
 * Parses a `from`/`to` query value. TrueLayer accepts both `YYYY-MM-DD` and full ISO-8601;
 * a full timestamp is reduced to its UTC calendar day because booking dates have day precision.
 */
export function parseDateParam(value: string): string | null {
  const trimmed = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) {
    const d = dayToDate(trimmed);
    return Number.isNaN(d.getTime()) || toDay(d) !== trimmed ? null : trimmed;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(trimmed)) return null;
  // JS reads offset-less timestamps as local time; the emulator must not depend on the host TZ.
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed);
  const d = new Date(hasZone ? trimmed : `${trimmed}Z`);
  return Number.isNaN(d.getTime()) ? null : toDay(d);
}
