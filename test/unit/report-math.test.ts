import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aggregateSql } from '../../src/reports/aggregate.js';
import { REPORT_KEY, reportKeySql } from '../../src/reports/report-key.js';
import { migrate } from '../../src/store/migrate.js';
import {
  buildReport,
  monthlySeries,
  resolvePeriod,
  userTimezone,
  type CurrencyReport,
  type Report,
} from '../../src/reports/index.js';
import { project } from '../../src/reports/report.js';
import { startOfLocalDay } from '../../src/reports/tz.js';
import { BudgetStore } from '../../src/store/budgets.js';
import { fileLedger, Ledger, memoryLedger } from '../helpers/ledger.js';

const BERLIN = 'Europe/Berlin';
const NY = 'America/New_York';
const NOW = new Date('2026-11-15T10:00:00Z');
const OCTOBER = { from: '2026-10-01', to: '2026-11-01' };

let l: Ledger;
let giro: number;
let savings: number;
let monzo: number;

/**
 * A ledger with known totals. October 2026 in Berlin, EUR:
 *   groceries 45.67 + 12.34 + 100.01 (date-only on Oct 31)
 *     less a 5.00 refund (money in, expense category)              = 153.02 (4)
 *   eating out 25.00 + coffee 3.50                                  =  28.50 (2)
 *   utilities: energy                                               =  80.00 (1)
 *   uncategorized money out                                         =  10.00 (1)
 *   shopping: 2026-09-30T22:30Z (00:30 on Oct 1 in Berlin)          =  20.00 (1)
 *   total                                                           = 291.52
 *   income: salary 2,500.00 + refund 19.99                          = 2,519.99
 * Left out: a paired transfer, an unpaired transfer-category line, a pending 999.99, shopping
 * at 2026-10-31T23:30Z (Nov 1 in Berlin). GBP on its own: groceries 12.00, salary 1,000.00.
 */
function fixture(): void {
  l = memoryLedger();
  giro = l.account({ name: 'Girokonto', institution: 'ING' });
  savings = l.account({ name: 'Extra Konto', institution: 'ING', kind: 'savings' });
  monzo = l.account({ name: 'Current', institution: 'Monzo', currency: 'GBP' });
  const tx = l.tx.bind(l);
  // History before October (first row 2026-06-05: 4 of the 6 trailing months are covered).
  tx({ date: '2026-06-05', amount: '-10.00', description: 'Pizzeria', category: 'eating-out' });
  tx({ date: '2026-07-10', amount: '-60.00', description: 'REWE SAGT DANKE 1', category: 'groceries' });
  tx({ date: '2026-07-11', amount: '-33.34', description: 'Stadtwerke', category: 'energy' });
  tx({ date: '2026-08-10', amount: '-80.00', description: 'REWE SAGT DANKE 2', category: 'groceries' });
  tx({ date: '2026-08-11', amount: '-33.33', description: 'Stadtwerke', category: 'energy' });
  tx({ date: '2026-09-10', amount: '-100.00', description: 'REWE SAGT DANKE 3', category: 'groceries' });
  tx({ date: '2026-09-12', amount: '-30.00', description: 'Trattoria', category: 'eating-out' });
  // October.
  tx({ date: '2026-10-03', amount: '-45.67', description: 'REWE SAGT DANKE 44261234', merchant: null, category: 'groceries' });
  tx({ date: '2026-10-10', amount: '-12.34', description: 'REWE SAGT DANKE 44269999', category: 'groceries' });
  tx({
    date: '2026-10-31',
    at: '2026-10-31T00:00:00+01:00',
    amount: '-100.01',
    description: 'EDEKA CENTER',
    category: 'groceries',
  });
  tx({ date: '2026-10-05', amount: '-3.50', description: 'Backwerk', category: 'coffee' });
  tx({ date: '2026-10-06', amount: '-25.00', description: 'Trattoria', category: 'eating-out' });
  tx({ date: '2026-10-15', amount: '-80.00', description: 'Stadtwerke', category: 'energy' });
  tx({ date: '2026-10-16', amount: '-10.00', description: 'SEPA 0815', category: null });
  tx({ date: '2026-09-30', at: '2026-09-30T22:30:00Z', amount: '-20.00', description: 'Zalando', category: 'shopping' });
  tx({ date: '2026-10-30', amount: '2500.00', description: 'Gehalt', category: 'salary' });
  tx({ date: '2026-10-20', amount: '19.99', description: 'Erstattung', category: 'refunds' });
  tx({ date: '2026-10-21', amount: '5.00', description: 'REWE Pfand', category: 'groceries' });
  l.transfer(giro, savings, '2026-10-02', '500.00');
  tx({ date: '2026-10-22', amount: '-200.00', description: 'To PayPal', category: 'transfers' });
  tx({ date: '2026-10-23', amount: '-999.99', description: 'Pending', category: 'groceries', pending: true });
  tx({ date: '2026-10-31', at: '2026-10-31T23:30:00Z', amount: '-30.00', description: 'Zalando', category: 'shopping' });
  // November (the running month on NOW).
  tx({ date: '2026-11-01', amount: '-40.00', description: 'REWE SAGT DANKE 5', category: 'groceries' });
  // GBP, side by side.
  tx({
    account: monzo,
    date: '2026-10-04',
    amount: '-12.00',
    currency: 'GBP',
    description: 'TESCO STORES 3012',
    category: 'groceries',
  });
  tx({ account: monzo, date: '2026-10-28', amount: '1000.00', currency: 'GBP', description: 'Salary', category: 'salary' });
}

