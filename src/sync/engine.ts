import type { App } from '../app.js';
import { isProviderError, TraxError } from '../domain/errors.js';
import { connectorFor, providerPolicy } from '../providers/registry.js';
import { isPidAlive } from '../store/locks.js';
import { noteBankRead } from '../store/read-budget.js';
import type { BankConnector } from '../providers/provider.js';
import { applyPage } from './apply-page.js';
import { categorizeTransactions } from '../categorize/run.js';
import { demoConnectionUnavailable } from '../demo/connections.js';

export type SyncTrigger = 'user' | 'connect' | 'schedule' | 'webhook';

export interface SyncOptions {
  trigger: SyncTrigger;
  /** The user's IP when a person started the sync (CLI: none to send; web: the request's). */
  userIp?: string | null;
  onProgress?: (connectionId: string, message: string) => void;
  /** Called as each connection finishes, so its line is shown even if a later one stops the command. */
  onOutcome?: (outcome: SyncOutcome) => void;
  /** The bank to read instead of the provider's adapter: the fast tests hand in a fake one. */
  connector?: BankConnector;
}

export interface SyncOutcome {
  connectionId: string;
  institution: string;
  status: 'done' | 'failed' | 'skipped';
  added: number;
  modified: number;
  removed: number;
  runId: number | null;
  warnings: string[];
  error: { code: string; message: string } | null;
}

/** Long enough for a deep pull; a dead holder is detected by pid long before this runs out. */
const LOCK_TTL_MS = 30 * 60_000;

export async function syncConnection(app: App, connectionId: string, opts: SyncOptions): Promise<SyncOutcome> {
  const connection = app.connections.get(connectionId);
  if (!connection) {
    throw new TraxError('not_found', `There is no connection ${connectionId}; run \`trax connections\` to see the ids.`);
  }
  const outcome: SyncOutcome = {
    connectionId,
    institution: connection.institutionName ?? connection.provider,
    status: 'skipped',
    added: 0,
    modified: 0,
    removed: 0,
    runId: null,
    warnings: [],
    error: null,
  };
  if (connection.status === 'revoked') {
    outcome.error = { code: 'revoked', message: `${outcome.institution} was disconnected; connect it again to sync.` };
    return outcome;
  }
  if (!providerPolicy(connection.provider).syncs) {
    outcome.error = { code: 'not_synced', message: providerPolicy(connection.provider).relinkHint(connectionId) };
    return outcome;
  }
  // A provider without credentials, or a demo emulator that is gone, cannot have made this
  // connection fail: skip it, untouched, and say why.
  const demo = demoConnectionUnavailable(app, connection);
  if (demo) {
    outcome.error = { code: 'demo_connection', message: demo };
    return outcome;
  }
  const notConfigured = providerPolicy(connection.provider).notConfigured(app.config);
  if (notConfigured) {
    outcome.error = { code: 'not_configured', message: notConfigured };
    return outcome;
  }
  const lock = `sync:${connectionId}`;
  if (!app.locks.tryAcquire(lock, LOCK_TTL_MS)) {
    const holder = app.locks.holder(lock);
    const who =
      holder === app.locks.owner
        ? 'in this Trax process (a schedule, a webhook or "Sync now")'
        : `by another Trax process (${holder})`;
    outcome.error = { code: 'busy', message: `${outcome.institution} is already being synced ${who}; this run skipped it.` };
    return outcome;
  }
  const started = app.now().toISOString();
  try {
    app.runs.markStale(connectionId, isPidAlive, started);
    outcome.runId = app.runs.start(connectionId, opts.trigger, started);
    noteBankRead(app, connection, opts, started);
    const connector = opts.connector ?? connectorFor(app, connection);
    const pages = connector.pages({
      state: connection.syncState,
      now: app.now(),
      userIp: opts.userIp ?? null,
      onProgress: (m) => opts.onProgress?.(connectionId, m),
    });
    for await (const page of pages) {
      const counts = applyPage(app, connection, outcome.runId, page);
      outcome.added += counts.added;
      outcome.modified += counts.modified;
      outcome.removed += counts.removed;
      outcome.warnings.push(...page.warnings);
    }
    // Every new row leaves the sync with a category (and transfers paired).
    categorizeTransactions(app);
    const finished = app.now().toISOString();
    app.runs.finish(outcome.runId, 'done', finished);
    app.connections.markSynced(connectionId, finished);
    outcome.status = 'done';
  } catch (e) {
    // Not this connection's fault: a wrong key or a broken database affects every connection,
    // so the whole command stops with that sentence instead of marking banks as failed.
    if (
      !(e instanceof TraxError) ||
      ['config_invalid', 'secret_key_mismatch', 'secret_key_invalid', 'database_locked', 'disk_full', 'database_error'].includes(
        e.code,
      )
    ) {
      if (outcome.runId !== null) {
        try {
          app.runs.finish(outcome.runId, 'failed', app.now().toISOString(), {
            code: e instanceof TraxError ? e.code : 'bug',
            message: String(e),
          });
        } catch {
          // The database itself may be what failed; the error below says so.
        }
      }
      throw e;
    }
    const needsReauth = e.code === 'needs_reauth';
    const message = needsReauth ? `${e.message} ${providerPolicy(connection.provider).relinkHint(connectionId)}` : e.message;
    outcome.status = 'failed';
    outcome.error = { code: isProviderError(e) ? e.kind : e.code, message };
    const now = app.now().toISOString();
    if (outcome.runId !== null) app.runs.finish(outcome.runId, 'failed', now, outcome.error);
    app.connections.setStatus(connectionId, needsReauth ? 'needs_reauth' : 'error', message, now);
  } finally {
    app.locks.release(lock);
  }
  return outcome;
}

/** Syncs every live connection; one failing never stops the others. */
export async function syncAll(app: App, opts: SyncOptions): Promise<SyncOutcome[]> {
  const outcomes: SyncOutcome[] = [];
  for (const c of app.connections.list()) {
    // Nothing to sync (statement files): not a bank that could fail, so not a line in the report.
    if (c.status === 'revoked' || !providerPolicy(c.provider).syncs) continue;
    const outcome = await syncConnection(app, c.id, opts);
    outcomes.push(outcome);
    opts.onOutcome?.(outcome);
  }
  return outcomes;
}
