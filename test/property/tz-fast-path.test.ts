/**
 * The report's calendar days in the process's own zone come from Date's local getters, not Intl
 * (the first Intl.DateTimeFormat costs ~12 ms of every CLI start). Property: for any instant from
 * 1900 to 2100, in zones with DST, half-hour and 45-minute offsets, a +14 h zone and a 30-minute
 * DST shift, the fast path gives the same local day, the same start of a local day and the same
 * report keys as Intl. TZ is set per zone (Node re-reads it), and the test checks the fast path is
 * really the one taken.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { localDate, partsViaIntl, processZone, startOfLocalDay, userTimezone } from '../../src/reports/tz.js';

const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Pacific/Kiritimati',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'America/St_Johns',
  'Pacific/Chatham',
  'America/Santiago',
  'UTC',
];
const was = process.env.TZ;
afterAll(() => {
  if (was === undefined) delete process.env.TZ;
  else process.env.TZ = was;
});

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const viaIntl = (instant: number, zone: string) => {
  const p = partsViaIntl(instant, zone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
};
const MIN = Date.UTC(1900, 0, 1);
const MAX = Date.UTC(2100, 0, 1);

describe('local days in the process zone without Intl', () => {
  for (const zone of ZONES) {
    it(`${zone}: the same day and day start as Intl for any instant`, () => {
      process.env.TZ = zone;
      expect(processZone()).toBe(zone);
      expect(userTimezone(process.env)).toBe(zone);
      fc.assert(
        fc.property(fc.integer({ min: MIN, max: MAX }), (instant) => {
          expect(localDate(instant, zone)).toBe(viaIntl(instant, zone));
          const day = localDate(instant, zone);
          const start = startOfLocalDay(day, zone).getTime();
          // The day's first instant is on that day, and the instant before it is on an earlier one.
          expect(viaIntl(start, zone)).toBe(day);
          expect(viaIntl(start - 1000, zone) < day).toBe(true);
        }),
        { seed: 20261204, numRuns: 400 },
      );
    });
  }

  it('another zone than the process zone still goes through Intl, and agrees', () => {
    process.env.TZ = 'Europe/Berlin';
    // 2026-03-29 01:30 UTC: Berlin has just sprung to 03:30, New York is still on the 28th.
    const instant = Date.UTC(2026, 2, 29, 1, 30);
    expect(localDate(instant, 'Europe/Berlin')).toBe('2026-03-29');
    expect(localDate(instant, 'America/New_York')).toBe('2026-03-28');
    expect(startOfLocalDay('2026-03-29', 'America/New_York').toISOString()).toBe('2026-03-29T04:00:00.000Z');
  });
});
