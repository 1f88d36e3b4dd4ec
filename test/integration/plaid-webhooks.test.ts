import { createServer, type Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Products } from 'plaid';
import { connectPlaidSandbox, connectPlaidWithPublicToken } from '../../src/connections/connect-plaid.js';
import { PlaidClient } from '../../src/providers/plaid/index.js';
import type { PlaidSandbox } from '../../src/sandbox/plaid/index.js';
import type { TrueLayerSandbox } from '../../src/sandbox/truelayer/index.js';
import type { AddressInfo } from 'node:net';
import type { WebServer } from '../../src/web/server.js';
import { startTestWeb } from '../helpers/web.js';
import { plaidEnv, plaidSandbox } from '../helpers/plaid.js';
import { count, sandbox, testApp, type TestApp } from '../helpers/trax.js';

let plaid: PlaidSandbox;
let tl: TrueLayerSandbox;
let t: TestApp;
let web: WebServer;
let base: string;

beforeEach(async () => {
  plaid = await plaidSandbox();
  tl = await sandbox();
  t = await testApp(tl, plaidEnv(plaid, 'http://localhost:0'));
  web = await startTestWeb(t.app);
  base = `http://127.0.0.1:${new URL(web.url).port}`;
});
afterEach(async () => {
  await web.close();
  t.cleanup();
  await plaid.close();
  await tl.close();
});

/** A receiver standing in for Trax, to capture a real signed webhook (Plaid's exact bytes and header). */
async function captureServer(): Promise<{ url: string; next: Promise<{ body: string; jwt: string }>; close(): void }> {
  let deliver!: (v: { body: string; jwt: string }) => void;
  const next = new Promise<{ body: string; jwt: string }>((r) => (deliver = r));
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      deliver({ body, jwt: String(req.headers['plaid-verification']) });
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, next, close: () => server.close() };
}

const post = (body: string, jwt?: string) =>
  fetch(`${base}/webhooks/plaid`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(jwt ? { 'plaid-verification': jwt } : {}) },
    body,
  });

describe('Plaid webhooks', () => {
  it('SYNC_UPDATES_AVAILABLE, properly signed, triggers a sync', async () => {
    const { connection } = await connectPlaidSandbox(t.app, 'ins_109508');
    const before = count(t.app, 'SELECT count(*) FROM transactions');
    plaid.addActivity(connection.externalId, { added: 4 });
    expect(await plaid.fireWebhook(connection.externalId, 'TRANSACTIONS', 'SYNC_UPDATES_AVAILABLE')).toBe(200);
    await web.idle();
    expect(count(t.app, 'SELECT count(*) FROM transactions')).toBe(before + 4);
    expect(t.app.runs.recent(1)[0]).toMatchObject({ trigger: 'webhook', status: 'done', added: 4 });
  });

  it('refuses unsigned, badly signed, tampered and stale webhooks, changing nothing', async () => {
    const capture = await captureServer();
    const client = new PlaidClient(t.app.config.plaid!, t.app.http);
    const pub = await client.api.sandboxPublicTokenCreate({
      institution_id: 'ins_109508',
      initial_products: [Products.Transactions],
      options: { webhook: capture.url },
    });
    const { connection } = await connectPlaidWithPublicToken(t.app, pub.data.public_token);
    await plaid.fireWebhook(connection.externalId, 'ITEM', 'ERROR');
    const good = await capture.next;
    capture.close();
    const runs = count(t.app, 'SELECT count(*) FROM sync_runs');

    expect((await post(good.body)).status).toBe(401);
    const [h, p, sig] = good.jwt.split('.');
    const flipped = sig!.slice(0, -2) + (sig!.endsWith('AA') ? 'BB' : 'AA');
    expect((await post(good.body, `${h}.${p}.${flipped}`)).status).toBe(401);
    expect((await post(good.body.replace('ITEM_LOGIN_REQUIRED', 'LOGIN_REPAIRED'), good.jwt)).status).toBe(401);
    expect((await post(good.body + ' ', good.jwt)).status).toBe(401);
    expect(t.app.connections.get(connection.id)!.status).toBe('active');

    tl.clock.advance(6 * 60_000); // the app's clock: the captured iat is now more than 5 minutes old
    expect((await post(good.body, good.jwt)).status).toBe(401);
    expect(t.app.connections.get(connection.id)!.status).toBe('active');
    expect(count(t.app, 'SELECT count(*) FROM sync_runs')).toBe(runs);
  });

  it('a genuine ITEM ERROR marks the connection needs_reauth; LOGIN_REPAIRED clears it', async () => {
    const { connection } = await connectPlaidSandbox(t.app, 'ins_117650');
    plaid.resetLogin(connection.externalId); // Plaid sends ITEM ERROR itself when a webhook is set
    // The emulator delivers it on its own schedule: wait for it to land (the test timeout bounds this).
    while (t.app.connections.get(connection.id)!.status !== 'needs_reauth') {
      await new Promise((r) => setTimeout(r, 20));
      await web.idle();
    }
    expect(t.app.connections.get(connection.id)!.status).toBe('needs_reauth');
    expect(await plaid.fireWebhook(connection.externalId, 'ITEM', 'LOGIN_REPAIRED')).toBe(200);
    await web.idle();
    expect(t.app.connections.get(connection.id)!.status).toBe('active');
  });

  it('PENDING_EXPIRATION records the new consent expiry; USER_PERMISSION_REVOKED asks for a relink', async () => {
    const { connection } = await connectPlaidSandbox(t.app, 'ins_117650');
    const soon = new Date(plaid.clock.now().getTime() + 5 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
    expect(await plaid.fireWebhook(connection.externalId, 'ITEM', 'PENDING_EXPIRATION', { consent_expiration_time: soon })).toBe(
      200,
    );
    await web.idle();
    expect(t.app.connections.get(connection.id)!.consentExpiresAt).toBe(soon);
    const home = await (await fetch(base)).text();
    expect(home).toMatch(/data-expiry="soon"/);
    expect(await plaid.fireWebhook(connection.externalId, 'ITEM', 'USER_PERMISSION_REVOKED')).toBe(200);
    await web.idle();
    expect(t.app.connections.get(connection.id)!.status).toBe('needs_reauth');
  });
});
