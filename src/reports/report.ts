/**
 * The monthly (or any period's) report: spending by category with comparisons, income, net
 * saved, top merchants and budgets, per currency side by side (never converted).
 */
import { normalizeText } from '../categorize/normalize.js';
import { TraxError } from '../domain/errors.js';
import { BudgetStore } from '../store/budgets.js';
import type { Db } from '../store/db.js';
import { aggregate, CategoryIndex, periodsJson, REPORT_LOOPS, REPORT_RUN, roleOf, spendingOf, whereClause, type AggRow, type Filters } from './aggregate.js';
import { checkRange, daysIn, labelOf, shiftBack, spanOf, type Range } from './period.js';
import { isTimeZone, localDate } from './tz.js';

export interface ReportQuery {
  /** YYYY-MM-DD, local calendar days in `timezone`; `to` is exclusive. */
  from: string;
  to: string;
  accountId?: number;
  tag?: string;
  search?: Filters['search'];
  includePending?: boolean;
  includeTransfers?: boolean;
  timezone: string;
}

export interface CategoryLine {
  categoryId: number;
  slug: string;
  name: string;
  parentSlug: string | null;
  /** Money out, positive minor units. A top-level line includes its children. */
  spentMinor: number;
  count: number;
  /** Of the currency's total spending, 0..1. */
  share: number;
  previousMinor: number;
  /** (spent - previous) / previous, e.g. 0.12 = +12%; null when nothing was spent before. */
  changeVsPrevious: number | null;
  /** Average over the 6 periods before this one (only those the data covers). */
  trailingAvgMinor: number;
  changeVsTrailing: number | null;
  /** Subcategory lines, for top-level lines only (omitted when there are none). */
  children?: CategoryLine[];
}

export interface BudgetLine {
  slug: string;
  name: string;
  limitMinor: number;
  spentMinor: number;
  /** limit - spent; negative when over budget. */
  leftMinor: number;
  /** Month-end projection: spent scaled by days elapsed for the running period, else spent. */
  projectedMinor: number;
}

export interface CurrencyReport {
  currency: string;
  spending: CategoryLine[];
  totalSpentMinor: number;
  incomeMinor: number;
  netSavedMinor: number;
  savingsRate: number | null;
  topMerchants: Array<{ name: string; spentMinor: number; count: number }>;
  budgets: BudgetLine[];
}

export interface Report {
  from: string;
  to: string;
  label: string;
  /** Additions to the shape: what the comparisons are against, and the zone used. */
  previous: Range;
  timezone: string;
  currencies: CurrencyReport[];
}

/** Periods compared: the asked one (index 0), then the 6 before it (index 1 is "previous"). */
export const TRAILING = 6;
const TOP_MERCHANTS = 10;

const ratio = (a: number, b: number): number => Math.round((a / b) * 10_000) / 10_000;
const change = (now: number, before: number): number | null => (before > 0 ? ratio(now - before, before) : null);

interface Sums {
  out: number[];
  count: number[];
}

const emptySums = (): Sums => ({ out: Array(TRAILING + 1).fill(0), count: Array(TRAILING + 1).fill(0) });

export function buildReport(db: Db, q: ReportQuery, now: Date = new Date()): Report {
  checkRange(q);
  if (!isTimeZone(q.timezone)) throw new TraxError('usage', `"${q.timezone}" is not a time zone Trax knows; use an IANA name such as Europe/Berlin.`);
  const current: Range = { from: q.from, to: q.to };
  const periods = [current, ...Array.from({ length: TRAILING }, (_, k) => shiftBack(current, k + 1))];
  const filters: Filters = { accountId: q.accountId, tag: q.tag, search: q.search, includePending: q.includePending, includeTransfers: q.includeTransfers };
  const cats = new CategoryIndex(db);
  const rows = aggregate(db, periods, q.timezone, filters);

  // How many of the trailing periods the data covers: a user with 2 months of history gets a
  // 2-month average, not a sixth of it.
  const first = firstDay(db, filters);
  const covered = first === null ? 0 : periods.slice(1).filter((p) => p.to > first).length;

  const budgets = new BudgetStore(db).list();
  const currencies = new Set<string>(budgets.map((b) => b.currency));
  const activity = new Map<string, number>();
  for (const r of rows) {
    const kind = cats.get(r.categoryId).kind;
    const role = roleOf(kind, q.includeTransfers);
    // A currency shows when something in it counts this period (or it has a budget).
    const counted = (role.out ? spendingOf(kind, r).count : 0) + (role.in ? r.inCount : 0);
    if (r.period === 0 && counted > 0) {
      currencies.add(r.currency);
      activity.set(r.currency, (activity.get(r.currency) ?? 0) + r.outCount + r.inCount);
    }
  }

  const merchants = topMerchants(db, current, q.timezone, filters, cats);
  const out: CurrencyReport[] = [];
  for (const currency of currencies) {
    const mine = rows.filter((r) => r.currency === currency);
    out.push(currencyReport(currency, mine, cats, covered, filters, budgets.filter((b) => b.currency === currency), current, q.timezone, now, merchants.get(currency) ?? []));
  }
  out.sort((a, b) => (activity.get(b.currency) ?? 0) - (activity.get(a.currency) ?? 0) || a.currency.localeCompare(b.currency));
  return { from: q.from, to: q.to, label: labelOf(current), previous: periods[1]!, timezone: q.timezone, currencies: out };
}

