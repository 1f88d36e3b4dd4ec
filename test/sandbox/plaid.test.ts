import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import {
  Configuration,
  CountryCode,
  PlaidApi,
  Products,
  SandboxItemFireWebhookRequestWebhookCodeEnum as FireCode,
  type RemovedTransaction,
  type Transaction,
} from 'plaid';
import { launchBrowser } from '../helpers/browser.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startPlaidSandbox, type PlaidSandbox, type PlaidSandboxOptions } from '../../src/sandbox/plaid/index.js';
import { assertMatchesSpec } from '../helpers/plaid-openapi.js';

const CLIENT = { clientId: 'trax-test-client', secret: 'trax-test-secret' };
/** A Thursday: weekday spend makes a few card purchases pending "now". */
const NOW = new Date('2026-03-12T12:00:00Z');
const DAY = 86_400_000;
const UK_BANK = 'ins_117650';
const US_BANK = 'ins_109508';

type Json = Record<string, any>;
interface AxiosLike {
  config?: { url?: string };
  status: number;
  data: unknown;
}

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function start(opts: PlaidSandboxOptions = {}): Promise<PlaidSandbox> {
  const sb = await startPlaidSandbox({ clients: [CLIENT], now: NOW, ...opts });
  open.push(sb);
  return sb;
}

/** The official SDK, with every response (success or error) checked against the OpenAPI spec. */
function sdk(sb: PlaidSandbox, keys = CLIENT): PlaidApi {
  const api = new PlaidApi(
    new Configuration({
      basePath: sb.url,
      baseOptions: { headers: { 'PLAID-CLIENT-ID': keys.clientId, 'PLAID-SECRET': keys.secret } },
    }),
  );
  const check = (res: AxiosLike) => assertMatchesSpec(new URL(res.config?.url ?? '', sb.url).pathname, res.status, res.data);
  return new Proxy(api, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        (value as (...a: unknown[]) => Promise<AxiosLike>).apply(target, args).then(
          (res) => {
            check(res);
            return res;
          },
          (err: { response?: AxiosLike; config?: { url?: string } }) => {
            if (err.response) check({ ...err.response, config: err.config ?? {} });
            throw err;
          },
        );
    },
  });
}

/** The Plaid error body of a rejected SDK call. */
async function plaidError(p: Promise<unknown>): Promise<{ status: number; body: Json }> {
  try {
    await p;
  } catch (err) {
    const res = (err as { response?: { status: number; data: Json } }).response;
    if (res) return { status: res.status, body: res.data };
    throw err;
  }
  throw new Error('expected the call to fail');
}

async function connect(plaid: PlaidApi, institutionId = US_BANK, options: Json = {}) {
  const { data: pt } = await plaid.sandboxPublicTokenCreate({
    institution_id: institutionId,
    initial_products: [Products.Transactions],
    options,
  });
  const { data: ex } = await plaid.itemPublicTokenExchange({ public_token: pt.public_token });
  return { accessToken: ex.access_token, itemId: ex.item_id, publicToken: pt.public_token };
}

interface Synced {
  added: Transaction[];
  modified: Transaction[];
  removed: RemovedTransaction[];
  cursor: string;
  pages: number;
}

async function syncAll(plaid: PlaidApi, accessToken: string, cursor?: string, count = 500): Promise<Synced> {
  const out: Synced = { added: [], modified: [], removed: [], cursor: cursor ?? '', pages: 0 };
  for (let more = true; more;) {
    const { data } = await plaid.transactionsSync({ access_token: accessToken, cursor: out.cursor || undefined, count });
    out.added.push(...data.added);
    out.modified.push(...data.modified);
    out.removed.push(...data.removed);
    out.cursor = data.next_cursor;
    out.pages++;
    more = data.has_more;
  }
  return out;
}

/** Raw POST, for what the SDK cannot send (body credentials, broken JSON). */
async function post(sb: PlaidSandbox, path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${sb.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Json, headers: res.headers };
}

const cents = (n: number) => Math.round(n * 100);

/** PRIMARY,DETAILED pairs of Plaid's PFC v1 taxonomy, from the shared copy of Plaid's CSV. */
const PFC_V1 = new Set(
  readFileSync(new URL('../fixtures/plaid-pfc-v1-taxonomy.csv', import.meta.url), 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => line.split(',').slice(0, 2).join(',')),
);

