import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { afterEach, beforeEach } from 'vitest';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApp, type App } from '../../src/app.js';
import { freePort } from '../../src/net/free-port.js';
import { parseConfig } from '../../src/config/index.js';
import { connectTrueLayerWithCode, type ConnectResult } from '../../src/connections/connect-truelayer.js';
import { listenForCallback } from '../../src/oauth/callback-server.js';
import { buildAuthLink } from '../../src/providers/truelayer/index.js';
import { startTrueLayerSandbox, type TrueLayerSandbox, type TrueLayerSandboxOptions } from '../../src/sandbox/truelayer/index.js';

export const CLIENT = { clientId: 'sandbox-trax-test', clientSecret: 'sandbox-trax-test-secret' };
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.join(ROOT, 'dist/src/cli/main.js');
export const ING = 'xs2a-ing-germany';
export const MOCK = 'mock';

export function sandbox(opts: TrueLayerSandboxOptions = {}): Promise<TrueLayerSandbox> {
  return startTrueLayerSandbox({ port: 0, clients: [CLIENT], seed: 7, ...opts });
}

/** The environment a user would put in .env to point Trax at this sandbox. */
export async function sandboxEnv(sb: TrueLayerSandbox, dataDir: string): Promise<Record<string, string>> {
  return {
    TRUELAYER_CLIENT_ID: CLIENT.clientId,
    TRUELAYER_CLIENT_SECRET: CLIENT.clientSecret,
    TRUELAYER_AUTH_URL: sb.url,
    TRUELAYER_API_URL: sb.url,
    TRUELAYER_PROVIDERS: 'de-xs2a-all uk-cs-mock',
    TRUELAYER_REDIRECT_URI: `http://localhost:${await freePort()}/callback`,
    TRAX_DATA_DIR: dataDir,
  };
}

export interface TestApp {
  app: App;
  env: Record<string, string>;
  dataDir: string;
  cleanup(): void;
}

/** A Trax app on a fresh data dir, using the emulator's clock and fast retries. */
export async function testApp(sb: TrueLayerSandbox, extraEnv: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'trax-test-'));
  const env = { ...(await sandboxEnv(sb, dataDir)), ...extraEnv };
  const app = openApp(parseConfig(env), { http: { retryBaseMs: 5, maxRetryAfterMs: 3000 }, now: () => sb.clock.now() });
  return {
    app,
    env,
    dataDir,
    cleanup() {
      app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The real redirect flow: auth link → emulator login page → redirect to our callback server → code. */
export async function authorize(
  app: App,
  sb: TrueLayerSandbox,
  login: { providerId?: string; username?: string; password?: string } = {},
): Promise<string> {
  const cfg = app.config.truelayer!;
  const providerId = login.providerId ?? ING;
  const auth = buildAuthLink(cfg, { providerId });
  const wait = await listenForCallback({ redirectUri: cfg.redirectUri, expectedState: auth.state, timeoutMs: 10_000 });
  const redirect = await sb.completeAuth(auth.url, {
    username: login.username ?? 'john',
    password: login.password ?? 'doe',
    providerId,
  });
  await fetch(redirect);
  return wait.code;
}

export async function connect(
  app: App,
  sb: TrueLayerSandbox,
  login: { providerId?: string; username?: string; password?: string } = {},
): Promise<ConnectResult> {
  return connectTrueLayerWithCode(app, await authorize(app, sb, login));
}

export function count(app: App, sql: string, ...params: unknown[]): number {
  return (
    (app.db
      .prepare(sql)
      .pluck()
      .get(...params) as number) ?? 0
  );
}

/** Everything a user would notice about the stored transactions, in a stable order. */
export function snapshot(app: App): string[] {
  return app.db
    .prepare(
      `SELECT a.name || '|' || coalesce(a.iban, a.number_hint, '') || '|' || t.dedupe_key || '|' || t.booking_date || '|' ||
              t.amount_minor || '|' || t.currency || '|' || t.description || '|' || t.pending
       FROM transactions t JOIN accounts a ON a.id = t.account_id ORDER BY 1`,
    )
    .pluck()
    .all() as string[];
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `trax` CLI as a user would, in a directory without a .env file. */
export function runCli(
  args: string[],
  env: Record<string, string>,
  opts: { cwd?: string; timeoutMs?: number } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: opts.cwd ?? tmpdir(),
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Each test gets a fresh emulator and a fresh Trax data dir, handed over before it runs. */
export function useSandboxApp(use: (sb: TrueLayerSandbox, t: TestApp) => void, opts: TrueLayerSandboxOptions = {}): void {
  let sb: TrueLayerSandbox | undefined;
  let t: TestApp | undefined;
  beforeEach(async () => {
    sb = await sandbox(opts);
    t = await testApp(sb);
    use(sb, t);
  });
  afterEach(async () => {
    t?.cleanup();
    await sb?.close();
  });
}
