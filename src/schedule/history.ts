import type { App } from '../app.js';
import { TraxError } from '../domain/errors.js';
import type { SyncRunStatus } from '../store/sync-runs.js';

export interface SyncHistoryRow {
  runId: number;
  connectionId: string;
  /** Untrusted bank text: escape or clean before display. */
  institution: string;
  trigger: string;
  status: SyncRunStatus;
  startedAt: string;
  finishedAt: string | null;
  /** null while running (or for a stale run whose process died). */
  durationMs: number | null;
  added: number;
  modified: number;
  removed: number;
  errorCode: string | null;
  error: string | null;
}

export interface SyncHistoryOptions {
  connectionId?: string;
  /** Runs per connection, newest first (default 10). */
  limit?: number;
}

/**
 * Recent sync runs, newest first within each connection, connections in the order they were
 * linked. Pure reading of sync_runs, for `trax sync --history` and a web page alike.
 */
export function syncHistory(app: App, opts: SyncHistoryOptions = {}): SyncHistoryRow[] {
  const limit = opts.limit ?? 10;
  if (!Number.isInteger(limit) || limit < 1)
    throw new TraxError('usage', `The history limit must be a whole number of runs, 1 or more (got ${String(limit)}).`);
  if (opts.connectionId && !app.connections.get(opts.connectionId)) {
    throw new TraxError('not_found', `There is no connection ${opts.connectionId}; run \`trax connections\` to see the ids.`);
  }
  const rows = app.db
    .prepare<
      [string | null, string | null, number],
      {
        id: number;
        connection_id: string;
        institution: string | null;
        trigger: string;
        status: SyncRunStatus;
        started_at: string;
        finished_at: string | null;
        added: number;
        modified: number;
        removed: number;
        error_code: string | null;
        error: string | null;
      }
    >(
      `SELECT r.id, r.connection_id, coalesce(c.institution_name, c.provider, r.connection_id) AS institution, r.trigger, r.status,
              r.started_at, r.finished_at, r.added, r.modified, r.removed, r.error_code, r.error
       FROM (SELECT *, row_number() OVER (PARTITION BY connection_id ORDER BY id DESC) AS n
             FROM sync_runs WHERE ? IS NULL OR connection_id = ?) r
       LEFT JOIN connections c ON c.id = r.connection_id
       WHERE r.n <= ?
       ORDER BY c.created_at IS NULL, c.created_at, r.connection_id, r.id DESC`,
    )
    .all(opts.connectionId ?? null, opts.connectionId ?? null, limit);
  return rows.map((r) => ({
    runId: r.id,
    connectionId: r.connection_id,
    institution: r.institution ?? r.connection_id,
    trigger: r.trigger,
    status: r.status,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    durationMs: r.finished_at && r.status !== 'stale' ? Math.max(0, Date.parse(r.finished_at) - Date.parse(r.started_at)) : null,
    added: r.added,
    modified: r.modified,
    removed: r.removed,
    errorCode: r.error_code,
    error: r.error,
  }));
}