const eur = (r: Report) => r.currencies.find((c) => c.currency === 'EUR')!;
const gbp = (r: Report) => r.currencies.find((c) => c.currency === 'GBP')!;
const line = (c: CurrencyReport, slug: string) => c.spending.find((x) => x.slug === slug);

describe('buildReport', () => {
  beforeEach(fixture);
  afterEach(() => l.close());

  it('adds spending and income to the cent, leaving transfers, pending and other months out', () => {
    const r = buildReport(l.db, { ...OCTOBER, timezone: BERLIN }, NOW);
    expect(r.label).toBe('October 2026');
    expect(r.previous).toEqual({ from: '2026-09-01', to: '2026-10-01' });
    const e = eur(r);
    expect(e.totalSpentMinor).toBe(29152);
    expect(e.incomeMinor).toBe(251999);
    expect(e.netSavedMinor).toBe(251999 - 29152);
    expect(e.savingsRate).toBe(Math.round(((251999 - 29152) / 251999) * 10_000) / 10_000);
    expect(e.spending.map((x) => [x.slug, x.spentMinor, x.count])).toEqual([
      ['groceries', 15302, 4],
      ['utilities', 8000, 1],
      ['eating-out', 2850, 2],
      ['shopping', 2000, 1],
      ['uncategorized', 1000, 1],
    ]);
    expect(e.spending.reduce((a, x) => a + x.spentMinor, 0)).toBe(e.totalSpentMinor);
    expect(line(e, 'groceries')!.share).toBe(0.5249);
  });

  it('rolls subcategories into their top-level line and keeps them as children', () => {
    const e = eur(buildReport(l.db, { ...OCTOBER, timezone: BERLIN }, NOW));
    const eating = line(e, 'eating-out')!;
    expect(eating.parentSlug).toBeNull();
    expect(eating.children!.map((c) => [c.slug, c.parentSlug, c.spentMinor])).toEqual([['coffee', 'eating-out', 350]]);
    expect(line(e, 'utilities')!.children!.map((c) => c.slug)).toEqual(['energy']);
    expect(line(e, 'groceries')!.children).toBeUndefined();
  });

  it('keeps currencies apart and never converts', () => {
    const r = buildReport(l.db, { ...OCTOBER, timezone: BERLIN }, NOW);
    expect(r.currencies.map((c) => c.currency)).toEqual(['EUR', 'GBP']);
    const g = gbp(r);
    expect([g.totalSpentMinor, g.incomeMinor, g.netSavedMinor, g.savingsRate]).toEqual([1200, 100000, 98800, 0.988]);
    expect(g.spending.map((x) => x.slug)).toEqual(['groceries']);
    expect(g.topMerchants).toEqual([{ name: 'TESCO STORES', spentMinor: 1200, count: 1 }]);
  });

  it('compares with the previous period and the trailing average of the periods the data covers', () => {
    const e = eur(buildReport(l.db, { ...OCTOBER, timezone: BERLIN }, NOW));
    const g = line(e, 'groceries')!;
    expect(g.previousMinor).toBe(10000);
    expect(g.changeVsPrevious).toBe(0.5302);
    // Sep 100 + Aug 80 + Jul 60 + Jun 0, over the 4 months since the first row (June 5).
    expect(g.trailingAvgMinor).toBe(6000);
    expect(g.changeVsTrailing).toBe(Math.round(((15302 - 6000) / 6000) * 10_000) / 10_000);
    const eat = line(e, 'eating-out')!;
    expect([eat.previousMinor, eat.changeVsPrevious, eat.trailingAvgMinor, eat.changeVsTrailing]).toEqual([
      3000, -0.05, 1000, 1.85,
    ]);
    // 33.34 + 33.33 over 4 months = 16.6675 → 16.67, rounded to the cent once.
    const util = line(e, 'utilities')!;
    expect([util.previousMinor, util.changeVsPrevious, util.trailingAvgMinor]).toEqual([0, null, 1667]);
  });

  it('buckets by the local day: timestamps with a time of day move across the month boundary, bank dates do not', () => {
    const berlin = eur(buildReport(l.db, { ...OCTOBER, timezone: BERLIN }, NOW));
    // 2026-09-30T22:30Z is October 1 in Berlin; 2026-10-31T23:30Z is November 1.
    expect(line(berlin, 'shopping')!.spentMinor).toBe(2000);
    const ny = eur(buildReport(l.db, { ...OCTOBER, timezone: NY }, NOW));
    // In New York the first is still September 30 and the second October 31.
    expect(line(ny, 'shopping')!.spentMinor).toBe(3000);
    expect(line(ny, 'shopping')!.previousMinor).toBe(2000);
    // The date-only EDEKA line on Oct 31 is October everywhere.
    expect(line(ny, 'groceries')!.spentMinor).toBe(15302);
    const novBerlin = eur(buildReport(l.db, { from: '2026-11-01', to: '2026-12-01', timezone: BERLIN }, NOW));
    expect(line(novBerlin, 'shopping')!.spentMinor).toBe(3000);
  });

  it('finds the UTC instant a local month starts, across DST', () => {
    expect(startOfLocalDay('2026-10-01', BERLIN).toISOString()).toBe('2026-09-30T22:00:00.000Z');
    expect(startOfLocalDay('2026-11-01', BERLIN).toISOString()).toBe('2026-10-31T23:00:00.000Z');
    expect(startOfLocalDay('2026-03-29', BERLIN).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfLocalDay('2026-03-30', BERLIN).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(startOfLocalDay('2026-11-01', NY).toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(startOfLocalDay('2026-11-02', NY).toISOString()).toBe('2026-11-02T05:00:00.000Z');
    // Santiago skips midnight when DST starts (2026-09-06 00:00 → 01:00): the day starts at 01:00.
    expect(startOfLocalDay('2026-09-06', 'America/Santiago').toISOString()).toBe('2026-09-06T04:00:00.000Z');
  });

  it('includes pending and transfers only when asked', () => {
    const withPending = eur(buildReport(l.db, { ...OCTOBER, timezone: BERLIN, includePending: true }, NOW));
    expect(withPending.totalSpentMinor).toBe(29152 + 99999);
    const withTransfers = eur(buildReport(l.db, { ...OCTOBER, timezone: BERLIN, includeTransfers: true }, NOW));
    expect(line(withTransfers, 'transfers')!.spentMinor).toBe(50000 + 20000);
    expect(withTransfers.incomeMinor).toBe(251999 + 50000);
  });

  it('reports one account', () => {
    const r = buildReport(l.db, { ...OCTOBER, timezone: BERLIN, accountId: monzo }, NOW);
    expect(r.currencies.map((c) => [c.currency, c.totalSpentMinor])).toEqual([['GBP', 1200]]);
    const s = buildReport(l.db, { ...OCTOBER, timezone: BERLIN, accountId: savings, includeTransfers: true }, NOW);
    expect(eur(s).incomeMinor).toBe(50000);
  });

  it('merges merchant spellings that normalize alike into one top merchant', () => {
    const e = eur(buildReport(l.db, { ...OCTOBER, timezone: BERLIN }, NOW));
    expect(e.topMerchants[0]).toEqual({ name: 'EDEKA CENTER', spentMinor: 10001, count: 1 });
    // "REWE SAGT DANKE 44261234" and "REWE SAGT DANKE 44269999": one merchant, shown without the number.
    expect(e.topMerchants.filter((m) => /rewe/i.test(m.name))).toEqual([{ name: 'REWE SAGT DANKE', spentMinor: 5801, count: 2 }]);
    expect(e.topMerchants.map((m) => m.spentMinor)).toEqual([10001, 8000, 5801, 2500, 2000, 1000, 350]);
    // Spellings that differ by more than a trailing number merge when they normalize alike.
    const l2 = memoryLedger();
    try {
      l2.tx({ date: '2026-10-01', amount: '-1.00', description: 'Kartenzahlung Lidl sagt Danke' });
      l2.tx({ date: '2026-10-02', amount: '-2.00', description: 'LIDL SAGT DANKE 4471' });
      l2.tx({ date: '2026-10-03', amount: '-4.00', description: 'x', merchant: 'Lidl' });
      expect(eur(buildReport(l2.db, { ...OCTOBER, timezone: BERLIN }, NOW)).topMerchants).toEqual([
        { name: 'Lidl', spentMinor: 700, count: 3 },
      ]);
    } finally {
      l2.close();
    }
    expect(e.topMerchants.some((m) => m.name === 'Gehalt' || m.name === 'Umbuchung' || m.name === 'Pending')).toBe(false);
  });

  it('compares a year with the year before, and a day range with the same number of days before it', () => {
    const y = buildReport(l.db, { from: '2026-01-01', to: '2027-01-01', timezone: BERLIN }, NOW);
    expect(y.label).toBe('2026');
    expect(y.previous).toEqual({ from: '2025-01-01', to: '2026-01-01' });
    expect(eur(y).totalSpentMinor).toBe(1000 + 6000 + 3334 + 8000 + 3333 + 10000 + 3000 + 29152 + 3000 + 4000);
    const d = buildReport(l.db, { from: '2026-10-05', to: '2026-10-12', timezone: BERLIN }, NOW);
    expect(d.label).toBe('2026-10-05 to 2026-10-11');
    expect(d.previous).toEqual({ from: '2026-09-28', to: '2026-10-05' });
  });

  it('says nothing for an empty database', () => {
    const empty = memoryLedger();
    try {
      expect(buildReport(empty.db, { ...OCTOBER, timezone: BERLIN }, NOW).currencies).toEqual([]);
    } finally {
      empty.close();
    }
  });
});

describe('budgets in the report', () => {
  beforeEach(fixture);
  afterEach(() => l.close());

  it('shows limit, spent, left, and projected = spent for a past month', () => {
    const store = new BudgetStore(l.db);
    store.set(l.category('groceries'), 20000, 'EUR', 'monthly', NOW.toISOString());
    store.set(l.category('eating-out'), 2000, 'EUR', 'monthly', NOW.toISOString());
    store.set(l.category('coffee'), 500, 'EUR', 'monthly', NOW.toISOString());
    store.set(l.category('travel'), 30000, 'USD', 'monthly', NOW.toISOString());
    const r = buildReport(l.db, { ...OCTOBER, timezone: BERLIN }, NOW);
    expect(eur(r).budgets).toEqual([
      { slug: 'coffee', name: 'Coffee & snacks', limitMinor: 500, spentMinor: 350, leftMinor: 150, projectedMinor: 350 },
      { slug: 'eating-out', name: 'Eating out', limitMinor: 2000, spentMinor: 2850, leftMinor: -850, projectedMinor: 2850 },
      { slug: 'groceries', name: 'Groceries', limitMinor: 20000, spentMinor: 15302, leftMinor: 4698, projectedMinor: 15302 },
    ]);
    // A budget in a currency with no spending still shows.
    expect(r.currencies.find((c) => c.currency === 'USD')!.budgets[0]).toMatchObject({ spentMinor: 0, leftMinor: 30000 });
    // A year holds 12 monthly limits.
    expect(
      eur(buildReport(l.db, { from: '2026-01-01', to: '2027-01-01', timezone: BERLIN }, NOW)).budgets.find(
        (b) => b.slug === 'groceries',
      )!.limitMinor,
    ).toBe(240000);
  });

  it("projects the running month from the usual spending, or its own pace once a week has passed, in the user's time zone", () => {
    new BudgetStore(l.db).set(l.category('groceries'), 20000, 'EUR', 'monthly', NOW.toISOString());
    // November 15 in Berlin: 15 of 30 days elapsed (today counts), 40.00 spent. Usual groceries:
    // Oct 153.02 + Sep 100 + Aug 80 + Jul 60 + Jun 0 over the 5 months the data covers = 78.60;
    // half the month is ahead, so 40.00 + 39.30 = 79.30.
    const nov = buildReport(l.db, { from: '2026-11-01', to: '2026-12-01', timezone: BERLIN }, NOW);
    expect(eur(nov).budgets[0]).toEqual({
      slug: 'groceries',
      name: 'Groceries',
      limitMinor: 20000,
      spentMinor: 4000,
      leftMinor: 16000,
      projectedMinor: 7930,
    });
    // Rent on the 1st does not project to 30 rents: with history, the usual rest of the month is added.
    const range0 = { from: '2026-11-01', to: '2026-12-01' };
    expect(project(90000, range0, BERLIN, new Date('2026-10-31T23:30:00Z'), 3000)).toBe(90000 + 2900);
    // Without history: nothing is extrapolated in the first 6 days, then the month's own pace.
    expect(project(4000, range0, BERLIN, new Date('2026-11-06T12:00:00Z'))).toBe(4000);
    expect(project(4000, range0, BERLIN, new Date('2026-11-07T12:00:00Z'))).toBe(17143); // 40.00 × 30 / 7
    // Spending ahead of the usual still ends above it; a usual below zero (refunds) adds nothing.
    expect(project(4000, range0, BERLIN, new Date('2026-11-15T12:00:00Z'), -500)).toBe(4000);
    const range = { from: '2026-11-01', to: '2026-12-01' };
    // 2026-11-30T23:30Z is already December 1 in Berlin (November is over) but November 30 in New York.
    expect(project(4000, range, BERLIN, new Date('2026-11-30T23:30:00Z'))).toBe(4000);
    expect(project(4000, range, NY, new Date('2026-11-30T23:30:00Z'))).toBe(4000);
    expect(project(4000, range, NY, new Date('2026-11-01T03:30:00Z'))).toBe(4000); // still October in NY: not begun
    expect(project(4000, range, BERLIN, new Date('2026-10-31T23:30:00Z'))).toBe(4000); // Nov 1 in Berlin: too early to extrapolate
    expect(project(4000, range, NY, new Date('2026-11-07T03:30:00Z'))).toBe(4000); // Nov 6 in NY, Nov 7 in Berlin
    expect(project(4000, range, BERLIN, new Date('2026-11-07T03:30:00Z'))).toBe(17143);
    expect(project(1, range, BERLIN, new Date('2026-11-08T12:00:00Z'))).toBe(4); // 1 × 30 / 8, rounded
  });
});

describe('monthlySeries', () => {
  beforeEach(fixture);
  afterEach(() => l.close());

  it('gives spending, income and top-level categories per month and currency', () => {
    const s = monthlySeries(l.db, { endMonth: '2026-11', months: 3, timezone: BERLIN });
    expect(s.map((c) => c.currency)).toEqual(['EUR', 'GBP']);
    const e = s[0]!.months;
    expect(e.map((m) => m.month)).toEqual(['2026-09', '2026-10', '2026-11']);
    expect(e.map((m) => m.spentMinor)).toEqual([13000, 29152, 7000]);
    expect(e.map((m) => m.incomeMinor)).toEqual([0, 251999, 0]);
    expect(e[1]!.byCategory).toEqual({
      groceries: 15302,
      utilities: 8000,
      'eating-out': 2850,
      shopping: 2000,
      uncategorized: 1000,
    });
    expect(s[1]!.months.map((m) => m.spentMinor)).toEqual([0, 1200, 0]);
  });

  it('agrees with buildReport month by month', () => {
    const s = monthlySeries(l.db, { endMonth: '2026-10', months: 12, timezone: NY });
    for (const m of s[0]!.months) {
      const { from, to } = resolvePeriod({ month: m.month }, NOW, NY);
      const r = buildReport(l.db, { from, to, timezone: NY }, NOW).currencies.find((c) => c.currency === 'EUR');
      expect(m.spentMinor).toBe(r?.totalSpentMinor ?? 0);
    }
  });
});

describe('resolvePeriod and userTimezone', () => {
  it("defaults to the previous calendar month in the user's time zone", () => {
    const now = new Date('2026-10-31T23:30:00Z'); // Nov 1 in Berlin, Oct 31 in New York
    expect(resolvePeriod({}, now, BERLIN)).toEqual({
      from: '2026-10-01',
      to: '2026-11-01',
      label: 'October 2026',
      previous: { from: '2026-09-01', to: '2026-10-01' },
    });
    expect(resolvePeriod({}, now, NY)).toMatchObject({ from: '2026-09-01', to: '2026-10-01', label: 'September 2026' });
    expect(resolvePeriod({}, new Date('2026-01-10T12:00:00Z'), BERLIN)).toMatchObject({
      from: '2025-12-01',
      to: '2026-01-01',
      previous: { from: '2025-11-01', to: '2025-12-01' },
    });
  });

  it('reads --month, --year and --from/--to, and refuses nonsense with a sentence', () => {
    expect(resolvePeriod({ month: '2026-03' }, NOW, BERLIN)).toMatchObject({
      from: '2026-03-01',
      to: '2026-04-01',
      previous: { from: '2026-02-01', to: '2026-03-01' },
    });
    expect(resolvePeriod({ year: '2025' }, NOW, BERLIN)).toMatchObject({ from: '2025-01-01', to: '2026-01-01', label: '2025' });
    expect(resolvePeriod({ from: '2026-10-05', to: '2026-10-12' }, NOW, BERLIN)).toMatchObject({
      label: '2026-10-05 to 2026-10-11',
      previous: { from: '2026-09-28', to: '2026-10-05' },
    });
    expect(resolvePeriod({ from: '2026-11-01' }, NOW, BERLIN)).toMatchObject({ to: '2026-11-16' });
    expect(() => resolvePeriod({ month: '2026-13' }, NOW, BERLIN)).toThrow(/not a month; write it as YYYY-MM/);
    expect(() => resolvePeriod({ from: '2026-02-30', to: '2026-03-01' }, NOW, BERLIN)).toThrow(
      /--from "2026-02-30" is not a date/,
    );
    expect(() => resolvePeriod({ from: '2026-03-01', to: '2026-03-01' }, NOW, BERLIN)).toThrow(/must be after --from/);
    expect(() => resolvePeriod({ month: '2026-03', year: '2026' }, NOW, BERLIN)).toThrow(
      /one of --month, --year or --from\/--to/,
    );
    expect(() => resolvePeriod({ to: '2026-03-01' }, NOW, BERLIN)).toThrow(/--to needs --from/);
  });

  it('takes TRAX_TIMEZONE, else TZ, else the system zone, and refuses an unknown TRAX_TIMEZONE', () => {
    expect(userTimezone({ TRAX_TIMEZONE: 'Asia/Kolkata', TZ: 'UTC' })).toBe('Asia/Kolkata');
    expect(userTimezone({ TZ: 'America/New_York' })).toBe('America/New_York');
    expect(userTimezone({ TZ: ':Europe/Berlin' })).toBe('Europe/Berlin');
    expect(userTimezone({ TZ: 'CET-1CEST' })).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(() => userTimezone({ TRAX_TIMEZONE: 'Mars/Olympus' })).toThrow(/TRAX_TIMEZONE "Mars\/Olympus" is not a time zone/);
  });
});

describe('the report key and its index', () => {
  it('uses the time of day when the provider gave one, else the bank day', () => {
    const l2 = memoryLedger();
    try {
      const cases: Array<[string | null, string]> = [
        [null, 'd2026-10-01'],
        ['2026-10-01', 'd2026-10-01'],
        ['2026-10-01T00:00:00+02:00', 'd2026-10-01'], // ING: midnight carries only a date
        ['2026-10-01T00:00:00Z', 'd2026-10-01'],
        ['2026-10-01T00:30:00+02:00', 't2026-09-30T22:30:00Z'],
        ['2026-10-01T13:45:10.123Z', 't2026-10-01T13:45:10Z'],
        ['2026-10-01T08:00:00+05:30', 't2026-10-01T02:30:00Z'],
        ['2026-10-01 08:00:00-04:00', 't2026-10-01T12:00:00Z'],
        ['2026-10-01T13:45:10', 'd2026-10-01'], // no zone: only the bank's day is certain
        ['garbage', 'd2026-10-01'],
      ];
      for (const [at] of cases) l2.tx({ date: '2026-10-01', at, amount: '-1.00', description: 'x' });
      const keys = l2.db.prepare(`SELECT ${REPORT_KEY} FROM transactions t ORDER BY id`).pluck().all();
      expect(keys).toEqual(cases.map(([, k]) => k));
    } finally {
      l2.close();
    }
  });

  it("is the same expression as the migration's index, and the report reads only that index", () => {
    const sql = readFileSync(new URL('../../src/store/migrations/003_budgets.sql', import.meta.url), 'utf8');
    const squash = (s: string) => s.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')').trim();
    expect(squash(sql)).toContain(squash(reportKeySql('')));
    const l2 = memoryLedger();
    try {
      const plan = (q: string, params: Record<string, unknown>) =>
        (l2.db.prepare(`EXPLAIN QUERY PLAN ${q}`).all(params) as Array<{ detail: string }>).map((r) => r.detail).join('\n');
      const p = plan(aggregateSql({ accountId: 1 }), { periods: '[]', categories: '[]', accountId: 1 });
      expect(p).toMatch(
        /SEARCH t USING COVERING INDEX transactions_report \(currency=\? AND category_id=\? AND <expr>>\? AND <expr><\?\)/,
      );
      expect(p).not.toMatch(/SCAN t\b|TEMP B-TREE/);
    } finally {
      l2.close();
    }
  });

  it('migration 003 indexes a database that already has transactions', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'trax-migrate-'));
    const only = path.join(dir, 'migrations');
    mkdirSync(only);
    const src = fileURLToPath(new URL('../../src/store/migrations/', import.meta.url));
    for (const f of readdirSync(src).filter((f) => f < '003')) copyFileSync(path.join(src, f), path.join(only, f));
    const db = new Database(path.join(dir, 'old.sqlite'));
    try {
      migrate(db, only);
      const old = new Ledger(db);
      old.tx({ date: '2026-10-31', at: '2026-10-31T23:30:00Z', amount: '-30.00', description: 'Zalando', category: 'shopping' });
      expect(migrate(db)).toBeGreaterThanOrEqual(3); // later migrations may follow
      const r = buildReport(db, { from: '2026-11-01', to: '2026-12-01', timezone: BERLIN }, NOW);
      expect(r.currencies[0]!.totalSpentMinor).toBe(3000);
      expect(db.prepare('SELECT count(*) FROM budgets').pluck().get()).toBe(0);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a time zone Intl does not know', () => {
    const l2 = memoryLedger();
    try {
      expect(() => buildReport(l2.db, { ...OCTOBER, timezone: 'Mars/Olympus' })).toThrow(/"Mars\/Olympus" is not a time zone/);
    } finally {
      l2.close();
    }
  });
});

