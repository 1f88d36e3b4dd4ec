import { describe, expect, it } from 'vitest';
import type { TrueLayerSandbox } from '../../src/sandbox/truelayer/index.js';
import { startWebServer } from '../../src/web/server.js';
import { WebClient } from '../helpers/browserless.js';
import { startTestWeb } from '../helpers/web.js';
import { count, ING, sandbox, testApp, type TestApp } from '../helpers/trax.js';

async function webSetup(extraEnv: Record<string, string> = {}, host = '127.0.0.1') {
  const sb: TrueLayerSandbox = await sandbox();
  const t: TestApp = await testApp(sb, extraEnv);
  const server = await startTestWeb(t.app, { host });
  const web = new WebClient(`http://127.0.0.1:${server.port}`);
  return {
    sb,
    t,
    server,
    web,
    async close() {
      await server.close();
      t.cleanup();
      await sb.close();
    },
  };
}

type Setup = Awaited<ReturnType<typeof webSetup>>;

/** Links ING the way a browser does: our redirect, the bank's login, back to our callback. */
async function linkViaWeb(s: Setup, relinkId?: string) {
  const start = await s.web.fetch(`/connect/truelayer${relinkId ? `?relink=${relinkId}` : ''}`);
  const back = new URL(
    await s.sb.completeAuth(start.headers.get('location')!, { username: 'john', password: 'doe', providerId: ING }),
  );
  const res = await s.web.fetch(back.pathname + back.search);
  expect(res.status).toBe(303);
  return { connection: s.t.app.connections.list().at(-1)! };
}

