/**
 * The change log that report caches follow (table `report_changes`, migration 008): triggers on
 * `transactions` append the id of every row deleted or changed in a way a report sees. New rows
 * are not logged; a cache finds them by id.
 */
import type { Db } from './db.js';

export interface ChangesSince {
  /** Transaction ids changed after the asked seq (each once). */
  ids: number[];
  /** The newest seq: what the caller has applied once it applied `ids`. */
  latest: number;
}

export class ReportChanges {
  constructor(private readonly db: Db) {}

  /** The newest seq (0 before any change). */
  latest(): number {
    return this.db.prepare<[], { s: number | null }>('SELECT max(seq) AS s FROM report_changes').get()?.s ?? 0;
  }

  /**
   * What changed after `seq`, or null when entries after it were trimmed away (the caller is too
   * far behind and must rebuild) or there are more than `limit` (rebuilding is as cheap).
   */
  since(seq: number, limit: number): ChangesSince | null {
    const bounds = this.db
      .prepare<[], { lo: number | null; hi: number | null }>('SELECT min(seq) AS lo, max(seq) AS hi FROM report_changes')
      .get()!;
    const latest = bounds.hi ?? 0;
    if (latest === seq) return { ids: [], latest };
    // Below what was applied: the log was emptied and began again.
    if (latest < seq || bounds.lo === null || bounds.lo > seq + 1 || latest - seq > limit) return null;
    const ids = this.db
      .prepare<[number, number], number>('SELECT DISTINCT transaction_id FROM report_changes WHERE seq > ? AND seq <= ?')
      .pluck()
      .all(seq, latest);
    return { ids, latest };
  }
}
