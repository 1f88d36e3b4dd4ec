/** Booking dates are plain UTC calendar days (YYYY-MM-DD); all day arithmetic happens on these. */

const DAY_MS = 86_400_000;

export function toDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function dayToDate(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

export function addDays(day: string, n: number): string {
  return toDay(new Date(dayToDate(day).getTime() + n * DAY_MS));
}

export function diffDays(a: string, b: string): number {
  return Math.round((dayToDate(a).getTime() - dayToDate(b).getTime()) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday */
export function weekday(day: string): number {
  return dayToDate(day).getUTCDay();
}

export function isWeekend(day: string): boolean {
  const w = weekday(day);
  return w === 0 || w === 6;
}

export function dayOfMonth(day: string): number {
  return Number(day.slice(8, 10));
}

export function daysInMonth(day: string): number {
  const d = dayToDate(day);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
}

/** Same month, clamped day: monthlyDay('2024-02-10', 31) → '2024-02-29'. */
export function withDayOfMonth(day: string, dom: number): string {
  const clamped = Math.min(dom, daysInMonth(day));
  return `${day.slice(0, 8)}${String(clamped).padStart(2, '0')}`;
}

/** Banks move due dates that fall on a weekend to the next Monday. */
export function nextBusinessDay(day: string): string {
  let d = day;
  while (isWeekend(d)) d = addDays(d, 1);
  return d;
}

/** Salaries are paid on the last business day on or before the given day. */
export function previousBusinessDay(day: string): string {
  let d = day;
  while (isWeekend(d)) d = addDays(d, -1);
  return d;
}

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