describe('Plaid sandbox: the connector flow through the official SDK', () => {
  it('creates an item, syncs 18 months with pagination, and balances match the rows', async () => {
    const sb = await start();
    const plaid = sdk(sb);
    const { accessToken, itemId } = await connect(plaid, UK_BANK);
    expect(accessToken).toMatch(/^access-sandbox-[0-9a-f-]{36}$/);

    const { data: acc } = await plaid.accountsGet({ access_token: accessToken });
    expect(acc.item.item_id).toBe(itemId);
    expect(acc.accounts.map((a) => [a.type, a.subtype, a.balances.iso_currency_code])).toEqual([
      ['depository', 'checking', 'GBP'],
      ['credit', 'credit card', 'GBP'],
    ]);

    const all = await syncAll(plaid, accessToken);
    expect(all.pages).toBeGreaterThan(1);
    expect(all.modified).toEqual([]);
    expect(all.removed).toEqual([]);
    const ids = new Set(all.added.map((t) => t.transaction_id));
    expect(ids.size).toBe(all.added.length);
    const dates = all.added.map((t) => t.date).sort();
    expect(Date.parse(dates[0]!)).toBeLessThanOrEqual(NOW.getTime() - 540 * DAY);
    expect(dates.at(-1)! <= '2026-03-12').toBe(true);

    for (const t of all.added) {
      const pfc = t.personal_finance_category!;
      expect(PFC_V1.has(`${pfc.primary},${pfc.detailed}`), pfc.detailed).toBe(true);
      expect(['VERY_HIGH', 'HIGH', 'MEDIUM', 'LOW']).toContain(pfc.confidence_level);
      expect(['online', 'in store', 'other']).toContain(t.payment_channel);
      expect(t.iso_currency_code).toBe('GBP');
      expect(t.authorized_date).not.toBeNull();
    }
    const names = all.added.map((t) => t.name);
    for (const text of [
      'TESCO STORES 3012',
      'TFL TRAVEL CH',
      'PRET A MANGER',
      'NETFLIX.COM',
      'SPOTIFY P1A2B3C4D5',
      'LB CAMDEN COUNCIL TAX',
      'THAMES WATER',
      '<img src=x onerror=alert(1)>',
    ]) {
      expect(names).toContain(text);
    }
    expect(all.added.some((t) => t.merchant_name === 'Amazon' && t.payment_channel === 'online')).toBe(true);
    expect(all.added.some((t) => t.personal_finance_category?.detailed === 'INCOME_WAGES' && t.amount < 0)).toBe(true);
    const pending = all.added.filter((t) => t.pending);
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((t) => t.date >= '2026-03-09')).toBe(true);

    // Balances: current = opening − Σ posted; available also holds the pending purchases back.
    const current = acc.accounts[0]!;
    const card = acc.accounts[1]!;
    const rows = (id: string, p: boolean) => all.added.filter((t) => t.account_id === id && t.pending === p);
    const sum = (ts: Transaction[]) => ts.reduce((s, t) => s + cents(t.amount), 0);
    expect(cents(current.balances.current!) - cents(current.balances.available!)).toBe(
      Math.max(0, sum(rows(current.account_id, true))),
    );
    expect(cents(card.balances.limit!) - cents(card.balances.current!) - sum(rows(card.account_id, true))).toBe(
      cents(card.balances.available!),
    );
    expect(card.balances.current!).toBeGreaterThanOrEqual(0);

    // The settled cursor is stable: nothing new, same cursor back.
    const { data: again } = await plaid.transactionsSync({ access_token: accessToken, cursor: all.cursor });
    expect(again).toMatchObject({ added: [], modified: [], removed: [], has_more: false, next_cursor: all.cursor });
  });

  it('is deterministic for a seed and start date; ids differ per item', async () => {
    const a = sdk(await start());
    const b = sdk(await start());
    const ia = await connect(a);
    const ib = await connect(b);
    const ib2 = await connect(b);
    const sa = await syncAll(a, ia.accessToken);
    const sb1 = await syncAll(b, ib.accessToken);
    const sb2 = await syncAll(b, ib2.accessToken);
    expect(sb1.added).toEqual(sa.added);
    expect(ib.itemId).toBe(ia.itemId);
    const shape = (s: Synced) => s.added.map((t) => [t.date, t.name, t.amount, t.pending]);
    expect(shape(sb2)).toEqual(shape(sb1));
    expect(sb2.added[0]!.transaction_id).not.toBe(sb1.added[0]!.transaction_id);
    const other = sdk(await start({ seed: 7 }));
    const io = await connect(other);
    expect(shape(await syncAll(other, io.accessToken))).not.toEqual(shape(sa));
    for (const t of sa.added)
      expect(PFC_V1.has(`${t.personal_finance_category?.primary},${t.personal_finance_category?.detailed}`)).toBe(true);
    const names = sa.added.map((t) => t.name);
    expect(names.some((n) => n.startsWith('STARBUCKS'))).toBe(true);
    expect(names.some((n) => n.startsWith('Zelle payment to'))).toBe(true);
    expect(names.some((n) => n.includes('DIRECT DEP PAYROLL'))).toBe(true);
  });

  it('refuses a replayed public token and wrong keys', async () => {
    const sb = await start();
    const plaid = sdk(sb);
    const { publicToken } = await connect(plaid);
    const replay = await plaidError(plaid.itemPublicTokenExchange({ public_token: publicToken }));
    expect(replay.status).toBe(400);
    expect(replay.body).toMatchObject({ error_type: 'INVALID_INPUT', error_code: 'INVALID_PUBLIC_TOKEN' });
    expect(replay.body.request_id).toEqual(expect.any(String));

    const wrong = await plaidError(
      sdk(sb, { clientId: CLIENT.clientId, secret: 'nope' }).itemGet({ access_token: 'access-sandbox-x' }),
    );
    expect(wrong).toMatchObject({ status: 400, body: { error_type: 'INVALID_INPUT', error_code: 'INVALID_API_KEYS' } });

    // Body credentials work too, and never show up in the request log.
    const viaBody = await post(sb, '/institutions/get_by_id', {
      client_id: CLIENT.clientId,
      secret: CLIENT.secret,
      institution_id: US_BANK,
      country_codes: ['US'],
    });
    expect(viaBody.status).toBe(200);
    assertMatchesSpec('/institutions/get_by_id', 200, viaBody.body);
    expect(JSON.stringify(sb.requestLog)).not.toContain(CLIENT.secret);
    expect(sb.requestLog.some((e) => e.errorCode === 'INVALID_PUBLIC_TOKEN' && e.status === 400)).toBe(true);
  });

  it('answers malformed requests with Plaid request errors', async () => {
    const sb = await start();
    const auth = { 'PLAID-CLIENT-ID': CLIENT.clientId, 'PLAID-SECRET': CLIENT.secret };
    const cases: Array<[string, unknown, string]> = [
      ['/accounts/get', '{not json', 'INVALID_BODY'],
      ['/link/token/create', { language: 'en' }, 'MISSING_FIELDS'],
      ['/accounts/get', { access_token: 'access-sandbox-00000000-0000-0000-0000-000000000000', surprise: 1 }, 'UNKNOWN_FIELDS'],
      [
        '/transactions/sync',
        { access_token: 'access-sandbox-00000000-0000-0000-0000-000000000000', count: 501 },
        'INVALID_FIELD',
      ],
      ['/accounts/get', { access_token: 'access-sandbox-00000000-0000-0000-0000-000000000000' }, 'INVALID_ACCESS_TOKEN'],
    ];
    for (const [path, body, code] of cases) {
      const res = await post(sb, path, body, auth);
      expect(res.body.error_code, `${path} ${JSON.stringify(body)}`).toBe(code);
      expect(res.status).toBe(400);
      assertMatchesSpec(path, res.status, res.body);
    }
    const missing = await post(sb, '/link/token/create', { language: 'en' }, auth);
    expect(missing.body.error_message).toContain('client_name');
    expect(missing.body.error_message).toContain('country_codes');
  });
});

