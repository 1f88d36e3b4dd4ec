import type { App } from '../app.js';
import { providerPolicy } from '../providers/registry.js';
import type { StoredConnection } from '../store/connections.js';
import { readUsage, UNATTENDED_READS_PER_DAY } from '../store/read-budget.js';

export type Allowance = { ok: true } | { ok: false; reason: string };

/**
 * Whether an unattended (scheduled) sync of this connection may run now, and if not, why. Only
 * the schedule asks: a sync a person starts is never held back. Three rules:
 * - TrueLayer: at most 4 unattended reads per account in 24 hours (PSD2), counted in bank_reads
 *   by the engine for every TrueLayer read without the user's address, including CLI syncs;
 * - TrueLayer: after the bank answered 429 (`rate_limited`), nothing until 00:00 UTC — by then
 *   every European bank's own day (UTC+0 to UTC+3) has turned over;
 * - Plaid with PLAID_WEBHOOK_URL: Plaid says when there is something new, so the schedule is
 *   only a safety net for a webhook that never arrived (trax serve was down, the tunnel broke).
 */
export function scheduledSyncAllowed(app: App, c: StoredConnection, now: Date): Allowance {
  if (c.status === 'needs_reauth') {
    return {
      ok: false,
      reason:
        'it needs you to log in at the bank again, so a sync would only fail; relink it (see `trax connections`) and the schedule picks it up again',
    };
  }
  const policy = providerPolicy(c.provider).unattended;
  if (policy.kind === 'none') return { ok: false, reason: 'nothing syncs it (its data comes from statement files)' };
  if (policy.kind === 'webhook-cache') {
    const last = c.lastSyncedAt ? Date.parse(c.lastSyncedAt) : 0;
    if (policy.webhooksOn(app.config) && now.getTime() - last < policy.safetyNetMs) {
      return {
        ok: false,
        reason: `${providerPolicy(c.provider).label} announces new transactions by webhook (${policy.webhookSetting}), and its last sync (${stamp(c.lastSyncedAt!)}) is less than a day old`,
      };
    }
    return { ok: true };
  }
  const limited = lastRateLimited(app, c.id);
  if (limited) {
    const until = nextUtcMidnight(new Date(limited));
    if (now < until) {
      return {
        ok: false,
        reason: `the bank answered "too many requests" at ${stamp(limited)}, so the schedule leaves it alone until the bank's next day (${stamp(until.toISOString())})`,
      };
    }
  }
  const usage = readUsage(app.db, c.id, now);
  if (usage.used >= UNATTENDED_READS_PER_DAY) {
    return {
      ok: false,
      reason: `its accounts were already read ${usage.used} times without you in the last 24 hours, the most banks allow (PSD2); the next read is possible after ${stamp(usage.freesAt!.toISOString())}, and \`trax sync\` still works now`,
    };
  }
  return { ok: true };
}

/** When the connection's latest 429 happened, whoever started that sync. */
function lastRateLimited(app: App, connectionId: string): string | null {
  return (
    app.db
      .prepare<[string], { at: string }>(
        `SELECT coalesce(finished_at, started_at) AS at FROM sync_runs WHERE connection_id = ? AND error_code = 'rate_limited' ORDER BY id DESC LIMIT 1`,
      )
      .get(connectionId)?.at ?? null
  );
}

export function nextUtcMidnight(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1));
}

function stamp(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}
