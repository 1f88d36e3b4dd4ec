/**
 * Kill -9 and fault trials against the built-in emulators, shared by the CI crash test
 * (test/integration/crash.test.ts, a fast subset) and `npm run soak` (bench/soak.ts).
 *
 * Every trial is placed by a seeded schedule, so a failing trial replays from the printed seed:
 * - `page-write`: the `trax sync` process kills itself while page N is written but not committed
 *   (TRAX_TEST_KILL_AT_PAGE, see src/sync/apply-page.ts);
 * - `stall` / `stall-body`: the emulator holds the k-th data request (before its headers, or half
 *   way through its body) and the process is killed while it waits.
 * Afterwards the database must hold whole pages, in order (a prefix of the clean sync), and the
 * next sync must converge to exactly the rows of an uninterrupted sync.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApp, type App } from '../src/app.js';
import { parseConfig } from '../src/config/index.js';
import { connectEnableBankingWithCode, startEnableBankingConsent } from '../src/connections/connect-enablebanking.js';
import { connectPlaidSandbox } from '../src/connections/connect-plaid.js';
import { connectTrueLayerWithCode } from '../src/connections/connect-truelayer.js';
import { checkCallback } from '../src/providers/enablebanking/index.js';
import { connectorFor } from '../src/providers/registry.js';
import { buildAuthLink } from '../src/providers/truelayer/index.js';
import { generateDemoKeyPair, startEnableBankingSandbox, type EnableBankingSandbox } from '../src/sandbox/enablebanking/index.js';
import { startPlaidSandbox, type PlaidSandbox } from '../src/sandbox/plaid/index.js';
import type { InterruptAction } from '../src/sandbox/shared/interrupt.js';
import { startTrueLayerSandbox, type TrueLayerSandbox } from '../src/sandbox/truelayer/index.js';
import { syncAll } from '../src/sync/engine.js';
import { Prng } from '../src/util/prng.js';

export type ProviderKind = 'truelayer' | 'plaid' | 'enablebanking';
export const PROVIDER_KINDS: readonly ProviderKind[] = ['truelayer', 'plaid', 'enablebanking'];

// Run from source by vitest (bench/) or compiled by `npm run soak` (dist/bench/): the built CLI either way.
const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.basename(path.dirname(here)) === 'dist' ? path.dirname(path.dirname(here)) : path.dirname(here);
const CLI = path.join(ROOT, 'dist/src/cli/main.js');

/** account|dedupe_key → what a user sees of the row. */
export type Rows = Map<string, string>;

export interface World {
  provider: ProviderKind;
  app: App;
  env: Record<string, string>;
  /** Rows after a clean sync. */
  reference: Rows;
  /** Rows (account|dedupe_key) of each page, in the order a sync applies them. */
  pages: string[][];
  /** Data requests the emulator sees during one clean sync. */
  dataRequests: number;
  dataPath: RegExp;
  interrupt: TrueLayerSandbox['interrupt'];
  tl?: TrueLayerSandbox;
  plaid?: PlaidSandbox;
  eb?: EnableBankingSandbox;
  /** Clears the emulator's armed faults. */
  resetFaults(): void;
  close(): Promise<void>;
}

const TL_CLIENT = { clientId: 'sandbox-trax-soak', clientSecret: 'sandbox-trax-soak-secret' };
const PLAID_CLIENT = { clientId: 'trax-soak-client', secret: 'trax-soak-secret' };
const EB_APP_ID = '5f0d9a4e-1c2b-4e7a-9b3d-6a8c2e1f4d00';
/** Nothing listens here: the code is read off the redirect the emulator answers with. */
const EB_REDIRECT = 'http://127.0.0.1:9/eb/callback';
/** Two banks, so an Enable Banking sync has connections (and continuation pages) to be killed between. */
const EB_BANKS = ['ING', 'DKB'];
/** Three Items, so a Plaid sync has pages to be killed between (one page per Item). */
const PLAID_INSTITUTIONS = ['ins_109508', 'ins_116834', 'ins_117650'];
/** Plaid's cursor sync does not depend on the client's date, so its world is fixed in time. */
const PLAID_START = new Date('2025-06-16T12:00:00Z');
/** Short, so a stalled request turns into a client timeout and a retry within a trial. */
const HTTP = { retryBaseMs: 5, maxRetryAfterMs: 3000, timeoutMs: 1500 };

/**
 * A data dir with connections that were synced once (the reference). The emulators start at
 * noon of `today` (tests hand in their injected start); `trax sync` children run on the
 * emulator's clock (TRAX_CLOCK), so their date windows meet the emulator's data.
 */
