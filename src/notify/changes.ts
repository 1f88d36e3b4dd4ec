import type { App } from '../app.js';
import { reminderFor } from '../reminders/reminders.js';
import { connectionState, type ConnectionState } from '../reminders/state.js';
import type { StoredConnection } from '../store/connections.js';
import { notifyWebhookUrl, redactUrl } from './config.js';
import { DEFAULT_POST, postJson, type PostOptions } from './post.js';

export type NotifyEvent = 'expiring' | 'expired' | 'needs_reauth' | 'sync_failed' | 'recovered';

export interface Notification {
  connectionId: string;
  event: NotifyEvent;
  previousState: ConnectionState;
  state: ConnectionState;
  delivered: boolean;
  /** Why delivery failed (it is tried again on the next call). */
  reason: string | null;
}

export interface NotifyOptions extends Partial<PostOptions> {
  /** Defaults to TRAX_NOTIFY_WEBHOOK; null turns notifications off. */
  url?: string | null;
  log?: (message: string) => void;
}

/** The JSON each POST carries. Built field by field: no token, secret or raw row can slip in. */
export interface NotifyPayload {
  type: 'trax.connection.state_changed';
  id: string;
  event: NotifyEvent;
  state: ConnectionState;
  previousState: ConnectionState;
  connection: { id: string; provider: string; environment: string; institution: string };
  consentExpiresAt: string | null;
  message: string;
  relinkCommand: string | null;
  relinkUrl: string | null;
  at: string;
}

const notifyingHere = new Set<string>();
const LEASE_MS = 10 * 60_000;

/**
 * Compares each connection's state with the last one announced and POSTs one JSON message per
 * change to TRAX_NOTIFY_WEBHOOK. A state counts as announced only once the receiver answered
 * 2xx, so a failed delivery is retried on the next call and a restart never repeats a delivered
 * one. A connection seen for the first time in good health is recorded without a message.
 * Without a URL nothing is recorded either, so switching notifications on later announces the
 * problems that exist at that moment.
 */
export async function notifyChanges(app: App, now: Date, opts: NotifyOptions = {}): Promise<Notification[]> {
  const url = opts.url !== undefined ? opts.url : notifyWebhookUrl();
  if (!url) return [];
  const log = opts.log ?? (() => {});
  const post: PostOptions = { ...DEFAULT_POST, ...definedOnly(opts) };
  // Two processes (a `trax serve` and a cron `trax sync --scheduled`) must not both announce
  // the same change: the lease keeps processes apart, the set keeps calls within one apart.
  const here = app.config.dataDir;
  if (notifyingHere.has(here) || !app.locks.tryAcquire('notify', LEASE_MS)) return [];
  notifyingHere.add(here);
  try {
    const announced = new Map(
      app.db
        .prepare<[], { connection_id: string; state: ConnectionState; changed_at: string }>('SELECT * FROM notify_state')
        .all()
        .map((r) => [r.connection_id, r]),
    );
    const results: Notification[] = [];
    const live = new Set<string>();
    for (const c of app.connections.list()) {
      const state = connectionState(c, now);
      if (state === null) continue;
      live.add(c.id);
      const last = announced.get(c.id);
      if (last?.state === state || (!last && state === 'ok')) {
        if (!last) remember(app, c.id, state, now);
        continue;
      }
      const previousState: ConnectionState = last?.state ?? 'ok';
      const payload = payloadFor(c, state, previousState, now, `${c.id}:${previousState}:${state}:${last?.changed_at ?? 'new'}`);
      const sent = await postJson(url, payload, payload.id, post);
      if (sent.ok) remember(app, c.id, state, now);
      else
        log(
          `notify: could not tell ${redactUrl(url)} that ${c.id} is ${state} (${sent.reason} after ${sent.attempts} attempts); will try again after the next sync.`,
        );
      results.push({
        connectionId: c.id,
        event: payload.event,
        previousState,
        state,
        delivered: sent.ok,
        reason: sent.ok ? null : sent.reason,
      });
    }
    // Disconnected or deleted connections: forget them quietly so a reconnect starts fresh.
    const forget = app.db.prepare('DELETE FROM notify_state WHERE connection_id = ?');
    for (const id of announced.keys()) if (!live.has(id)) forget.run(id);
    return results;
  } finally {
    notifyingHere.delete(here);
    app.locks.release('notify');
  }
}

function payloadFor(
  c: StoredConnection,
  state: ConnectionState,
  previousState: ConnectionState,
  now: Date,
  id: string,
): NotifyPayload {
  const institution = c.institutionName ?? c.id;
  const reminder = state === 'ok' ? null : reminderFor(c, state, now);
  return {
    type: 'trax.connection.state_changed',
    id,
    event: state === 'ok' ? 'recovered' : state,
    state,
    previousState,
    connection: { id: c.id, provider: c.provider, environment: c.environment, institution },
    consentExpiresAt: c.consentExpiresAt,
    message:
      reminder?.sentence ??
      `${institution} is working again${c.lastSyncedAt ? ` (last sync ${c.lastSyncedAt.slice(0, 16).replace('T', ' ')} UTC)` : ''}.`,
    relinkCommand: reminder?.relinkCommand ?? null,
    relinkUrl: reminder?.relinkUrl ?? null,
    at: now.toISOString(),
  };
}

function remember(app: App, connectionId: string, state: ConnectionState, now: Date): void {
  app.db
    .prepare(
      'INSERT INTO notify_state (connection_id, state, changed_at) VALUES (?, ?, ?) ON CONFLICT (connection_id) DO UPDATE SET state = excluded.state, changed_at = excluded.changed_at',
    )
    .run(connectionId, state, now.toISOString());
}

function definedOnly(o: Partial<PostOptions>): Partial<PostOptions> {
  const r: Partial<PostOptions> = {};
  if (o.retries !== undefined) r.retries = o.retries;
  if (o.retryBaseMs !== undefined) r.retryBaseMs = o.retryBaseMs;
  if (o.timeoutMs !== undefined) r.timeoutMs = o.timeoutMs;
  return r;
}