describe('what a month counts, to the minute and the sign (a real SQLite file)', () => {
  let f: Ledger;
  beforeEach(() => {
    f = fileLedger();
    const g = (at: string | null, date: string, amount: string, category: string | null = 'groceries', extra = {}) =>
      f.tx({ date, at, amount, description: `row ${date} ${amount}`, category, ...extra });
    // Berlin's October runs from 2026-09-30T22:00Z to 2026-10-31T23:00Z (CET again after Oct 25).
    g('2026-09-30T21:59:00Z', '2026-09-30', '-100.00'); // Sep 30, 23:59 local: out
    g('2026-09-30T22:00:00Z', '2026-09-30', '-1.11'); // Oct 1, 00:00 local: in
    g('2026-10-31T22:59:00Z', '2026-10-31', '-2.22'); // Oct 31, 23:59 local: in
    g('2026-10-31T23:00:00Z', '2026-10-31', '-200.00'); // Nov 1, 00:00 local: out
    g(null, '2026-10-01', '-3.33'); // bank days: the 1st is in, the next 1st is not
    g(null, '2026-11-01', '-300.00');
    g(null, '2026-09-30', '-400.00');
    g(null, '2026-10-10', '-1.00', null); // uncategorized money out is spending
    g(null, '2026-10-11', '0.50'); // money in, expense category: a refund, less spending (not income)
    g(null, '2026-10-12', '-3.00', 'salary'); // money out, income category: neither
    g(null, '2026-10-13', '100.00', 'salary');
    g(null, '2026-10-14', '-9.00', 'groceries', { pending: true });
    g(null, '2026-10-15', '-50.00', 'transfers'); // a transfer by category
    const paired = g(null, '2026-10-16', '-40.00'); // a transfer by pairing, whatever its category
    f.db.prepare('UPDATE transactions SET transfer_pair_id = ? WHERE id = ?').run(paired, paired);
  });
  afterEach(() => f.close());

  const october = (opts = {}) =>
    buildReport(
      f.db,
      { from: '2026-10-01', to: '2026-11-01', timezone: 'Europe/Berlin', ...opts },
      new Date('2027-01-01T00:00:00Z'),
    ).currencies[0]!;

  it('counts from the first instant of the local month up to, not including, the next', () => {
    const r = october();
    expect(r.totalSpentMinor).toBe(111 + 222 + 333 - 50 + 100);
    expect(r.incomeMinor).toBe(10000);
    expect(r.netSavedMinor).toBe(10000 - 716);
    expect(r.savingsRate).toBe(0.9284);
    expect(r.spending.map((l) => [l.slug, l.spentMinor, l.count])).toEqual([
      ['groceries', 616, 4],
      ['uncategorized', 100, 1],
    ]);
  });

  it('adds pending rows and both kinds of transfer only when asked', () => {
    expect(october({ includePending: true }).totalSpentMinor).toBe(716 + 900);
    const t = october({ includeTransfers: true });
    expect(t.totalSpentMinor).toBe(716 + 5000 + 4000);
    expect(t.incomeMinor).toBe(10000);
  });

  it('moves the same instants to other months in New York and Kiritimati', () => {
    // New York (EDT until Nov 1): 21:59Z and 22:00Z on Sep 30 are Sep 30; 22:59Z and 23:00Z on Oct 31 are Oct 31.
    expect(october({ timezone: 'America/New_York' }).totalSpentMinor).toBe(222 + 20000 + 333 - 50 + 100);
    // Kiritimati (+14): all four instants are a day later: Oct 1 twice, Nov 1 twice.
    expect(october({ timezone: 'Pacific/Kiritimati' }).totalSpentMinor).toBe(10000 + 111 + 333 - 50 + 100);
  });
});