export async function openWorld(provider: ProviderKind, today = new Date()): Promise<World> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `trax-${provider}-trials-`));
  let env: Record<string, string>;
  let tl: TrueLayerSandbox | undefined;
  let plaid: PlaidSandbox | undefined;
  let eb: EnableBankingSandbox | undefined;
  let dataPath: RegExp;
  if (provider === 'enablebanking') {
    const noon = new Date(today);
    noon.setUTCHours(12, 0, 0, 0);
    const keys = generateDemoKeyPair();
    const keyFile = path.join(dataDir, 'enablebanking.pem');
    writeFileSync(keyFile, keys.privateKeyPem, { mode: 0o600 });
    eb = await startEnableBankingSandbox({
      port: 0,
      now: noon,
      seed: 7,
      apps: [{ appId: EB_APP_ID, publicKeyPem: keys.publicKeyPem, redirectUrls: [EB_REDIRECT] }],
      // Every trial is a deep pull, as right after a login, and none may run into the PSD2 allowance.
      scaWindowMs: 24 * 3600_000,
      unattendedReadsPerDay: 1_000_000,
      // Short pages: a sync of one account is a chain of continuation pages to be killed between.
      pageSize: 60,
    });
    env = {
      ENABLEBANKING_APP_ID: EB_APP_ID,
      ENABLEBANKING_KEY_FILE: keyFile,
      ENABLEBANKING_REDIRECT_URI: EB_REDIRECT,
      ENABLEBANKING_BASE_URL: eb.url,
      TRAX_DATA_DIR: dataDir,
    };
    dataPath = /^\/accounts\//;
  } else if (provider === 'truelayer') {
    const noon = new Date(today);
    noon.setUTCHours(12, 0, 0, 0);
    // A long SCA window so every trial may pull deep history, as right after a login.
    tl = await startTrueLayerSandbox({ port: 0, clients: [TL_CLIENT], seed: 7, now: noon, scaWindowMs: 24 * 3600_000 });
    env = {
      TRUELAYER_CLIENT_ID: TL_CLIENT.clientId,
      TRUELAYER_CLIENT_SECRET: TL_CLIENT.clientSecret,
      TRUELAYER_AUTH_URL: tl.url,
      TRUELAYER_API_URL: tl.url,
      TRUELAYER_PROVIDERS: 'de-xs2a-all uk-cs-mock',
      // The code is read off the redirect below; nothing needs to listen here.
      TRUELAYER_REDIRECT_URI: 'http://localhost:9/callback',
      TRAX_DATA_DIR: dataDir,
    };
    dataPath = /^\/data\/v1\//;
  } else {
    plaid = await startPlaidSandbox({ port: 0, clients: [PLAID_CLIENT], seed: 11, now: PLAID_START, maxSyncPageSize: 100 });
    env = {
      PLAID_CLIENT_ID: PLAID_CLIENT.clientId,
      PLAID_SECRET: PLAID_CLIENT.secret,
      PLAID_ENV: 'sandbox',
      PLAID_BASE_URL: plaid.url,
      TRAX_DATA_DIR: dataDir,
    };
    dataPath = /^\/(accounts|transactions|item)\//;
  }
  const sb = (tl ?? plaid ?? eb)!;
  const clock = sb.clock;
  // A `trax sync` child starts its clock at the emulator's time when it is spawned.
  Object.defineProperty(env, 'TRAX_CLOCK', { enumerable: true, get: () => clock.now().toISOString() });
  const app = openApp(parseConfig(env), { http: HTTP, now: () => clock.now() });
  if (tl) {
    for (const providerId of ['xs2a-ing-germany', 'mock']) {
      const auth = buildAuthLink(app.config.truelayer!, { providerId });
      const redirect = await tl.completeAuth(auth.url, { username: 'john', password: 'doe', providerId });
      await connectTrueLayerWithCode(app, new URL(redirect).searchParams.get('code')!);
    }
  } else if (plaid) {
    for (const id of PLAID_INSTITUTIONS) await connectPlaidSandbox(app, id);
  } else {
    for (const name of EB_BANKS) {
      const { auth, bank } = await startEnableBankingConsent(app, { bank: name, country: 'DE' });
      const back = new URL(await eb!.completeAuth(auth.url, { username: 'erika', password: 'sandbox' }));
      await connectEnableBankingWithCode(app, checkCallback(Object.fromEntries(back.searchParams), auth.state), { bank });
    }
  }
  const reference = rows(app);
  const world: World = {
    provider,
    app,
    env,
    reference,
    pages: eb ? await pagesAsSynced(app) : pageOrder(app, provider, reference),
    dataRequests: 0,
    dataPath,
    interrupt: sb.interrupt,
    ...(tl ? { tl } : {}),
    ...(plaid ? { plaid } : {}),
    ...(eb ? { eb } : {}),
    resetFaults: () => sb.faults.reset(),
    close: async () => {
      app.close();
      await sb.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  // The clean sync the trials are measured against, through the CLI as a user runs it.
  resetToUnsynced(world);
  const before = sb.requestLog.length;
  const clean = await runSync(world);
  if (clean.code !== 0) throw new Error(`clean sync failed (${clean.code}): ${clean.stderr}`);
  world.dataRequests = sb.requestLog.slice(before).filter((r) => dataPath.test(r.path)).length;
  const diff = diffRows(world.reference, rows(app));
  if (diff.lost + diff.duplicated + diff.wrong) throw new Error(`clean CLI sync differs from connect: ${JSON.stringify(diff)}`);
  return world;
}

/**
 * A page is one account for TrueLayer and one Item for Plaid. Accounts get their ids in the order
 * pages first landed, and a sync walks connections and accounts in that same order.
 */
function pageOrder(app: App, provider: ProviderKind, reference: Rows): string[][] {
  const accounts = app.db.prepare(`SELECT id, connection_id FROM accounts ORDER BY id`).all() as Array<{
    id: number;
    connection_id: string;
  }>;
  const groups: number[][] = [];
  if (provider === 'truelayer') groups.push(...accounts.map((a) => [a.id]));
  else {
    const byConnection = new Map<string, number[]>();
    for (const a of accounts) byConnection.set(a.connection_id, [...(byConnection.get(a.connection_id) ?? []), a.id]);
    groups.push(...byConnection.values());
  }
  const keys = [...reference.keys()];
  return groups.map((ids) => keys.filter((k) => ids.includes(Number(k.split('|')[0]))));
}

/**
 * Enable Banking pages follow continuation keys, several per account: read them as a deep pull
 * does (in this process, nothing applied) and note which rows each page carries.
 */
async function pagesAsSynced(app: App): Promise<string[][]> {
  const pages: string[][] = [];
  for (const c of app.connections.list()) {
    const ids = app.accounts.idsFor(c.id);
    const key = (providerAccountId: string, dedupeKey: string) => `${ids.get(providerAccountId)}|${dedupeKey}`;
    for await (const p of connectorFor(app, c).pages({ state: {}, now: app.now(), userIp: null })) {
      pages.push([
        ...p.upserts.map((t) => key(t.providerAccountId, t.dedupeKey)),
        ...p.pendingSnapshots.flatMap((s) => s.rows.map((t) => key(s.providerAccountId, t.dedupeKey))),
      ]);
    }
  }
  return pages;
}

/** Everything a user would notice about each stored row; `withCategory: false` before categorizing ran. */
export function rows(app: App, opts: { withCategory?: boolean } = {}): Rows {
  const all = app.db
    .prepare(
      `SELECT account_id || '|' || dedupe_key AS k,
              booking_date || '|' || amount_minor || '|' || currency || '|' || description || '|' || pending
                || '|' || coalesce(merchant, '') ${opts.withCategory === false ? '' : `|| '|' || coalesce(category_id, '')`} AS v
       FROM transactions`,
    )
    .all() as Array<{ k: string; v: string }>;
  return new Map(all.map((r) => [r.k, r.v]));
}

export interface Diff {
  /** Rows of the clean sync that are missing. */
  lost: number;
  /** Extra rows that repeat a row of the clean sync under another identity. */
  duplicated: number;
  /** Rows whose fields differ from the clean sync, or that it does not have at all. */
  wrong: number;
}

export function diffRows(reference: Rows, got: Rows): Diff {
  const d: Diff = { lost: 0, duplicated: 0, wrong: 0 };
  const refValues = new Map<string, number>();
  for (const [k, v] of reference) {
    refValues.set(`${k.split('|')[0]}|${v}`, 1);
    const g = got.get(k);
    if (g === undefined) d.lost++;
    else if (g !== v) d.wrong++;
  }
  for (const [k, v] of got) {
    if (reference.has(k)) continue;
    if (refValues.has(`${k.split('|')[0]}|${v}`)) d.duplicated++;
    else d.wrong++;
  }
  return d;
}

/** Back to "connected, never synced": the next sync is a full deep pull with real work to interrupt. */
export function resetToUnsynced(w: World): void {
  w.app.db.exec(`DELETE FROM transactions; DELETE FROM balances; UPDATE connections SET sync_state = '{}'`);
}

export interface Kill {
  kind: 'page-write' | InterruptAction;
  /** page-write: the page (1-based) being written; stall*: the data request (1-based) held. */
  at: number;
}

/**
 * `trials` kill points from one seed. Every other trial kills inside a page write after at least
 * one page has landed, so at least half interrupt a sync half way (if the kill lands where asked);
 * the rest are spread over every page and every data request.
 */
export function killSchedule(seed: number, trials: number, w: Pick<World, 'pages' | 'dataRequests'>): Kill[] {
  const rng = new Prng(seed);
  const P = w.pages.length;
  return Array.from({ length: trials }, (_, i): Kill => {
    if (i % 2 === 0) return { kind: 'page-write', at: rng.int(Math.min(2, P), P) };
    const kind = rng.pick(['page-write', 'stall', 'stall-body'] as const);
    return { kind, at: kind === 'page-write' ? rng.int(1, P) : rng.int(1, w.dataRequests) };
  });
}

export interface KillOutcome {
  /** Pages of the clean sync fully present after the kill (a prefix: earlier pages all complete). */
  committed: number;
  /** Some pages landed and some did not. */
  midSync: boolean;
  /** Anything but a prefix of whole pages; names the first offending page. */
  broken: string | null;
  /** After the re-sync, against the clean sync. */
  converged: Diff;
  exitSignal: string | null;
}

/** One kill -9 trial: reset, sync in a child process, kill it where the schedule says, check, re-sync. */
export async function killTrial(w: World, kill: Kill): Promise<KillOutcome> {
  resetToUnsynced(w);
  let exitSignal: string | null;
  if (kill.kind === 'page-write') {
    const r = await runSync(w, { TRAX_TEST_KILL_AT_PAGE: String(kill.at) });
    exitSignal = r.signal;
  } else {
    const held = w.interrupt.hold(kill.at, kill.kind, w.dataPath);
    const child = spawnTraxSync(w);
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_code, signal) => r(signal)));
    // The child may finish first (it never does in a clean run: `at` ≤ the requests it makes).
    const first = await Promise.race([held.then(() => 'held' as const), exited.then(() => 'exited' as const)]);
    if (first === 'held') child.kill('SIGKILL');
    exitSignal = await exited;
    w.interrupt.reset();
  }
  const got = rows(w.app, { withCategory: false });
  const reference = referenceWithoutCategory(w);
  const status = w.pages.map((keys) => pageStatus(keys, reference, got));
  let broken: string | null = null;
  const stranger = [...got.keys()].find((k) => !reference.has(k));
  if (stranger) broken = `a row the clean sync does not have was written (${stranger})`;
  let committed = 0;
  let seenEmpty = false;
  for (const [i, s] of status.entries()) {
    if (s === 'partial' || (s === 'complete' && seenEmpty)) {
      broken ??= `page ${i + 1} of ${status.length} is ${s === 'partial' ? 'half written' : 'written after a missing page'}`;
    }
    if (s === 'empty') seenEmpty = true;
    if (s === 'complete' && !seenEmpty) committed = i + 1;
  }
  const midSync = status.includes('complete') && status.includes('empty');
  const again = await syncAll(w.app, { trigger: 'user' });
  const failed = again.find((o) => o.status !== 'done');
  if (failed) broken ??= `the re-sync failed: ${failed.error?.message ?? failed.status}`;
  return { committed, midSync, broken, converged: diffRows(w.reference, rows(w.app)), exitSignal };
}

