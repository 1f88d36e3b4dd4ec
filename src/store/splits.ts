import { TraxError } from '../domain/errors.js';
import type { Db } from './db.js';

export interface SplitPart {
  position: number;
  amountMinor: number;
  categoryId: number | null;
  categorySlug: string | null;
  categoryName: string | null;
  note: string | null;
}

/** Split parts beside a bank row (table split_parts, migration 012) and the row's hidden mark. */
export class SplitStore {
  constructor(private readonly db: Db) {}

  /** Replaces the parts of a row in one transaction; the caller checked that they add up. */
  set(
    transactionId: number,
    parts: ReadonlyArray<{ amountMinor: number; categoryId: number | null; note: string | null }>,
    now: string,
  ): void {
    const insert = this.db.prepare(
      'INSERT INTO split_parts (transaction_id, position, amount_minor, category_id, note, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM split_parts WHERE transaction_id = ?').run(transactionId);
      parts.forEach((p, i) => insert.run(transactionId, i + 1, p.amountMinor, p.categoryId, p.note, now));
    })();
  }

  /** Returns how many parts went (0: the row was not split). */
  remove(transactionId: number): number {
    return this.db.prepare('DELETE FROM split_parts WHERE transaction_id = ?').run(transactionId).changes;
  }

  get(transactionId: number): SplitPart[] {
    return this.db
      .prepare<[number], SplitPart>(
        `SELECT p.position, p.amount_minor AS amountMinor, p.category_id AS categoryId, c.slug AS categorySlug,
           c.name AS categoryName, p.note
         FROM split_parts p LEFT JOIN categories c ON c.id = p.category_id
         WHERE p.transaction_id = ? ORDER BY p.position`,
      )
      .all(transactionId);
  }

  /** Ids among these rows that are split, for lists that mark them. */
  splitIds(ids: readonly number[]): Set<number> {
    const rows = this.db
      .prepare<[string], number>(
        'SELECT DISTINCT transaction_id FROM split_parts WHERE transaction_id IN (SELECT value FROM json_each(?))',
      )
      .pluck()
      .all(JSON.stringify(ids));
    return new Set(rows);
  }

  isHidden(transactionId: number): boolean {
    return Boolean(
      this.db.prepare<[number], number>('SELECT hidden_at IS NOT NULL FROM transactions WHERE id = ?').pluck().get(transactionId),
    );
  }

  setHidden(transactionId: number, hidden: boolean, now: string): boolean {
    const res = hidden
      ? this.db.prepare('UPDATE transactions SET hidden_at = ? WHERE id = ? AND hidden_at IS NULL').run(now, transactionId)
      : this.db.prepare('UPDATE transactions SET hidden_at = NULL WHERE id = ? AND hidden_at IS NOT NULL').run(transactionId);
    return res.changes > 0;
  }

  /** The row a command names, with where it came from (for the sentence that refuses a change). */
  origin(transactionId: number): {
    id: number;
    amountMinor: number;
    currency: string;
    pending: boolean;
    source: string | null;
    provider: string;
    bank: string | null;
  } {
    const row = this.db
      .prepare<
        [number],
        {
          id: number;
          amount_minor: number;
          currency: string;
          pending: number;
          source: string | null;
          provider: string;
          bank: string | null;
        }
      >(
        `SELECT t.id, t.amount_minor, t.currency, t.pending, t.source, c.provider, c.institution_name AS bank
         FROM transactions t JOIN accounts a ON a.id = t.account_id JOIN connections c ON c.id = a.connection_id WHERE t.id = ?`,
      )
      .get(transactionId);
    if (!row)
      throw new TraxError('not_found', `There is no transaction ${transactionId}; run \`trax transactions\` to see the ids.`);
    return {
      id: row.id,
      amountMinor: row.amount_minor,
      currency: row.currency,
      pending: row.pending === 1,
      source: row.source,
      provider: row.provider,
      bank: row.bank,
    };
  }
}