function currencyReport(
  currency: string,
  rows: AggRow[],
  cats: CategoryIndex,
  covered: number,
  filters: Filters,
  budgets: ReturnType<BudgetStore['list']>,
  current: Range,
  timezone: string,
  now: Date,
  topMerchants: CurrencyReport['topMerchants'],
): CurrencyReport {
  const byCategory = new Map<number, Sums>(); // leaf category id -> sums per period
  let income = 0;
  for (const r of rows) {
    const cat = cats.get(r.categoryId);
    const role = roleOf(cat.kind, filters.includeTransfers);
    if (role.in && r.period === 0) income += r.inMinor;
    if (!role.out) continue;
    const spent = spendingOf(cat.kind, r);
    if (spent.count === 0) continue;
    const s = byCategory.get(cat.id) ?? emptySums();
    s.out[r.period]! += spent.minor;
    s.count[r.period]! += spent.count;
    byCategory.set(cat.id, s);
  }

  // Roll children up into their top-level category; keep the children for drill-down.
  const tops = new Map<number, { sums: Sums; children: Array<[number, Sums]> }>();
  for (const [id, s] of byCategory) {
    const top = cats.top(id);
    const entry = tops.get(top.id) ?? { sums: emptySums(), children: [] };
    for (let p = 0; p <= TRAILING; p++) {
      entry.sums.out[p]! += s.out[p]!;
      entry.sums.count[p]! += s.count[p]!;
    }
    if (top.id !== id) entry.children.push([id, s]);
    tops.set(top.id, entry);
  }
  const total = [...tops.values()].reduce((a, t) => a + t.sums.out[0]!, 0);

  const line = (id: number, s: Sums): CategoryLine => {
    const cat = cats.get(id);
    const trailingSum = s.out.slice(1).reduce((a, b) => a + b, 0);
    const trailingAvgMinor = covered > 0 ? Math.round(trailingSum / covered) : 0;
    return {
      categoryId: cat.id,
      slug: cat.slug,
      name: cat.name,
      parentSlug: cat.parentId === null ? null : cats.get(cat.parentId).slug,
      spentMinor: s.out[0]!,
      count: s.count[0]!,
      share: total > 0 ? ratio(s.out[0]!, total) : 0,
      previousMinor: s.out[1]!,
      changeVsPrevious: change(s.out[0]!, s.out[1]!),
      trailingAvgMinor,
      changeVsTrailing: change(s.out[0]!, trailingAvgMinor),
    };
  };
  const order = (a: CategoryLine, b: CategoryLine) => b.spentMinor - a.spentMinor || b.trailingAvgMinor - a.trailingAvgMinor || a.name.localeCompare(b.name);
  // A category with nothing booked this period is left out, even if it had spending before: the
  // report is about this period (the comparisons live on the lines that are here).
  const booked = (s: Sums) => s.count[0]! > 0;
  const spending = [...tops]
    .filter(([, t]) => booked(t.sums))
    .map(([id, t]) => {
      const l = line(id, t.sums);
      const children = t.children.filter(([, s]) => booked(s));
      if (children.length) l.children = children.map(([cid, s]) => line(cid, s)).sort(order);
      return l;
    });
  spending.sort(order);

  const net = income - total;
  return {
    currency,
    spending,
    totalSpentMinor: total,
    incomeMinor: income,
    netSavedMinor: net,
    savingsRate: income > 0 ? ratio(net, income) : null,
    topMerchants,
    budgets: budgets.map((b) => {
      // A budget on a top-level category covers its children; on a child, just the child.
      const sums = b.parentId === null ? tops.get(b.categoryId)?.sums : byCategory.get(b.categoryId);
      const spent = sums?.out[0] ?? 0;
      const usual = sums && covered > 0 ? Math.round(sums.out.slice(1).reduce((a, x) => a + x, 0) / covered) : null;
      const limit = budgetLimit(b.amountMinor, current);
      return { slug: b.slug, name: b.name, limitMinor: limit, spentMinor: spent, leftMinor: limit - spent, projectedMinor: project(spent, current, timezone, now, usual) };
    }),
  };
}

