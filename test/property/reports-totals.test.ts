/**
 * A report is the sum of its rows, for any ledger and in any time zone. The oracle here is
 * written from docs/reports.md, not from the SQL: a row's day is its instant in the report's
 * zone when it has a time of day and an offset, else its booking date; spending is money out in
 * expense and uncategorized categories less money in (refunds) in expense categories, income
 * money in in income categories; pending rows and transfers count for neither. Timestamps cluster around month ends and DST changes.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/reports/report.js';
import { fileLedger, type Ledger } from '../helpers/ledger.js';

const ZONES = ['Europe/Berlin', 'America/New_York', 'Pacific/Kiritimati', 'UTC'] as const;
/** Month ends, and the nights clocks change in Europe (Mar 29, Oct 25) and the US (Mar 8, Nov 1) in 2026. */
const ANCHORS = [
  '2026-01-31',
  '2026-02-28',
  '2026-03-08',
  '2026-03-29',
  '2026-03-31',
  '2026-09-30',
  '2026-10-25',
  '2026-10-31',
  '2026-11-01',
];
const CATEGORIES = ['groceries', 'coffee', 'eating-out', 'salary', 'refunds', 'transfers', null] as const;
const KIND: Record<string, 'expense' | 'income' | 'transfer'> = {
  groceries: 'expense',
  coffee: 'expense',
  'eating-out': 'expense',
  salary: 'income',
  refunds: 'income',
  transfers: 'transfer',
};

const day = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const row = fc.record({
  anchor: fc.constantFrom(...ANCHORS),
  shift: fc.integer({ min: -1, max: 1 }),
  /** Minutes after the booking day's UTC midnight, -16 h to +40 h: every zone's view of that day. */
  minutes: fc.integer({ min: -16 * 60, max: 40 * 60 }),
  stamp: fc.constantFrom('utc', 'offset', 'date-only', 'none', 'midnight'),
  amount: fc.integer({ min: -50_000, max: 50_000 }).filter((x) => x !== 0),
  currency: fc.constantFrom('EUR', 'EUR', 'USD'),
  category: fc.constantFrom(...CATEGORIES),
  pending: fc.integer({ min: 0, max: 4 }).map((x) => x === 0),
  paired: fc.integer({ min: 0, max: 9 }).map((x) => x === 0),
});
type Row = typeof row extends fc.Arbitrary<infer T> ? T : never;

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19);

/** The stored provider timestamp, and the instant it names when it names one. */
function stamp(r: Row): { date: string; at: string | null; instant: number | null } {
  const date = day(r.anchor, r.shift);
  const ms = Date.parse(`${date}T00:00:00Z`) + r.minutes * 60_000;
  switch (r.stamp) {
    case 'utc':
      return ms % 86_400_000 === 0 ? { date, at: `${iso(ms)}Z`, instant: null } : { date, at: `${iso(ms)}Z`, instant: ms };
    case 'offset': {
      // The same instant written at -05:00.
      const local = iso(ms - 5 * 3_600_000);
      return local.slice(11, 16) === '00:00'
        ? { date, at: `${local}-05:00`, instant: null }
        : { date, at: `${local}-05:00`, instant: ms };
    }
    case 'midnight':
      return { date, at: `${date}T00:00:00Z`, instant: null };
    case 'date-only':
      return { date, at: `${date}T00:00:00+01:00`, instant: null };
    default:
      return { date, at: null, instant: null };
  }
}

const localDay = (ms: number, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);

function nextMonth(m: string): string {
  const [y, mm] = m.split('-').map(Number) as [number, number];
  return mm === 12 ? `${y + 1}-01` : `${y}-${String(mm + 1).padStart(2, '0')}`;
}

const ledgers: Ledger[] = [];
afterAll(() => ledgers.forEach((l) => l.close()));

describe('reports equal the sum of their rows', () => {
  it('for any ledger, month and time zone', () => {
    let counted = 0;
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 40, size: 'medium' }),
        fc.constantFrom(...ZONES),
        fc.boolean(),
        (rows, zone, after) => {
          const l = fileLedger();
          ledgers.push(l);
          const acct = l.account({ name: 'Giro' });
          const stored = rows.map((r) => {
            const s = stamp(r);
            const id = l.tx({
              account: acct,
              date: s.date,
              at: s.at,
              amount: r.amount,
              currency: r.currency,
              description: 'x',
              category: r.category,
              pending: r.pending,
            });
            if (r.paired) l.db.prepare('UPDATE transactions SET transfer_pair_id = id WHERE id = ?').run(id);
            return { ...r, ...s };
          });
          // The month the first row's anchor ends, or the one after it: the boundary is inside the data.
          const month = after ? nextMonth(rows[0]!.anchor.slice(0, 7)) : rows[0]!.anchor.slice(0, 7);
          const from = `${month}-01`;
          const to = `${nextMonth(month)}-01`;
          const expected = new Map<string, { spent: number; income: number }>();
          // Each spending line is the rows of its category and its subcategories (coffee sits under eating-out).
          const expectedLines = new Map<string, number>();
          for (const r of stored) {
            const d = r.instant === null ? r.date : localDay(r.instant, zone);
            if (d < from || d >= to || r.pending || r.paired) continue;
            const kind = r.category === null ? 'uncategorized' : KIND[r.category]!;
            const e = expected.get(r.currency) ?? { spent: 0, income: 0 };
            if (r.amount < 0 && (kind === 'expense' || kind === 'uncategorized')) e.spent += -r.amount;
            else if (r.amount > 0 && kind === 'expense')
              e.spent -= r.amount; // a refund
            else if (r.amount > 0 && kind === 'income') e.income += r.amount;
            else continue;
            if (kind !== 'income') {
              const top = r.category === null ? 'uncategorized' : r.category === 'coffee' ? 'eating-out' : r.category;
              const k = `${r.currency} ${top}`;
              expectedLines.set(k, (expectedLines.get(k) ?? 0) + -r.amount);
            }
            counted++;
            expected.set(r.currency, e);
          }
          const report = buildReport(l.db, { from, to, timezone: zone }, new Date('2027-01-15T12:00:00Z'));
          const got = new Map(report.currencies.map((c) => [c.currency, { spent: c.totalSpentMinor, income: c.incomeMinor }]));
          const gotLines = new Map<string, number>();
          for (const c of report.currencies) {
            expect(c.spending.reduce((a, x) => a + x.spentMinor, 0)).toBe(c.totalSpentMinor);
            for (const x of c.spending) gotLines.set(`${c.currency} ${x.slug}`, x.spentMinor);
            expect(c.netSavedMinor).toBe(c.incomeMinor - c.totalSpentMinor);
          }
          expect(gotLines).toEqual(expectedLines);
          expect(got).toEqual(expected);
          l.close();
          ledgers.pop();
        },
      ),
      { seed: 20261025, numRuns: 120 },
    );
    // Enough rows land in the asked month and count, or the equality says little.
    expect(counted).toBeGreaterThan(100);
  });
});
