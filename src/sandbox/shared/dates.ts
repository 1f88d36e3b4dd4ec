/**
 * Transaction and booking dates are plain UTC calendar days (YYYY-MM-DD); all day arithmetic
 * in both emulators happens on these.
 */

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

/** Same month, clamped day: withDayOfMonth('2024-02-10', 31) → '2024-02-29'. */
export function withDayOfMonth(day: string, dom: number): string {
  const clamped = Math.min(dom, daysInMonth(day));
  return `${day.slice(0, 8)}${String(clamped).padStart(2, '0')}`;
}

/** Direct debits and other dues that fall on a weekend are taken on the next business day. */
export function nextBusinessDay(day: string): string {
  let d = day;
  while (isWeekend(d)) d = addDays(d, 1);
  return d;
}

/** Salaries due on a weekend are paid on the last business day before. */
export function previousBusinessDay(day: string): string {
  let d = day;
  while (isWeekend(d)) d = addDays(d, -1);
  return d;
}
