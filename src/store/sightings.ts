import type Database from 'better-sqlite3';
import type { Db } from './db.js';

/**
 * SQL behind "which rows has a source already seen": a row's own key, the keys other sources
 * gave it (aliases), the keys a user kept out (tombstones), and the rows a new booking could be
 * (candidates for cross-source matching). The decisions live in src/identity/.
 */

/** A source as the tables record it: 'sync' for a provider, 'file:<format>' for a statement format. */
export type SourceId = string;

export const SYNC_SOURCE: SourceId = 'sync';

export interface Candidate {
  id: number;
  booking_date: string;
  description: string;
  merchant: string | null;
  counterparty_name: string | null;
  counterparty_iban: string | null;
  provider_transaction_id: string | null;
  /** End-to-end id a statement file gave the row, when it came from one. */
  end_to_end_id: string | null;
  /** NULL: the account's provider sync brought it; else 'file:<format>'. */
  source: string | null;
}

export interface ImportedRowValues {
  accountId: number;
  dedupeKey: string;
  bookingDate: string;
  amountMinor: number;
  currency: string;
  description: string;
  counterpartyName: string | null;
  counterpartyIban: string | null;
  pending: boolean;
  providerCategory: string | null;
  providerClassification: string | null;
  bankReference: string | null;
  raw: string;
  source: SourceId;
  importId: number;
  now: string;
}

export class SightingStore {
  private readonly byKey: Database.Statement<[number, string, number, string], { id: number }>;
  private readonly tombstone: Database.Statement<[number, string], { n: number }>;
  private readonly candidatesStmt: Database.Statement<
    [number, number, string, string, string, string, string, string],
    Candidate
  >;
  private readonly aliasInsert: Database.Statement;
  private readonly rowInsert: Database.Statement;

  constructor(private readonly db: Db) {
    this.byKey = db.prepare(
      `SELECT id FROM transactions WHERE account_id = ? AND dedupe_key = ?
       UNION ALL SELECT transaction_id FROM transaction_aliases WHERE account_id = ? AND dedupe_key = ? LIMIT 1`,
    );
    this.tombstone = db.prepare('SELECT count(*) AS n FROM transaction_tombstones WHERE account_id = ? AND dedupe_key = ?');
    // Same account, amount and currency, booked within the window, not pending, and not already
    // seen by this source (neither brought by it nor aliased to it): each booking is claimed once.
    this.candidatesStmt = db.prepare(
      `SELECT t.id, t.booking_date, t.description, t.merchant, t.counterparty_name, t.counterparty_iban,
         t.provider_transaction_id, t.source,
         CASE WHEN t.source IS NOT NULL THEN json_extract(t.raw, '$.endToEndId') END AS end_to_end_id
       FROM transactions t
       WHERE t.account_id = ? AND t.amount_minor = ? AND t.currency = ? AND t.booking_date BETWEEN ? AND ?
         AND t.pending = 0
         AND coalesce(t.source, 'sync') != ?
         AND NOT EXISTS (SELECT 1 FROM transaction_aliases a WHERE a.transaction_id = t.id AND a.source = ?)
         AND NOT EXISTS (SELECT 1 FROM import_reviews r WHERE r.transaction_id = t.id AND r.status = 'open' AND r.source = ?)
       ORDER BY t.booking_date, t.id`,
    );
    this.aliasInsert = db.prepare(
      `INSERT INTO transaction_aliases (account_id, dedupe_key, source, transaction_id, import_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.rowInsert = db.prepare(
      `INSERT INTO transactions (account_id, dedupe_key, provider_transaction_id, booking_date, booked_at, amount_minor,
         currency, description, merchant, counterparty_name, counterparty_iban, pending, provider_category,
         provider_classification, raw, first_seen_at, updated_at, source, import_id)
       VALUES (@accountId, @dedupeKey, @bankReference, @bookingDate, NULL, @amountMinor, @currency, @description, NULL,
         @counterpartyName, @counterpartyIban, @pending, @providerCategory, @providerClassification, @raw, @now, @now,
         @source, @importId)`,
    );
  }

  /** The row a key names in this account: its own key or another source's alias. */
  find(accountId: number, key: string): number | undefined {
    return this.byKey.get(accountId, key, accountId, key)?.id;
  }

  isTombstoned(accountId: number, key: string): boolean {
    return this.tombstone.get(accountId, key)!.n > 0;
  }

  addTombstone(accountId: number, key: string, now: string): void {
    this.db
      .prepare('INSERT OR IGNORE INTO transaction_tombstones (account_id, dedupe_key, created_at) VALUES (?, ?, ?)')
      .run(accountId, key, now);
  }

  candidates(accountId: number, amountMinor: number, currency: string, from: string, to: string, source: SourceId): Candidate[] {
    return this.candidatesStmt.all(accountId, amountMinor, currency, from, to, source, source, source);
  }

  addAlias(accountId: number, key: string, source: SourceId, transactionId: number, importId: number | null, now: string) {
    this.aliasInsert.run(accountId, key, source, transactionId, importId, now);
  }

  insertImported(v: ImportedRowValues): number {
    return Number(this.rowInsert.run({ ...v, pending: v.pending ? 1 : 0 }).lastInsertRowid);
  }

  /** Whether any source other than the sync fed this account: only then does a sync look for matches. */
  hasOtherSources(accountId: number): boolean {
    return (
      this.db
        .prepare<[number, number], { n: number }>(
          `SELECT (EXISTS (SELECT 1 FROM transactions WHERE account_id = ? AND source IS NOT NULL)
             OR EXISTS (SELECT 1 FROM transaction_aliases WHERE account_id = ?)) AS n`,
        )
        .get(accountId, accountId)!.n === 1
    );
  }

  /** Whether the row with this key exists as the account's own row (not as an alias). */
  ownRow(accountId: number, key: string): boolean {
    // Asked once per synced row of a page: prepared once per store, not per call.
    this.ownRowStmt ??= this.db.prepare('SELECT count(*) AS n FROM transactions WHERE account_id = ? AND dedupe_key = ?');
    return this.ownRowStmt.get(accountId, key)!.n > 0;
  }

  private ownRowStmt?: Database.Statement<[number, string], { n: number }>;

  /** Imported pending rows of an account in a date range whose keys a newer file no longer lists. */
  supersededPending(accountId: number, from: string, to: string, keep: readonly string[], importId: number): number[] {
    return this.db
      .prepare<[number, string, string, number, string], { id: number }>(
        `SELECT id FROM transactions WHERE account_id = ? AND pending = 1 AND source IS NOT NULL
           AND booking_date BETWEEN ? AND ? AND import_id IS NOT ?
           AND dedupe_key NOT IN (SELECT value FROM json_each(?))`,
      )
      .all(accountId, from, to, importId, JSON.stringify(keep))
      .map((r) => r.id);
  }

  deleteRows(ids: readonly number[]): number {
    const del = this.db.prepare('DELETE FROM transactions WHERE id = ?');
    let n = 0;
    for (const id of ids) n += del.run(id).changes;
    return n;
  }
}
