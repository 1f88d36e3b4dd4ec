import { afterEach, describe, expect, it } from 'vitest';
import { startTrueLayerSandbox, type TrueLayerSandbox, type TrueLayerSandboxOptions } from '../../src/sandbox/truelayer/index.js';

const CLIENT = { clientId: 'sandbox-trax-test', clientSecret: 'sandbox-trax-test-secret' };
const REDIRECT = 'http://localhost:3000/callback';
const FULL_SCOPE = 'info accounts balance cards transactions direct_debits standing_orders offline_access';
const NOW = new Date('2024-06-15T10:00:00Z');
const MIN = 60_000;
const DAY = 86_400_000;

interface Tokens {
  access_token: string;
  refresh_token?: string;
  expires_in: number;
  token_type: string;
  scope: string;
}
type Json = Record<string, any>;

const open: TrueLayerSandbox[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function start(opts: TrueLayerSandboxOptions = {}): Promise<TrueLayerSandbox> {
  const sb = await startTrueLayerSandbox({ port: 0, clients: [CLIENT], now: NOW, ...opts });
  open.push(sb);
  return sb;
}

function authLink(sb: TrueLayerSandbox, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT.clientId,
    redirect_uri: REDIRECT,
    scope: FULL_SCOPE,
    providers: 'uk-cs-mock de-xs2a-all',
    state: 'st-123',
    nonce: 'n-1',
    ...extra,
  });
  return `${sb.authUrl}/?${q.toString().replace(/\+/g, '%20')}`;
}

