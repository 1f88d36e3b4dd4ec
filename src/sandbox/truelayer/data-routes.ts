import { Hono, type Context } from 'hono';
import { addDays } from '../shared/dates.js';
import { authenticateBearer } from './bearer.js';
import { parseDateParam } from './dates.js';
import { ERROR_USERS, tlError } from './errors.js';
import { providerById, type ProviderDef } from './providers.js';
import {
  accountJson,
  balanceJson,
  cardBalanceJson,
  cardJson,
  directDebitsJson,
  pendingJson,
  standingOrdersJson,
  transactionsJson,
  type Json,
} from './serialize.js';
import type { AccountRef, Credential, SandboxState } from './state.js';

type Env = { Variables: { cred: Credential; provider: ProviderDef } };
type Ctx = Context<Env>;

/** How far back data is available without a fresh SCA, in days (reference §3.7). */
const SCA_FREE_DAYS = 90;

const ok = (c: Ctx, results: Json[]) => c.json({ results, status: 'Succeeded' });

export function dataRoutes(state: SandboxState): Hono<Env> {
  const app = new Hono<Env>();

  // Gatekeeping order: token (401) → consent (403) → injected/bank faults → handler.
  app.use('*', async (c, next) => {
    const auth = authenticateBearer(state, c.req.header('authorization'));
    if (!auth.ok) return tlError(c, auth.status, auth.error, auth.description);
    const cred = auth.cred;
    const provider = providerById(cred.providerId);
    if (!provider) return tlError(c, 500, 'internal_server_error', 'Unknown provider');
    c.set('cred', cred);
    c.set('provider', provider);
    c.header('X-Credentials-Id', cred.id);
    // /me is TrueLayer's own metadata: it keeps working so clients can see consent_status "Expired".
    const isMe = c.req.path.endsWith('/me');
    if (!isMe && state.consentStatus(cred) !== 'Authorised') {
      return tlError(c, 403, 'access_denied', 'Access denied');
    }
    const injected = state.faults.takeForCall(cred.id);
    if (injected) {
      for (const [k, v] of Object.entries(injected.headers)) c.header(k, v);
      return tlError(c, injected.status, injected.error, injected.description);
    }
    // The documented error users break every call that reaches the bank (so not /me).
    if (cred.errorCode && !isMe) {
      const e = ERROR_USERS[cred.errorCode];
      if (e)
        return tlError(c, e.status, cred.errorCode, e.description, { provider_details: `Mock user error.${cred.errorCode}` });
    }
    await next();
  });

  app.get('/me', (c) => {
    const cred = c.var.cred;
    const p = c.var.provider;
    return ok(c, [
      {
        client_id: cred.clientId,
        credentials_id: cred.id,
        consent_status: state.consentStatus(cred),
        consent_status_updated_at: state.consentStatusUpdatedAt(cred).toISOString(),
        consent_created_at: cred.consentCreatedAt.toISOString(),
        consent_expires_at: cred.consentExpiresAt.toISOString(),
        provider: { display_name: p.displayName, provider_id: p.providerId, logo_uri: p.listLogoUrl },
      },
    ]);
  });

  app.get('/info', (c) => {
    const denied = requireScope(c, 'info') ?? scaWindowClosed(c, state);
    if (denied) return denied;
    return ok(c, [{ ...state.persona(c.var.cred).info, update_timestamp: state.clock.now().toISOString() }]);
  });

  for (const kind of ['account', 'card'] as const) {
    const base = kind === 'account' ? '/accounts' : '/cards';
    const scope = kind === 'account' ? 'accounts' : 'cards';

    // ING has no card API at all: every /cards path is 501, whatever the scope.
    if (kind === 'card') {
      app.use(`${base}/*`, cardsSupported);
      app.use(base, cardsSupported);
    }

    app.get(base, (c) => {
      const denied = requireScope(c, scope);
      if (denied) return denied;
      const now = state.clock.now();
      const toJson = kind === 'account' ? accountJson : cardJson;
      return ok(
        c,
        state.accounts(c.var.cred, kind).map((r) => toJson(r.accountId, r.account, c.var.provider, now)),
      );
    });

    app.get(`${base}/:id`, (c) =>
      withAccount(c, kind, scope, (r) => {
        const toJson = kind === 'account' ? accountJson : cardJson;
        return ok(c, [toJson(r.accountId, r.account, c.var.provider, state.clock.now())]);
      }),
    );

    app.get(`${base}/:id/balance`, (c) =>
      withAccount(c, kind, 'balance', (r) => {
        const persona = state.persona(c.var.cred);
        const now = state.clock.now();
        const body =
          kind === 'card' ? cardBalanceJson(persona, r.account, state.today(), now) : balanceJson(r.account, state.today(), now);
        return ok(c, [body]);
      }),
    );

    app.get(`${base}/:id/transactions`, (c) =>
      withAccount(c, kind, 'transactions', (r) => {
        const range = dateRange(c, state);
        if (range instanceof Response) return range;
        const rows = transactionsJson(state.persona(c.var.cred), r.account, {
          ...range,
          today: state.today(),
          withRunningBalance: c.var.cred.scopes.includes('balance'),
          rotateIds: state.faults.rotateIds,
          idSalt: String(state.opts.seed),
        });
        return ok(c, malform(state, rows));
      }),
    );

    app.get(`${base}/:id/transactions/pending`, (c) =>
      withAccount(c, kind, 'transactions', (r) => {
        const rows = pendingJson(
          state.persona(c.var.cred),
          r.account,
          state.today(),
          state.faults.rotateIds,
          String(state.opts.seed),
        );
        return ok(c, malform(state, rows));
      }),
    );

    if (kind === 'account') {
      app.get(`${base}/:id/standing_orders`, (c) =>
        withAccount(c, kind, 'standing_orders', (r) =>
          ok(c, standingOrdersJson(state.persona(c.var.cred), r.account, state.today(), state.clock.now())),
        ),
      );
      app.get(`${base}/:id/direct_debits`, (c) =>
        withAccount(c, kind, 'direct_debits', (r) =>
          ok(c, directDebitsJson(state.persona(c.var.cred), r.account, state.today(), String(state.opts.seed))),
        ),
      );
    }
  }

  app.notFound((c) => tlError(c, 404, 'not_found', 'Endpoint not found'));

  function withAccount(c: Ctx, kind: 'account' | 'card', scope: string, fn: (r: AccountRef) => Response): Response {
    const denied = requireScope(c, scope);
    if (denied) return denied;
    const r = state.findAccount(c.var.cred, kind, c.req.param('id') ?? '');
    if (!r) return tlError(c, 404, 'account_not_found', 'The requested account could not be found');
    return fn(r);
  }

  return app;
}

