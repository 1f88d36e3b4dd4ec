import type Database from 'better-sqlite3';
import type { Db } from './db.js';

/** The balance check a statement allows: opening + entries against the closing balance it states. */
export interface BalanceCheck {
  ok: boolean;
  currency: string;
  openingMinor: number;
  entriesMinor: number;
  /** opening + entries: what the closing balance should be. */
  expectedMinor: number;
  closingMinor: number;
}

export interface ImportCounts {
  added: number;
  linked: number;
  duplicates: number;
  review: number;
}

export interface ImportRecord extends ImportCounts {
  id: number;
  fileName: string;
  sha256: string;
  format: string;
  accountId: number | null;
  accountName: string | null;
  balanceCheck: BalanceCheck | null;
  firstDate: string | null;
  lastDate: string | null;
  createdAt: string;
  undoneAt: string | null;
}

interface ImportRow {
  id: number;
  file_name: string;
  sha256: string;
  format: string;
  account_id: number | null;
  account_name: string | null;
  added: number;
  linked: number;
  duplicates: number;
  review: number;
  balance_check: string | null;
  first_date: string | null;
  last_date: string | null;
  created_at: string;
  undone_at: string | null;
}

const fromRow = (r: ImportRow): ImportRecord => ({
  id: r.id,
  fileName: r.file_name,
  sha256: r.sha256,
  format: r.format,
  accountId: r.account_id,
  accountName: r.account_name,
  added: r.added,
  linked: r.linked,
  duplicates: r.duplicates,
  review: r.review,
  balanceCheck: r.balance_check ? (JSON.parse(r.balance_check) as BalanceCheck) : null,
  firstDate: r.first_date,
  lastDate: r.last_date,
  createdAt: r.created_at,
  undoneAt: r.undone_at,
});

export interface ReviewItem {
  id: number;
  importId: number | null;
  accountId: number;
  dedupeKey: string;
  source: string;
  /** The file's row (imports) or the synced row (syncs), as JSON-able values. */
  row: ReviewRow;
  candidates: number[];
  /** The row a sync added while it asked (null for imports, which hold the row back). */
  transactionId: number | null;
  createdAt: string;
}

export interface ReviewRow {
  bookingDate: string;
  amountMinor: number;
  currency: string;
  description: string;
  counterpartyName: string | null;
  counterpartyIban: string | null;
  bankReference: string | null;
  pending: boolean;
  providerCategory: string | null;
  providerClassification: string | null;
  raw: string;
}

interface ReviewDbRow {
  id: number;
  import_id: number | null;
  account_id: number;
  dedupe_key: string;
  source: string;
  row: string;
  candidates: string;
  transaction_id: number | null;
  created_at: string;
}

const SELECT_IMPORT = `SELECT i.*, a.name AS account_name FROM imports i LEFT JOIN accounts a ON a.id = i.account_id`;

export class ImportStore {
  constructor(private readonly db: Db) {}

  create(v: { fileName: string; sha256: string; format: string; accountId: number; now: string }): number {
    return Number(
      this.db
        .prepare(
          `INSERT INTO imports (file_name, sha256, format, account_id, created_at)
           VALUES (@fileName, @sha256, @format, @accountId, @now)`,
        )
        .run(v).lastInsertRowid,
    );
  }

  finish(
    id: number,
    counts: ImportCounts,
    balance: BalanceCheck | null,
    range: { first: string | null; last: string | null },
  ): void {
    this.db
      .prepare(
        `UPDATE imports SET added = ?, linked = ?, duplicates = ?, review = ?, balance_check = ?, first_date = ?, last_date = ?
         WHERE id = ?`,
      )
      .run(
        counts.added,
        counts.linked,
        counts.duplicates,
        counts.review,
        balance ? JSON.stringify(balance) : null,
        range.first,
        range.last,
        id,
      );
  }

  get(id: number): ImportRecord | undefined {
    const row = this.db.prepare<[number], ImportRow>(`${SELECT_IMPORT} WHERE i.id = ?`).get(id);
    return row && fromRow(row);
  }

  list(): ImportRecord[] {
    return this.db.prepare<[], ImportRow>(`${SELECT_IMPORT} ORDER BY i.id DESC`).all().map(fromRow);
  }

