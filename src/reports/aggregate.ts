/**
 * The one aggregation every report is built from: per period, currency and category, the money
 * out and the money in. It runs entirely in SQLite over the covering index
 * `transactions_report` (migration 003, ordered currency, category, report key): for every
 * (currency, category, period) one correlated subquery seeks to its run of index entries and
 * sums it. No table row is read, no time-zone arithmetic happens per row (a period is two key
 * ranges: bank days, and the UTC instants of the user's local day bounds), and nothing is
 * sorted: a plain GROUP BY over the same rows spent 6× the time of the scan in SQLite's sorter.
 */
import type { Db } from '../store/db.js';
import type { CategoryKind } from '../categorize/taxonomy.js';
import type { Range } from './period.js';
import { REPORT_KEY } from './report-key.js';
import { adjustForSplits } from './split-adjust.js';
import { timedKey } from './tz.js';

export interface Filters {
  accountId?: number;
  /** Only rows carrying this tag (`trax tx tag`); a tag belongs to the whole booking, split or not. */
  tag?: string;
  /**
   * Only rows a search query matches (`trax report --saved NAME`): conditions on `transactions t`
   * compiled by store/search.ts, every value a bound parameter named s0, s1, ….
   */
  search?: { sql: string[]; params: Record<string, unknown> };
  includePending?: boolean;
  includeTransfers?: boolean;
}

export interface AggRow {
  period: number;
  currency: string;
  categoryId: number | null;
  outMinor: number;
  outCount: number;
  inMinor: number;
  inCount: number;
}

/** The two report-key ranges of a local-day period: [lo, hi) on bank days and on instants. */
export function keyRanges(range: Range, timezone: string): Array<[string, string]> {
  return [
    [`d${range.from}`, `d${range.to}`],
    [timedKey(range.from, timezone), timedKey(range.to, timezone)],
  ];
}

/** JSON for the `periods` CTE: [[period index, lo, hi], …]. */
export function periodsJson(periods: readonly Range[], timezone: string): string {
  return JSON.stringify(periods.flatMap((p, i) => keyRanges(p, timezone).map(([lo, hi]) => [i, lo, hi])));
}

/**
 * The filters shared by every report query. Transfers are excluded here only by their pairing;
 * a transfer *category* is dropped by the caller (it needs the category's kind).
 */
export function whereClause(f: Filters): { sql: string; params: Record<string, unknown> } {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  if (!f.includePending) parts.push('t.pending = 0');
  if (!f.includeTransfers) parts.push('t.transfer_pair_id IS NULL');
  if (f.accountId !== undefined) {
    parts.push('t.account_id = @accountId');
    params.accountId = f.accountId;
  }
  if (f.tag !== undefined) {
    // By rowid, which every report index carries: the tagged rows are few, the scan stays index-only.
    parts.push(`t.id IN (SELECT tt.id FROM transaction_tags g
      JOIN transactions tt ON tt.account_id = g.account_id AND tt.dedupe_key = g.dedupe_key WHERE g.tag = @tag)`);
    params.tag = f.tag;
  }
  if (f.search) {
    // Every report query names the transactions table `t`, as the search conditions do.
    for (const cond of f.search.sql) parts.push(`(${cond})`);
    Object.assign(params, f.search.params);
  }
  return { sql: parts.length ? `AND ${parts.join(' AND ')}` : '', params };
}

/**
 * The loops every report query runs: the currencies present (found by seeking the index from one
 * currency to the next, not by scanning it), the categories asked for (null = uncategorized),
 * and the period key ranges. Parameters: @periods, @categories (JSON arrays).
 */
export const REPORT_LOOPS = `WITH RECURSIVE
  currencies(c) AS (
    SELECT (SELECT min(currency) FROM transactions)
    UNION ALL
    SELECT (SELECT min(currency) FROM transactions WHERE currency > c) FROM currencies WHERE c IS NOT NULL
  ),
  cats(id) AS (SELECT value FROM json_each(@categories)),
  periods(i, lo, hi) AS (SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(@periods))`;

/** The transactions of one loop step: one contiguous run of the report index. */
export const REPORT_RUN = `t.currency = currencies.c AND t.category_id IS cats.id
  AND ${REPORT_KEY} >= periods.lo AND ${REPORT_KEY} < periods.hi`;

export function aggregateSql(f: Filters): string {
  return `${REPORT_LOOPS}
    SELECT periods.i AS period, currencies.c AS currency, cats.id AS categoryId,
      (SELECT json_array(
          coalesce(sum(-t.amount_minor) FILTER (WHERE t.amount_minor < 0), 0),
          count(*) FILTER (WHERE t.amount_minor < 0),
          coalesce(sum(t.amount_minor) FILTER (WHERE t.amount_minor > 0), 0),
          count(*) FILTER (WHERE t.amount_minor > 0))
        FROM transactions t WHERE ${REPORT_RUN} ${whereClause(f).sql}) AS sums
    FROM currencies CROSS JOIN cats CROSS JOIN periods
    WHERE currencies.c IS NOT NULL`;
}