async function cardsSupported(c: Ctx, next: () => Promise<void>): Promise<Response | void> {
  if (!c.var.provider.hasCards) {
    return tlError(c, 501, 'endpoint_not_supported', 'Feature not supported by the provider');
  }
  await next();
}

/** Scope name is not in the reference; 403 insufficient_scope follows RFC 6750 §3.1. */
function requireScope(c: Ctx, scope: string): Response | null {
  if (c.var.cred.scopes.includes(scope)) return null;
  return tlError(c, 403, 'insufficient_scope', `The access token does not grant the "${scope}" scope`);
}

function scaWindowClosed(c: Ctx, state: SandboxState): Response | null {
  const sinceAuth = state.clock.now().getTime() - c.var.cred.authTime.getTime();
  if (sinceAuth <= state.opts.scaWindowMs) return null;
  return tlError(
    c,
    403,
    'sca_exceeded',
    'Strong customer authentication exemption exceeded; data older than 90 days and /info are only available shortly after the user authenticates',
  );
}

/**
 * Missing `to` means today and missing `from` means 90 days before `to` (the real default is
 * undocumented; this keeps a bare call inside the SCA-free window).
 */
function dateRange(c: Ctx, state: SandboxState): { from: string; to: string } | Response {
  const today = state.today();
  const fromQ = c.req.query('from');
  const toQ = c.req.query('to');
  const to = toQ === undefined ? today : parseDateParam(toQ);
  if (to === null) return tlError(c, 400, 'invalid_date_range', `Invalid 'to' date: ${toQ}`);
  const from = fromQ === undefined ? addDays(to, -SCA_FREE_DAYS) : parseDateParam(fromQ);
  if (from === null) return tlError(c, 400, 'invalid_date_range', `Invalid 'from' date: ${fromQ}`);
  if (from > to) return tlError(c, 400, 'invalid_date_range', "'from' must not be after 'to'");
  if (from < addDays(today, -SCA_FREE_DAYS)) {
    const closed = scaWindowClosed(c, state);
    if (closed) return closed;
  }
  return { from, to };
}

/** Breaks one row of a non-empty list; empty lists do not use up a malformed() fault. */
function malform(state: SandboxState, rows: Json[]): Json[] {
  const [first] = rows;
  if (!first) return rows;
  const kind = state.faults.takeMalformed();
  if (kind === 'amount') first.amount = 'abc';
  if (kind === 'currency') delete first.currency;
  return rows;
}