describe('Plaid sandbox: /transactions/sync semantics', () => {
  it('paginates with has_more and fails a continued loop after a mutation; a restart converges', async () => {
    const sb = await start();
    const plaid = sdk(sb);
    const { accessToken } = await connect(plaid);
    const { data: p1 } = await plaid.transactionsSync({ access_token: accessToken, count: 100 });
    expect(p1.added).toHaveLength(100);
    expect(p1.has_more).toBe(true);
    expect(p1.next_cursor.length).toBeLessThanOrEqual(256);

    sb.faults.mutationDuringPagination(1);
    const failed = await plaidError(plaid.transactionsSync({ access_token: accessToken, cursor: p1.next_cursor, count: 100 }));
    expect(failed).toMatchObject({
      status: 400,
      body: { error_type: 'TRANSACTIONS_ERROR', error_code: 'TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION' },
    });

    // Real data change between pages: the old continuation cursor is refused as well.
    const { data: p1b } = await plaid.transactionsSync({ access_token: accessToken, count: 100 });
    sb.addActivity(sb.items()[0]!.itemId, { added: 2 });
    const mutated = await plaidError(plaid.transactionsSync({ access_token: accessToken, cursor: p1b.next_cursor, count: 100 }));
    expect(mutated.body.error_code).toBe('TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION');

    const otherItem = await connect(plaid);
    const foreign = await plaidError(plaid.transactionsSync({ access_token: otherItem.accessToken, cursor: p1.next_cursor }));
    expect(foreign.body.error_code).toBe('INVALID_FIELD');

    const small = await syncAll(plaid, accessToken, undefined, 100);
    const big = await syncAll(plaid, accessToken, undefined, 500);
    expect(small.added.map((t) => t.transaction_id)).toEqual(big.added.map((t) => t.transaction_id));
    expect(small.pages).toBeGreaterThan(big.pages);
  });

  it('posts pending rows: pending ids in removed, posted rows in added with pending_transaction_id', async () => {
    const sb = await start();
    const plaid = sdk(sb);
    const { accessToken } = await connect(plaid, UK_BANK);
    const first = await syncAll(plaid, accessToken);
    const pendingIds = new Set(first.added.filter((t) => t.pending).map((t) => t.transaction_id));
    expect(pendingIds.size).toBeGreaterThan(0);

    // Natural posting: 1–3 days later, as the clock moves.
    sb.clock.advance(4 * DAY);
    const later = await syncAll(plaid, accessToken, first.cursor);
    const removed = new Set(later.removed.map((r) => r.transaction_id));
    for (const id of pendingIds) expect(removed.has(id)).toBe(true);
    const posted = later.added.filter((t) => t.pending_transaction_id && pendingIds.has(t.pending_transaction_id));
    expect(posted).toHaveLength(pendingIds.size);
    expect(posted.every((t) => !t.pending && t.transaction_id !== t.pending_transaction_id)).toBe(true);
    expect(later.added.some((t) => t.date > '2026-03-12')).toBe(true);

    // Forced posting through the test hook.
    const nowPending = new Set(later.added.filter((t) => t.pending).map((t) => t.transaction_id));
    sb.postPending();
    const forced = await syncAll(plaid, accessToken, later.cursor);
    expect(new Set(forced.removed.map((r) => r.transaction_id))).toEqual(nowPending);
    expect(forced.added.filter((t) => t.pending_transaction_id).length).toBe(nowPending.size);
  });

  it('reports injected activity as added and modified, and honours notReady', async () => {
    const sb = await start();
    const plaid = sdk(sb);
    const { accessToken, itemId } = await connect(plaid);
    const base = await syncAll(plaid, accessToken);
    sb.addActivity(itemId, { added: 3, modified: 2 });
    const next = await syncAll(plaid, accessToken, base.cursor);
    expect(next.added).toHaveLength(3);
    expect(next.modified).toHaveLength(2);
    const before = new Map(base.added.map((t) => [t.transaction_id, t.amount]));
    for (const m of next.modified) expect(cents(m.amount) - cents(before.get(m.transaction_id)!)).toBe(100);

    sb.faults.notReady(itemId, 1);
    const { data: notReady } = await plaid.transactionsSync({ access_token: accessToken, cursor: next.cursor });
    expect(notReady).toMatchObject({
      added: [],
      modified: [],
      removed: [],
      has_more: false,
      next_cursor: '',
      transactions_update_status: 'NOT_READY',
    });
  });

  it('injects rate limits and server errors on data calls', async () => {
    const sb = await start();
    const plaid = sdk(sb);
    const { accessToken } = await connect(plaid);
    sb.faults.rateLimit(1);
    const limited = await plaidError(plaid.transactionsSync({ access_token: accessToken }));
    expect(limited).toMatchObject({
      status: 429,
      body: { error_type: 'RATE_LIMIT_EXCEEDED', error_code: 'TRANSACTIONS_SYNC_LIMIT' },
    });
    sb.faults.serverError(1);
    const broken = await plaidError(plaid.accountsGet({ access_token: accessToken }));
    expect(broken).toMatchObject({ status: 500, body: { error_type: 'API_ERROR', error_code: 'INTERNAL_SERVER_ERROR' } });
    expect((await plaid.accountsGet({ access_token: accessToken })).status).toBe(200);
  });
});

