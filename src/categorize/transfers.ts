import type { App } from '../app.js';
import { addDays } from '../domain/dates.js';
import type { PipelineContext } from './pipeline.js';

/** Banks book the two sides of a transfer up to a few days apart (weekends, SEPA cut-offs). */
export const TRANSFER_WINDOW_DAYS = 3;

interface Row {
  id: number;
  account_id: number;
  booking_date: string;
  amount_minor: number;
  currency: string;
  counterparty_iban: string | null;
}

/**
 * Money moved between the user's own accounts is neither spending nor income. Two booked rows
 * are a pair when they are opposite amounts in the same currency on two different own accounts
 * within TRANSFER_WINDOW_DAYS (closest dates first); a row whose counterparty IBAN is one of the
 * user's own accounts is a transfer even when the other side is not synced. Rows the user
 * categorized themselves are left alone. Returns the number of pairs made.
 */
export function pairTransfers(app: App, ctx: PipelineContext, opts: { since?: string } = {}): number {
  const transfersId = ctx.slugToId.get('transfers');
  if (transfersId === undefined) return 0;
  const ownIbans = new Set(
    (app.db.prepare(`SELECT iban FROM accounts WHERE iban IS NOT NULL`).pluck().all() as string[]).map((i) => i.toUpperCase()),
  );
  const since = opts.since ? addDays(opts.since, -TRANSFER_WINDOW_DAYS) : '0000-00-00';
  const rows = app.db
    .prepare<[string], Row>(
      `SELECT id, account_id, booking_date, amount_minor, currency, counterparty_iban FROM transactions
       WHERE booking_date >= ? AND pending = 0 AND transfer_pair_id IS NULL AND amount_minor != 0
         AND (category_source IS NULL OR category_source NOT IN ('user', 'rule'))
       ORDER BY booking_date, id`,
    )
    .all(since);
  // Inflows waiting for their outflow, by currency and amount.
  const inflows = new Map<string, Row[]>();
  for (const r of rows)
    if (r.amount_minor > 0)
      inflows.set(`${r.currency}|${r.amount_minor}`, [...(inflows.get(`${r.currency}|${r.amount_minor}`) ?? []), r]);
  const pair = app.db.prepare(
    `UPDATE transactions SET category_id = ?, category_source = 'transfer', category_confidence = 0.9, category_rule_id = NULL, transfer_pair_id = ? WHERE id = ?`,
  );
  const single = app.db.prepare(
    `UPDATE transactions SET category_id = ?, category_source = 'transfer', category_confidence = 0.8, category_rule_id = NULL WHERE id = ? AND category_source IS NOT 'transfer'`,
  );
  const taken = new Set<number>();
  let pairs = 0;
  app.db.transaction(() => {
    for (const out of rows) {
      if (out.amount_minor > 0 || taken.has(out.id)) continue;
      const candidates = inflows.get(`${out.currency}|${-out.amount_minor}`) ?? [];
      const lo = addDays(out.booking_date, -TRANSFER_WINDOW_DAYS);
      const hi = addDays(out.booking_date, TRANSFER_WINDOW_DAYS);
      let best: Row | null = null;
      let bestGap = Infinity;
      for (const c of candidates) {
        if (taken.has(c.id) || c.account_id === out.account_id || c.booking_date < lo || c.booking_date > hi) continue;
        const gap = Math.abs(Date.parse(c.booking_date) - Date.parse(out.booking_date));
        if (gap < bestGap) {
          best = c;
          bestGap = gap;
        }
      }
      if (best) {
        taken.add(out.id).add(best.id);
        pair.run(transfersId, best.id, out.id);
        pair.run(transfersId, out.id, best.id);
        pairs++;
      }
    }
    for (const r of rows) {
      if (!taken.has(r.id) && r.counterparty_iban && ownIbans.has(r.counterparty_iban.replace(/\s+/g, '').toUpperCase()))
        single.run(transfersId, r.id);
    }
  })();
  return pairs;
}
