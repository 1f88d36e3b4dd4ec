/** Calendar dates as YYYY-MM-DD strings: comparable as text, free of time-zone drift. */

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return isoDate(d);
}

export function isMonth(s: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(s);
}

export function daysBetween(fromIso: string, to: Date): number {
  return Math.floor((Date.parse(fromIso) - to.getTime()) / 86_400_000);
}