describe('web app', () => {
  it('greets a new user with an empty state and the link buttons', async () => {
    const s = await webSetup();
    try {
      const res = await s.web.fetch('/');
      const html = await res.text();
      expect(res.status).toBe(200);
      expect(html).toContain('No banks linked yet');
      expect(html).toContain('Link a bank with TrueLayer');
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("frame-ancestors 'none'");
    } finally {
      await s.close();
    }
  });

  it('links the TrueLayer mock bank through the browser redirect, state checked', async () => {
    const s = await webSetup();
    try {
      const start = await s.web.fetch('/connect/truelayer');
      expect(start.status).toBe(302);
      const authLink = start.headers.get('location')!;
      expect(authLink.startsWith(s.sb.url)).toBe(true);
      const back = new URL(await s.sb.completeAuth(authLink, { username: 'john', password: 'doe', providerId: ING }));
      expect(back.pathname).toBe('/callback');

      const forged = new URL(back);
      forged.searchParams.set('state', 'forged');
      const refused = await s.web.fetch(forged.pathname + forged.search);
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain('This login was not started here');
      expect(count(s.t.app, 'SELECT count(*) FROM connections')).toBe(0);

      // The forged attempt did not burn the real login: it still completes.
      const done = await s.web.fetch(back.pathname + back.search);
      expect(done.status).toBe(303);
      const home = await (await s.web.fetch('/')).text();
      expect(home).toContain('Connected ING');
      expect(home).toContain('Girokonto');
      expect(home).toMatch(/data-expiry="ok"/);
      expect(count(s.t.app, 'SELECT count(*) FROM transactions')).toBeGreaterThan(100);

      // Replaying the callback (browser back button) is refused: the state was used up.
      expect((await s.web.fetch(back.pathname + back.search)).status).toBe(400);
    } finally {
      await s.close();
    }
  });

  it('relinks a TrueLayer connection in place, keeping its id and history', async () => {
    const s = await webSetup();
    try {
      const { connection } = await linkViaWeb(s);
      const settled = count(s.t.app, 'SELECT count(*) FROM transactions WHERE pending = 0');
      s.sb.faults.expireConsent();
      s.sb.faults.churnAccountIds();
      await linkViaWeb(s, connection.id);
      const after = s.t.app.connections.list();
      expect(after.map((c) => c.id)).toEqual([connection.id]);
      expect(after[0]!.externalId).not.toBe(connection.externalId);
      expect(after[0]!.status).toBe('active');
      // Same accounts (matched by IBAN after the id churn), same history, nothing doubled.
      expect(count(s.t.app, 'SELECT count(*) FROM transactions WHERE pending = 0')).toBe(settled);
      expect(count(s.t.app, 'SELECT count(*) FROM accounts')).toBe(2);
    } finally {
      await s.close();
    }
  });

  it('refuses state-changing requests without the CSRF token', async () => {
    const s = await webSetup();
    try {
      const { connection } = await linkViaWeb(s);
      await s.web.fetch('/');
      const bare = await s.web.postForm(`/connections/${connection.id}/sync`, {});
      expect(bare.status).toBe(403);
      expect(await bare.text()).toContain('CSRF check failed');
      const wrong = await s.web.postForm(`/connections/${connection.id}/delete`, { _csrf: 'guess' });
      expect(wrong.status).toBe(403);
      expect(s.t.app.connections.get(connection.id)!.status).toBe('active');
      const json = await s.web.fetch('/plaid/link-token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(json.status).toBe(403);

      const ok = await s.web.postForm(`/connections/${connection.id}/sync`, { _csrf: await s.web.csrf() });
      expect(ok.status).toBe(303);
      expect(await (await s.web.fetch('/')).text()).toContain('0 new, 0 changed, 0 removed');
    } finally {
      await s.close();
    }
  });

  it('deletes a connection: revoked at TrueLayer, history kept unless purged', async () => {
    const s = await webSetup();
    try {
      const { connection } = await linkViaWeb(s);
      const rows = count(s.t.app, 'SELECT count(*) FROM transactions');
      const res = await s.web.postForm(`/connections/${connection.id}/delete`, { _csrf: await s.web.csrf() });
      expect(res.status).toBe(303);
      expect(s.sb.requestLog.some((e) => e.path === '/api/delete' && e.status === 200)).toBe(true);
      expect(s.t.app.connections.get(connection.id)!.status).toBe('revoked');
      expect(count(s.t.app, 'SELECT count(*) FROM transactions')).toBe(rows);
      const home = await (await s.web.fetch('/')).text();
      expect(home).toContain('ING deleted. Access revoked at the provider. Its history is kept.');
      expect(home).not.toContain(`data-connection-id="${connection.id}"`);
    } finally {
      await s.close();
    }
  });

  it('shows bank text as text, never as markup', async () => {
    const s = await webSetup();
    try {
      await linkViaWeb(s);
      s.t.app.db
        .prepare(
          `UPDATE transactions SET description = ?, merchant = NULL WHERE id = (SELECT id FROM transactions ORDER BY booking_date DESC, id DESC LIMIT 1)`,
        )
        .run('<img src=x onerror=alert(1)>');
      const html = await (await s.web.fetch('/transactions')).text();
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(html).not.toContain('<img src=x');
    } finally {
      await s.close();
    }
  });
});

describe('reminders and history', () => {
  it('shows a relink banner on every page when a consent has expired, and the sync history', async () => {
    const s = await webSetup();
    try {
      const { connection } = await linkViaWeb(s);
      s.sb.faults.expireConsent();
      const res = await s.web.postForm(`/connections/${connection.id}/sync`, { _csrf: await s.web.csrf() });
      expect(res.status).toBe(303);
      for (const page of ['/', '/transactions', '/dashboard', '/history']) {
        const html = await (await s.web.fetch(page)).text();
        expect(html, page).toContain(`data-reminder="${connection.id}"`);
        expect(html, page).toContain(`href="/connect/truelayer?relink=${connection.id}"`);
      }
      const history = await (await s.web.fetch('/history')).text();
      expect(history).toMatch(/<td[^>]*>connect<\/td><td[^>]*class="">done<\/td>/);
      expect(history).toMatch(/<td[^>]*>user<\/td><td[^>]*class="negative">failed<\/td>/);
      expect(history).toContain('consent has expired or was withdrawn');
      await linkViaWeb(s, connection.id);
      expect(await (await s.web.fetch('/')).text()).not.toContain('data-reminder=');
    } finally {
      await s.close();
    }
  });
});

describe('transaction list', () => {
  it('filters by category, text and amount, sorts, and pages', async () => {
    const s = await webSetup();
    try {
      await linkViaWeb(s);
      const all = await (await s.web.fetch('/transactions')).text();
      const total = Number(/data-total="(\d+)"/.exec(all)![1]);
      expect(total).toBe(count(s.t.app, 'SELECT count(*) FROM transactions'));
      expect(all).toContain(`Showing 1–100 of ${total.toLocaleString('en')}`);
      expect(all).toContain('Older →');

      const groceries = await (await s.web.fetch('/transactions?category=groceries&q=rewe')).text();
      const n = count(
        s.t.app,
        `SELECT count(*) FROM transactions t JOIN categories c ON c.id = t.category_id WHERE c.slug = 'groceries' AND t.description LIKE '%rewe%'`,
      );
      expect(n).toBeGreaterThan(0);
      expect(groceries).toContain(`data-total="${n}"`);

      const big = await (await s.web.fetch('/transactions?max=-1000&sort=amount&order=asc')).text();
      const amounts = [...big.matchAll(/class="amount negative">([^<]+)</g)].map((m) => m[1]!);
      expect(amounts[0]).toMatch(/^-\d{1,3}(,\d{3})*\.\d{2} EUR$/);
      const mostNegative = count(s.t.app, 'SELECT min(amount_minor) FROM transactions');
      expect(amounts[0]).toBe(`${(mostNegative / 100).toLocaleString('en-GB', { minimumFractionDigits: 2 })} EUR`);

      const none = await (await s.web.fetch('/transactions?q=%25_nothing_%25')).text();
      expect(none).toContain('Nothing matches these filters');
      expect((await s.web.fetch('/transactions?min=lots')).status).toBe(400);
    } finally {
      await s.close();
    }
  });
});

describe('web app beyond this machine', () => {
  it('will not listen on another address without TRAX_WEB_PASSWORD', async () => {
    const sb = await sandbox();
    const t = await testApp(sb);
    try {
      await expect(startWebServer(t.app, { port: 0, host: '0.0.0.0', log: () => {} })).rejects.toThrow(
        /set TRAX_WEB_PASSWORD \(8\+ characters\) in \.env first, or keep the default 127\.0\.0\.1/,
      );
    } finally {
      t.cleanup();
      await sb.close();
    }
  });

  it('asks for the password on every page, then lets the owner in', async () => {
    const s = await webSetup({ TRAX_WEB_PASSWORD: 'correct horse battery' }, '0.0.0.0');
    try {
      const home = await s.web.fetch('/');
      expect(home.status).toBe(302);
      expect(home.headers.get('location')).toBe('/login?next=%2F');
      expect((await s.web.fetch('/transactions')).status).toBe(302);
      const page = await (await s.web.fetch('/login')).text();
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
      const wrong = await s.web.postForm('/login', { _csrf: csrf, password: 'nope', next: '/' });
      expect(wrong.status).toBe(401);
      expect(await wrong.text()).toContain('That password is not right');
      const offsite = await s.web.postForm('/login', { _csrf: csrf, password: 'correct horse battery', next: '//evil.example' });
      expect(offsite.headers.get('location')).toBe('/');
      expect((await s.web.fetch('/')).status).toBe(200);
    } finally {
      await s.close();
    }
  });
});

describe('HTTPS', () => {
  it('`trax cert` makes a localhost certificate (key 0600) that `trax serve` then uses', async () => {
    const { statSync } = await import('node:fs');
    const https = await import('node:https');
    const { runCli } = await import('../helpers/trax.js');
    const s = await webSetup();
    await s.server.close();
    try {
      const r = await runCli(['cert'], s.t.env);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/Created .*cert\.pem and .*key\.pem \(mode 0600\)/);
      expect(statSync(`${s.t.dataDir}/certs/key.pem`).mode & 0o777).toBe(0o600);
      const again = await runCli(['cert'], s.t.env);
      expect(again.stdout).toContain('already exists');

      const server = await startWebServer(s.t.app, { port: 0, host: '127.0.0.1', log: () => {} });
      try {
        expect(server.url).toMatch(/^https:\/\/localhost:\d+$/);
        const { status, cookie, subject } = await new Promise<{ status: number; cookie: string; subject: string }>(
          (resolve, reject) =>
            https
              .get(server.url.replace('localhost', '127.0.0.1'), { rejectUnauthorized: false }, (res) => {
                const cert = (res.socket as import('node:tls').TLSSocket).getPeerCertificate();
                res.resume();
                resolve({
                  status: res.statusCode!,
                  cookie: String(res.headers['set-cookie']),
                  subject: cert.subject.CN as string,
                });
              })
              .on('error', reject),
        );
        expect(status).toBe(200);
        expect(subject).toBe('localhost');
        expect(cookie).toMatch(/; Secure/i);
      } finally {
        await server.close();
      }
    } finally {
      s.t.cleanup();
      await s.sb.close();
    }
  });
});