  /**
   * Takes back exactly what an import added, in one transaction. A row it added that another
   * source has seen since (a sync linked to it) is not deleted: it becomes that source's row, so
   * the sync's booking and the user's category stay. Its aliases and held-back reviews go too.
   * Returns how many rows were removed and how many were handed to another source.
   */
  undo(id: number, now: string): { removed: number; kept: number } {
    return this.db.transaction(() => {
      const added = this.db
        .prepare<[number], { id: number }>('SELECT id FROM transactions WHERE import_id = ?')
        .all(id)
        .map((r) => r.id);
      const heir = this.db.prepare<[number, number], { dedupe_key: string; source: string; import_id: number | null }>(
        `SELECT dedupe_key, source, import_id FROM transaction_aliases WHERE transaction_id = ? AND coalesce(import_id, -1) != ?
         ORDER BY CASE source WHEN 'sync' THEN 0 ELSE 1 END, created_at LIMIT 1`,
      );
      const handOver = this.db.prepare(
        `UPDATE transactions SET dedupe_key = ?, source = ?, import_id = ?, updated_at = ? WHERE id = ?`,
      );
      const dropAlias = this.db.prepare('DELETE FROM transaction_aliases WHERE transaction_id = ? AND dedupe_key = ?');
      const del = this.db.prepare('DELETE FROM transactions WHERE id = ?');
      let removed = 0;
      let kept = 0;
      for (const txId of added) {
        const next = heir.get(txId, id);
        if (next) {
          dropAlias.run(txId, next.dedupe_key);
          handOver.run(next.dedupe_key, next.source === 'sync' ? null : next.source, next.import_id, now, txId);
          kept++;
        } else {
          removed += del.run(txId).changes;
        }
      }
      this.db.prepare('DELETE FROM transaction_aliases WHERE import_id = ?').run(id);
      this.db.prepare('DELETE FROM import_reviews WHERE import_id = ?').run(id);
      this.db.prepare('UPDATE imports SET undone_at = ? WHERE id = ?').run(now, id);
      return { removed, kept };
    })();
  }

  /** Accounts that earlier (not undone) imports of this format went to, for files that do not name their account. */
  accountsForFormat(format: string): number[] {
    return this.db
      .prepare<[string], { account_id: number }>(
        `SELECT DISTINCT account_id FROM imports WHERE format = ? AND undone_at IS NULL AND account_id IS NOT NULL ORDER BY account_id`,
      )
      .all(format)
      .map((r) => r.account_id);
  }

  addReview(v: {
    importId: number | null;
    accountId: number;
    dedupeKey: string;
    source: string;
    row: ReviewRow;
    candidates: number[];
    transactionId: number | null;
    now: string;
  }): void {
    this.db
      .prepare(
        `INSERT INTO import_reviews (import_id, account_id, dedupe_key, source, row, candidates, transaction_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id, dedupe_key) DO NOTHING`,
      )
      .run(
        v.importId,
        v.accountId,
        v.dedupeKey,
        v.source,
        JSON.stringify(v.row),
        JSON.stringify(v.candidates),
        v.transactionId,
        v.now,
      );
  }

  /** Whether a key waits for the user's decision (a re-import counts it as "to review" again). */
  /** Asked once per imported row: prepared once per store, not per call. */
  private inReviewStmt?: Database.Statement<[number, string], { n: number }>;

  inReview(accountId: number, key: string): boolean {
    this.inReviewStmt ??= this.db.prepare(
      `SELECT count(*) AS n FROM import_reviews WHERE account_id = ? AND dedupe_key = ? AND status = 'open'`,
    );
    return this.inReviewStmt.get(accountId, key)!.n > 0;
  }

  openReviews(): ReviewItem[] {
    return this.db
      .prepare<[], ReviewDbRow>(`SELECT * FROM import_reviews WHERE status = 'open' ORDER BY id`)
      .all()
      .map((r) => ({
        id: r.id,
        importId: r.import_id,
        accountId: r.account_id,
        dedupeKey: r.dedupe_key,
        source: r.source,
        row: JSON.parse(r.row) as ReviewRow,
        candidates: JSON.parse(r.candidates) as number[],
        transactionId: r.transaction_id,
        createdAt: r.created_at,
      }));
  }

  closeReview(id: number, status: 'added' | 'linked' | 'skipped', now: string): void {
    this.db.prepare('UPDATE import_reviews SET status = ?, resolved_at = ? WHERE id = ?').run(status, now, id);
  }

  saveMapping(accountId: number, columns: readonly string[], mapping: Record<string, string>, now: string): void {
    this.db
      .prepare(
        `INSERT INTO import_mappings (account_id, columns, mapping, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (account_id, columns) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at`,
      )
      .run(accountId, columns.join('\u001f'), JSON.stringify(mapping), now);
  }

  /** Saved mappings for a header row, newest first; with an account, only that account's. */
  mappingsFor(columns: readonly string[], accountId?: number): Array<{ accountId: number; mapping: Record<string, string> }> {
    const rows = this.db
      .prepare<[string], { account_id: number; mapping: string }>(
        'SELECT account_id, mapping FROM import_mappings WHERE columns = ? ORDER BY updated_at DESC',
      )
      .all(columns.join('\u001f'));
    return rows
      .filter((r) => accountId === undefined || r.account_id === accountId)
      .map((r) => ({ accountId: r.account_id, mapping: JSON.parse(r.mapping) as Record<string, string> }));
  }
}
