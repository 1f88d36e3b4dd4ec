import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrueLayerSandbox } from '../../src/sandbox/truelayer/index.js';
import { CLI, connect, MOCK, runCli, sandbox, testApp, type TestApp } from '../helpers/trax.js';

/**
 * The sync contract under fire: a `trax sync` process killed with SIGKILL at a random instant
 * must leave every account either untouched or complete (its page and resume state commit
 * together), and the next sync must converge to exactly the rows a clean sync produces.
 */
const TRIALS = 20;
let sb: TrueLayerSandbox;
let t: TestApp;
let expected: Map<number, string[]>;

function rowsByAccount(db: Database.Database): Map<number, string[]> {
  const rows = db
    .prepare(
      `SELECT account_id, dedupe_key || '|' || booking_date || '|' || amount_minor || '|' || description || '|' || pending AS r FROM transactions ORDER BY 1, 2`,
    )
    .all() as Array<{ account_id: number; r: string }>;
  const out = new Map<number, string[]>();
  for (const { account_id, r } of rows) out.set(account_id, [...(out.get(account_id) ?? []), r]);
  return out;
}

/** Back to "connected, never synced": the next sync is a full deep pull with real work to kill. */
function resetToUnsynced(): void {
  t.app.db.exec(`DELETE FROM transactions; DELETE FROM balances; UPDATE connections SET sync_state = '{}'`);
}

async function firstRequestAfter(n: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (sb.requestLog.length <= n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 1));
}

beforeAll(async () => {
  const noon = new Date();
  noon.setUTCHours(12, 0, 0, 0);
  // A long SCA window so every trial may pull deep history, as right after a login.
  sb = await sandbox({ now: noon, scaWindowMs: 24 * 3600_000 });
  t = await testApp(sb);
  await connect(t.app, sb);
  await connect(t.app, sb, { providerId: MOCK });
  expected = rowsByAccount(t.app.db);
});
afterAll(async () => {
  t.cleanup();
  await sb.close();
});

describe('a sync killed at a random moment', () => {
  it(`leaves whole pages and converges on re-sync (${TRIALS} kill -9 trials)`, async () => {
    resetToUnsynced();
    const t0 = Date.now();
    const logged = sb.requestLog.length;
    const full = runCli(['sync'], t.env);
    await firstRequestAfter(logged);
    const startupMs = Date.now() - t0;
    const done = await full;
    const fullMs = Date.now() - t0;
    const syncMs = fullMs - startupMs;
    expect(done.code, done.stderr).toBe(0);
    expect(rowsByAccount(t.app.db)).toEqual(expected);

    const accountIds = [...expected.keys()];
    const outcomes = { untouched: 0, partial: 0, complete: 0 };
    for (let trial = 0; trial < TRIALS; trial++) {
      resetToUnsynced();
      const child = spawn(process.execPath, [CLI, 'sync'], {
        env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...t.env },
        stdio: 'ignore',
      });
      const exited = new Promise((r) => child.on('exit', r));
      // Half the trials die anywhere (start-up included); half while talking to the bank.
      if (trial % 2) await firstRequestAfter(sb.requestLog.length);
      await new Promise((r) => setTimeout(r, Math.random() * (trial % 2 ? syncMs : fullMs)));
      child.kill('SIGKILL');
      await exited;

      const db = new Database(path.join(t.dataDir, 'trax.sqlite'));
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const state = (db.prepare(`SELECT sync_state FROM connections`).pluck().all() as string[]).map(
          (s) => JSON.parse(s) as { accounts?: object },
        );
        const synced = state.reduce((n, s) => n + Object.keys(s.accounts ?? {}).length, 0);
        const got = rowsByAccount(db);
        let complete = 0;
        for (const id of accountIds) {
          const rows = got.get(id) ?? [];
          // Each account is all or nothing: never half a page.
          if (rows.length) {
            expect(rows).toEqual(expected.get(id));
            complete++;
          }
        }
        // Resume state and rows commit together: as many accounts marked synced as have rows
        // (accounts without any transactions count as synced once their page landed).
        const empty = accountIds.filter((id) => !(expected.get(id) ?? []).length).length;
        expect(synced).toBeGreaterThanOrEqual(complete);
        expect(synced).toBeLessThanOrEqual(complete + empty);
        if (complete === 0) outcomes.untouched++;
        else if (complete === accountIds.filter((id) => expected.get(id)?.length).length) outcomes.complete++;
        else outcomes.partial++;
      } finally {
        db.close();
      }

      const again = await runCli(['sync'], t.env);
      expect(again.code, again.stdout + again.stderr).toBe(0);
      expect(rowsByAccount(t.app.db)).toEqual(expected);
    }
    console.log(`kill -9 trials: ${JSON.stringify(outcomes)} (sync ${syncMs} ms after ${startupMs} ms start-up)`);
    expect(outcomes.untouched + outcomes.partial + outcomes.complete).toBe(TRIALS);
  }, 120_000);
});
