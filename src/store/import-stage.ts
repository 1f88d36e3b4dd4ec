import type Database from 'better-sqlite3';
import type { Db } from './db.js';

/**
 * A statement file's rows on their way in. A 1,000,000-entry CAMT file does not fit in memory
 * as objects, and the write must be one synchronous SQLite transaction (all or nothing), so the
 * parser streams rows into a TEMP table first (this connection's own, on disk, outside the
 * database file and its locks) and the write reads them back in chunks.
 */
export interface StagedRow {
  seq: number;
  statement: number;
  /** 0-based count of identical earlier rows (same statement account and fingerprint). */
  ordinal: number;
  base: string;
  data: string;
}

let counter = 0;

export class ImportStage {
  readonly table: string;
  private readonly insert: Database.Statement;
  private open = true;

  constructor(private readonly db: Db) {
    this.table = `import_stage_${process.pid}_${++counter}`;
    db.exec(
      `CREATE TEMP TABLE ${this.table} (seq INTEGER PRIMARY KEY, statement INTEGER NOT NULL, account TEXT NOT NULL,
         base TEXT NOT NULL, data TEXT NOT NULL, ordinal INTEGER NOT NULL DEFAULT 0)`,
    );
    this.insert = db.prepare(`INSERT INTO ${this.table} (statement, account, base, data) VALUES (?, ?, ?, ?)`);
  }

  /** Adds rows; batched by the caller inside one temp-table transaction for speed. */
  add(rows: ReadonlyArray<{ statement: number; account: string; base: string; data: string }>): void {
    this.db.transaction(() => {
      for (const r of rows) this.insert.run(r.statement, r.account, r.base, r.data);
    })();
  }

  /** Counts identical rows within each account of the file (the ordinal of the shared fingerprint). */
  numberTwins(): void {
    this.db.exec(
      `UPDATE ${this.table} SET ordinal = s.o FROM (
         SELECT seq, row_number() OVER (PARTITION BY account, base ORDER BY seq) - 1 AS o FROM ${this.table}
       ) AS s WHERE ${this.table}.seq = s.seq AND s.o > 0`,
    );
  }

  /** Rows after `afterSeq`, in file order, at most `limit`. */
  chunk(afterSeq: number, limit: number): StagedRow[] {
    return this.db
      .prepare<[number, number], StagedRow>(
        `SELECT seq, statement, ordinal, base, data FROM ${this.table} WHERE seq > ? ORDER BY seq LIMIT ?`,
      )
      .all(afterSeq, limit);
  }

  drop(): void {
    if (!this.open) return;
    this.open = false;
    this.db.exec(`DROP TABLE IF EXISTS temp.${this.table}`);
  }
}
