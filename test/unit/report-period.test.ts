/**
 * Report periods as the user writes and reads them: which days a flag selects, what the
 * period before it is, its label, and the exact sentence for input that is not a period.
 */
import { describe, expect, it } from 'vitest';
import { addMonths, checkRange, daysIn, isDate, labelOf, resolvePeriod, shiftBack, spanOf } from '../../src/reports/period.js';

const NOW = new Date('2026-11-15T12:00:00Z');
const UTC = 'UTC';

describe('dates and months', () => {
  it('a date is a real calendar day written YYYY-MM-DD, nothing around it', () => {
    expect(isDate('2026-02-28')).toBe(true);
    expect(isDate('2024-02-29')).toBe(true);
    expect(isDate('2026-02-29')).toBe(false);
    expect(isDate('2026-13-01')).toBe(false);
    expect(isDate('x2026-01-01')).toBe(false);
    expect(isDate('2026-01-01x')).toBe(false);
    expect(isDate('2026-1-01')).toBe(false);
    expect(isDate('20260101')).toBe(false);
  });

  it('adds months across years in both directions, always to the 1st, years padded to four digits', () => {
    expect(addMonths('2026-03-17', 1)).toBe('2026-04-01');
    expect(addMonths('2026-11-01', 2)).toBe('2027-01-01');
    expect(addMonths('2026-01-31', -1)).toBe('2025-12-01');
    expect(addMonths('2026-02-01', -14)).toBe('2024-12-01');
    expect(addMonths('2026-05-01', -12)).toBe('2025-05-01');
    expect(addMonths('0999-12-01', 1)).toBe('1000-01-01');
    expect(addMonths('1000-01-01', -1)).toBe('0999-12-01');
  });

  it('counts the days of a half-open range', () => {
    expect(daysIn({ from: '2026-02-01', to: '2026-03-01' })).toBe(28);
    expect(daysIn({ from: '2026-10-05', to: '2026-10-06' })).toBe(1);
  });
});

describe('the span and the period before', () => {
  it('from a 1st to a 1st is whole months; anything else is days', () => {
    expect(spanOf({ from: '2026-03-01', to: '2026-04-01' })).toEqual({ unit: 'months', count: 1 });
    expect(spanOf({ from: '2025-11-01', to: '2026-02-01' })).toEqual({ unit: 'months', count: 3 });
    expect(spanOf({ from: '2025-01-01', to: '2026-01-01' })).toEqual({ unit: 'months', count: 12 });
    expect(spanOf({ from: '2026-03-01', to: '2026-03-11' })).toEqual({ unit: 'days', count: 10 });
    expect(spanOf({ from: '2026-03-02', to: '2026-04-01' })).toEqual({ unit: 'days', count: 30 });
    expect(spanOf({ from: '2026-03-01', to: '2026-04-02' })).toEqual({ unit: 'days', count: 32 });
    // Days 01 that are not month starts: the 1st of the same month twice is no month.
    expect(spanOf({ from: '2026-03-01', to: '2026-03-01' })).toEqual({ unit: 'days', count: 0 });
  });

  it('the period before March is all of February; before a day range, as many days', () => {
    expect(shiftBack({ from: '2026-03-01', to: '2026-04-01' }, 1)).toEqual({ from: '2026-02-01', to: '2026-03-01' });
    expect(shiftBack({ from: '2026-03-01', to: '2026-05-01' }, 2)).toEqual({ from: '2025-11-01', to: '2026-01-01' });
    expect(shiftBack({ from: '2026-03-10', to: '2026-03-17' }, 1)).toEqual({ from: '2026-03-03', to: '2026-03-10' });
    expect(shiftBack({ from: '2026-03-10', to: '2026-03-17' }, 3)).toEqual({ from: '2026-02-17', to: '2026-02-24' });
  });
});

describe('labels', () => {
  it('names a month, a calendar year, a run of months, a day and a range of days', () => {
    expect(labelOf({ from: '2026-01-01', to: '2026-02-01' })).toBe('January 2026');
    expect(labelOf({ from: '2026-12-01', to: '2027-01-01' })).toBe('December 2026');
    expect(labelOf({ from: '2026-01-01', to: '2027-01-01' })).toBe('2026');
    expect(labelOf({ from: '2026-03-01', to: '2027-03-01' })).toBe('March 2026 to February 2027');
    expect(labelOf({ from: '2026-03-01', to: '2026-06-01' })).toBe('March 2026 to May 2026');
    expect(labelOf({ from: '2026-01-01', to: '2026-03-01' })).toBe('January 2026 to February 2026');
    expect(labelOf({ from: '2026-10-05', to: '2026-10-06' })).toBe('2026-10-05');
    expect(labelOf({ from: '2026-10-05', to: '2026-10-19' })).toBe('2026-10-05 to 2026-10-18');
  });

  it('names every month of the year, alone and as the ends of a run', () => {
    const names = [
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ];
    names.forEach((name, i) => {
      const from = addMonths('2026-01-01', i);
      expect(labelOf({ from, to: addMonths(from, 1) })).toBe(`${name} 2026`);
      expect(labelOf({ from: '2025-12-01', to: addMonths(from, 1) })).toBe(`December 2025 to ${name} 2026`);
    });
  });

  it('a run of twelve months is a year only from January', () => {
    expect(labelOf({ from: '2026-02-01', to: '2027-02-01' })).toBe('February 2026 to January 2027');
    expect(labelOf({ from: '2025-01-01', to: '2026-01-01' })).toBe('2025');
  });
});

