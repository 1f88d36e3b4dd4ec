import type { ProviderId } from '../domain/types.js';
import type { Db } from './db.js';

/** What decides which rows are in the inbox; the thresholds come from the categorizer. */
export interface InboxParams {
  /** Rows first stored after this instant are new; null: every row is. */
  marker: string | null;
  uncategorizedId: number;
  /** Below this confidence a category is doubtful (the categorizer's own threshold). */
  lowConfidence: number;
}

/** One inbox entry for a transaction (a suggested transfer pair is one entry, keyed by its lower id). */
export interface InboxRow {
  id: number;
  account_id: number;
  account_name: string;
  booking_date: string;
  amount_minor: number;
  currency: string;
  description: string;
  merchant: string | null;
  counterparty_name: string | null;
  category_slug: string | null;
  category_name: string | null;
  category_source: string | null;
  category_confidence: number | null;
  transfer_pair_id: number | null;
  is_new: 0 | 1;
  is_uncategorized: 0 | 1;
  is_low: 0 | 1;
  is_transfer: 0 | 1;
}

/** A row's identity and the fields the categorizer decides from, for "not a transfer". */
export interface DecidableRow {
  id: number;
  account_id: number;
  dedupe_key: string;
  description: string;
  merchant: string | null;
  counterparty_name: string | null;
  counterparty_iban: string | null;
  provider_category: string | null;
  provider_classification: string | null;
  amount_minor: number;
  category_source: string | null;
  transfer_pair_id: number | null;
  provider: ProviderId;
}

/** Each bucket: the index that holds it, and the rows of that index range that belong. */
const BUCKETS: Array<[index: string, where: string]> = [
  ['transactions_first_seen', `first_seen_at > @marker AND category_source IS NOT 'user'`],
  ['transactions_category', 'category_id IS NULL'],
  ['transactions_category', 'category_id = @uncat'],
  [
    'transactions_confidence',
    `category_confidence < @low AND category_id IS NOT @uncat AND category_source NOT IN ('user', 'rule')`,
  ],
  ['transactions_suggested_transfer', `category_source = 'transfer'`],
];

/** An inbox entry's key and why it is there, from one transactions row. */
const ENTRY_COLUMNS = `CASE WHEN category_source = 'transfer' AND transfer_pair_id IS NOT NULL
             THEN min(id, transfer_pair_id) ELSE id END AS key,
           booking_date,
           (first_seen_at > @marker AND category_source IS NOT 'user') AS is_new,
           (category_id IS NULL OR category_id = @uncat) AS is_uncategorized,
           coalesce(category_confidence < @low AND category_id IS NOT @uncat AND category_source NOT IN ('user', 'rule'), 0) AS is_low,
           (category_source IS 'transfer') AS is_transfer`;

/** Booked, and not held back as a possible duplicate (those are answered as duplicates). */
const NOT_HELD = `pending = 0
      AND id NOT IN (SELECT transaction_id FROM import_reviews WHERE status = 'open' AND transaction_id IS NOT NULL)`;

/** A row is in the inbox when it is in any bucket. */
const IN_INBOX = BUCKETS.map(([, where]) => `(${where})`).join(' OR ');

/**
 * The rows in the inbox with why each is there: booked rows only (a pending row is replaced when
 * it books, and would be reviewed twice), and not the rows a sync added while asking whether they
 * are duplicates (those are answered as duplicates). A suggested pair is one entry, keyed by its
 * lower id. Each bucket reads one index range (INDEXED BY: left to itself the planner scanned the
 * whole table to merge the buckets in id order, 3x slower at 1M rows), and a row in several
 * buckets is folded by its key afterwards. Parameters: @marker, @uncat, @low.
 */
const INBOX = `inbox AS (${BUCKETS.map(
  ([index, where]) => `
    SELECT ${ENTRY_COLUMNS}
    FROM transactions INDEXED BY ${index}
    WHERE (${where}) AND ${NOT_HELD}`,
).join('\n    UNION ALL')}
  )`;

/** The same rows, only those of the given ids (@ids, a JSON array). */
const INBOX_OF_IDS = `inbox AS (
    SELECT ${ENTRY_COLUMNS} FROM transactions
    WHERE id IN (SELECT value FROM json_each(@ids)) AND (${IN_INBOX}) AND ${NOT_HELD}
  )`;

/** Entries, newest booking first (a pair at its later half's date), with what the list shows of them. */
const ENTRIES = `entries AS (
           SELECT key, max(booking_date) AS booking_date, max(is_new) AS is_new, max(is_uncategorized) AS is_uncategorized,
                  max(is_low) AS is_low, max(is_transfer) AS is_transfer
           FROM inbox GROUP BY key
         )
         SELECT t.id, t.account_id, a.name AS account_name, t.booking_date, t.amount_minor, t.currency, t.description,
                t.merchant, t.counterparty_name, c.slug AS category_slug, c.name AS category_name, t.category_source,
                t.category_confidence, t.transfer_pair_id, e.is_new, e.is_uncategorized, e.is_low, e.is_transfer
         FROM entries e JOIN transactions t ON t.id = e.key JOIN accounts a ON a.id = t.account_id
           LEFT JOIN categories c ON c.id = t.category_id
         ORDER BY e.booking_date DESC, e.key DESC LIMIT @limit OFFSET @offset`;

/**
 * Up to this many entries, a page of the inbox groups them all and sorts; beyond, it walks the
 * date index newest first and stops after the page (before the first review every row is new:
 * grouping 1M rows to show 50 took seconds).
 */
const GROUP_ALL_UP_TO = 2_000;

