import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openApp } from '../../src/app.js';
import { parseConfig } from '../../src/config/index.js';
import type { SyncPage } from '../../src/providers/provider.js';
import { applyPage } from '../../src/sync/apply-page.js';
import { runCli } from '../helpers/trax.js';
import { saveTestConnection } from '../property/pending-fixture.js';
import { ACCOUNTS, txn } from '../property/sync-fixture.js';

/**
 * Two 25.00 reservations at the same café on two days, and one booking that could be either:
 * the sync does not guess, and `trax transactions` lists the booking with both candidates.
 */
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

it('a booking that could replace either of two reservations is listed for the user, not guessed', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'trax-pending-review-'));
  dirs.push(dataDir);
  const env = { TRAX_DATA_DIR: dataDir, TRAX_SECRET_KEY: 'ef'.repeat(32) };
  let now = new Date('2026-06-12T08:00:00Z');
  const app = openApp(parseConfig(env), { now: () => now });
  const connection = saveTestConnection(app, now, 'cred-review');
  const reservation = (key: string, day: string) => ({
    ...txn({ providerAccountId: 'acc-a', dedupeKey: key, bookingDate: day, amountMinor: -2500, description: 'CAFE CENTRAL' }),
    pending: true,
  });
  const sync = (page: Partial<SyncPage>) => {
    const runId = app.runs.start(connection.id, 'user', now.toISOString());
    applyPage(app, connection, runId, {
      accounts: ACCOUNTS,
      balances: [],
      upserts: [],
      pendingSnapshots: [],
      removed: [],
      state: {},
      warnings: [],
      ...page,
    });
  };
  sync({
    pendingSnapshots: [
      { providerAccountId: 'acc-a', rows: [reservation('pend-a', '2026-06-10'), reservation('pend-b', '2026-06-11')] },
    ],
  });
  now = new Date('2026-06-13T08:00:00Z');
  sync({
    upserts: [
      txn({
        providerAccountId: 'acc-a',
        dedupeKey: 'book-1',
        bookingDate: '2026-06-12',
        amountMinor: -2500,
        description: 'Cafe Central Wien',
      }),
    ],
    pendingSnapshots: [{ providerAccountId: 'acc-a', rows: [] }],
  });
  app.close();

  const r = await runCli(['transactions'], { ...env, TRAX_CLOCK: now.toISOString() });
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toContain('no category was carried over');
  const line = r.stdout.split('\n').find((l) => l.includes('could be:'))!;
  expect(line).toContain('2026-06-12');
  expect(line).toContain('Cafe Central Wien');
  expect(line).toContain('2026-06-10');
  expect(line).toContain('2026-06-11');
});
