import { createHash, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { generateKeyPair, SignJWT } from 'jose';
import { Products } from 'plaid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectPlaidWithPublicToken } from '../../src/connections/connect-plaid.js';
import { KEY_LOOKUPS, PlaidClient } from '../../src/providers/plaid/index.js';
import type { PlaidSandbox } from '../../src/sandbox/plaid/index.js';
import type { TrueLayerSandbox } from '../../src/sandbox/truelayer/index.js';
import type { WebServer } from '../../src/web/server.js';
import { startTestWeb } from '../helpers/web.js';
import { plaidEnv, plaidSandbox } from '../helpers/plaid.js';
import { count, sandbox, testApp, type TestApp } from '../helpers/trax.js';

let plaid: PlaidSandbox;
let tl: TrueLayerSandbox;
let t: TestApp;
let web: WebServer;
let base: string;
let capture: { next(): Promise<{ body: string; jwt: string }>; close(): void };
let itemId: string;

/** A receiver standing in for Trax, to capture real signed webhooks (Plaid's exact bytes and header). */
async function captureServer(): Promise<{ url: string; next(): Promise<{ body: string; jwt: string }>; close(): void }> {
  const waiting: Array<(v: { body: string; jwt: string }) => void> = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      waiting.shift()?.({ body, jwt: String(req.headers['plaid-verification']) });
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    next: () => new Promise((r) => waiting.push(r)),
    close: () => server.close(),
  };
}

beforeEach(async () => {
  plaid = await plaidSandbox();
  tl = await sandbox();
  t = await testApp(tl, plaidEnv(plaid, 'http://localhost:0'));
  web = await startTestWeb(t.app);
  base = web.url;
  // The Item's webhooks go to the capture server; the test then delivers them to Trax itself.
  const c = await captureServer();
  capture = c;
  const client = new PlaidClient(t.app.config.plaid!, t.app.http);
  const pub = await client.api.sandboxPublicTokenCreate({
    institution_id: 'ins_109508',
    initial_products: [Products.Transactions],
    options: { webhook: c.url },
  });
  itemId = (await connectPlaidWithPublicToken(t.app, pub.data.public_token)).connection.externalId;
});
afterEach(async () => {
  capture.close();
  await web.close();
  t.cleanup();
  await plaid.close();
  await tl.close();
});

const deliver = (body: string, jwt: string) =>
  fetch(`${base}/webhooks/plaid`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'plaid-verification': jwt },
    body,
  });

async function captured(code: string): Promise<{ body: string; jwt: string }> {
  const next = capture.next();
  expect(await plaid.fireWebhook(itemId, 'TRANSACTIONS', code)).toBe(200);
  return next;
}

const keyLookups = () => plaid.requestLog.filter((r) => r.path === '/webhook_verification_key/get').length;

describe('Plaid webhook replays', () => {
  it('a replayed delivery is acknowledged (200, duplicate) and does not sync again', async () => {
    const hook = await captured('SYNC_UPDATES_AVAILABLE');
    const runs = count(t.app, 'SELECT count(*) FROM sync_runs');
    const rows = count(t.app, 'SELECT count(*) FROM transactions');

    plaid.addActivity(itemId, { added: 2 });
    const first = await deliver(hook.body, hook.jwt);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: true });
    await web.idle();
    expect(count(t.app, 'SELECT count(*) FROM sync_runs')).toBe(runs + 1);
    expect(count(t.app, 'SELECT count(*) FROM transactions')).toBe(rows + 2);

    // New activity at the bank, then the same signed delivery again: nothing may act on it.
    plaid.addActivity(itemId, { added: 3 });
    const again = await deliver(hook.body, hook.jwt);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ received: true, duplicate: true });
    await web.idle();
    expect(count(t.app, 'SELECT count(*) FROM sync_runs')).toBe(runs + 1);
    expect(count(t.app, 'SELECT count(*) FROM transactions')).toBe(rows + 2);
  });
});

describe('Plaid verification-key lookups', () => {
  it('forged webhooks with new key ids cause a bounded number of calls to Plaid; the real key keeps working', async () => {
    // The genuine key is looked up once and then cached.
    const genuine = await captured('SYNC_UPDATES_AVAILABLE');
    expect((await deliver(genuine.body, genuine.jwt)).status).toBe(200);
    await web.idle();
    const afterGenuine = keyLookups();
    expect(afterGenuine).toBe(1);

    // An attacker's own key, a kid Plaid never issued, claims that pass every cheap check.
    const { privateKey } = await generateKeyPair('ES256');
    const forge = async (kid: string) => {
      const body = JSON.stringify({ webhook_type: 'TRANSACTIONS', webhook_code: 'SYNC_UPDATES_AVAILABLE', item_id: itemId });
      const jwt = await new SignJWT({ request_body_sha256: createHash('sha256').update(body).digest('hex') })
        .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
        .setIssuedAt(Math.floor(tl.clock.now().getTime() / 1000))
        .sign(privateKey);
      return deliver(body, jwt);
    };
    const runs = count(t.app, 'SELECT count(*) FROM sync_runs');

    // Ten at once naming one new kid: one lookup between them.
    const same = randomUUID();
    const parallel = await Promise.all(Array.from({ length: 10 }, () => forge(same)));
    for (const r of parallel) expect(r.status).toBe(401);
    expect(keyLookups()).toBe(afterGenuine + 1);

    // Fifty, each with a new kid: at most the budget goes out.
    for (let i = 0; i < 50; i++) expect((await forge(randomUUID())).status).toBe(401);
    expect(keyLookups() - afterGenuine).toBeLessThanOrEqual(KEY_LOOKUPS.max);
    expect(keyLookups() - afterGenuine).toBeGreaterThanOrEqual(1);
    await web.idle();
    expect(count(t.app, 'SELECT count(*) FROM sync_runs')).toBe(runs);

    // Genuine webhooks still verify with the cached key, budget or not. (Another code: the same
    // body signed in the same second would be the same delivery.)
    const later = await captured('DEFAULT_UPDATE');
    expect(await (await deliver(later.body, later.jwt)).json()).toEqual({ received: true });
    await web.idle();
    const lookups = keyLookups();
    expect(lookups - afterGenuine).toBeLessThanOrEqual(KEY_LOOKUPS.max);

    // A kid Plaid said it does not know is not asked about again, even once the budget refills.
    tl.clock.advance(KEY_LOOKUPS.windowMs);
    expect((await forge(same)).status).toBe(401);
    expect(keyLookups()).toBe(lookups);
  });
});