describe('checking a range', () => {
  it('names the flag that is not a date, and says --to is exclusive', () => {
    expect(() => checkRange({ from: '2026-10-1', to: '2026-11-01' })).toThrow(
      '--from "2026-10-1" is not a date; write it as YYYY-MM-DD, e.g. 2026-10-01.',
    );
    expect(() => checkRange({ from: '2026-10-01', to: 'soon' })).toThrow(
      '--to "soon" is not a date; write it as YYYY-MM-DD, e.g. 2026-10-01.',
    );
    expect(() => checkRange({ from: '2026-10-02', to: '2026-10-01' }, true)).toThrow(
      '--to 2026-10-01 must be after --from 2026-10-02 for the export (--to is exclusive: --from 2026-10-01 --to 2026-11-01 is October).',
    );
    expect(() => checkRange({ from: '2026-10-01', to: '2026-10-01' })).toThrow(/for the period \(--to is exclusive/);
    expect(() => checkRange({ from: '2026-10-01', to: '2026-10-02' })).not.toThrow();
  });
});

describe('resolving the flags', () => {
  it('--month, --year, --from/--to, and --from alone through today', () => {
    expect(resolvePeriod({ month: '2026-12' }, NOW, UTC)).toEqual({
      from: '2026-12-01',
      to: '2027-01-01',
      label: 'December 2026',
      previous: { from: '2026-11-01', to: '2026-12-01' },
    });
    expect(resolvePeriod({ year: '2026' }, NOW, UTC)).toEqual({
      from: '2026-01-01',
      to: '2027-01-01',
      label: '2026',
      previous: { from: '2025-01-01', to: '2026-01-01' },
    });
    expect(resolvePeriod({ from: '2026-11-10' }, NOW, UTC)).toEqual({
      from: '2026-11-10',
      to: '2026-11-16',
      label: '2026-11-10 to 2026-11-15',
      previous: { from: '2026-11-04', to: '2026-11-10' },
    });
    expect(resolvePeriod({ from: '2026-11-10' }, NOW, 'Pacific/Kiritimati')).toMatchObject({ to: '2026-11-17' });
    expect(resolvePeriod({}, NOW, UTC)).toMatchObject({ from: '2026-10-01', to: '2026-11-01', label: 'October 2026' });
    expect(resolvePeriod({ month: '', year: '', from: '', to: '' }, NOW, UTC)).toMatchObject({ from: '2026-10-01' });
  });

  it('refuses nonsense with the exact sentence', () => {
    expect(() => resolvePeriod({ month: '2026-13' }, NOW, UTC)).toThrow(
      '--month "2026-13" is not a month; write it as YYYY-MM, e.g. 2026-10.',
    );
    expect(() => resolvePeriod({ year: '26' }, NOW, UTC)).toThrow('--year "26" is not a year; write it as YYYY, e.g. 2026.');
    expect(() => resolvePeriod({ year: '2026x' }, NOW, UTC)).toThrow('--year "2026x" is not a year');
    expect(() => resolvePeriod({ year: 'x2026' }, NOW, UTC)).toThrow('--year "x2026" is not a year');
    expect(() => resolvePeriod({ to: '2026-03-01' }, NOW, UTC)).toThrow(
      '--to needs --from too, e.g. --from 2026-10-01 --to 2026-11-01 (--to is exclusive).',
    );
    expect(() => resolvePeriod({ month: '2026-03', year: '2026' }, NOW, UTC)).toThrow(
      'Use one of --month, --year or --from/--to, not --month and --year.',
    );
    expect(() => resolvePeriod({ year: '2026', to: '2026-03-01' }, NOW, UTC)).toThrow(
      'Use one of --month, --year or --from/--to, not --year and --from/--to.',
    );
    expect(() => resolvePeriod({ month: '2026-03', from: '2026-03-01' }, NOW, UTC)).toThrow(
      'Use one of --month, --year or --from/--to, not --month and --from/--to.',
    );
    expect(() => resolvePeriod({ from: '2026-03-05', to: '2026-03-01' }, NOW, UTC)).toThrow('must be after --from');
  });
});