function referenceWithoutCategory(w: World): Rows {
  return new Map([...w.reference].map(([k, v]) => [k, v.slice(0, v.lastIndexOf('|'))]));
}

/** `any`: a page without rows in the clean sync cannot tell whether it landed. */
function pageStatus(keys: string[], reference: Rows, got: Rows): 'complete' | 'empty' | 'partial' | 'any' {
  if (keys.length === 0) return 'any';
  const present = keys.filter((k) => got.has(k));
  if (present.length === 0) return 'empty';
  const same = present.length === keys.length && keys.every((k) => got.get(k) === reference.get(k));
  return same ? 'complete' : 'partial';
}

function spawnTraxSync(w: World, extraEnv: Record<string, string> = {}) {
  return spawn(process.execPath, [CLI, 'sync'], {
    cwd: tmpdir(),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', ...w.env, ...extraEnv },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

/** `trax sync` as a user runs it (the built CLI, no .env in its directory). */
export function runSync(
  w: World,
  extraEnv: Record<string, string> = {},
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawnTraxSync(w, extraEnv);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

export interface Fault {
  name: string;
  /** Arms the fault just before the `at`-th data request of the sync. */
  arm(w: World, at: number): void;
  /** What the user (or time) does before the next sync; faults are reset in any case. */
  recover?(w: World): void;
}

const before =
  (fn: (w: World) => void) =>
  (w: World, at: number): void =>
    w.interrupt.before(at, () => fn(w), w.dataPath);
const held =
  (action: InterruptAction) =>
  (w: World, at: number): void =>
    void w.interrupt.hold(at, action, w.dataPath);

/** The emulators' faults (src/sandbox/*\/faults.ts and the interrupt hooks), each landed mid-sync. */
export const FAULTS: Record<ProviderKind, Fault[]> = {
  truelayer: [
    { name: '429 Retry-After 1 s', arm: before((w) => w.tl!.faults.rateLimit(1, 1)) },
    { name: '429 Retry-After 60 s', arm: before((w) => w.tl!.faults.rateLimit(1, 60)) },
    { name: '503 once', arm: before((w) => w.tl!.faults.serverError(1, 503)) },
    { name: '500 x5', arm: before((w) => w.tl!.faults.serverError(5, 500)) },
    { name: 'malformed JSON', arm: held('truncate') },
    { name: 'malformed fields', arm: before((w) => w.tl!.faults.malformed(1)) },
    { name: 'timeout', arm: held('stall') },
    { name: 'timeout mid-body', arm: held('stall-body') },
    { name: 'token expiry', arm: before((w) => w.tl!.faults.expireAccessTokens()) },
  ],
  plaid: [
    { name: '429', arm: before((w) => w.plaid!.faults.rateLimit(1)) },
    { name: '500 once', arm: before((w) => w.plaid!.faults.serverError(1)) },
    { name: '500 x5', arm: before((w) => w.plaid!.faults.serverError(5)) },
    { name: 'malformed JSON', arm: held('truncate') },
    { name: 'timeout', arm: held('stall') },
    { name: 'timeout mid-body', arm: held('stall-body') },
    { name: 'mutation during pagination', arm: before((w) => w.plaid!.faults.mutationDuringPagination(1)) },
    {
      name: 'login required',
      arm: before((w) => {
        for (const i of w.plaid!.items()) w.plaid!.resetLogin(i.itemId);
      }),
      recover: (w) => {
        for (const i of w.plaid!.items()) w.plaid!.restoreLogin(i.itemId);
      },
    },
  ],
  enablebanking: [
    { name: '429 bank limit', arm: before((w) => w.eb!.faults.rateLimit(1)) },
    { name: '400 ASPSP_ERROR once', arm: before((w) => w.eb!.faults.aspspError('Bank temporarily unavailable', 1)) },
    { name: '400 ASPSP_ERROR x5', arm: before((w) => w.eb!.faults.aspspError('Bank temporarily unavailable', 5)) },
    { name: 'malformed JSON', arm: held('truncate') },
    { name: 'malformed amount', arm: before((w) => w.eb!.faults.malformedAmount(1)) },
    { name: 'continuation key loop', arm: before((w) => w.eb!.faults.loopContinuationKey(1)) },
    { name: 'timeout', arm: held('stall') },
    { name: 'timeout mid-body', arm: held('stall-body') },
  ],
};

export interface FaultOutcome {
  /** Connections whose faulty sync failed (the rest rode it out). */
  failed: number;
  /** Right after the faulty sync, before categorizing: missing rows are expected where it failed. */
  afterFault: Diff;
  /** Connections whose next clean sync failed too: must be zero. */
  resyncFailed: number;
  /** After the next clean sync: must be all zero. */
  afterResync: Diff;
}

/** One fault trial, in this process: reset, arm, sync, compare; clear the fault, sync again, compare. */
export async function faultTrial(w: World, fault: Fault, at: number): Promise<FaultOutcome> {
  resetToUnsynced(w);
  fault.arm(w, at);
  // A sync that throws instead of reporting the bank as failed is a bug the soak must show, not die of.
  const outcomes = await syncAll(w.app, { trigger: 'user' }).catch((e: unknown) => {
    process.stderr.write(`  ✖ ${fault.name} at request ${at}: the sync threw ${String(e)}\n`);
    return w.app.connections.list().map(() => ({ status: 'threw' }));
  });
  w.interrupt.reset();
  w.resetFaults();
  const afterFault = diffRows(referenceWithoutCategory(w), rows(w.app, { withCategory: false }));
  fault.recover?.(w);
  const again = await syncAll(w.app, { trigger: 'user' });
  const afterResync = diffRows(w.reference, rows(w.app));
  return {
    failed: outcomes.filter((o) => o.status !== 'done').length,
    resyncFailed: again.filter((o) => o.status !== 'done').length,
    afterFault,
    afterResync,
  };
}
