import { TRUELAYER_CALLBACK } from '../../src/providers/truelayer/callback-names.js';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { afterEach, beforeEach } from 'vitest';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApp, type App } from '../../src/app.js';
import { parseConfig, type TrueLayerConfig } from '../../src/config/index.js';
import { connectTrueLayerWithCode, type ConnectResult } from '../../src/connections/connect-truelayer.js';
import { listenForCallback, type CallbackWait } from '../../src/oauth/callback-server.js';
import { buildAuthLink } from '../../src/providers/truelayer/index.js';
import { startTrueLayerSandbox, type TrueLayerSandbox, type TrueLayerSandboxOptions } from '../../src/sandbox/truelayer/index.js';
import { testStart } from './clock.js';

export { clockEnv, DEFAULT_TEST_START, testStart, useTestStart } from './clock.js';

export const CLIENT = { clientId: 'sandbox-trax-test', clientSecret: 'sandbox-trax-test-secret' };
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.join(ROOT, 'dist/src/cli/main.js');
export const ING = 'xs2a-ing-germany';
export const MOCK = 'mock';

/** A TrueLayer emulator on a port of its own, starting at the file's test instant (see clock.ts). */
export function sandbox(opts: TrueLayerSandboxOptions = {}): Promise<TrueLayerSandbox> {
  return startTrueLayerSandbox({ port: 0, clients: [CLIENT], seed: 7, now: testStart(), ...opts });
}

/**
 * Port 0: each login's callback server takes a port of its own when it listens (listenForLogin),
 * and a web server's is filled in by startTestWeb(), so no port is chosen before it is bound.
 */
export const REDIRECT_ON_ANY_PORT = 'http://localhost:0/callback';

/** The environment a user would put in .env to point Trax at this sandbox. */
export async function sandboxEnv(sb: TrueLayerSandbox, dataDir: string): Promise<Record<string, string>> {
  return {
    TRUELAYER_CLIENT_ID: CLIENT.clientId,
    TRUELAYER_CLIENT_SECRET: CLIENT.clientSecret,
    TRUELAYER_AUTH_URL: sb.url,
    TRUELAYER_API_URL: sb.url,
    TRUELAYER_PROVIDERS: 'de-xs2a-all uk-cs-mock',
    TRUELAYER_REDIRECT_URI: REDIRECT_ON_ANY_PORT,
    TRAX_DATA_DIR: dataDir,
  };
}

export interface TestApp {
  app: App;
  env: Record<string, string>;
  dataDir: string;
  cleanup(): void;
}

/**
 * A Trax app on a fresh data dir, using the emulator's clock and fast retries. `env` (for CLI
 * children) carries TRAX_CLOCK, read as the emulator's time at the moment a child is spawned.
 */
export async function testApp(sb: TrueLayerSandbox, extraEnv: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'trax-test-'));
  const env = { ...(await sandboxEnv(sb, dataDir)), ...extraEnv };
  if (extraEnv.TRAX_CLOCK === undefined)
    Object.defineProperty(env, 'TRAX_CLOCK', { enumerable: true, get: () => sb.clock.now().toISOString() });
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

const configuredRedirect = new WeakMap<TrueLayerConfig, string>();

/**
 * A login callback server that listened first: on port 0 it got a port of its own, and the
 * app's redirect URI now names that port (the auth link and the code exchange must repeat it).
 * `expectedState` may be a function, so the auth link can be built after listening.
 */
export async function listenForLogin(
  app: App,
  opts: { expectedState: string | (() => string); onRejected?: (reason: string) => void; timeoutMs?: number },
): Promise<CallbackWait> {
  const cfg = app.config.truelayer!;
  const configured = configuredRedirect.get(cfg) ?? cfg.redirectUri;
  configuredRedirect.set(cfg, configured);
  const wait = await listenForCallback({
    redirectUri: configured,
    expectedState: opts.expectedState,
    timeoutMs: opts.timeoutMs ?? 10_000,
    ...(opts.onRejected ? { onRejected: opts.onRejected } : {}),
    names: TRUELAYER_CALLBACK,
  });
  if (new URL(configured).port === '0') cfg.redirectUri = wait.url;
  return wait;
}

/** The real redirect flow: auth link → emulator login page → redirect to our callback server → code. */
export async function authorize(
  app: App,
  sb: TrueLayerSandbox,
  login: { providerId?: string; username?: string; password?: string } = {},
): Promise<string> {
  const providerId = login.providerId ?? ING;
  let state = '';
  const wait = await listenForLogin(app, { expectedState: () => state });
  const auth = buildAuthLink(app.config.truelayer!, { providerId });
  state = auth.state;
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
  /** The signal that ended the child ('SIGKILL' after a crash-test hook), else null. */
  signal?: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * The machine's time zone and a faked machine clock (libfaketime), handed on so a CLI child
 * shares the test's machine: leases between processes are stamped with the machine's time.
 */
function machineClock(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (e): e is [string, string] => e[1] !== undefined && (e[0] === 'TZ' || e[0] === 'LD_PRELOAD' || e[0].startsWith('FAKETIME')),
    ),
  );
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
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', ...machineClock(), ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
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
