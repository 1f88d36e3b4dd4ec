/**
 * Split and hidden rows in reports. The aggregation runs over the covering report index, which
 * knows nothing of split_parts or hidden_at (adding them would cost every report its index-only
 * scan), so it counts every bank row; this module then takes back what those few rows put in,
 * and adds each split part in its own category. A split whose parts no longer add up to the
 * booking (the bank changed the amount) counts as the booking, so totals never drift.
 */
import type { Db } from '../store/db.js';
import { periodsJson, whereClause, type AggRow, type Filters } from './aggregate.js';
import type { Range } from './period.js';
import { REPORT_KEY } from './report-key.js';

interface Special {
  period: number;
  currency: string;
  categoryId: number | null;
  amount: number;
  hidden: number;
  /** JSON [[amount, category_id], …] of a split that adds up, else null. */
  parts: string | null;
}

export function adjustForSplits(db: Db, periods: readonly Range[], timezone: string, f: Filters, byKey: Map<string, AggRow>): void {
  const where = whereClause(f);
  const rows = db
    .prepare<[Record<string, unknown>], Special>(
      `WITH periods(i, lo, hi) AS (SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(@periods)),
        special(id) AS (SELECT DISTINCT transaction_id FROM split_parts UNION SELECT id FROM transactions WHERE hidden_at IS NOT NULL)
       SELECT periods.i AS period, t.currency, t.category_id AS categoryId, t.amount_minor AS amount,
         t.hidden_at IS NOT NULL AS hidden,
         (SELECT CASE WHEN sum(p.amount_minor) = t.amount_minor THEN json_group_array(json_array(p.amount_minor, p.category_id)) END
            FROM split_parts p WHERE p.transaction_id = t.id) AS parts
       FROM special JOIN transactions t ON t.id = special.id
         JOIN periods ON ${REPORT_KEY} >= periods.lo AND ${REPORT_KEY} < periods.hi
       WHERE 1 ${where.sql}`,
    )
    .all({ periods: periodsJson(periods, timezone), ...where.params });
  const add = (period: number, currency: string, categoryId: number | null, amount: number, sign: 1 | -1) => {
    const key = `${period}\u0000${currency}\u0000${categoryId}`;
    let row = byKey.get(key);
    if (!row) {
      row = { period, currency, categoryId, outMinor: 0, outCount: 0, inMinor: 0, inCount: 0 };
      byKey.set(key, row);
    }
    if (amount < 0) {
      row.outMinor += sign * -amount;
      row.outCount += sign;
    } else if (amount > 0) {
      row.inMinor += sign * amount;
      row.inCount += sign;
    }
    if (row.outCount === 0 && row.inCount === 0) byKey.delete(key);
  };
  for (const r of rows) {
    add(r.period, r.currency, r.categoryId, r.amount, -1);
    if (r.hidden) continue;
    const parts = r.parts ? (JSON.parse(r.parts) as Array<[number, number | null]>) : [[r.amount, r.categoryId] as [number, number | null]];
    for (const [amount, categoryId] of parts) add(r.period, r.currency, categoryId, amount, 1);
  }
}
