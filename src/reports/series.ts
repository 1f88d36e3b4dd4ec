/**
 * Month-by-month spending and income (the dashboard's chart): one aggregation over all the
 * months at once, each month bucketed in the user's time zone like the report.
 */
import type { Db } from '../store/db.js';
import { isMonth } from '../domain/dates.js';
import { TraxError } from '../domain/errors.js';
import { aggregate, CategoryIndex, roleOf, spendingOf, type Filters } from './aggregate.js';
import { addMonths, type Range } from './period.js';
import { isTimeZone } from './tz.js';

export interface SeriesQuery {
  /** The last month shown, YYYY-MM. */
  endMonth: string;
  months: number;
  accountId?: number;
  tag?: string;
  /** Only rows a saved search matches (see Filters.search). */
  search?: Filters['search'];
  includePending?: boolean;
  timezone: string;
}

export interface SeriesMonth {
  month: string;
  spentMinor: number;
  incomeMinor: number;
  /** Spending by top-level category slug (children rolled up). */
  byCategory: Record<string, number>;
}

export interface CurrencySeries {
  currency: string;
  months: SeriesMonth[];
  /** Spending and income bookings over the months: which currency the user books most in. */
  bookings: number;
}

export function monthlySeries(db: Db, q: SeriesQuery): CurrencySeries[] {
  if (!isMonth(q.endMonth)) throw new TraxError('usage', `"${q.endMonth}" is not a month; write it as YYYY-MM, e.g. 2026-10.`);
  if (!isTimeZone(q.timezone)) throw new TraxError('usage', `"${q.timezone}" is not a time zone Trax knows; use an IANA name such as Europe/Berlin.`);
  if (!Number.isInteger(q.months) || q.months < 1 || q.months > 1200) throw new TraxError('usage', `${q.months} months is not a usable series length; ask for 1 to 1200.`);
  // Oldest first, so period index i is months[i].
  const ranges: Range[] = Array.from({ length: q.months }, (_, i) => {
    const from = addMonths(`${q.endMonth}-01`, i - q.months + 1);
    return { from, to: addMonths(from, 1) };
  });
  const cats = new CategoryIndex(db);
  const rows = aggregate(db, ranges, q.timezone, { accountId: q.accountId, tag: q.tag, search: q.search, includePending: q.includePending });
  const byCurrency = new Map<string, { months: SeriesMonth[]; bookings: number }>();
  for (const r of rows) {
    const cat = cats.get(r.categoryId);
    const role = roleOf(cat.kind, false);
    if (!role.in && !role.out) continue;
    let entry = byCurrency.get(r.currency);
    if (!entry) {
      entry = { months: ranges.map((x) => ({ month: x.from.slice(0, 7), spentMinor: 0, incomeMinor: 0, byCategory: {} })), bookings: 0 };
      byCurrency.set(r.currency, entry);
    }
    const m = entry.months[r.period]!;
    if (role.in) {
      m.incomeMinor += r.inMinor;
      entry.bookings += r.inCount;
    }
    if (role.out) {
      // The same spending as the report's: refunds in an expense category count against it.
      const spent = spendingOf(cat.kind, r);
      if (spent.count === 0) continue;
      entry.bookings += spent.count;
      m.spentMinor += spent.minor;
      const slug = cats.top(r.categoryId).slug;
      m.byCategory[slug] = (m.byCategory[slug] ?? 0) + spent.minor;
    }
  }
  return [...byCurrency].sort(([a], [b]) => a.localeCompare(b)).map(([currency, e]) => ({ currency, months: e.months, bookings: e.bookings }));
}
