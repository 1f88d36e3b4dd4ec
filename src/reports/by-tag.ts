/**
 * `trax report --by tag`: what the rows carrying each tag spent and earned in a period
 * ("urlaub-sylt-2026: 1,842.17 EUR"). A row with two tags counts under both, so the lines do not
 * add up to the month's total; that is what a tag is for. Money counts as in every report
 * (roleOf): spending is money out in expense and uncategorized rows, income money in in income
 * rows; transfers and pending rows only when asked. Days are the report's local days.
 */
import type { CategoryKind } from '../categorize/taxonomy.js';
import type { Db } from '../store/db.js';
import { keyRanges, roleOf, whereClause, type Filters } from './aggregate.js';
import type { Range } from './period.js';
import { REPORT_KEY } from './report-key.js';

export interface TagLine {
  tag: string;
  currency: string;
  spentMinor: number;
  incomeMinor: number;
  /** Rows with the tag in the period that count as spending or income. */
  count: number;
}

export function reportByTag(db: Db, range: Range, timezone: string, f: Filters): TagLine[] {
  const [[dlo, dhi], [tlo, thi]] = keyRanges(range, timezone) as [[string, string], [string, string]];
  const w = whereClause(f);
  const rows = db
    .prepare<
      [Record<string, unknown>],
      { tag: string; currency: string; kind: CategoryKind | null; out_minor: number; out_n: number; in_minor: number; in_n: number }
    >(
      `SELECT g.tag, t.currency, c.kind,
         coalesce(sum(-t.amount_minor) FILTER (WHERE t.amount_minor < 0), 0) AS out_minor,
         count(*) FILTER (WHERE t.amount_minor < 0) AS out_n,
         coalesce(sum(t.amount_minor) FILTER (WHERE t.amount_minor > 0), 0) AS in_minor,
         count(*) FILTER (WHERE t.amount_minor > 0) AS in_n
       FROM transaction_tags g
         JOIN transactions t ON t.account_id = g.account_id AND t.dedupe_key = g.dedupe_key
         LEFT JOIN categories c ON c.id = t.category_id
       WHERE ((${REPORT_KEY} >= @dlo AND ${REPORT_KEY} < @dhi) OR (${REPORT_KEY} >= @tlo AND ${REPORT_KEY} < @thi)) ${w.sql}
       GROUP BY g.tag, t.currency, c.kind`,
    )
    .all({ dlo, dhi, tlo, thi, ...w.params });
  const lines = new Map<string, TagLine>();
  for (const r of rows) {
    const role = roleOf(r.kind ?? 'uncategorized', f.includeTransfers);
    const key = `${r.tag}\u0000${r.currency}`;
    const line = lines.get(key) ?? { tag: r.tag, currency: r.currency, spentMinor: 0, incomeMinor: 0, count: 0 };
    if (role.out) {
      line.spentMinor += r.out_minor;
      line.count += r.out_n;
    }
    if (role.in) {
      line.incomeMinor += r.in_minor;
      line.count += r.in_n;
    }
    lines.set(key, line);
  }
  return [...lines.values()]
    .filter((l) => l.count > 0)
    .sort((a, b) => a.currency.localeCompare(b.currency) || b.spentMinor - a.spentMinor || a.tag.localeCompare(b.tag));
}
