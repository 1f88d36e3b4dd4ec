import type { App } from '../app.js';
import { addDays } from '../domain/dates.js';
import type { TransactionSnapshot } from '../domain/types.js';
import { pendingLinks, type MatchRow } from '../store/pending-links.js';
import type { UpsertCounts } from '../store/transactions.js';
import { BOOKING_LAG_DAYS, pairPending } from './pending-match.js';

const texts = (r: MatchRow) => [r.description, r.merchant, r.counterparty_name];

/**
 * The sync's pending snapshot for one account, reconciled with what booked: a pending row that
 * booked under a new id (linked earlier) is not stored again; the snapshot replaces the stored
 * pending rows; then bookings are paired with the pending rows they replace (pending-match.ts),
 * which carries the user's category over and drops a pending copy still listed. Runs inside the
 * page's transaction, after its booked rows were written.
 */
export function reconcilePending(
  app: App,
  accountId: number,
  snapshot: readonly TransactionSnapshot[],
  now: string,
  counts: UpsertCounts,
): void {
  const store = pendingLinks(app.db);
  const linked = store.linkedPendingKeys(accountId);
  const rows = snapshot.filter((r) => !linked.has(r.dedupeKey));
  const listed = new Set(rows.map((r) => r.dedupeKey));
  const vanishing = store.pendingRows(accountId).filter((p) => !listed.has(p.dedupe_key));
  app.transactions.replacePending(accountId, rows, now, counts);
  const present = store.pendingRows(accountId);
  const all = [...vanishing.map((r) => ({ r, vanishing: true })), ...present.map((r) => ({ r, vanishing: false }))];
  if (all.length === 0) return;
  const dates = all.map((p) => p.r.booking_date).sort();
  const booked = store.unlinkedBooked(accountId, dates[0]!, addDays(dates[dates.length - 1]!, BOOKING_LAG_DAYS));
  if (booked.length === 0) return;
  const byKey = new Map(all.map((p) => [p.r.dedupe_key, p.r]));
  const pairing = pairPending(
    all.map(({ r, vanishing: v }) => ({
      key: r.dedupe_key,
      date: r.booking_date,
      amountMinor: r.amount_minor,
      currency: r.currency,
      texts: texts(r),
      firstSeenAt: r.first_seen_at,
      vanishing: v,
    })),
    booked.map((r) => ({
      key: r.dedupe_key,
      date: r.booking_date,
      amountMinor: r.amount_minor,
      currency: r.currency,
      texts: texts(r),
      firstSeenAt: r.first_seen_at,
    })),
  );
  for (const l of pairing.links) store.link(accountId, l.pending, l.booked, now, counts);
  for (const d of pairing.doubtful) {
    const candidates = d.pending.map((k) => {
      const p = byKey.get(k)!;
      return { key: k, date: p.booking_date, amountMinor: p.amount_minor, description: p.description };
    });
    store.addReview(accountId, d.booked, candidates, now);
  }
}
