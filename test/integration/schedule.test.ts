import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TrueLayerSandbox } from '../../src/sandbox/truelayer/index.js';
import { nextUtcMidnight, scheduledSyncAllowed } from '../../src/schedule/bank-limits.js';
import { syncHistory } from '../../src/schedule/history.js';
import { startScheduler, type Scheduler, type SchedulerEvents, type SchedulerOptions } from '../../src/schedule/scheduler.js';
import type { StoredConnection } from '../../src/store/connections.js';
import { readUsage } from '../../src/store/read-budget.js';
import { syncConnection } from '../../src/sync/engine.js';
import { connect, count, MOCK, ROOT, runCli, testApp, type TestApp, useSandboxApp } from '../helpers/trax.js';

let sb: TrueLayerSandbox;
let t: TestApp;
useSandboxApp((s, a) => ((sb = s), (t = a)));

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

/** A scheduler on the emulator's clock, logging into an array, notifications off. */
function scheduler(over: Partial<SchedulerOptions> = {}): {
  s: Scheduler;
  logs: string[];
  logged: (pattern: RegExp) => Promise<string>;
} {
  const logs: string[] = [];
  const waiting: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  const s = startScheduler(t.app, {
    schedule: '0 3 * * *',
    log: (m) => {
      logs.push(m);
      for (const w of waiting.splice(0))
        if (w.pattern.test(m)) w.resolve(m);
        else waiting.push(w);
    },
    jitterMs: 0,
    pollMs: 20,
    notify: { url: null },
    ...over,
  });
  /** The next log line matching `pattern`, as the scheduler writes it. */
  const logged = (pattern: RegExp) => new Promise<string>((resolve) => waiting.push({ pattern, resolve }));
  return { s, logs, logged };
}

/** The scheduler's next `event` for which `check` holds. */
function when<K extends keyof SchedulerEvents>(
  s: Scheduler,
  event: K,
  check: (e: SchedulerEvents[K]) => boolean = () => true,
): Promise<SchedulerEvents[K]> {
  return new Promise((resolve) => {
    const off = s.on(event, (e) => {
      if (!check(e)) return;
      off();
      resolve(e);
    });
  });
}

/** Resolves after the scheduler has looked at the clock `n` more times without anything being due. */
async function checks(s: Scheduler, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await when(s, 'checked');
}

const scheduledRuns = (id: string) =>
  count(t.app, `SELECT count(*) FROM sync_runs WHERE connection_id = ? AND trigger = 'schedule'`, id);