/** Every category id, and null for rows without one. */
export function allCategoriesJson(db: Db): string {
  return JSON.stringify([null, ...(db.prepare('SELECT id FROM categories ORDER BY id').pluck().all() as number[])]);
}

export function aggregate(db: Db, periods: readonly Range[], timezone: string, f: Filters): AggRow[] {
  const raw = db
    .prepare<[Record<string, unknown>], { period: number; currency: string; categoryId: number | null; sums: string }>(aggregateSql(f))
    .all({ periods: periodsJson(periods, timezone), categories: allCategoriesJson(db), ...whereClause(f).params });
  // Each period is two key ranges (bank days, instants): add them up.
  const byKey = new Map<string, AggRow>();
  for (const r of raw) {
    const [outMinor, outCount, inMinor, inCount] = JSON.parse(r.sums) as [number, number, number, number];
    if (outCount === 0 && inCount === 0) continue;
    const key = `${r.period}\u0000${r.currency}\u0000${r.categoryId}`;
    const row = byKey.get(key);
    if (row) {
      row.outMinor += outMinor;
      row.outCount += outCount;
      row.inMinor += inMinor;
      row.inCount += inCount;
    } else {
      byKey.set(key, { period: r.period, currency: r.currency, categoryId: r.categoryId, outMinor, outCount, inMinor, inCount });
    }
  }
  adjustForSplits(db, periods, timezone, f, byKey);
  return [...byKey.values()];
}

export interface CategoryInfo {
  id: number;
  slug: string;
  name: string;
  parentId: number | null;
  kind: CategoryKind;
}

/** The taxonomy, with a way to find a category's top-level ancestor (one level of nesting). */
export class CategoryIndex {
  readonly byId = new Map<number, CategoryInfo>();
  /** What a transaction without a category counts as: the built-in Uncategorized. */
  readonly uncategorized: CategoryInfo;

  constructor(db: Db) {
    const rows = db
      .prepare<[], { id: number; slug: string; name: string; parent_id: number | null; kind: CategoryKind }>(
        'SELECT id, slug, name, parent_id, kind FROM categories',
      )
      .all();
    for (const r of rows) this.byId.set(r.id, { id: r.id, slug: r.slug, name: r.name, parentId: r.parent_id, kind: r.kind });
    this.uncategorized = rows.find((r) => r.slug === 'uncategorized')
      ? this.bySlug('uncategorized')!
      : { id: 0, slug: 'uncategorized', name: 'Uncategorized', parentId: null, kind: 'uncategorized' };
  }

  bySlug(slug: string): CategoryInfo | undefined {
    for (const c of this.byId.values()) if (c.slug === slug) return c;
    return undefined;
  }

  get(id: number | null): CategoryInfo {
    return (id === null ? undefined : this.byId.get(id)) ?? this.uncategorized;
  }

  top(id: number | null): CategoryInfo {
    const c = this.get(id);
    return c.parentId === null ? c : this.byId.get(c.parentId) ?? c;
  }
}

/**
 * What money in a category counts as. Spending: money out in expense categories, and in
 * Uncategorized (money out that Trax could not place is still money spent; leaving it out would
 * flatter the month). Income: money in in income categories. Transfers count only when asked.
 */
export function roleOf(kind: CategoryKind, includeTransfers: boolean | undefined): { out: boolean; in: boolean } {
  if (kind === 'expense' || kind === 'uncategorized') return { out: true, in: false };
  if (kind === 'income') return { out: false, in: true };
  return includeTransfers ? { out: true, in: true } : { out: false, in: false };
}

/**
 * What one aggregate row adds to its category's spending, in every report, chart and budget.
 * Money out counts; in an expense category money in is a refund and counts against it, as
 * Actual and YNAB count it ("AMZN Mktp DE Retoure +37.95" in Shopping lowers Shopping). Money in
 * that Trax could not place (Uncategorized) is not netted: it is as likely a salary as a refund.
 * Net spending can be negative for a period whose refunds exceed its purchases.
 */
export function spendingOf(kind: CategoryKind, r: Pick<AggRow, 'outMinor' | 'outCount' | 'inMinor' | 'inCount'>): { minor: number; count: number } {
  if (kind === 'expense') return { minor: r.outMinor - r.inMinor, count: r.outCount + r.inCount };
  return { minor: r.outMinor, count: r.outCount };
}