describe('Plaid sandbox: item lifecycle', () => {
  it('reset_login puts the item into ITEM_LOGIN_REQUIRED; item/get still answers', async () => {
    const sb = await start();
    const plaid = sdk(sb);
    const { accessToken, itemId } = await connect(plaid);
    const { data: reset } = await plaid.sandboxItemResetLogin({ access_token: accessToken });
    expect(reset.reset_login).toBe(true);
    const failed = await plaidError(plaid.transactionsSync({ access_token: accessToken }));
    expect(failed).toMatchObject({ status: 400, body: { error_type: 'ITEM_ERROR', error_code: 'ITEM_LOGIN_REQUIRED' } });
    const { data: item } = await plaid.itemGet({ access_token: accessToken });
    expect(item.item.error?.error_code).toBe('ITEM_LOGIN_REQUIRED');
    expect(sb.items().find((i) => i.itemId === itemId)?.error).toBe('ITEM_LOGIN_REQUIRED');
  });

  it('UK consent runs ~90 days; expireConsent fails data calls with OAUTH_CONSENT_EXPIRED', async () => {
    const sb = await start();
    const plaid = sdk(sb);
    const uk = await connect(plaid, UK_BANK);
    const us = await connect(plaid, US_BANK);
    const { data: ukItem } = await plaid.itemGet({ access_token: uk.accessToken });
    const expires = Date.parse(ukItem.item.consent_expiration_time!);
    expect(Math.round((expires - NOW.getTime()) / DAY)).toBe(90);
    expect((await plaid.itemGet({ access_token: us.accessToken })).data.item.consent_expiration_time).toBeNull();

    sb.expireConsent(uk.itemId);
    const failed = await plaidError(plaid.accountsGet({ access_token: uk.accessToken }));
    expect(failed.body).toMatchObject({
      error_type: 'ITEM_ERROR',
      error_code: 'ITEM_LOGIN_REQUIRED',
      error_code_reason: 'OAUTH_CONSENT_EXPIRED',
    });
    const { data: after } = await plaid.itemGet({ access_token: uk.accessToken });
    expect(Date.parse(after.item.consent_expiration_time!)).toBeLessThan(sb.clock.now().getTime());

    // The clock alone expires consent too.
    const uk2 = await connect(plaid, 'ins_116834');
    sb.clock.advance(91 * DAY);
    expect((await plaidError(plaid.transactionsSync({ access_token: uk2.accessToken }))).body.error_code_reason).toBe(
      'OAUTH_CONSENT_EXPIRED',
    );
  });

  it('item/remove makes the access token invalid and the item disappear', async () => {
    const sb = await start();
    const plaid = sdk(sb);
    const { accessToken, itemId } = await connect(plaid);
    await plaid.itemRemove({ access_token: accessToken });
    expect(sb.items().some((i) => i.itemId === itemId)).toBe(false);
    const gone = await plaidError(plaid.accountsGet({ access_token: accessToken }));
    expect(gone).toMatchObject({ status: 400, body: { error_type: 'INVALID_INPUT', error_code: 'INVALID_ACCESS_TOKEN' } });
  });

  it('institutions/get_by_id returns metadata with a real PNG logo', async () => {
    const plaid = sdk(await start());
    const { data } = await plaid.institutionsGetById({
      institution_id: 'ins_116834',
      country_codes: [CountryCode.Gb],
      options: { include_optional_metadata: true },
    });
    expect(data.institution).toMatchObject({ name: 'Flexible Platypus Open Banking', oauth: true, country_codes: ['GB'] });
    expect(data.institution.primary_color).toMatch(/^#[0-9a-f]{6}$/);
    expect(Buffer.from(data.institution.logo!, 'base64').subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const missing = await plaidError(
      plaid.institutionsGetById({ institution_id: 'ins_116834', country_codes: [CountryCode.Us] }),
    );
    expect(missing.body.error_code).toBe('INVALID_INSTITUTION');
  });
});

interface Received {
  headers: Record<string, string | string[] | undefined>;
  raw: string;
}

/** A tiny webhook receiver that keeps the exact body bytes, as verification requires. */
async function receiver(status = 200) {
  const received: Received[] = [];
  const waiters: Array<(r: Received) => void> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') };
      received.push(r);
      waiters.shift()?.(r);
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const handle = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/plaid/webhook`,
    received,
    next: () => new Promise<Received>((resolve) => waiters.push(resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  open.push(handle);
  return handle;
}

async function verifyWebhook(plaid: PlaidApi, r: Received, now: Date): Promise<Json> {
  const jwt = r.headers['plaid-verification'];
  if (typeof jwt !== 'string') throw new Error('no Plaid-Verification header');
  const header = decodeProtectedHeader(jwt);
  expect(header).toMatchObject({ alg: 'ES256', typ: 'JWT' });
  const { data } = await plaid.webhookVerificationKeyGet({ key_id: header.kid! });
  expect(data.key).toMatchObject({ alg: 'ES256', crv: 'P-256', kty: 'EC', use: 'sig', kid: header.kid, expired_at: null });
  const key = await importJWK(data.key as unknown as Parameters<typeof importJWK>[0], 'ES256');
  // The receiver's clock is the emulator's: iat is signed on it.
  const { payload } = await jwtVerify(jwt, key, { maxTokenAge: '5 min', currentDate: now });
  const digest = createHash('sha256').update(r.raw, 'utf8').digest('hex');
  expect(timingSafeEqual(Buffer.from(digest), Buffer.from(String(payload.request_body_sha256)))).toBe(true);
  return JSON.parse(r.raw) as Json;
}

describe('Plaid sandbox: webhooks', () => {
  it('fires SYNC_UPDATES_AVAILABLE signed with ES256 over the exact body', async () => {
    const sb = await start();
    const plaid = sdk(sb);
    const hook = await receiver();
    const { accessToken, itemId } = await connect(plaid, US_BANK, { webhook: hook.url });
    const arrived = hook.next();
    const { data } = await plaid.sandboxItemFireWebhook({
      access_token: accessToken,
      webhook_code: FireCode.SyncUpdatesAvailable,
    });
    expect(data.webhook_fired).toBe(true);
    const r = await arrived;
    expect(r.headers['content-type']).toBe('application/json');
    const body = await verifyWebhook(plaid, r, sb.clock.now());
    expect(body).toEqual({
      environment: 'sandbox',
      historical_update_complete: true,
      initial_update_complete: true,
      item_id: itemId,
      webhook_code: 'SYNC_UPDATES_AVAILABLE',
      webhook_type: 'TRANSACTIONS',
    });
    expect((await plaid.itemGet({ access_token: accessToken })).data.status?.last_webhook?.code_sent).toBe(
      'SYNC_UPDATES_AVAILABLE',
    );
  });

  it('fireWebhook() returns the receiver status; reset_login sends ITEM ERROR; no webhook URL is a sandbox error', async () => {
    const sb = await start();
    const plaid = sdk(sb);
    const hook = await receiver(202);
    const { itemId } = await connect(plaid, UK_BANK, { webhook: hook.url });
    expect(await sb.fireWebhook(itemId, 'ITEM', 'PENDING_EXPIRATION')).toBe(202);
    const pendingExpiration = await verifyWebhook(plaid, hook.received[0]!, sb.clock.now());
    expect(pendingExpiration.consent_expiration_time).toBe(sb.items()[0]!.consentExpirationTime);

    const arrived = hook.next();
    sb.resetLogin(itemId);
    const error = await verifyWebhook(plaid, await arrived, sb.clock.now());
    expect(error).toMatchObject({
      webhook_type: 'ITEM',
      webhook_code: 'ERROR',
      error: { error_code: 'ITEM_LOGIN_REQUIRED', status: 400 },
    });

    const bare = await connect(plaid);
    const noHook = await plaidError(
      plaid.sandboxItemFireWebhook({ access_token: bare.accessToken, webhook_code: FireCode.SyncUpdatesAvailable }),
    );
    expect(noHook.body).toMatchObject({ error_type: 'SANDBOX_ERROR', error_code: 'SANDBOX_WEBHOOK_INVALID' });
  });
});

/** What the browser script sends: link-token auth only, cross-origin. */
async function standin(sb: PlaidSandbox, path: string, body: Json) {
  const res = await post(sb, `/link/standin/${path}`, body, { origin: 'http://localhost:3000' });
  expect(res.headers.get('access-control-allow-origin')).toBe('*');
  return res;
}

async function linkToken(plaid: PlaidApi, extra: Json = {}): Promise<string> {
  const { data } = await plaid.linkTokenCreate({
    client_name: 'Trax',
    language: 'en',
    country_codes: [CountryCode.Gb, CountryCode.Us],
    user: { client_user_id: 'user-1' },
    products: [Products.Transactions],
    ...extra,
  });
  return data.link_token;
}

describe('Plaid sandbox: Link', () => {
  it('creates link tokens (4 h; 30 min in update mode) and validates them like Plaid', async () => {
    const sb = await start();
    const plaid = sdk(sb);
    const { data } = await plaid.linkTokenCreate({
      client_name: 'Trax',
      language: 'en',
      country_codes: [CountryCode.Gb],
      user: { client_user_id: 'u1' },
      products: [Products.Transactions],
      webhook: 'https://example.test/hook',
      redirect_uri: 'http://localhost:3000/oauth-return',
    });
    expect(data.link_token).toMatch(/^link-sandbox-[0-9a-f-]{36}$/);
    expect(Math.round((Date.parse(data.expiration) - sb.clock.now().getTime()) / 60_000)).toBe(240);

    const { accessToken } = await connect(plaid);
    const { data: update } = await plaid.linkTokenCreate({
      client_name: 'Trax',
      language: 'en',
      country_codes: [CountryCode.Us],
      user: { client_user_id: 'u1' },
      access_token: accessToken,
    });
    expect(Math.round((Date.parse(update.expiration) - sb.clock.now().getTime()) / 60_000)).toBe(30);

    const noProducts = await plaidError(
      plaid.linkTokenCreate({
        client_name: 'Trax',
        language: 'en',
        country_codes: [CountryCode.Us],
        user: { client_user_id: 'u1' },
      }),
    );
    expect(noProducts.body.error_code).toBe('MISSING_FIELDS');
    const badRedirect = await plaidError(linkToken(plaid, { redirect_uri: 'http://evil.example/cb?x=1' }));
    expect(badRedirect.body.error_code).toBe('INVALID_FIELD');
  });

  it('serves link-initialize.js cross-origin and completes a credentials session', async () => {
    const sb = await start();
    const plaid = sdk(sb);
    const script = await fetch(`${sb.url}/link/v2/stable/link-initialize.js`);
    expect(script.headers.get('content-type')).toMatch(/^application\/javascript/);
    expect(script.headers.get('access-control-allow-origin')).toBe('*');
    expect(await script.text()).toContain('window.Plaid');
    const preflight = await fetch(`${sb.url}/link/standin/session`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:3000',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');

    const hook = await receiver();
    const token = await linkToken(plaid, { webhook: hook.url });
    const session = (await standin(sb, 'session', { link_token: token })).body;
    expect(session.institutions.map((i: Json) => i.name)).toEqual([
      'First Platypus Bank',
      'Platypus OAuth Bank',
      'Flexible Platypus Open Banking',
      'Royal Bank of Plaid',
    ]);
    const creds = { link_token: token, link_session_id: session.link_session_id, institution_id: US_BANK, username: 'user_good' };
    const wrong = await standin(sb, 'credentials', { ...creds, password: 'nope' });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ error_type: 'ITEM_ERROR', error_code: 'INVALID_CREDENTIALS' });
    const ok = await standin(sb, 'credentials', { ...creds, password: 'pass_good' });
    expect(ok.body.metadata.institution).toEqual({ name: 'First Platypus Bank', institution_id: US_BANK });
    expect(ok.body.metadata.accounts).toHaveLength(2);
    const { data: ex } = await plaid.itemPublicTokenExchange({ public_token: ok.body.public_token });
    expect(sb.items().find((i) => i.itemId === ex.item_id)?.webhook).toBe(hook.url);
    expect(
      (await standin(sb, 'session', { link_token: 'link-sandbox-00000000-0000-0000-0000-000000000000' })).body.error_code,
    ).toBe('INVALID_LINK_TOKEN');
  });

  it('OAuth: consent page, 302 to redirect_uri with oauth_state_id, resume once', async () => {
    const sb = await start();
    const plaid = sdk(sb);
    const noRedirect = await linkToken(plaid);
    const s0 = (await standin(sb, 'session', { link_token: noRedirect })).body;
    const refused = await standin(sb, 'oauth/start', {
      link_token: noRedirect,
      link_session_id: s0.link_session_id,
      institution_id: UK_BANK,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error_code).toBe('INVALID_FIELD');

    const redirectUri = 'http://localhost:3000/oauth-return';
    const token = await linkToken(plaid, { redirect_uri: redirectUri, client_name: 'Trax <b>&</b>' });
    const session = (await standin(sb, 'session', { link_token: token })).body;
    const started = await standin(sb, 'oauth/start', {
      link_token: token,
      link_session_id: session.link_session_id,
      institution_id: UK_BANK,
    });
    const consent = await fetch(started.body.redirect_url);
    const html = await consent.text();
    expect(html).toContain('Royal Bank of Plaid');
    expect(html).toContain('Trax &lt;b&gt;&amp;&lt;/b&gt;');
    expect(html).toContain('>Authorize</button>');
    const stateId = new URL(started.body.redirect_url).searchParams.get('oauth_state_id')!;
    const decided = await fetch(`${sb.url}/oauth/authorize`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({ oauth_state_id: stateId, decision: 'authorize' }),
    });
    expect(decided.status).toBe(302);
    const location = decided.headers.get('location')!;
    expect(location).toBe(`${redirectUri}?oauth_state_id=${stateId}`);

    const resumed = await standin(sb, 'oauth/resume', {
      link_token: token,
      link_session_id: 'new-session',
      received_redirect_uri: location,
    });
    expect(resumed.body.metadata.institution.institution_id).toBe(UK_BANK);
    const { data: ex } = await plaid.itemPublicTokenExchange({ public_token: resumed.body.public_token });
    const { data: item } = await plaid.itemGet({ access_token: ex.access_token });
    expect(item.item.institution_id).toBe(UK_BANK);
    const again = await standin(sb, 'oauth/resume', { link_token: token, link_session_id: 'x', received_redirect_uri: location });
    expect(again.body.error_code).toBe('OAUTH_STATE_ID_ALREADY_PROCESSED');
  });

  it('update mode repairs ITEM_LOGIN_REQUIRED and keeps the same item and access token', async () => {
    const sb = await start();
    const plaid = sdk(sb);
    const { accessToken, itemId } = await connect(plaid, UK_BANK);
    sb.expireConsent(itemId);
    const { data } = await plaid.linkTokenCreate({
      client_name: 'Trax',
      language: 'en',
      country_codes: [CountryCode.Gb],
      user: { client_user_id: 'u1' },
      access_token: accessToken,
    });
    const session = (await standin(sb, 'session', { link_token: data.link_token })).body;
    expect(session.update_institution).toMatchObject({ institution_id: UK_BANK, name: 'Royal Bank of Plaid' });
    const ok = await standin(sb, 'credentials', {
      link_token: data.link_token,
      link_session_id: session.link_session_id,
      institution_id: UK_BANK,
      username: 'user_good',
      password: 'pass_good',
    });
    const { data: ex } = await plaid.itemPublicTokenExchange({ public_token: ok.body.public_token });
    expect(ex).toMatchObject({ item_id: itemId, access_token: accessToken });
    const { data: item } = await plaid.itemGet({ access_token: accessToken });
    expect(item.item.error).toBeNull();
    expect(Date.parse(item.item.consent_expiration_time!)).toBeGreaterThan(sb.clock.now().getTime() + 89 * DAY);
    expect((await plaid.accountsGet({ access_token: accessToken })).status).toBe(200);
  });

  it('runs in headless Chromium: picker, credentials, OAuth redirect and resume', async () => {
    const sb = await start();
    const plaid = sdk(sb);
    // The host app: a different origin that loads the script, like a real page loads Plaid's CDN.
    const host = createServer((_req, res) => {
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          `<!doctype html><html><body><h1>Host app</h1><script src="${sb.url}/link/v2/stable/link-initialize.js"></script></body></html>`,
        );
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    open.push({
      close: () =>
        new Promise<void>((resolve) => {
          host.closeAllConnections();
          host.close(() => resolve());
        }),
    });
    const hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
    const browser = await launchBrowser();
    open.push({ close: () => browser.close() });
    const page = await browser.newPage();
    const run = (token: string, receivedRedirectUri?: string) =>
      page.evaluate(
        ([t, r]) => {
          const w = window as unknown as {
            Plaid: { create(c: object): { open(): void } };
            linkResult: Promise<unknown>;
            linkEvents: string[];
          };
          w.linkEvents = [];
          w.linkResult = new Promise((resolve) => {
            w.Plaid.create({
              token: t,
              ...(r ? { receivedRedirectUri: r } : {}),
              onSuccess: (publicToken: string, metadata: unknown) => resolve({ publicToken, metadata }),
              onExit: (error: unknown, metadata: unknown) => resolve({ exit: true, error, metadata }),
              onEvent: (name: string) => w.linkEvents.push(name),
            }).open();
          });
        },
        [token, receivedRedirectUri] as const,
      );
    const result = () => page.evaluate(() => (window as unknown as { linkResult: Promise<Json> }).linkResult);

    await page.goto(`${hostUrl}/app`);
    await run(await linkToken(plaid));
    await page.getByRole('heading', { name: 'Select your bank' }).waitFor();
    await page.getByRole('button', { name: 'First Platypus Bank', exact: true }).click();
    await page.fill('#plaid-link-standin input[name="username"]', 'user_good');
    await page.fill('#plaid-link-standin input[name="password"]', 'wrong');
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('alert').filter({ hasText: 'credentials were not correct' }).waitFor();
    await page.fill('#plaid-link-standin input[name="password"]', 'pass_good');
    await page.getByRole('button', { name: 'Submit' }).click();
    const ok = await result();
    expect(ok.publicToken).toMatch(/^public-sandbox-/);
    expect(await page.locator('#plaid-link-standin').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { linkEvents: string[] }).linkEvents)).toEqual(
      expect.arrayContaining(['OPEN', 'SELECT_INSTITUTION', 'SUBMIT_CREDENTIALS', 'ERROR', 'HANDOFF']),
    );
    await plaid.itemPublicTokenExchange({ public_token: ok.publicToken });

    const oauthToken = await linkToken(plaid, { redirect_uri: `${hostUrl}/oauth-return` });
    await run(oauthToken);
    await page.getByRole('button', { name: 'Royal Bank of Plaid' }).click();
    await page.getByRole('button', { name: 'Authorize' }).click();
    await page.waitForURL(/\/oauth-return\?oauth_state_id=/);
    await run(oauthToken, page.url());
    const resumed = await result();
    expect(resumed.metadata.institution).toEqual({ name: 'Royal Bank of Plaid', institution_id: UK_BANK });
    await plaid.itemPublicTokenExchange({ public_token: resumed.publicToken });

    await run(await linkToken(plaid));
    await page.getByRole('button', { name: 'Close' }).click();
    expect(await result()).toMatchObject({ exit: true, error: null, metadata: { status: 'institution_not_found' } });
  });
});

describe('Plaid sandbox: safety', () => {
  it('refuses to start with NODE_ENV=production', async () => {
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await expect(startPlaidSandbox()).rejects.toThrow(/production/);
    } finally {
      process.env.NODE_ENV = previous;
    }
  });
});