async function until(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs; // real time ok: a timeout for waiting on an event, not data under test
  while (!check()) {
    const late = Date.now() > end; // real time ok: same timeout
    if (late) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('scheduler', () => {
  it('fires when the schedule is due, then waits for the next one', async () => {
    const { connection } = await connect(t.app, sb);
    const { s, logs } = scheduler();
    try {
      await s.idle();
      expect(scheduledRuns(connection.id)).toBe(0); // synced at connect: nothing to catch up
      const due = s.nextRun()!;
      expect(due.getTime()).toBeGreaterThan(sb.clock.now().getTime());
      expect([due.getHours(), due.getMinutes()]).toEqual([3, 0]); // local time, like crontab
      const early = due.getTime() - MIN;
      sb.clock.advance(early - sb.clock.now().getTime());
      await when(s, 'checked', (e) => e.now.getTime() >= early); // it looked at the clock a minute early…
      expect(scheduledRuns(connection.id)).toBe(0); // …and did nothing yet
      const fired = when(s, 'fired');
      sb.clock.advance(MIN + 1000);
      const firing = await fired;
      expect(firing.due).toEqual(due);
      expect((await firing.pass).results[0]).toMatchObject({ connectionId: connection.id, action: 'synced' });
      await s.idle();
      expect(scheduledRuns(connection.id)).toBe(1);
      // 03:00 the next local day, whatever daylight saving did overnight.
      expect(s.nextRun()).toEqual(new Date(due.getFullYear(), due.getMonth(), due.getDate() + 1, 3, 0));
      expect(t.app.runs.recent(1)[0]).toMatchObject({ trigger: 'schedule', status: 'done' });
      // The log reports what the run stored (the emulator's day may have moved on: new rows are real).
      const run = t.app.runs.recent(1)[0]!;
      expect(logs).toContain(
        `schedule: ING (${connection.id}): ${run.added} new, ${run.modified} changed, ${run.removed} removed`,
      );
    } finally {
      await s.stop();
    }
    expect(s.nextRun()).toBeNull();
  });

  it('keeps to 4 unattended reads per account a day, never holds back the user, and resets a day later', async () => {
    const { connection } = await connect(t.app, sb);
    const accounts = t.app.accounts.list(connection.id).length;
    expect(accounts).toBe(2);
    expect(readUsage(t.app.db, connection.id, sb.clock.now()).used).toBe(0); // the first sync rides on the login
    const { s, logs } = scheduler();
    try {
      await s.idle();
      for (let i = 0; i < 4; i++) expect((await s.runOnce()).results[0]).toMatchObject({ action: 'synced' });
      expect(count(t.app, 'SELECT count(*) FROM bank_reads WHERE connection_id = ?', connection.id)).toBe(4 * accounts);
      sb.requestLog.length = 0;
      const fifth = (await s.runOnce()).results[0]!;
      expect(fifth).toMatchObject({ action: 'skipped', outcome: null });
      expect(fifth.reason).toContain('already read 4 times without you in the last 24 hours');
      expect(sb.requestLog.filter((r) => r.path.startsWith('/data/'))).toEqual([]); // the bank never saw it
      expect(logs.at(-1)).toMatch(
        new RegExp(`^schedule: skipped ING \\(${connection.id}\\): its accounts were already read 4 times`),
      );

      // "Sync now" in the web app: user present, the address goes to the bank, not counted.
      const web = await syncConnection(t.app, connection.id, { trigger: 'user', userIp: '203.0.113.7' });
      expect(web.status).toBe('done');
      expect(sb.requestLog.some((r) => r.path.endsWith('/transactions') && r.headers['x-psu-ip'] === '203.0.113.7')).toBe(true);
      // `trax sync` from the CLI: not held back either, but it has no address to send, so the bank counts it.
      sb.requestLog.length = 0;
      const cli = await runCli(['sync', '--connection', connection.id], t.env);
      expect(cli.code).toBe(0);
      expect(cli.stdout).toContain('✔ ING');
      const reads = sb.requestLog.filter((r) => r.path.endsWith('/transactions'));
      expect(reads.length).toBeGreaterThan(0);
      expect(reads.every((r) => r.headers['x-psu-ip'] === undefined)).toBe(true);
      expect(readUsage(t.app.db, connection.id, sb.clock.now()).used).toBe(5);

      // A cron-driven `trax sync --scheduled` keeps to the same budget.
      const cron = await runCli(['sync', '--scheduled', '--json'], t.env);
      expect(cron.code).toBe(0);
      expect(JSON.parse(cron.stdout).results[0]).toMatchObject({ connectionId: connection.id, action: 'skipped' });
      expect(cron.stderr).toContain('already read 5 times without you');

      sb.clock.advance(DAY + MIN);
      expect((await s.runOnce()).results[0]).toMatchObject({ action: 'synced' });
    } finally {
      await s.stop();
    }
  });

  it('backs off a connection after "too many requests" until the next UTC day', async () => {
    const { connection } = await connect(t.app, sb);
    const { s, logs } = scheduler();
    try {
      await s.idle();
      sb.faults.rateLimit(1, 3600); // Retry-After far beyond what a sync waits out
      const limited = (await s.runOnce()).results[0]!;
      expect(limited).toMatchObject({ action: 'failed' });
      expect(limited.outcome?.error?.code).toBe('rate_limited');
      const later = (await s.runOnce()).results[0]!;
      expect(later.action).toBe('skipped');
      const midnight = nextUtcMidnight(sb.clock.now());
      expect(later.reason).toContain(
        `leaves it alone until the bank's next day (${midnight.toISOString().slice(0, 16).replace('T', ' ')} UTC)`,
      );
      expect(logs.some((l) => l.includes('too many requests'))).toBe(true);
      // The user can still sync by hand.
      expect((await syncConnection(t.app, connection.id, { trigger: 'user', userIp: '203.0.113.7' })).status).toBe('done');
      sb.clock.advance(midnight.getTime() - sb.clock.now().getTime() - MIN);
      expect((await s.runOnce()).results[0]!.action).toBe('skipped');
      sb.clock.advance(2 * MIN);
      expect((await s.runOnce()).results[0]).toMatchObject({ action: 'synced' });
    } finally {
      await s.stop();
    }
  });

  it('catches up once at start-up after downtime', async () => {
    const { connection } = await connect(t.app, sb);
    const other = (await connect(t.app, sb, { providerId: MOCK })).connection;
    sb.clock.advance(3 * DAY);
    const first = scheduler();
    await first.s.idle();
    await checks(first.s, 3); // three more looks at the clock: no second run
    await first.s.stop();
    expect(scheduledRuns(connection.id)).toBe(1);
    expect(scheduledRuns(other.id)).toBe(1);
    expect(first.logs.some((l) => l.startsWith('catch-up: the schedule (0 3 * * *) last fired at'))).toBe(true);
    expect(first.logs.filter((l) => l.startsWith('catch-up: ') && / new, \d+ changed/.test(l)).length).toBe(2);

    // Restarted right away: everything is current, nothing to catch up.
    const second = scheduler();
    await second.s.idle();
    await second.s.stop();
    expect(scheduledRuns(connection.id)).toBe(1);
    expect(second.logs.some((l) => l.startsWith('catch-up'))).toBe(false);
  });

  it('pauses between connections, and stopping ends the pause', async () => {
    const ing = (await connect(t.app, sb)).connection;
    const other = (await connect(t.app, sb, { providerId: MOCK })).connection;
    const { s, logged } = scheduler({ jitterMs: 10 * MIN });
    await s.idle();
    const firstSynced = logged(new RegExp(`^schedule: ING \\(${ing.id}\\): \\d+ new`));
    const stopped = when(s, 'stopped');
    const pass = s.runOnce();
    await firstSynced;
    // A pause that stop() did not end would hold it for up to 10 minutes, far past the test's timeout.
    await s.stop();
    await stopped;
    expect((await pass).results[1]).toMatchObject({ connectionId: other.id, action: 'skipped', reason: 'the scheduler stopped' });
    expect(scheduledRuns(other.id)).toBe(0);
  });

  it('skips a connection another process is syncing, and `trax sync` skips one the scheduler is syncing', async () => {
    const { connection } = await connect(t.app, sb);
    const { s, logs } = scheduler();
    let holder: ChildProcess | undefined;
    try {
      await s.idle();
      // Another Trax process holds the sync lease for this connection.
      holder = holdLease(t.dataDir, `sync:${connection.id}`);
      await new Promise<void>((resolve, reject) => {
        holder!.stdout!.on('data', (d: Buffer) => d.toString().includes('held') && resolve());
        holder!.once('exit', (code) => reject(new Error(`lease holder exited with ${code}`)));
      });
      const busy = (await s.runOnce()).results[0]!;
      expect(busy).toMatchObject({ action: 'skipped' });
      expect(busy.reason).toContain(`ING is already being synced by another Trax process (`);
      expect(busy.reason).toContain(`:${holder.pid}); this run skipped it.`);
      expect(logs.at(-1)).toContain(
        `schedule: ING (${connection.id}): skipped: ING is already being synced by another Trax process`,
      );
      expect(scheduledRuns(connection.id)).toBe(0);
      await new Promise<void>((resolve) => {
        holder!.once('exit', () => resolve());
        holder!.kill();
      });
      holder = undefined;
      // Its holder is gone: the lease is taken over at once.
      expect((await s.runOnce()).results[0]).toMatchObject({ action: 'synced' });

      // Now the scheduler is mid-sync (waiting out a 3 s Retry-After) when the CLI and "Sync now" start.
      sb.faults.rateLimit(1, 3);
      const pass = s.runOnce();
      await until('the scheduler to take the lease', () => t.app.locks.holder(`sync:${connection.id}`) === t.app.locks.owner);
      const cli = await runCli(['sync', '--connection', connection.id], t.env);
      const inProcess = await syncConnection(t.app, connection.id, { trigger: 'user' });
      expect((await pass).results[0]).toMatchObject({ action: 'synced' });
      expect(cli.code).toBe(0);
      expect(cli.stdout).toContain(
        `• ING (${connection.id}): skipped — ING is already being synced by another Trax process (${t.app.locks.owner}); this run skipped it.`,
      );
      expect(inProcess).toMatchObject({ status: 'skipped', error: { code: 'busy' } });
      // Exactly one sync ran in that window.
      expect(count(t.app, `SELECT count(*) FROM sync_runs WHERE connection_id = ? AND trigger = 'user'`, connection.id)).toBe(0);
    } finally {
      holder?.kill();
      await s.stop();
    }
  });

  it('leaves Plaid connections with webhooks to the webhooks, with a daily safety net', async () => {
    const plaid = await testApp(sb, {
      PLAID_CLIENT_ID: 'id',
      PLAID_SECRET: 'secret',
      PLAID_WEBHOOK_URL: 'https://trax.example.com/webhooks/plaid',
    });
    const noHooks = await testApp(sb, { PLAID_CLIENT_ID: 'id', PLAID_SECRET: 'secret' });
    try {
      const now = sb.clock.now();
      const item = (lastSyncedAt: string | null): StoredConnection => ({
        id: 'pl-1',
        provider: 'plaid',
        environment: 'sandbox',
        externalId: 'item',
        institutionId: 'ins_1',
        institutionName: 'Royal Bank of Plaid',
        institutionLogo: null,
        institutionColor: null,
        status: 'active',
        consentCreatedAt: null,
        consentExpiresAt: null,
        createdAt: now.toISOString(),
        lastSyncedAt,
        lastError: null,
        sealedSecrets: 's',
        syncState: {},
      });
      const recent = item(new Date(now.getTime() - 5 * 3600_000).toISOString());
      const stale = item(new Date(now.getTime() - DAY - MIN).toISOString());
      const skipped = scheduledSyncAllowed(plaid.app, recent, now);
      expect(skipped.ok).toBe(false);
      expect(!skipped.ok && skipped.reason).toContain('Plaid announces new transactions by webhook (PLAID_WEBHOOK_URL)');
      expect(scheduledSyncAllowed(plaid.app, stale, now)).toEqual({ ok: true });
      expect(scheduledSyncAllowed(plaid.app, item(null), now)).toEqual({ ok: true });
      expect(scheduledSyncAllowed(noHooks.app, recent, now)).toEqual({ ok: true });
    } finally {
      plaid.cleanup();
      noHooks.cleanup();
    }
  });

  it('does not sync a connection that needs a new login', async () => {
    const { connection } = await connect(t.app, sb);
    sb.faults.expireConsent();
    expect((await syncConnection(t.app, connection.id, { trigger: 'user' })).error?.code).toBe('needs_reauth');
    const { s } = scheduler();
    try {
      const r = (await s.runOnce()).results[0]!;
      expect(r.action).toBe('skipped');
      expect(r.reason).toContain('needs you to log in at the bank again');
    } finally {
      await s.stop();
    }
  });

  it('refuses a bad TRAX_SYNC_SCHEDULE at start with a sentence', () => {
    const before = process.env.TRAX_SYNC_SCHEDULE;
    process.env.TRAX_SYNC_SCHEDULE = 'nightly';
    try {
      expect(() => startScheduler(t.app, { log: () => {}, notify: { url: null } })).toThrow(
        /^TRAX_SYNC_SCHEDULE "nightly" is not a cron expression/,
      );
    } finally {
      if (before === undefined) delete process.env.TRAX_SYNC_SCHEDULE;
      else process.env.TRAX_SYNC_SCHEDULE = before;
    }
  });
});

describe('sync history', () => {
  it('lists recent runs per connection with trigger, counts and errors', async () => {
    const ing = (await connect(t.app, sb)).connection;
    const mock = (await connect(t.app, sb, { providerId: MOCK })).connection;
    sb.faults.serverError(10, 503);
    await syncConnection(t.app, ing.id, { trigger: 'user' });
    sb.faults.reset();
    await syncConnection(t.app, ing.id, { trigger: 'schedule' });

    const rows = syncHistory(t.app);
    expect(rows.map((r) => [r.connectionId, r.trigger, r.status])).toEqual([
      [ing.id, 'schedule', 'done'],
      [ing.id, 'user', 'failed'],
      [ing.id, 'connect', 'done'],
      [mock.id, 'connect', 'done'],
    ]);
    expect(rows[1]).toMatchObject({ institution: 'ING', errorCode: 'provider_down' });
    expect(rows[1]!.error).toMatch(/\.$/);
    expect(rows[2]!.added).toBeGreaterThan(100);
    expect(rows.every((r) => r.durationMs !== null && r.durationMs >= 0)).toBe(true);
    expect(syncHistory(t.app, { connectionId: ing.id, limit: 1 }).map((r) => r.trigger)).toEqual(['schedule']);
    expect(() => syncHistory(t.app, { connectionId: 'tl-nope' })).toThrow(
      'There is no connection tl-nope; run `trax connections` to see the ids.',
    );

    const json = await runCli(['sync', '--history', '--json', '--connection', ing.id, '--limit', '2'], t.env);
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as Array<{ trigger: string }>).map((r) => r.trigger)).toEqual(['schedule', 'user']);
    const text = await runCli(['sync', '--history'], t.env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`ING (${ing.id})`);
    expect(text.stdout).toContain(`Mock (${mock.id})`);
    expect(text.stdout).toMatch(/failed\s*│\s*user\s*│\s*0\s*│\s*0\s*│\s*0\s*│\s*TrueLayer GET \/accounts/);
    const bad = await runCli(['sync', '--history', '--limit', 'lots'], t.env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--limit "lots" is not a number of runs');
  });
});

/** A separate Node process that takes a Trax sync lease the way Trax does, and keeps it. */
function holdLease(dataDir: string, name: string): ChildProcess {
  const script = `
    import { openDatabase } from ${JSON.stringify(path.join(ROOT, 'dist/src/store/db.js'))};
    import { LockStore } from ${JSON.stringify(path.join(ROOT, 'dist/src/store/locks.js'))};
    const locks = new LockStore(openDatabase(${JSON.stringify(dataDir)}));
    if (!locks.tryAcquire(${JSON.stringify(name)}, 600000)) process.exit(3);
    console.log('held');
    setInterval(() => {}, 1000);`;
  return spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
}
