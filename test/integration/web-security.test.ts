import { NOTE_BODY_LIMIT, NOTE_PATH } from '../../src/web/routes/notes-tags.js';
import { request as httpRequest } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TrueLayerSandbox } from '../../src/sandbox/truelayer/index.js';
import { createWebApp } from '../../src/web/create-app.js';
import { FORM_BODY_LIMIT, UPLOAD_BODY_LIMIT, WEBHOOK_BODY_LIMIT } from '../../src/web/middleware/body-limits.js';
import { IMPORT_UPLOAD_PATH } from '../../src/web/routes/imports.js';
import { startWebServer } from '../../src/web/server.js';
import { connect, count, sandbox, testApp, type TestApp } from '../helpers/trax.js';

/** The port the app believes it is served on; app.request has no socket, so it is told. */
const PORT = 3000;
const HOME = `localhost:${PORT}`;
/** Where Plaid's webhooks arrive: a public name in front of this Trax. */
const PUBLIC = 'trax.example.net';

let tl: TrueLayerSandbox;
let t: TestApp;
let web: ReturnType<typeof createWebApp>;
let connectionId: string;
let transactionId: number;

beforeEach(async () => {
  tl = await sandbox();
  // Plaid configured (so its routes are live) but never called: nothing here gets that far.
  t = await testApp(tl, {
    PLAID_CLIENT_ID: 'unused',
    PLAID_SECRET: 'unused',
    PLAID_ENV: 'sandbox',
    PLAID_BASE_URL: 'http://127.0.0.1:9',
    PLAID_WEBHOOK_URL: `https://${PUBLIC}/webhooks/plaid`,
  });
  connectionId = (await connect(t.app, tl)).connection.id;
  transactionId = count(t.app, 'SELECT min(id) FROM transactions');
  web = createWebApp({
    app: t.app,
    passwordRequired: false,
    secureCookies: false,
    plaidVerifier: null,
    track: () => {},
    log: () => {},
    cache: new Map(),
    served: { host: '127.0.0.1', port: PORT, tls: false },
  });
});
afterEach(async () => {
  t.cleanup();
  await tl.close();
});

/** Everything a forged request could change: connections, their tokens, history, rules, runs. */
function dbState(): string {
  const q = (sql: string) => JSON.stringify(t.app.db.prepare(sql).all());
  return [
    q('SELECT id, status, external_id, secrets IS NOT NULL AS tokens FROM connections ORDER BY id'),
    q('SELECT count(*) AS n, sum(amount_minor) AS total FROM transactions'),
    q('SELECT id, category_id FROM transactions ORDER BY id'),
    q('SELECT count(*) AS n FROM accounts'),
    q('SELECT count(*) AS n FROM sync_runs'),
    q('SELECT count(*) AS n FROM rules'),
  ].join('\n');
}

/** A browser session on the real name: its cookie and CSRF token, so only the guard can refuse. */
async function session(): Promise<{ cookie: string; csrf: string }> {
  const res = await web.request('/', { headers: { host: HOME } });
  expect(res.status).toBe(200);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const csrf = /<meta name="csrf-token" content="([^"]+)"/.exec(await res.text())![1]!;
  return { cookie, csrf };
}

/** Every route the app serves, with its parameters filled in: a new route is covered by itself. */
function everyRoute(): Array<{ method: string; path: string }> {
  const sample: Record<string, (path: string) => string> = {
    id: (p) => (p.startsWith('/connections/') ? connectionId : String(transactionId)),
    file: () => 'app.js',
    slug: () => 'groceries',
  };
  const routes = web.routes
    .filter((r) => r.method !== 'ALL')
    .map((r) => ({
      method: r.method,
      path: r.path.replace(/:(\w+)/g, (_m, name: string) => {
        const fill = sample[name];
        if (!fill) throw new Error(`Add a sample value for :${name} (route ${r.path}) to this test.`);
        return fill(r.path);
      }),
    }));
  return [...new Map(routes.map((r) => [`${r.method} ${r.path}`, r])).values()];
}

const isPost = (r: { method: string }) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method);

function formBody(csrf: string, size = 0): string {
  return new URLSearchParams({ _csrf: csrf, purge: '1', pad: 'x'.repeat(size) }).toString();
}