const bind = (p: InboxParams) => ({ marker: p.marker ?? '', uncat: p.uncategorizedId, low: p.lowConfidence });

export class ReviewInboxStore {
  /** `groupAllUpTo` is there for the tests, which hold both ways of listing to the same answer. */
  constructor(
    private readonly db: Db,
    private readonly groupAllUpTo = GROUP_ALL_UP_TO,
  ) {}

  marker(): string | null {
    return (this.db.prepare('SELECT reviewed_up_to FROM review_state WHERE id = 1').pluck().get() as string | undefined) ?? null;
  }

  setMarker(upTo: string, now: string): void {
    this.db
      .prepare(
        `INSERT INTO review_state (id, reviewed_up_to, updated_at) VALUES (1, ?, ?)
         ON CONFLICT (id) DO UPDATE SET reviewed_up_to = excluded.reviewed_up_to, updated_at = excluded.updated_at`,
      )
      .run(upTo, now);
  }

  /** How many entries the inbox holds: transactions (a pair counts once) and open duplicate questions. */
  count(p: InboxParams): number {
    const rows = this.db.prepare(`WITH ${INBOX} SELECT count(DISTINCT key) FROM inbox`).pluck().get(bind(p)) as number;
    const reviews = this.db.prepare(`SELECT count(*) FROM import_reviews WHERE status = 'open'`).pluck().get() as number;
    return rows + reviews;
  }

  /**
   * The count, but at most `cap`: the navigation badge shows "99+" beyond, so it reads no more
   * than `cap` distinct entries off the bucket indexes and stops (the exact count reads every
   * row in the inbox, all of them before the first review: seconds at 1M rows).
   */
  countUpTo(p: InboxParams, cap: number): number {
    const rows = this.db
      .prepare(`WITH ${INBOX} SELECT count(*) FROM (SELECT DISTINCT key FROM inbox LIMIT @cap)`)
      .pluck()
      .get({ ...bind(p), cap }) as number;
    if (rows >= cap) return cap;
    const reviews = this.db
      .prepare(`SELECT count(*) FROM (SELECT 1 FROM import_reviews WHERE status = 'open' LIMIT ?)`)
      .pluck()
      .get(cap) as number;
    return Math.min(cap, rows + reviews);
  }

  /** Transaction entries, newest booking first. */
  list(p: InboxParams, limit: number, offset = 0): InboxRow[] {
    if (this.countUpTo(p, this.groupAllUpTo) < this.groupAllUpTo) {
      return this.db.prepare<[Record<string, unknown>], InboxRow>(`WITH ${INBOX}, ${ENTRIES}`).all({ ...bind(p), limit, offset });
    }
    return this.db
      .prepare<[Record<string, unknown>], InboxRow>(`WITH ${INBOX_OF_IDS}, ${ENTRIES}`)
      .all({ ...bind(p), ids: JSON.stringify(this.newestIds(p, limit + offset)), limit, offset });
  }

  /**
   * The rows of the newest `entries` inbox entries and of every entry booked on the same day as
   * the last of them, so that ordering them ties exactly as the full list does; a pair brings its
   * other half, wherever it lies, so the entry's reasons are both halves'.
   */
  private newestIds(p: InboxParams, entries: number): number[] {
    const keys = new Set<number>();
    const ids: number[] = [];
    let lastDay: string | null = null;
    const rows = this.db
      .prepare<[Record<string, unknown>], { id: number; key: number; booking_date: string; pair: number | null }>(
        `SELECT id, ${ENTRY_COLUMNS}, transfer_pair_id AS pair FROM transactions INDEXED BY transactions_date
         WHERE (${IN_INBOX}) AND ${NOT_HELD} ORDER BY booking_date DESC, id DESC`,
      )
      .iterate(bind(p));
    for (const r of rows) {
      if (keys.size >= entries && r.booking_date !== lastDay) break;
      keys.add(r.key);
      ids.push(r.id);
      if (r.pair !== null) ids.push(r.pair);
      if (keys.size <= entries) lastDay = r.booking_date;
    }
    return ids;
  }

  decidable(id: number): DecidableRow | undefined {
    return this.db
      .prepare<[number], DecidableRow>(
        `SELECT t.id, t.account_id, t.dedupe_key, t.description, t.merchant, t.counterparty_name, t.counterparty_iban,
                t.provider_category, t.provider_classification, t.amount_minor, t.category_source, t.transfer_pair_id,
                c.provider
         FROM transactions t JOIN accounts a ON a.id = t.account_id JOIN connections c ON c.id = a.connection_id
         WHERE t.id = ?`,
      )
      .get(id);
  }

  /** "Not a transfer", remembered by identity so pairing (src/categorize/transfers.ts) leaves the row alone. */
  refuseTransfer(accountId: number, dedupeKey: string, now: string): void {
    this.db
      .prepare(
        `INSERT INTO transfer_refusals (account_id, dedupe_key, created_at) VALUES (?, ?, ?)
         ON CONFLICT (account_id, dedupe_key) DO NOTHING`,
      )
      .run(accountId, dedupeKey, now);
  }

  unpair(ids: readonly number[]): void {
    const stmt = this.db.prepare('UPDATE transactions SET transfer_pair_id = NULL WHERE id = ?');
    for (const id of ids) stmt.run(id);
  }

  /** Links two rows as each other's transfer half again (a category choice clears the link). */
  pair(a: number, b: number): void {
    const stmt = this.db.prepare('UPDATE transactions SET transfer_pair_id = ? WHERE id = ?');
    stmt.run(b, a);
    stmt.run(a, b);
  }
}