async function token(
  sb: TrueLayerSandbox,
  params: Record<string, string>,
  json = false,
): Promise<{ status: number; body: Json }> {
  const all = { client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, ...params };
  const res = await fetch(`${sb.authUrl}/connect/token`, {
    method: 'POST',
    headers: { 'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded' },
    body: json ? JSON.stringify(all) : new URLSearchParams(all),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

async function getCode(
  sb: TrueLayerSandbox,
  providerId: string,
  username = 'john',
  password = 'doe',
  extra: Record<string, string> = {},
): Promise<string> {
  const redirect = new URL(await sb.completeAuth(authLink(sb, extra), { username, password, providerId }));
  expect(redirect.origin + redirect.pathname).toBe(REDIRECT);
  expect(redirect.searchParams.get('state')).toBe('st-123');
  return redirect.searchParams.get('code')!;
}

async function connect(
  sb: TrueLayerSandbox,
  providerId = 'xs2a-ing-germany',
  username = 'john',
  password = 'doe',
  extra: Record<string, string> = {},
): Promise<Tokens> {
  const code = await getCode(sb, providerId, username, password, extra);
  const res = await token(sb, { grant_type: 'authorization_code', redirect_uri: REDIRECT, code });
  expect(res.status).toBe(200);
  return res.body as Tokens;
}

async function api(
  sb: TrueLayerSandbox,
  accessToken: string,
  path: string,
): Promise<{ status: number; body: Json; headers: Headers }> {
  const res = await fetch(`${sb.apiUrl}/data/v1${path}`, { headers: { authorization: `Bearer ${accessToken}` } });
  return { status: res.status, body: (await res.json()) as Json, headers: res.headers };
}

async function results(sb: TrueLayerSandbox, accessToken: string, path: string): Promise<Json[]> {
  const r = await api(sb, accessToken, path);
  expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(200);
  expect(r.body.status).toBe('Succeeded');
  return r.body.results as Json[];
}

function ibanOk(iban: string): boolean {
  const re = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (ch) => String(ch.charCodeAt(0) - 55));
  let rem = 0;
  for (const d of re) rem = (rem * 10 + Number(d)) % 97;
  return rem === 1;
}

describe('TrueLayer sandbox: auth and tokens', () => {
  it('runs the full flow: dialog → code → token (form-encoded) → /me → /accounts → transactions', async () => {
    const sb = await start();
    const tokens = await connect(sb);
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: FULL_SCOPE });
    expect(typeof tokens.refresh_token).toBe('string');
    const claims = JSON.parse(Buffer.from(tokens.access_token.split('.')[1]!, 'base64url').toString()) as Json;
    expect(claims.exp - claims.nbf).toBe(3600);
    expect(Math.abs(claims.iat * 1000 - NOW.getTime())).toBeLessThan(MIN);
    expect(claims.client_id).toBe(CLIENT.clientId);

    const me = await api(sb, tokens.access_token, '/me');
    expect(me.headers.get('x-tl-correlation-id')).toBeTruthy();
    const [conn] = me.body.results as Json[];
    expect(conn).toMatchObject({
      client_id: CLIENT.clientId,
      consent_status: 'Authorised',
      provider: { provider_id: 'xs2a-ing-germany', display_name: 'ING' },
    });
    expect(conn!.credentials_id).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(claims.sub).toBe(conn!.credentials_id);
    expect(Date.parse(conn!.consent_expires_at) - Date.parse(conn!.consent_created_at)).toBe(90 * DAY);
    expect(sb.credentialIds()).toContain(conn!.credentials_id);

    const accounts = await results(sb, tokens.access_token, '/accounts');
    expect(accounts.map((a) => [a.display_name, a.account_type, a.currency])).toEqual([
      ['Girokonto', 'TRANSACTION', 'EUR'],
      ['Extra-Konto', 'SAVINGS', 'EUR'],
    ]);
    for (const a of accounts) {
      expect(a.account_number.iban).toMatch(/^DE\d{20}$/);
      expect(ibanOk(a.account_number.iban)).toBe(true);
      expect(a.account_number.swift_bic).toBe('INGDDEFFXXX');
    }
    const giro = accounts[0]!;
    const txns = await results(
      sb,
      tokens.access_token,
      `/accounts/${giro.account_id}/transactions?from=2024-03-01&to=2024-06-15`,
    );
    expect(txns.length).toBeGreaterThan(100);
    const dates = txns.map((t) => t.timestamp.slice(0, 10));
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(dates.every((d) => d >= '2024-03-01' && d <= '2024-06-15')).toBe(true);
    for (const t of txns) {
      expect(t).not.toHaveProperty('normalised_provider_transaction_id');
      expect(t).not.toHaveProperty('provider_transaction_id');
      expect(t.transaction_id).toMatch(/^[0-9a-f]{32}$/);
      expect(Math.round(t.amount * 100) / 100).toBe(t.amount);
      expect(t.transaction_type).toBe(t.amount < 0 ? 'DEBIT' : 'CREDIT');
    }
    expect(new Set(txns.map((t) => t.transaction_id)).size).toBe(txns.length);
    const twins = txns.filter((t) => t.description === 'Coffee Fellows Koeln Hbf');
    expect(twins.some((t, i) => twins.findIndex((u) => u.timestamp === t.timestamp && u.amount === t.amount) !== i)).toBe(true);
    expect(txns.some((t) => /Lohn\/Gehalt/.test(t.description) && t.amount >= 3200 && t.amount <= 3600)).toBe(true);
    expect(txns.some((t) => t.description.startsWith('Lastschrift Rundfunk ARD ZDF DRadio') && t.amount === -55.08)).toBe(true);

    const [balance] = await results(sb, tokens.access_token, `/accounts/${giro.account_id}/balance`);
    expect(txns[0]!.running_balance.amount).toBe(balance!.current);
  });

  it('rejects a reused, late or mismatched code and bad client credentials', async () => {
    const sb = await start();
    const code = await getCode(sb, 'mock');
    expect(
      (await token(sb, { grant_type: 'authorization_code', redirect_uri: REDIRECT, code, client_secret: 'nope' })).body.error,
    ).toBe('invalid_client');
    const mismatch = await token(sb, { grant_type: 'authorization_code', redirect_uri: 'http://evil/cb', code });
    expect(mismatch).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect((await token(sb, { grant_type: 'authorization_code', redirect_uri: REDIRECT, code })).status).toBe(200);
    const reuse = await token(sb, { grant_type: 'authorization_code', redirect_uri: REDIRECT, code });
    expect(reuse).toMatchObject({ status: 400, body: { error: 'invalid_authorization_code' } });

    const late = await getCode(sb, 'mock');
    sb.clock.advance(5 * MIN + 1000);
    expect((await token(sb, { grant_type: 'authorization_code', redirect_uri: REDIRECT, code: late })).body.error).toBe(
      'invalid_authorization_code',
    );
  });

  it('rotates refresh tokens: old refresh token → invalid_grant, old access token → 401 unauthorized', async () => {
    const sb = await start();
    const first = await connect(sb, 'mock');
    const refreshed = await token(sb, { grant_type: 'refresh_token', refresh_token: first.refresh_token! }, true);
    expect(refreshed.status).toBe(200);
    const second = refreshed.body as Tokens;
    expect(second.refresh_token).not.toBe(first.refresh_token);

    const again = await token(sb, { grant_type: 'refresh_token', refresh_token: first.refresh_token! });
    expect(again).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const old = await api(sb, first.access_token, '/accounts');
    expect(old).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
    expect((await api(sb, second.access_token, '/accounts')).status).toBe(200);

    sb.clock.advance(3601 * 1000);
    expect((await api(sb, second.access_token, '/accounts')).body.error).toBe('invalid_token');
  });

  it('issues no refresh token without offline_access, and supports form_post and cancel', async () => {
    const sb = await start();
    const tokens = await connect(sb, 'mock', 'john', 'doe', { scope: 'accounts transactions' });
    expect(tokens.refresh_token).toBeUndefined();

    const viaFormPost = new URL(
      await sb.completeAuth(authLink(sb, { response_mode: 'form_post' }), {
        username: 'john',
        password: 'doe',
        providerId: 'mock',
      }),
    );
    expect(viaFormPost.searchParams.get('code')).toMatch(/^[0-9A-F]{64}$/);

    const body = new URLSearchParams({
      response_type: 'code',
      client_id: CLIENT.clientId,
      redirect_uri: REDIRECT,
      scope: FULL_SCOPE,
      providers: 'mock',
      provider_id: 'mock',
      state: 's',
      action: 'cancel',
    });
    const cancel = await fetch(`${sb.authUrl}/login`, { method: 'POST', body, redirect: 'manual' });
    expect(cancel.status).toBe(302);
    expect(cancel.headers.get('location')).toBe(`${REDIRECT}?error=access_denied&state=s`);

    await expect(sb.completeAuth(authLink(sb), { username: 'john', password: 'wrong', providerId: 'mock' })).rejects.toThrow(
      /Invalid username or password/,
    );
    const unknown = await fetch(authLink(sb, { client_id: 'nope' }));
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('unauthorized_client');
  });

  it('revokes a credential via DELETE /api/delete', async () => {
    const sb = await start();
    const t = await connect(sb, 'mock');
    const del = await fetch(`${sb.authUrl}/api/delete`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${t.access_token}` },
    });
    expect(del.status).toBe(200);
    expect(await del.json()).toEqual({});
    expect((await api(sb, t.access_token, '/accounts')).status).toBe(401);
    expect((await token(sb, { grant_type: 'refresh_token', refresh_token: t.refresh_token! })).body.error).toBe('invalid_grant');
    const again = await fetch(`${sb.authUrl}/api/delete`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${t.access_token}` },
    });
    expect(again.status).toBe(401);
  });
});

