import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectTrueLayerWithCode } from '../../src/connections/connect-truelayer.js';
import { buildAuthLink, SCOPES, type TrueLayerSecrets } from '../../src/providers/truelayer/index.js';
import type { TrueLayerSandbox } from '../../src/sandbox/truelayer/index.js';
import { authorize, connect, count, ING, listenForLogin, runCli, type TestApp, useSandboxApp } from '../helpers/trax.js';

let sb: TrueLayerSandbox;
let t: TestApp;
useSandboxApp((s, a) => ((sb = s), (t = a)));

describe('connecting a TrueLayer bank', () => {
  it('builds the auth link TrueLayer documents', () => {
    const link = new URL(buildAuthLink(t.app.config.truelayer!).url);
    const p = link.searchParams;
    expect(p.get('response_type')).toBe('code');
    expect(p.get('client_id')).toBe('sandbox-trax-test');
    expect(p.get('redirect_uri')).toBe(t.app.config.truelayer!.redirectUri);
    expect(p.get('scope')).toBe(SCOPES);
    expect(SCOPES).toBe('info accounts balance cards transactions direct_debits standing_orders offline_access');
    expect(p.get('providers')).toBe('de-xs2a-all uk-cs-mock');
    expect(p.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(p.get('nonce')).toMatch(/^[\w-]{20,}$/);
    expect(link.search).toContain('scope=info%20accounts');
  });

  it('completes the redirect flow, records the consent and pulls history at once', async () => {
    const { connection, firstSync } = await connect(t.app, sb);
    expect(firstSync.status).toBe('done');
    expect(sb.credentialIds()).toContain(connection.externalId);
    expect(connection.institutionId).toBe(ING);
    expect(connection.institutionName).toBe('ING');
    expect(connection.status).toBe('active');
    const expires = Date.parse(connection.consentExpiresAt!);
    expect(expires - sb.clock.now().getTime()).toBeGreaterThan(80 * 86_400_000);
    expect(
      t.app.accounts
        .list()
        .map((a) => a.name)
        .sort(),
    ).toEqual(['Extra-Konto', 'Girokonto']);
    // 18 months of statements: the deep pull reached past the 90-day window.
    const oldest = t.app.db.prepare('SELECT min(booking_date) FROM transactions').pluck().get() as string;
    expect(sb.clock.now().getTime() - Date.parse(oldest)).toBeGreaterThan(500 * 86_400_000);
    expect(count(t.app, 'SELECT count(*) FROM balances')).toBe(2);
    expect(firstSync.added).toBe(count(t.app, 'SELECT count(*) FROM transactions'));
  });

  it('stores no token in plaintext anywhere in the database files', async () => {
    const { connection } = await connect(t.app, sb);
    const secrets = t.app.vault.open<TrueLayerSecrets>(t.app.connections.get(connection.id)!.sealedSecrets!);
    expect(secrets.accessToken.length).toBeGreaterThan(20);
    expect(secrets.refreshToken).toBeTruthy();
    const files = ['trax.sqlite', 'trax.sqlite-wal'].map((f) => path.join(t.dataDir, f)).filter(existsSync);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const bytes = readFileSync(f);
      expect(bytes.includes(secrets.accessToken)).toBe(false);
      expect(bytes.includes(secrets.refreshToken!)).toBe(false);
      expect(bytes.includes(secrets.accessToken.split('.')[1]!)).toBe(false);
    }
  });

  it('rejects a callback with a wrong or missing state and keeps waiting for the real one', async () => {
    const rejected: string[] = [];
    let state = '';
    const wait = await listenForLogin(t.app, { expectedState: () => state, onRejected: (r) => rejected.push(r) });
    const auth = buildAuthLink(t.app.config.truelayer!, { providerId: ING });
    state = auth.state;
    const redirect = new URL(await sb.completeAuth(auth.url, { username: 'john', password: 'doe', providerId: ING }));
    const forged = new URL(redirect);
    forged.searchParams.set('state', 'not-the-state');
    const wrong = await fetch(forged);
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('not the one Trax is waiting for');
    const missing = new URL(redirect);
    missing.searchParams.delete('state');
    expect((await fetch(missing)).status).toBe(400);
    expect(rejected).toEqual(['a callback with the wrong state', 'a callback without state']);
    expect(count(t.app, 'SELECT count(*) FROM connections')).toBe(0);
    const ok = await fetch(redirect);
    expect(ok.status).toBe(200);
    expect(await wait.code).toBe(redirect.searchParams.get('code'));
  });

  it('refuses an authorization code used twice and records nothing for the second', async () => {
    const code = await authorize(t.app, sb);
    await connectTrueLayerWithCode(t.app, code);
    await expect(connectTrueLayerWithCode(t.app, code)).rejects.toThrow(
      /already used|older than 5 minutes|invalid_grant|invalid_authorization_code/,
    );
    expect(count(t.app, 'SELECT count(*) FROM connections')).toBe(1);
  });

  it('reports a cancelled bank login as a sentence, connecting nothing', async () => {
    let state = '';
    const wait = await listenForLogin(t.app, { expectedState: () => state });
    const auth = buildAuthLink(t.app.config.truelayer!);
    state = auth.state;
    const rejection = expect(wait.code).rejects.toThrow(/access_denied.*nothing was connected/);
    await fetch(`${wait.url}?error=access_denied&state=${auth.state}`);
    await rejection;
  });

  it('works from the command line: prints the link, receives the login, syncs', async () => {
    const child = import('node:child_process').then(({ spawn }) =>
      spawn(process.execPath, [path.resolve('dist/src/cli/main.js'), 'connect', 'truelayer', '--no-browser'], {
        env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...t.env },
      }),
    );
    const proc = await child;
    let stdout = '';
    let stderr = '';
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const link = await new Promise<string>((resolve) =>
      proc.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const m = /(http:\/\/127\.0\.0\.1:\d+\/\?\S+)/.exec(stdout);
        if (m) resolve(m[1]!);
      }),
    );
    // The link is printed only once the callback server listens: do what the user's browser does.
    const redirect = await sb.completeAuth(link, { username: 'john', password: 'doe', providerId: ING });
    expect((await fetch(redirect)).status).toBe(200);
    const code = await new Promise<number | null>((resolve) => proc.on('close', resolve));
    expect(stderr).toContain('Waiting for the bank');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Connected ING as tl-[0-9a-f]{6}; consent valid until/);
    expect(stdout).toMatch(/✔ ING \(tl-[0-9a-f]{6}\): \d+ new, 0 changed, 0 removed/);
    const list = await runCli(['connections'], t.env);
    expect(list.stdout).toContain('ING');
    expect(list.stdout).toContain('active');
  });
});
