import type { Db } from './db.js';

export type SyncRunStatus = 'running' | 'done' | 'failed' | 'stale';

export interface SyncRun {
  id: number;
  connectionId: string;
  trigger: string;
  status: SyncRunStatus;
  startedAt: string;
  finishedAt: string | null;
  windowFrom: string | null;
  windowTo: string | null;
  added: number;
  modified: number;
  removed: number;
  errorCode: string | null;
  error: string | null;
}

interface Row {
  id: number;
  connection_id: string;
  trigger: string;
  status: SyncRunStatus;
  started_at: string;
  finished_at: string | null;
  window_from: string | null;
  window_to: string | null;
  added: number;
  modified: number;
  removed: number;
  error_code: string | null;
  error: string | null;
}

const fromRow = (r: Row): SyncRun => ({
  id: r.id,
  connectionId: r.connection_id,
  trigger: r.trigger,
  status: r.status,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  windowFrom: r.window_from,
  windowTo: r.window_to,
  added: r.added,
  modified: r.modified,
  removed: r.removed,
  errorCode: r.error_code,
  error: r.error,
});

/** The life of one sync as a row: running → done | failed, or stale if its process died. */
export class SyncRunStore {
  constructor(private readonly db: Db) {}

  start(connectionId: string, trigger: string, now: string): number {
    return Number(
      this.db
        .prepare(`INSERT INTO sync_runs (connection_id, trigger, status, started_at, pid) VALUES (?, ?, 'running', ?, ?)`)
        .run(connectionId, trigger, now, process.pid).lastInsertRowid,
    );
  }

  /** Adds a page's counts; runs inside the page's transaction so counts match the rows. */
  addCounts(id: number, c: { added: number; modified: number; removed: number }, window?: { from: string; to: string }): void {
    this.db
      .prepare(
        `UPDATE sync_runs SET added = added + ?, modified = modified + ?, removed = removed + ?,
           window_from = coalesce(min(window_from, ?), window_from, ?), window_to = coalesce(max(window_to, ?), window_to, ?)
         WHERE id = ?`,
      )
      .run(
        c.added,
        c.modified,
        c.removed,
        window?.from ?? null,
        window?.from ?? null,
        window?.to ?? null,
        window?.to ?? null,
        id,
      );
  }

  finish(id: number, status: 'done' | 'failed', now: string, error?: { code: string; message: string }): void {
    this.db
      .prepare('UPDATE sync_runs SET status = ?, finished_at = ?, error_code = ?, error = ? WHERE id = ?')
      .run(status, now, error?.code ?? null, error?.message ?? null, id);
  }

  /** Runs left 'running' by a process that no longer exists become 'stale'. */
  markStale(connectionId: string, isAlive: (pid: number) => boolean, now: string): void {
    const rows = this.db
      .prepare<[string], { id: number; pid: number | null }>(
        `SELECT id, pid FROM sync_runs WHERE connection_id = ? AND status = 'running'`,
      )
      .all(connectionId);
    const mark = this.db.prepare(`UPDATE sync_runs SET status = 'stale', finished_at = ? WHERE id = ?`);
    for (const r of rows) if (r.pid === null || !isAlive(r.pid)) mark.run(now, r.id);
  }

  get(id: number): SyncRun | undefined {
    const row = this.db.prepare<[number], Row>('SELECT * FROM sync_runs WHERE id = ?').get(id);
    return row && fromRow(row);
  }

  recent(limit = 20): SyncRun[] {
    return this.db.prepare<[number], Row>('SELECT * FROM sync_runs ORDER BY id DESC LIMIT ?').all(limit).map(fromRow);
  }
}