describe('web requests under a name that is not ours (DNS rebinding)', () => {
  it('every route answers 421 before it runs, and nothing in the database changes', async () => {
    const { cookie, csrf } = await session();
    const before = dbState();
    const routes = everyRoute();
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.some((r) => r.path === '/webhooks/plaid')).toBe(true);
    expect(routes.some((r) => r.path.startsWith('/static/'))).toBe(true);
    for (const host of ['evil.example', `evil.example:${PORT}`, `127.0.0.1.nip.io:${PORT}`, `localhost.evil.example:${PORT}`]) {
      for (const r of routes) {
        // What a rebinding page sends: its own name, its own origin, "same-origin" to itself.
        const res = await web.request(r.path, {
          method: r.method,
          headers: {
            host,
            origin: `http://${host}`,
            'sec-fetch-site': 'same-origin',
            cookie,
            'x-csrf-token': csrf,
            ...(isPost(r) ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          },
          ...(isPost(r) ? { body: formBody(csrf) } : {}),
        });
        expect(res.status, `${r.method} ${r.path} with Host ${host}`).toBe(421);
        expect(await res.text()).toContain('Trax answers only at the address it is served on');
      }
    }
    expect(dbState()).toBe(before);
    expect(t.app.connections.get(connectionId)!.status).toBe('active');
  });

  it('the served names answer: localhost, 127.0.0.1 and [::1] on the served port, and the configured webhook host', async () => {
    for (const host of [HOME, `127.0.0.1:${PORT}`, `[::1]:${PORT}`, 'LOCALHOST:3000', PUBLIC, `${PUBLIC}:443`]) {
      expect((await web.request('/static/app.js', { headers: { host } })).status, host).toBe(200);
    }
    // Plaid posts to the public name: the webhook receiver is reached (and answers for itself).
    const hook = await web.request('/webhooks/plaid', {
      method: 'POST',
      headers: { host: PUBLIC, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(hook.status).toBe(404);
    expect(await hook.json()).toEqual({ error: 'Plaid is not configured here.' });
    // Another port on this machine is another origin (another local app), not us.
    expect((await web.request('/static/app.js', { headers: { host: 'localhost:8080' } })).status).toBe(421);
  });
});

describe('state-changing requests from another site', () => {
  it('every POST route answers 403 for a foreign Origin or Sec-Fetch-Site, even with a valid CSRF token', async () => {
    const { cookie, csrf } = await session();
    const before = dbState();
    const posts = everyRoute().filter(isPost);
    expect(posts.length).toBeGreaterThan(4);
    const forged: Array<Record<string, string>> = [
      { origin: 'http://evil.example' },
      { origin: `http://localhost:8080` },
      { origin: `https://${HOME}` },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'same-origin', origin: 'http://evil.example' },
    ];
    for (const r of posts.filter((p) => p.path !== '/webhooks/plaid')) {
      for (const headers of forged) {
        const res = await web.request(r.path, {
          method: r.method,
          headers: { host: HOME, cookie, 'x-csrf-token': csrf, 'content-type': 'application/x-www-form-urlencoded', ...headers },
          body: formBody(csrf),
        });
        expect(res.status, `${r.path} with ${JSON.stringify(headers)}`).toBe(403);
        expect(await res.text()).toContain('This request came from another site');
      }
    }
    expect(dbState()).toBe(before);

    // The same request from our own page goes through: the guard, not something else, refused.
    const own = await web.request(`/connections/${connectionId}/delete`, {
      method: 'POST',
      headers: {
        host: HOME,
        origin: `http://${HOME}`,
        'sec-fetch-site': 'same-origin',
        cookie,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: formBody(csrf),
    });
    expect(own.status).toBe(303);
    expect(t.app.connections.get(connectionId)).toBeUndefined();
  });

  it('the webhook needs no Origin (Plaid is no browser); its signature decides', async () => {
    const res = await web.request('/webhooks/plaid', {
      method: 'POST',
      headers: { host: HOME, origin: 'https://plaid.example', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).not.toBe(403);
  });
});

describe('request body limits', () => {
  it('every POST route refuses a body over its limit with 413, changing nothing', async () => {
    const { cookie, csrf } = await session();
    const before = dbState();
    for (const r of everyRoute().filter(isPost)) {
      const limit =
        r.path === '/webhooks/plaid'
          ? WEBHOOK_BODY_LIMIT
          : r.path === IMPORT_UPLOAD_PATH
            ? UPLOAD_BODY_LIMIT
            : r.path === NOTE_PATH
              ? NOTE_BODY_LIMIT
              : FORM_BODY_LIMIT;
      const res = await web.request(r.path, {
        method: r.method,
        headers: { host: HOME, cookie, 'x-csrf-token': csrf, 'content-type': 'application/x-www-form-urlencoded' },
        body: formBody(csrf, limit),
      });
      expect(res.status, r.path).toBe(413);
      expect(await res.text()).toMatch(/That request is larger than the \d+ [KM]B Trax accepts here; nothing was saved\./);
    }
    expect(dbState()).toBe(before);
  });

  it('the webhook has its own, larger limit', async () => {
    const res = await web.request('/webhooks/plaid', {
      method: 'POST',
      headers: { host: HOME, 'content-type': 'application/json' },
      body: JSON.stringify({ pad: 'x'.repeat(FORM_BODY_LIMIT) }),
    });
    // Over the form limit, under the webhook's: it reaches the receiver (Plaid is off here).
    expect(res.status).toBe(404);
  });

  it('over a real socket: refused by Content-Length, and a chunked body is answered before it is all sent', async () => {
    const server = await startWebServer(t.app, { port: 0, host: '127.0.0.1', log: () => {} });
    try {
      const port = Number(new URL(server.url).port);
      const path = `/connections/${connectionId}/delete`;

      const byLength = await new Promise<number>((resolve, reject) => {
        const req = httpRequest({
          host: '127.0.0.1',
          port,
          path,
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(500 * 1024 * 1024) },
        });
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode!);
          req.destroy();
        });
        req.on('error', (e) => (req.destroyed ? undefined : reject(e)));
        req.write('a=1&');
      });
      expect(byLength).toBe(413);

      // Chunked, with no end in sight: the answer must come while the body is still being sent.
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const chunked = await new Promise<{ status: number; sent: number }>((resolve, reject) => {
        let sent = 0;
        let answered = false;
        const req = httpRequest({
          host: '127.0.0.1',
          port,
          path,
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
        req.on('response', (res) => {
          answered = true;
          res.resume();
          resolve({ status: res.statusCode!, sent });
          req.destroy();
        });
        req.on('error', (e) => (answered ? undefined : reject(e)));
        const pump = () => {
          while (!answered && !req.destroyed) {
            // Without a limit this never gets an answer; end it so the test fails instead of hanging.
            if (sent >= 256 * 1024 * 1024) return void req.end();
            sent += chunk.length;
            if (!req.write(chunk)) return void req.once('drain', pump);
          }
        };
        pump();
      });
      expect(chunked.status).toBe(413);
      expect(chunked.sent).toBeGreaterThan(FORM_BODY_LIMIT);
      expect(chunked.sent).toBeLessThan(256 * 1024 * 1024);
      expect(t.app.connections.get(connectionId)!.status).toBe('active');
    } finally {
      await server.close();
    }
  });
});

describe('bank text with bidi controls', () => {
  it('renders neutralized on the pages, as the CLI prints it', async () => {
    // What a payee can put in a transfer reference: a right-to-left override that makes
    // "Refund fdp.exe" display as "Refund exe.pdf".
    t.app.db
      .prepare('UPDATE transactions SET description = ?, merchant = NULL WHERE id = ?')
      .run('Refund \u202Efdp.exe\u202C ok \u2067x\u2069 \u200Fy\u200E \u061Cz', transactionId);
    t.app.db.prepare('UPDATE connections SET institution_name = ? WHERE id = ?').run('ING \u202Ereh\u202C', connectionId);
    const { cookie } = await session();
    const list = await (await web.request('/transactions?q=Refund', { headers: { host: HOME, cookie } })).text();
    expect(list).toContain('Refund  fdp.exe  ok  x   y   z');
    const home = await (await web.request('/', { headers: { host: HOME, cookie } })).text();
    expect(home).toContain('ING  reh ');
    for (const page of [list, home]) expect(page).not.toMatch(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
  });
});
