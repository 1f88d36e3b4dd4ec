import type { Interrupter } from '../shared/interrupt.js';
import { serveApp } from '../shared/serve.js';
import { assertNotProduction, createPlaidSandboxApp } from './app.js';
import { resetLogin } from './routes/sandbox.js';
import { SandboxState, type RequestLogEntry } from './state.js';
import { webhookBody } from './webhooks/bodies.js';
import { WebhookSender } from './webhooks/sender.js';
import { WebhookSigner } from './webhooks/signer.js';

export { createPlaidSandboxApp } from './app.js';
export { MARKUP_PROBE_NAME } from './personas/index.js';
export type { RequestLogEntry } from './state.js';
export type { Held, InterruptAction, Interrupter } from '../shared/interrupt.js';

export interface PlaidSandboxClient {
  clientId: string;
  secret: string;
}

export interface PlaidSandboxOptions {
  /** default: a random free port */
  port?: number;
  /** default '127.0.0.1' */
  host?: string;
  /** default 42; personas are deterministic from seed + start date */
  seed?: number;
  /** clock start (default real now); the clock then ticks with real time */
  now?: Date;
  /** default [{ clientId: 'trax-demo-client', secret: 'trax-demo-secret' }] */
  clients?: PlaidSandboxClient[];
  /** Serve at most this many changes per /transactions/sync page (Plaid: 500), so tests see pagination. */
  maxSyncPageSize?: number;
}

export interface PlaidSandbox {
  /** e.g. http://127.0.0.1:41234 — the SDK basePath */
  url: string;
  close(): Promise<void>;
  clock: { now(): Date; advance(ms: number): void; set(d: Date): void };
  faults: {
    /** next n /transactions/sync calls that continue a loop (cursor from a has_more=true page) → 400 TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION */
    mutationDuringPagination(n: number): void;
    /** next n data calls → 429, error_type RATE_LIMIT_EXCEEDED (error_code per endpoint, e.g. TRANSACTIONS_SYNC_LIMIT) */
    rateLimit(n: number): void;
    /** next n data calls → 500 INTERNAL_SERVER_ERROR (API_ERROR) */
    serverError(n: number): void;
    /** next n (default 1) /transactions/sync for the item: empty, has_more false, next_cursor "" */
    notReady(itemId: string, n?: number): void;
    reset(): void;
  };
  /** Make pending transactions post: next sync reports their ids in `removed` and the posted rows (with pending_transaction_id) in `added`. */
  postPending(itemId?: string): void;
  /** Add n new transactions today for an item (appear as `added` on next sync); optionally some `modified` (+1.00 on recent posted rows). Default: { added: 1 }. */
  addActivity(itemId: string, opts?: { added?: number; modified?: number }): void;
  /** Put an item into ITEM_LOGIN_REQUIRED (same as /sandbox/item/reset_login). */
  resetLogin(itemId: string): void;
  /** Undo resetLogin(), as the user finishing update-mode Link does (for soak and crash tests). */
  restoreLogin(itemId: string): void;
  /** Expire an item's consent: data calls fail with ITEM_LOGIN_REQUIRED (error_code_reason OAUTH_CONSENT_EXPIRED). */
  expireConsent(itemId: string): void;
  /** Sign and POST a webhook to the item's webhook URL, exactly as Plaid does; resolves with the receiver's HTTP status. */
  fireWebhook(itemId: string, type: string, code: string, extra?: Record<string, unknown>): Promise<number>;
  /** For tests: items that exist (removed ones are gone). */
  items(): Array<{
    itemId: string;
    institutionId: string;
    accessToken: string;
    webhook: string | null;
    error: string | null;
    consentExpirationTime: string | null;
  }>;
  /** Every request: path, status and Plaid error code. No bodies, no headers, no secrets. */
  requestLog: RequestLogEntry[];
  /** Acts on the n-th request after arming: stall it, cut its body, or arm a fault just before it. */
  interrupt: Pick<Interrupter, 'hold' | 'before' | 'reset'>;
}

export const DEFAULT_PLAID_CLIENT: PlaidSandboxClient = { clientId: 'trax-demo-client', secret: 'trax-demo-secret' };

export async function startPlaidSandbox(opts: PlaidSandboxOptions = {}): Promise<PlaidSandbox> {
  assertNotProduction();
  const start = opts.now ?? new Date();
  if (Number.isNaN(start.getTime())) throw new Error('startPlaidSandbox: opts.now is not a valid date');
  const signer = await WebhookSigner.create(start, () => state.now());
  const webhooks = new WebhookSender(signer);
  const clients = (opts.clients ?? [DEFAULT_PLAID_CLIENT]).map((c) => ({ ...c }));
  const state = new SandboxState(opts.seed ?? 42, start, clients, signer, webhooks);
  const server = await serveApp(createPlaidSandboxApp(state), opts);
  const { url } = server;
  state.maxSyncPageSize = opts.maxSyncPageSize ?? null;

  /**
   * Items change only after catching up with the clock, so new rows land before the change.
   * The test hooks below send no webhooks of their own: tests announce changes with
   * fireWebhook(), so every delivery a receiver sees is one the test asked for. Only
   * resetLogin() does, because /sandbox/item/reset_login does at Plaid.
   */
  const current = (itemId: string) => {
    const item = state.item(itemId);
    item.ledger.refresh(state.today());
    return item;
  };

  let closed: Promise<void> | undefined;
  return {
    url,
    close: () => {
      state.interrupt.reset();
      closed ??= (async () => {
        await webhooks.close();
        await server.close();
      })();
      return closed;
    },
    clock: {
      now: () => state.clock.now(),
      advance: (ms) => state.clock.advance(ms),
      set: (d) => state.clock.set(d),
    },
    faults: {
      mutationDuringPagination: (n) => state.faults.setMutation(n),
      rateLimit: (n) => state.faults.setRateLimit(n),
      serverError: (n) => state.faults.setServerError(n),
      notReady: (itemId, n = 1) => {
        state.item(itemId);
        state.faults.setNotReady(itemId, n);
      },
      reset: () => state.faults.reset(),
    },
    postPending: (itemId) => {
      const ids = itemId === undefined ? [...state.items.keys()] : [itemId];
      for (const id of ids) current(id).ledger.postAllPending(state.today());
    },
    addActivity: (itemId, o = {}) =>
      current(itemId).ledger.addActivity(state.today(), o.added ?? (o.modified === undefined ? 1 : 0), o.modified ?? 0),
    resetLogin: (itemId) => resetLogin(state, itemId),
    restoreLogin: (itemId) => {
      state.item(itemId).loginRequired = false;
    },
    expireConsent: (itemId) => {
      const item = state.item(itemId);
      item.consentExpiresAt = new Date(state.now().getTime() - 60_000);
    },
    fireWebhook: async (itemId, type, code, extra) => {
      const item = state.item(itemId);
      if (!item.webhook) throw new Error(`item ${itemId} has no webhook URL`);
      item.lastWebhook = { sentAt: state.now(), code };
      return webhooks.send(item.webhook, webhookBody(state, item, type, code, extra));
    },
    items: () =>
      [...state.items.values()].map((item) => ({
        itemId: item.itemId,
        institutionId: item.institution.institutionId,
        accessToken: item.accessToken,
        webhook: item.webhook,
        error: state.itemError(item)?.code ?? null,
        consentExpirationTime: item.consentExpiresAt?.toISOString().replace(/\.\d{3}Z$/, 'Z') ?? null,
      })),
    requestLog: state.requestLog,
    interrupt: state.interrupt,
  };
}