/** A monthly limit over the period: × months for whole months, else pro rata per day. */
export function budgetLimit(monthlyMinor: number, range: Range): number {
  const span = spanOf(range);
  if (span.unit === 'months') return monthlyMinor * span.count;
  // monthly × days / 30.4375 (an average month: 365.25 / 12), as integers: × days × 48 / 1461.
  return Math.round((monthlyMinor * span.count * 48) / 1461);
}

/** Days of a running period's own pace before it is extrapolated when there is no history. */
export const PACE_DAYS = 7;

/**
 * Where a running period's spending will end, in the user's time zone (today counts as elapsed).
 * Stretching the first days of a month over all of it says nothing useful (rent on the 1st
 * "projects" to 30 rents), so: with history, spent so far plus the usual spending (the trailing
 * average) for the share of the period still ahead; without history, the linear pace once
 * PACE_DAYS have passed, and before that just what is spent. A period that is over, or not
 * begun, projects to spent.
 */
export function project(spentMinor: number, range: Range, timezone: string, now: Date, usualMinor: number | null = null): number {
  const today = localDate(now, timezone);
  if (today < range.from || today >= range.to) return spentMinor;
  const days = daysIn(range);
  const elapsed = daysIn({ from: range.from, to: today }) + 1;
  if (usualMinor !== null) return spentMinor + Math.max(0, Math.round((usualMinor * (days - elapsed)) / days));
  if (elapsed < PACE_DAYS) return spentMinor;
  return Math.round((spentMinor * days) / elapsed);
}

/** The first booked day in the data (for how many trailing periods there is history). */
function firstDay(db: Db, f: Filters): string | null {
  const where = whereClause({ ...f, includeTransfers: true });
  const row = db
    .prepare<[Record<string, unknown>], { d: string | null }>(`SELECT min(t.booking_date) AS d FROM transactions t WHERE 1 ${where.sql}`)
    .get(where.params);
  return row?.d ?? null;
}

/**
 * Top merchants by money out in spending categories. SQLite groups by the payee text (merchant,
 * else counterparty, else description) with trailing numbers, dates and references trimmed
 * ("REWE SAGT DANKE 44261234" → "REWE SAGT DANKE"); the few hundred groups left that normalize
 * alike are merged here.
 */
function topMerchants(db: Db, range: Range, timezone: string, f: Filters, cats: CategoryIndex): Map<string, CurrencyReport['topMerchants']> {
  const spending = [...cats.byId.values()].filter((c) => roleOf(c.kind, f.includeTransfers).out).map((c) => c.id);
  const where = whereClause(f);
  const rows = db
    .prepare<[Record<string, unknown>], { currency: string; name: string; spent: number; n: number }>(
      `${REPORT_LOOPS}
       SELECT t.currency AS currency,
         coalesce(nullif(rtrim(coalesce(nullif(trim(t.merchant), ''), nullif(trim(t.counterparty_name), ''), t.description), ' 0123456789.,:;/#*+-'), ''),
                  coalesce(nullif(trim(t.merchant), ''), nullif(trim(t.counterparty_name), ''), t.description)) AS name,
         sum(-t.amount_minor) AS spent, count(*) AS n
       FROM currencies CROSS JOIN cats CROSS JOIN periods CROSS JOIN transactions t ON ${REPORT_RUN}
       WHERE currencies.c IS NOT NULL AND t.amount_minor < 0 ${where.sql}
       GROUP BY 1, 2`,
    )
    .all({ periods: periodsJson([range], timezone), categories: JSON.stringify([null, ...spending]), ...where.params });
  const merged = new Map<string, { currency: string; name: string; nameSpent: number; spentMinor: number; count: number }>();
  for (const r of rows) {
    const key = `${r.currency}\u0000${normalizeText(r.name) || r.name.trim().toLowerCase()}`;
    const m = merged.get(key);
    if (!m) merged.set(key, { currency: r.currency, name: r.name.trim(), nameSpent: r.spent, spentMinor: r.spent, count: r.n });
    else {
      m.spentMinor += r.spent;
      m.count += r.n;
      // Show the spelling that carried the most money.
      if (r.spent > m.nameSpent) Object.assign(m, { name: r.name.trim(), nameSpent: r.spent });
    }
  }
  const out = new Map<string, CurrencyReport['topMerchants']>();
  for (const m of merged.values()) {
    const list = out.get(m.currency) ?? [];
    list.push({ name: m.name, spentMinor: m.spentMinor, count: m.count });
    out.set(m.currency, list);
  }
  for (const [c, list] of out) out.set(c, list.sort((a, b) => b.spentMinor - a.spentMinor || a.name.localeCompare(b.name)).slice(0, TOP_MERCHANTS));
  return out;
}
