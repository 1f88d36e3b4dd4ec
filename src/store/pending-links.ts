import type { Db } from './db.js';
import type { UpsertCounts } from './transactions.js';

/** The provider's own rows of one account as the pending matcher sees them. */
export interface MatchRow {
  dedupe_key: string;
  booking_date: string;
  amount_minor: number;
  currency: string;
  description: string;
  merchant: string | null;
  counterparty_name: string | null;
  first_seen_at: string;
}

export interface PendingReview {
  accountId: number;
  bookedKey: string;
  /** The booked row as stored (null if it has gone since). */
  booked: { date: string; amountMinor: number; currency: string; description: string } | null;
  candidates: Array<{ key: string; date: string; amountMinor: number; description: string }>;
  createdAt: string;
}

const COLS = 'dedupe_key, booking_date, amount_minor, currency, description, merchant, counterparty_name, first_seen_at';

/** SQL for pending → booked links and the review list of doubtful ones (migration 013). */
export class PendingLinkStore {
  constructor(private readonly db: Db) {}

  linkedPendingKeys(accountId: number): Set<string> {
    return new Set(
      this.db.prepare('SELECT pending_key FROM pending_links WHERE account_id = ?').pluck().all(accountId) as string[],
    );
  }

  /** The provider's pending rows (statement files' own pending rows are theirs). */
  pendingRows(accountId: number): MatchRow[] {
    return this.db
      .prepare<[number], MatchRow>(`SELECT ${COLS} FROM transactions WHERE account_id = ? AND pending = 1 AND source IS NULL`)
      .all(accountId);
  }

  /** Booked provider rows in a date range that no pending row was linked to yet. */
  unlinkedBooked(accountId: number, from: string, to: string): MatchRow[] {
    return this.db
      .prepare<[number, string, string], MatchRow>(
        `SELECT ${COLS} FROM transactions t WHERE account_id = ? AND pending = 0 AND source IS NULL
           AND booking_date BETWEEN ? AND ?
           AND NOT EXISTS (SELECT 1 FROM pending_links l WHERE l.account_id = t.account_id AND l.booked_key = t.dedupe_key)`,
      )
      .all(accountId, from, to);
  }

  /**
   * Records that `pendingKey` booked as `bookedKey`, drops the pending copy if still stored, and
   * carries the user's category (unless they already chose one for the booked row), note and
   * tags over.
   */
  link(accountId: number, pendingKey: string, bookedKey: string, now: string, counts: UpsertCounts): void {
    this.db
      .prepare(
        `INSERT INTO pending_links (account_id, pending_key, booked_key, linked_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (account_id, pending_key) DO NOTHING`,
      )
      .run(accountId, pendingKey, bookedKey, now);
    const chosen = this.db
      .prepare('SELECT category_id FROM category_choices WHERE account_id = ? AND dedupe_key = ?')
      .pluck()
      .get(accountId, pendingKey) as number | undefined;
    if (chosen !== undefined) {
      const added = this.db
        .prepare(
          `INSERT INTO category_choices (account_id, dedupe_key, category_id, created_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (account_id, dedupe_key) DO NOTHING`,
        )
        .run(accountId, bookedKey, chosen, now).changes;
      if (added > 0)
        this.db
          .prepare(
            `UPDATE transactions SET category_id = ?, category_source = 'user', category_confidence = 1, category_rule_id = NULL
             WHERE account_id = ? AND dedupe_key = ?`,
          )
          .run(chosen, accountId, bookedKey);
    }
    // The note and tags the user gave the reservation belong to the payment: they move to the
    // booking (a note already written on the booking wins). Keyed by dedupe key, like choices.
    this.db
      .prepare(
        `INSERT INTO transaction_notes (account_id, dedupe_key, text, updated_at)
         SELECT account_id, ?, text, updated_at FROM transaction_notes WHERE account_id = ? AND dedupe_key = ?
         ON CONFLICT (account_id, dedupe_key) DO NOTHING`,
      )
      .run(bookedKey, accountId, pendingKey);
    this.db
      .prepare(
        `INSERT INTO transaction_tags (account_id, dedupe_key, tag, created_at)
         SELECT account_id, ?, tag, created_at FROM transaction_tags WHERE account_id = ? AND dedupe_key = ?
         ON CONFLICT (account_id, dedupe_key, tag) DO NOTHING`,
      )
      .run(bookedKey, accountId, pendingKey);
    this.db.prepare('DELETE FROM transaction_notes WHERE account_id = ? AND dedupe_key = ?').run(accountId, pendingKey);
    this.db.prepare('DELETE FROM transaction_tags WHERE account_id = ? AND dedupe_key = ?').run(accountId, pendingKey);
    counts.removed += this.db
      .prepare('DELETE FROM transactions WHERE account_id = ? AND dedupe_key = ? AND pending = 1 AND source IS NULL')
      .run(accountId, pendingKey).changes;
    this.db.prepare('DELETE FROM pending_reviews WHERE account_id = ? AND booked_key = ?').run(accountId, bookedKey);
  }

  addReview(accountId: number, bookedKey: string, candidates: PendingReview['candidates'], now: string): void {
    this.db
      .prepare(
        `INSERT INTO pending_reviews (account_id, booked_key, candidates, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (account_id, booked_key) DO UPDATE SET candidates = excluded.candidates`,
      )
      .run(accountId, bookedKey, JSON.stringify(candidates), now);
  }

  reviews(): PendingReview[] {
    return this.db
      .prepare<
        [],
        {
          account_id: number;
          booked_key: string;
          candidates: string;
          created_at: string;
          booking_date: string | null;
          amount_minor: number | null;
          currency: string | null;
          description: string | null;
        }
      >(
        `SELECT r.account_id, r.booked_key, r.candidates, r.created_at, t.booking_date, t.amount_minor, t.currency, t.description
         FROM pending_reviews r LEFT JOIN transactions t ON t.account_id = r.account_id AND t.dedupe_key = r.booked_key
         ORDER BY r.id`,
      )
      .all()
      .map((r) => ({
        accountId: r.account_id,
        bookedKey: r.booked_key,
        booked:
          r.booking_date === null
            ? null
            : { date: r.booking_date, amountMinor: r.amount_minor!, currency: r.currency!, description: r.description! },
        candidates: JSON.parse(r.candidates) as PendingReview['candidates'],
        createdAt: r.created_at,
      }));
  }
}

const stores = new WeakMap<Db, PendingLinkStore>();
export function pendingLinks(db: Db): PendingLinkStore {
  let s = stores.get(db);
  if (!s) stores.set(db, (s = new PendingLinkStore(db)));
  return s;
}
