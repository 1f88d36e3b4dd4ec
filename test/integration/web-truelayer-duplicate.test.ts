import { afterEach, beforeEach, expect, it } from 'vitest';
import type { TrueLayerSandbox } from '../../src/sandbox/truelayer/index.js';
import type { WebServer } from '../../src/web/server.js';
import { startTestWeb } from '../helpers/web.js';
import { WebClient } from '../helpers/browserless.js';
import { count, ING, MOCK, sandbox, testApp, type TestApp } from '../helpers/trax.js';

let sb: TrueLayerSandbox;
let t: TestApp;
let server: WebServer;
let web: WebClient;

beforeEach(async () => {
  sb = await sandbox();
  t = await testApp(sb);
  server = await startTestWeb(t.app);
  web = new WebClient(server.url);
});
afterEach(async () => {
  await server.close();
  t.cleanup();
  await sb.close();
});

/** The browser's way: our redirect, the bank's login, back to our callback, then the Banks page. */
async function linkViaWeb(providerId: string): Promise<string> {
  const start = await web.fetch('/connect/truelayer');
  const back = new URL(await sb.completeAuth(start.headers.get('location')!, { username: 'john', password: 'doe', providerId }));
  expect((await web.fetch(back.pathname + back.search)).status).toBe(303);
  return (await web.fetch('/')).text();
}

const revocations = () => sb.requestLog.filter((r) => r.path === '/api/delete' && r.status < 300).length;

it('linking an already-linked bank from the web is refused; the first connection keeps its accounts, the new consent is revoked', async () => {
  await linkViaWeb(ING);
  const [first] = t.app.connections.list();
  const accounts = count(t.app, 'SELECT count(*) FROM accounts WHERE connection_id = ?', first!.id);
  const rows = count(t.app, 'SELECT count(*) FROM transactions');
  expect(accounts).toBe(2);

  const home = await linkViaWeb(ING);
  expect(home).toContain(`ING is already linked as ${first!.id}; use Relink on it instead of linking it twice.`);
  expect(t.app.connections.list().map((c) => c.id)).toEqual([first!.id]);
  expect(count(t.app, 'SELECT count(*) FROM accounts WHERE connection_id = ?', first!.id)).toBe(accounts);
  expect(count(t.app, 'SELECT count(*) FROM transactions')).toBe(rows);
  // No live tokens are left behind at the bank for the refused second login.
  expect(revocations()).toBe(1);

  // Another bank still links.
  await linkViaWeb(MOCK);
  expect(t.app.connections.list()).toHaveLength(2);
});
