import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../src/app.js';
import { parseConfig } from '../../src/config/index.js';
import { connectEnableBankingWithCode, startEnableBankingConsent } from '../../src/connections/connect-enablebanking.js';
import { checkCallback } from '../../src/providers/enablebanking/index.js';
import { runCli } from '../helpers/trax.js';
import { APP_ID, ebWorld, FAST_HTTP, REDIRECT, type EbWorld } from '../helpers/enablebanking.js';

/** `trax banks` and `trax connect enablebanking --relink` as a user runs them, against the emulator. */
let w: EbWorld;
let dataDir: string;
let env: Record<string, string>;
const DAY = 86_400_000;

beforeEach(async () => {
  w = await ebWorld();
  dataDir = mkdtempSync(path.join(tmpdir(), 'trax-ebcli-'));
  env = {
    TRAX_DATA_DIR: dataDir,
    TRAX_SECRET_KEY: '78'.repeat(32),
    ENABLEBANKING_APP_ID: APP_ID,
    ENABLEBANKING_KEY_FILE: path.join(w.dir, 'private.pem'),
    ENABLEBANKING_REDIRECT_URI: REDIRECT,
    ENABLEBANKING_BASE_URL: w.sb.url,
  };
});
afterEach(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  await w.close();
});

/** The CLI child runs on the emulator's clock. */
const cli = (args: string[]) => runCli(args, { ...env, TRAX_CLOCK: w.sb.clock.now().toISOString() });

function withApp<T>(fn: (app: App) => Promise<T>): Promise<T> {
  const app = openApp(parseConfig(env), { now: () => w.sb.clock.now(), http: FAST_HTTP });
  return fn(app).finally(() => app.close());
}

/** The bank's login as the browser does it; returns the code the redirect carries. */
async function loginCode(app: App, opts: { relinkId?: string; bank?: string }) {
  const { auth } = await startEnableBankingConsent(app, { ...opts, country: opts.bank ? 'DE' : undefined });
  const back = new URL(await w.sb.completeAuth(auth.url, { username: 'erika', password: 'sandbox' }));
  return checkCallback(Object.fromEntries(back.searchParams), auth.state);
}

describe('trax banks', () => {
  it('lists the Enable Banking catalogue for a country, as a table and as JSON', async () => {
    const r = await cli(['banks', '--provider', 'enablebanking', '--country', 'de']);
    expect(r.code, r.stderr).toBe(0);
    const line = r.stdout.split('\n').find((l) => /\bING\b/.test(l));
    expect(line).toMatch(/ING\s.*DE\s.*180 days\s.*personal, business/);
    expect(r.stdout).toMatch(/Trade Republic \(beta\)\s.*DE\s.*90 days/);

    const j = await cli(['banks', '--provider', 'enablebanking', '--country', 'DE', '--json']);
    expect(j.code, j.stderr).toBe(0);
    const rows = JSON.parse(j.stdout) as Array<{ name: string; country: string; maxConsentDays: number }>;
    expect(rows.map((b) => b.name)).toEqual(['DKB', 'ING', 'Mock ASPSP', 'Trade Republic']);
    expect(rows.find((b) => b.name === 'ING')).toMatchObject({
      country: 'DE',
      maxConsentDays: 180,
      psuTypes: ['personal', 'business'],
    });
  });

  it('an unknown provider, or one without a bank list, is one sentence and exit 1', async () => {
    const plaid = await cli(['banks', '--provider', 'plaid']);
    expect(plaid.code).toBe(1);
    expect(plaid.stderr.trim()).toBe(
      'Error: plaid has no bank list to show (its own login page offers the banks); use --provider enablebanking.',
    );
    const unknown = await cli(['banks', '--provider', 'gocardless']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe('Error: "gocardless" is not a provider Trax knows; use --provider enablebanking.');
    expect(w.sb.requestLog).toEqual([]);
  });

  it('connect with an unknown bank name lists the close matches and stores nothing', async () => {
    const r = await cli(['connect', 'enablebanking', '--bank', 'INGG', '--country', 'DE', '--no-browser', '--timeout', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('Error: Enable Banking lists no bank called "INGG" in DE; did you mean "ING" (DE)?');
    const list = await cli(['connections', '--json']);
    expect(JSON.parse(list.stdout)).toEqual([]);
  });
});

describe('renewing an Enable Banking consent near its end', () => {
  it('`trax connect enablebanking --relink ID` re-attaches the new session to the same connection and accounts', async () => {
    const before = await withApp(async (app) => {
      const { connection } = await connectEnableBankingWithCode(app, await loginCode(app, { bank: 'ING' }));
      return { connection, accounts: app.accounts.list(), rows: app.transactions.count({}) };
    });
    const id = before.connection.id;
    // Five days before the consent ends: the CLI's reminder asks for a renewal.
    w.sb.clock.set(new Date(Date.parse(before.connection.consentExpiresAt!) - 5 * DAY));
    const soon = await cli(['connections']);
    expect(soon.stderr).toContain(`trax connect enablebanking --relink ${id}`);

    // The bank comes from the connection itself: no --bank needed to renew.
    const code = await withApp((app) => loginCode(app, { relinkId: id }));
    const r = await cli(['connect', 'enablebanking', '--relink', id, '--code', code]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Connected ING as ${id}; consent valid until`);

    await withApp(async (app) => {
      const after = app.connections.get(id)!;
      expect(app.connections.list().map((c) => c.id)).toEqual([id]);
      expect(after.externalId).not.toBe(before.connection.externalId);
      expect(Date.parse(after.consentExpiresAt!) - w.sb.clock.now().getTime()).toBeGreaterThan(179 * DAY);
      expect(app.accounts.list()).toEqual(before.accounts);
      expect(app.transactions.count({})).toBeGreaterThanOrEqual(before.rows);
    });
    const later = await cli(['connections']);
    expect(later.stderr).not.toContain('--relink');
    // One grant left at the bank: the renewed-away session is closed.
    expect(w.sb.sessions().map((s) => s.status)).toEqual(['CLOSED', 'AUTHORIZED']);
  });
});

describe('the unattended allowance on the day of connecting', () => {
  it('counts the first sync, which the bank sees without PSU headers: the schedule stops before a 429', async () => {
    const code = await withApp((app) => loginCode(app, { bank: 'ING' }));
    const linked = await cli(['connect', 'enablebanking', '--code', code]);
    expect(linked.code, linked.stderr).toBe(0);
    const outcomes: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await cli(['sync', '--scheduled']);
      outcomes.push(/Scheduled sync: (.*)\./.exec(r.stdout + r.stderr)?.[1] ?? r.stderr);
    }
    // The bank allows 4 reads a day per account: the connect sync and three scheduled ones.
    expect(outcomes).toEqual([
      '1 synced, 0 skipped, 0 failed',
      '1 synced, 0 skipped, 0 failed',
      '1 synced, 0 skipped, 0 failed',
      '0 synced, 1 skipped, 0 failed',
    ]);
    expect(w.sb.requestLog.filter((r) => r.status === 429)).toEqual([]);
  });
});
