/**
 * The aggregation every report is built from, over a real SQLite file: per period, currency and
 * category, money out and money in with their counts; what pending rows, transfers and one
 * account filter do; and the taxonomy lookups the reports roll lines up with.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aggregate, CategoryIndex, roleOf } from '../../src/reports/aggregate.js';
import { fileLedger, type Ledger } from '../helpers/ledger.js';

const UTC = 'UTC';
const JAN = { from: '2026-01-01', to: '2026-02-01' };
const FEB = { from: '2026-02-01', to: '2026-03-01' };

let l: Ledger;
let giro: number;
let card: number;
beforeEach(() => {
  l = fileLedger();
  giro = l.account({ name: 'Giro' });
  card = l.account({ name: 'Card' });
});
afterEach(() => l.close());

const sorted = (rows: ReturnType<typeof aggregate>) =>
  [...rows].sort(
    (a, b) => a.period - b.period || a.currency.localeCompare(b.currency) || (a.categoryId ?? 0) - (b.categoryId ?? 0),
  );

describe('aggregate', () => {
  it('sums money out and money in per period, currency and category, adding bank days and timed rows', () => {
    const groceries = l.category('groceries');
    l.tx({ account: giro, date: '2026-01-05', at: null, amount: '-10.00', description: 'a', category: 'groceries' });
    l.tx({
      account: giro,
      date: '2026-01-06',
      at: '2026-01-06T10:00:00Z',
      amount: '-2.50',
      description: 'b',
      category: 'groceries',
    });
    l.tx({
      account: giro,
      date: '2026-01-07',
      at: '2026-01-07T10:00:00Z',
      amount: '4.00',
      description: 'c',
      category: 'groceries',
    });
    l.tx({ account: giro, date: '2026-01-08', at: null, amount: '1.00', description: 'd', category: 'groceries' });
    l.tx({
      account: giro,
      date: '2026-01-09',
      at: null,
      amount: '-7.00',
      currency: 'GBP',
      description: 'e',
      category: 'groceries',
    });
    l.tx({ account: giro, date: '2026-02-09', at: null, amount: '-3.00', description: 'f', category: null });
    l.tx({ account: giro, date: '2026-03-01', at: null, amount: '-99.00', description: 'later', category: 'groceries' });
    l.tx({ account: giro, date: '2026-01-10', at: null, amount: 0, description: 'zero', category: 'fees' });
    expect(sorted(aggregate(l.db, [JAN, FEB], UTC, {}))).toEqual([
      { period: 0, currency: 'EUR', categoryId: groceries, outMinor: 1250, outCount: 2, inMinor: 500, inCount: 2 },
      { period: 0, currency: 'GBP', categoryId: groceries, outMinor: 700, outCount: 1, inMinor: 0, inCount: 0 },
      { period: 1, currency: 'EUR', categoryId: null, outMinor: 300, outCount: 1, inMinor: 0, inCount: 0 },
    ]);
  });

  it('leaves pending and paired rows out unless asked, and filters one account', () => {
    const groceries = l.category('groceries');
    l.tx({ account: giro, date: '2026-01-05', at: null, amount: '-10.00', description: 'a', category: 'groceries' });
    l.tx({ account: card, date: '2026-01-05', at: null, amount: '-20.00', description: 'b', category: 'groceries' });
    l.tx({
      account: giro,
      date: '2026-01-06',
      at: null,
      amount: '-5.00',
      description: 'p',
      category: 'groceries',
      pending: true,
    });
    l.transfer(giro, card, '2026-01-07', '100.00');
    const transfers = l.category('transfers');
    expect(aggregate(l.db, [JAN], UTC, {})).toEqual([
      { period: 0, currency: 'EUR', categoryId: groceries, outMinor: 3000, outCount: 2, inMinor: 0, inCount: 0 },
    ]);
    expect(aggregate(l.db, [JAN], UTC, { includePending: true })).toEqual([
      { period: 0, currency: 'EUR', categoryId: groceries, outMinor: 3500, outCount: 3, inMinor: 0, inCount: 0 },
    ]);
    expect(sorted(aggregate(l.db, [JAN], UTC, { includeTransfers: true }))).toEqual(
      sorted([
        { period: 0, currency: 'EUR', categoryId: groceries, outMinor: 3000, outCount: 2, inMinor: 0, inCount: 0 },
        { period: 0, currency: 'EUR', categoryId: transfers, outMinor: 10000, outCount: 1, inMinor: 10000, inCount: 1 },
      ]),
    );
    expect(aggregate(l.db, [JAN], UTC, { accountId: card })).toEqual([
      { period: 0, currency: 'EUR', categoryId: groceries, outMinor: 2000, outCount: 1, inMinor: 0, inCount: 0 },
    ]);
    expect(aggregate(l.db, [JAN], UTC, { accountId: card, includePending: true, includeTransfers: true })).toHaveLength(2);
  });

  it('an empty database gives no rows', () => {
    expect(aggregate(l.db, [JAN], UTC, {})).toEqual([]);
  });
});

describe('the category index', () => {
  it('finds a category, its top-level parent, and counts unknown or missing ones as Uncategorized', () => {
    const idx = new CategoryIndex(l.db);
    const coffee = l.category('coffee');
    const eatingOut = l.category('eating-out');
    expect(idx.get(coffee)).toMatchObject({ slug: 'coffee', name: 'Coffee & snacks', parentId: eatingOut, kind: 'expense' });
    expect(idx.top(coffee).slug).toBe('eating-out');
    expect(idx.top(eatingOut).slug).toBe('eating-out');
    expect(idx.get(null).slug).toBe('uncategorized');
    expect(idx.get(null).id).toBe(l.category('uncategorized'));
    expect(idx.get(987654).id).toBe(l.category('uncategorized'));
    expect(idx.top(null).slug).toBe('uncategorized');
    expect(idx.bySlug('groceries')?.id).toBe(l.category('groceries'));
    expect(idx.bySlug('nope')).toBeUndefined();
  });

  it('a child whose parent is gone is its own top; without the built-in Uncategorized, a stand-in', () => {
    const coffee = l.category('coffee');
    l.db.pragma('foreign_keys = OFF');
    l.db.prepare('DELETE FROM categories WHERE slug IN (?, ?)').run('eating-out', 'uncategorized');
    const idx = new CategoryIndex(l.db);
    expect(idx.top(coffee).slug).toBe('coffee');
    expect(idx.uncategorized).toEqual({
      id: 0,
      slug: 'uncategorized',
      name: 'Uncategorized',
      parentId: null,
      kind: 'uncategorized',
    });
    expect(idx.get(null)).toBe(idx.uncategorized);
  });
});

describe('what money counts as', () => {
  it('spending in expense and uncategorized, income in income, transfers only when asked', () => {
    expect(roleOf('expense', false)).toEqual({ out: true, in: false });
    expect(roleOf('uncategorized', true)).toEqual({ out: true, in: false });
    expect(roleOf('income', true)).toEqual({ out: false, in: true });
    expect(roleOf('transfer', false)).toEqual({ out: false, in: false });
    expect(roleOf('transfer', undefined)).toEqual({ out: false, in: false });
    expect(roleOf('transfer', true)).toEqual({ out: true, in: true });
  });
});