describe('TrueLayer sandbox: data API behaviour', () => {
  it('enforces the SCA window for deep history and /info', async () => {
    const sb = await start();
    const t = await connect(sb);
    const [giro] = await results(sb, t.access_token, '/accounts');
    const deep = `/accounts/${giro!.account_id}/transactions?from=2023-01-01&to=2024-06-15`;
    expect((await results(sb, t.access_token, deep)).length).toBeGreaterThan(500);
    expect((await api(sb, t.access_token, '/info')).status).toBe(200);

    sb.clock.advance(6 * MIN);
    expect(await api(sb, t.access_token, deep)).toMatchObject({ status: 403, body: { error: 'sca_exceeded' } });
    expect((await api(sb, t.access_token, '/info')).body.error).toBe('sca_exceeded');
    const recent = await api(
      sb,
      t.access_token,
      `/accounts/${giro!.account_id}/transactions?from=2024-03-20T00:00:00Z&to=2024-06-15T23:59:59Z`,
    );
    expect(recent.status).toBe(200);
    const bad = await api(sb, t.access_token, `/accounts/${giro!.account_id}/transactions?from=2024-06-10&to=2024-06-01`);
    expect(bad).toMatchObject({ status: 400, body: { error: 'invalid_date_range' } });
  });

  it('rate limits with 429 + Retry-After, and injects 5xx, per-credential and malformed faults', async () => {
    const sb = await start();
    const t = await connect(sb, 'mock');
    sb.faults.rateLimit(2, 120);
    for (let i = 0; i < 2; i++) {
      const r = await api(sb, t.access_token, '/accounts');
      expect(r.status).toBe(429);
      expect(r.headers.get('retry-after')).toBe('120');
      expect(r.body).toMatchObject({ error: 'provider_too_many_requests', error_details: {} });
    }
    const accounts = await results(sb, t.access_token, '/accounts');
    sb.faults.serverError(1);
    expect(await api(sb, t.access_token, '/accounts')).toMatchObject({ status: 503, body: { error: 'provider_error' } });

    const other = await connect(sb, 'mock', 'john2', 'doe2');
    const id = sb
      .credentialIds()
      .find((c) => c !== JSON.parse(Buffer.from(t.access_token.split('.')[1]!, 'base64url').toString()).sub)!;
    sb.faults.failNextForCredential(id, 1);
    expect((await api(sb, other.access_token, '/accounts')).status).toBe(503);
    expect((await api(sb, t.access_token, '/accounts')).status).toBe(200);

    sb.faults.malformed(2);
    const path = `/accounts/${accounts[0]!.account_id}/transactions?from=2024-06-01&to=2024-06-15`;
    const [broken1] = await results(sb, t.access_token, path);
    const [broken2] = await results(sb, t.access_token, path);
    expect(broken1!.amount).toBe('abc');
    expect(broken2).not.toHaveProperty('currency');
    expect((await results(sb, t.access_token, path))[0]!.currency).toBe('GBP');
  });

  it('expireConsent → 403 access_denied on data, invalid_grant on refresh, Expired on /me', async () => {
    const sb = await start();
    const t = await connect(sb);
    sb.faults.expireConsent();
    expect(await api(sb, t.access_token, '/accounts')).toMatchObject({
      status: 403,
      body: { error: 'access_denied', error_description: 'Access denied' },
    });
    expect((await token(sb, { grant_type: 'refresh_token', refresh_token: t.refresh_token! })).body.error).toBe('invalid_grant');
    expect((await results(sb, t.access_token, '/me'))[0]!.consent_status).toBe('Expired');
  });

  it('ING has no cards (501); Mock has one VISA credit card with stable provider ids on most rows', async () => {
    const sb = await start();
    const ing = await connect(sb);
    expect(await api(sb, ing.access_token, '/cards')).toMatchObject({ status: 501, body: { error: 'endpoint_not_supported' } });
    expect((await api(sb, ing.access_token, '/cards/abc/transactions')).status).toBe(501);

    const mock = await connect(sb, 'mock', 'john', 'iban');
    const [card] = await results(sb, mock.access_token, '/cards');
    expect(card).toMatchObject({ card_network: 'VISA', card_type: 'CREDIT', partial_card_number: '6589' });
    const accounts = await results(sb, mock.access_token, '/accounts');
    expect(accounts.map((a) => a.display_name)).toEqual(['TRANSACTION ACCOUNT 1', 'SAVINGS ACCOUNT 1']);
    expect(accounts.every((a) => ibanOk(a.account_number.iban) && a.account_number.sort_code === '01-21-31')).toBe(true);
    const txns = await results(
      sb,
      mock.access_token,
      `/accounts/${accounts[0]!.account_id}/transactions?from=2024-04-01&to=2024-06-15`,
    );
    const withIds = txns.filter((t) => t.normalised_provider_transaction_id);
    expect(withIds.length).toBeGreaterThan(txns.length / 2);
    expect(withIds.length).toBeLessThan(txns.length);
    expect(txns.some((t) => t.merchant_name && t.transaction_classification.length === 2)).toBe(true);
    const again = await results(
      sb,
      mock.access_token,
      `/accounts/${accounts[0]!.account_id}/transactions?from=2024-04-01&to=2024-06-15`,
    );
    expect(again.map((t) => t.transaction_id)).toEqual(txns.map((t) => t.transaction_id));

    sb.faults.rotateTransactionIds(true);
    const rotated = await results(
      sb,
      mock.access_token,
      `/accounts/${accounts[0]!.account_id}/transactions?from=2024-04-01&to=2024-06-15`,
    );
    expect(rotated.map((t) => t.transaction_id)).not.toEqual(txns.map((t) => t.transaction_id));
    expect(rotated.map((t) => t.normalised_provider_transaction_id)).toEqual(
      txns.map((t) => t.normalised_provider_transaction_id),
    );
  });

  it('moves pending rows into settled as the clock advances, and settleAllPending does it at once', async () => {
    const sb = await start();
    const t = await connect(sb);
    const [giro] = await results(sb, t.access_token, '/accounts');
    const base = `/accounts/${giro!.account_id}/transactions`;
    const pending = await results(sb, t.access_token, `${base}/pending`);
    expect(pending.length).toBeGreaterThan(0);
    const settledBefore = await results(sb, t.access_token, `${base}?from=2024-06-01&to=2024-06-30`);
    const [balance] = await results(sb, t.access_token, `/accounts/${giro!.account_id}/balance`);
    const held = pending.reduce((s, p) => s + Math.round(p.amount * 100), 0);
    expect(Math.round(balance!.available * 100)).toBe(Math.round((balance!.current + balance!.overdraft) * 100) + held);

    sb.clock.advance(3 * DAY);
    const fresh = (await token(sb, { grant_type: 'refresh_token', refresh_token: t.refresh_token! })).body as Tokens;
    const settledAfter = await results(sb, fresh.access_token, `${base}?from=2024-06-01&to=2024-06-30`);
    expect(settledAfter.length).toBeGreaterThan(settledBefore.length);
    expect(settledAfter.every((r) => r.timestamp.slice(0, 10) <= '2024-06-18')).toBe(true);
    const pendingAfter = await results(sb, fresh.access_token, `${base}/pending`);
    expect(pendingAfter.length).toBeGreaterThan(0);
    expect(pendingAfter.every((p) => p.timestamp >= '2024-06-16')).toBe(true);

    sb.faults.settleAllPending();
    expect(await results(sb, fresh.access_token, `${base}/pending`)).toEqual([]);
    const settledNow = await results(sb, fresh.access_token, `${base}?from=2024-06-18&to=2024-06-18`);
    expect(settledNow.length).toBeGreaterThanOrEqual(pendingAfter.length);
  });

  it('churnAccountIds gives new account_ids (old → 404 account_not_found) with the same IBANs', async () => {
    const sb = await start();
    const t = await connect(sb);
    const before = await results(sb, t.access_token, '/accounts');
    sb.faults.churnAccountIds();
    const after = await results(sb, t.access_token, '/accounts');
    expect(after.map((a) => a.account_number.iban)).toEqual(before.map((a) => a.account_number.iban));
    expect(after[0]!.account_id).not.toBe(before[0]!.account_id);
    expect(await api(sb, t.access_token, `/accounts/${before[0]!.account_id}/balance`)).toMatchObject({
      status: 404,
      body: { error: 'account_not_found' },
    });
  });

  it('error users authenticate but every data call fails with their error', async () => {
    const sb = await start();
    const expected: Array<[string, number]> = [
      ['account_permanently_locked', 403],
      ['account_temporarily_locked', 403],
      ['internal_error', 500],
      ['provider_error', 502],
      ['user_input_required', 400],
    ];
    for (const [code, status] of expected) {
      const t = await connect(sb, 'mock', `error.${code}`, 'error');
      expect(await api(sb, t.access_token, '/accounts')).toMatchObject({ status, body: { error: code } });
    }
  });

  it('is deterministic: same seed and start → same payloads; another seed → different', async () => {
    const snapshot = async (seed: number) => {
      const sb = await start({ seed });
      const out: unknown[] = [];
      for (const provider of ['xs2a-ing-germany', 'mock']) {
        const t = await connect(sb, provider);
        const accounts = await results(sb, t.access_token, '/accounts');
        for (const a of accounts) {
          const { update_timestamp: _u, ...rest } = a;
          out.push(rest);
          out.push(await results(sb, t.access_token, `/accounts/${a.account_id}/transactions?from=2023-01-01&to=2024-06-15`));
          out.push(await results(sb, t.access_token, `/accounts/${a.account_id}/transactions/pending`));
        }
      }
      return out;
    };
    const a = await snapshot(42);
    const b = await snapshot(42);
    expect(b).toEqual(a);
    expect(await snapshot(43)).not.toEqual(a);
  });

  it('logs every request with the Authorization header redacted', async () => {
    const sb = await start();
    const t = await connect(sb, 'mock');
    await api(sb, t.access_token, '/accounts?x=1');
    const entry = sb.requestLog.find((e) => e.path === '/data/v1/accounts')!;
    expect(entry).toMatchObject({ method: 'GET', status: 200, query: { x: '1' } });
    expect(entry.headers.authorization).toBe('[REDACTED]');
    expect(JSON.stringify(sb.requestLog)).not.toContain(t.access_token);
  });

  it('refuses to start in production', async () => {
    const prev = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await expect(startTrueLayerSandbox({ port: 0 })).rejects.toThrow(/production/);
    } finally {
      if (prev === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = prev;
    }
  });
});
