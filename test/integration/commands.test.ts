import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TrueLayerSandbox } from '../../src/sandbox/truelayer/index.js';
import { buildAuthLink } from '../../src/providers/truelayer/index.js';
import { CLI, connect, count, ING, ROOT, runCli, type TestApp, useSandboxApp } from '../helpers/trax.js';

let sb: TrueLayerSandbox;
let t: TestApp;
useSandboxApp((s, a) => ((sb = s), (t = a)));

describe('trax commands end to end', () => {
  it("connect --code finishes with a code copied from TrueLayer's redirect page", async () => {
    const link = buildAuthLink(t.app.config.truelayer!, { providerId: ING }).url;
    const redirect = new URL(await sb.completeAuth(link, { username: 'john', password: 'doe', providerId: ING }));
    const r = await runCli(['connect', 'truelayer', '--code', redirect.searchParams.get('code')!], t.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Connected ING as tl-/);
    expect(count(t.app, 'SELECT count(*) FROM transactions')).toBeGreaterThan(100);
  });

  it('explains a bank that reports the account locked, keeping the connection', async () => {
    const { connection, firstSync } = await connect(t.app, sb, {
      username: 'error.account_temporarily_locked',
      password: 'error',
    });
    expect(firstSync.status).toBe('failed');
    expect(firstSync.error!.message).toMatch(/temporarily locked; unlock it with your bank, then sync again/);
    expect(t.app.connections.get(connection.id)!.status).toBe('error');
  });

  it('marks user_input_required as needing a fresh login', async () => {
    const { firstSync } = await connect(t.app, sb, { username: 'error.user_input_required', password: 'error' });
    expect(firstSync.error).toMatchObject({ code: 'needs_reauth' });
    expect(firstSync.error!.message).toContain('Reconnect with `trax connect truelayer --relink');
  });

  it('unknown providers and a missing TrueLayer setup get a sentence saying what to do', async () => {
    const other = await runCli(['connect', 'monzo'], t.env);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain(
      '"monzo" is not a provider Trax can connect; use `trax connect truelayer` or `trax connect plaid`',
    );
    const none = await runCli(['connect', 'truelayer'], { TRAX_DATA_DIR: t.dataDir });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/TRUELAYER_CLIENT_ID and TRUELAYER_CLIENT_SECRET are not set.*trax sandbox/);
  });

  it('an unreadable .env stops the command with a sentence naming the file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'trax-env-'));
    mkdirSync(path.join(dir, '.env')); // a directory where the file should be
    try {
      const r = await runCli(['connections'], {}, { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/Trax could not read .*\.env .*check its permissions or remove it/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('`trax sandbox` serves the emulator and prints the .env lines that point Trax at it', async () => {
    // Port 0: the emulator takes a port of its own and the printed lines name it.
    const child = spawn(process.execPath, [CLI, 'sandbox', '--port', '0'], {
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
    });
    try {
      let stdout = '';
      await new Promise<void>((resolve) =>
        child.stdout.on('data', (d: Buffer) => {
          stdout += d.toString();
          if (stdout.includes('Ctrl-C')) resolve();
        }),
      );
      const port = /TrueLayer sandbox running at http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout)?.[1];
      expect(Number(port)).toBeGreaterThan(0);
      expect(stdout).toContain(`TRUELAYER_AUTH_URL=http://127.0.0.1:${port}`);
      expect(stdout).toContain('TRUELAYER_CLIENT_ID=sandbox-trax-demo');
      const providers = (await (await fetch(`http://127.0.0.1:${port}/api/providers`)).json()) as Array<{ provider_id: string }>;
      expect(providers.map((p) => p.provider_id)).toContain('xs2a-ing-germany');
    } finally {
      child.kill('SIGINT');
    }
    await new Promise((r) => child.on('close', r));
  });

  it('`npm run demo` connects, syncs and leaves data the CLI can read afterwards', async () => {
    const demo = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, [path.join(ROOT, 'dist/src/demo/main.js')], {
        cwd: t.dataDir,
        env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TRAX_DATA_DIR: path.join(t.dataDir, 'demo') },
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      child.on('close', (code) => resolve({ code, out }));
    });
    expect(demo.code, demo.out).toBe(0);
    expect(demo.out).toMatch(/connected ING as tl-/);
    expect(demo.out).toMatch(/connected Mock as tl-/);
    expect(demo.out).toContain('Girokonto');
    expect(demo.out).toMatch(/REWE SAGT DANKE|EDEKA|LIDL|dm-drogerie/);
    expect(demo.out).toMatch(/Syncing again changes nothing\n.*0 new, 0 changed, 0 removed/);
    const after = await runCli(['transactions', '--limit', '3'], { TRAX_DATA_DIR: path.join(t.dataDir, 'demo') });
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});
