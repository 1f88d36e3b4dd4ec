import { providerPolicy } from '../providers/registry.js';
import { setTimeout as delay } from 'node:timers/promises';
import type { App } from '../app.js';
import { clean } from '../cli/output.js';
import { TraxError } from '../domain/errors.js';
import { notifyChanges, type Notification, type NotifyOptions } from '../notify/changes.js';
import type { StoredConnection } from '../store/connections.js';
import { syncConnection, type SyncOutcome } from '../sync/engine.js';
import { scheduledSyncAllowed } from './bank-limits.js';

export interface ScheduledResult {
  connectionId: string;
  institution: string;
  action: 'synced' | 'failed' | 'skipped';
  /** Why it was skipped or failed, as a sentence fragment; null when it synced. */
  reason: string | null;
  outcome: SyncOutcome | null;
}

export interface ScheduledPass {
  kind: 'schedule' | 'catch-up';
  startedAt: string;
  finishedAt: string;
  results: ScheduledResult[];
  notifications: Notification[];
}

export interface PassOptions {
  kind: ScheduledPass['kind'];
  log: (message: string) => void;
  /** Up to this many ms between one connection and the next (uniformly random). */
  jitterMs: number;
  clock: () => Date;
  /** Only these connections (catch-up passes only the ones that missed a run). */
  only?: (c: StoredConnection) => boolean;
  /** Aborted when the scheduler stops: the pass ends after the sync in progress. */
  signal?: AbortSignal;
  notify?: NotifyOptions;
}

/** Spreads connections out so several banks behind one aggregator are not hit in the same second. */
export const DEFAULT_JITTER_MS = 60_000;

/**
 * One unattended pass: every live connection the bank limits allow, one after another with a
 * random pause between them, each under the same `sync:<id>` lease as `trax sync`; then the
 * notify webhook hears about any change. One failing bank never stops the others.
 */
export async function runScheduledPass(app: App, opts: PassOptions): Promise<ScheduledPass> {
  const startedAt = opts.clock().toISOString();
  const results: ScheduledResult[] = [];
  const candidates = app.connections
    .list()
    .filter((c) => c.status !== 'revoked' && providerPolicy(c.provider).syncs && (opts.only?.(c) ?? true));
  let first = true;
  for (const c of candidates) {
    const institution = c.institutionName ?? c.provider;
    const name = `${clean(institution)} (${c.id})`;
    if (opts.signal?.aborted) {
      results.push({ connectionId: c.id, institution, action: 'skipped', reason: 'the scheduler stopped', outcome: null });
      continue;
    }
    const skip = (reason: string) => {
      opts.log(`${opts.kind}: skipped ${name}: ${reason}.`);
      results.push({ connectionId: c.id, institution, action: 'skipped', reason, outcome: null });
    };
    const allowed = () => scheduledSyncAllowed(app, app.connections.get(c.id) ?? c, opts.clock());
    let allowance = allowed();
    if (!allowance.ok) {
      skip(allowance.reason);
      continue;
    }
    if (!first && opts.jitterMs > 0) {
      try {
        await delay(Math.floor(Math.random() * opts.jitterMs), undefined, opts.signal ? { signal: opts.signal } : {});
      } catch {
        skip('the scheduler stopped');
        continue;
      }
      // Asked again after the pause: another process may have read the bank meanwhile.
      allowance = allowed();
      if (!allowance.ok) {
        skip(allowance.reason);
        continue;
      }
    }
    first = false;
    let outcome: SyncOutcome;
    try {
      outcome = await syncConnection(app, c.id, { trigger: 'schedule' });
    } catch (e) {
      if (e instanceof TraxError && e.code === 'not_found') {
        skip('it was deleted while the schedule ran');
        continue;
      }
      // Not this bank's fault (wrong key, broken database): every other would fail the same way.
      const reason = e instanceof Error ? e.message : String(e);
      opts.log(`${opts.kind}: stopped at ${name}: ${reason}`);
      results.push({ connectionId: c.id, institution, action: 'failed', reason, outcome: null });
      break;
    }
    results.push(resultOf(outcome, institution));
    opts.log(`${opts.kind}: ${name}: ${describe(outcome)}`);
  }
  let notifications: Notification[] = [];
  try {
    notifications = await notifyChanges(app, opts.clock(), { log: opts.log, ...opts.notify });
  } catch (e) {
    opts.log(`${opts.kind}: notifications failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { kind: opts.kind, startedAt, finishedAt: opts.clock().toISOString(), results, notifications };
}

function resultOf(o: SyncOutcome, institution: string): ScheduledResult {
  const action = o.status === 'done' ? 'synced' : o.status === 'failed' ? 'failed' : 'skipped';
  return { connectionId: o.connectionId, institution, action, reason: o.error?.message ?? null, outcome: o };
}

function describe(o: SyncOutcome): string {
  if (o.status === 'done') return `${o.added} new, ${o.modified} changed, ${o.removed} removed`;
  if (o.status === 'skipped') return `skipped: ${clean(o.error?.message)}`;
  return `failed: ${clean(o.error?.message)}`;
}
