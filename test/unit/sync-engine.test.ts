/**
 * The sync engine over a real SQLite file, with a fake bank handed in through
 * `SyncOptions.connector`: which connections it skips and why, what a finished or failed run
 * leaves in the store, and which errors stop the whole command.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openApp, type App } from '../../src/app.js';
import { parseConfig } from '../../src/config/index.js';
import { ProviderError, TraxError } from '../../src/domain/errors.js';
import type { BankConnector, SyncPage, SyncRequest } from '../../src/providers/provider.js';
import { setMeta } from '../../src/schedule/meta.js';
import type { StoredConnection } from '../../src/store/connections.js';
import { syncAll, syncConnection, type SyncOutcome } from '../../src/sync/engine.js';
import { ACCOUNTS, page, txn } from '../property/sync-fixture.js';

const NOW = new Date('2025-03-30T01:30:00Z');
const TRUELAYER = { TRUELAYER_CLIENT_ID: 'sandbox-trax', TRUELAYER_CLIENT_SECRET: 'secret' };

const open: Array<{ app: App; dir: string }> = [];
afterEach(() => {
  for (const { app, dir } of open.splice(0)) {
    app.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

function openStore(env: Record<string, string> = TRUELAYER): App {
  const dir = mkdtempSync(path.join(tmpdir(), 'trax-engine-'));
  const app = openApp(parseConfig({ TRAX_DATA_DIR: dir, TRAX_SECRET_KEY: 'ab'.repeat(32), ...env }), { now: () => NOW });
  open.push({ app, dir });
  return app;
}

function connect(app: App, name: string | null = 'Bank', provider: 'truelayer' | 'plaid' = 'truelayer'): StoredConnection {
  return app.connections.save(
    {
      provider,
      environment: 'sandbox',
      externalId: `cred-${name}`,
      institutionId: `bank-${name}`,
      institutionName: name,
      institutionLogo: null,
      consentCreatedAt: null,
      consentExpiresAt: null,
      sealedSecrets: 'x',
    },
    NOW.toISOString(),
  );
}

/** A bank that serves the given pages (or throws), recording what it was asked. */
function bank(pages: SyncPage[], fail?: Error): BankConnector & { requests: SyncRequest[] } {
  const requests: SyncRequest[] = [];
  return {
    requests,
    async *pages(request) {
      requests.push(request);
      request.onProgress?.('reading');
      for (const p of pages) yield p;
      if (fail) throw fail;
    },
    async revoke() {},
  };
}

const coffee = txn({
  providerAccountId: 'acc-a',
  dedupeKey: 'c1',
  bookingDate: '2025-03-01',
  amountMinor: -240,
  description: 'VISA TESCO STORES 3012',
});
const salary = txn({
  providerAccountId: 'acc-a',
  dedupeKey: 's1',
  bookingDate: '2025-03-02',
  amountMinor: 250000,
  description: 'Salary',
});
const rent = txn({
  providerAccountId: 'acc-b',
  dedupeKey: 'r1',
  bookingDate: '2025-03-03',
  amountMinor: -90000,
  description: 'Miete',
});

const rows = (app: App) =>
  app.db
    .prepare('SELECT dedupe_key, amount_minor, category_id IS NOT NULL AS categorized FROM transactions ORDER BY dedupe_key')
    .all();

describe('a sync that finishes', () => {
  it('stores every page, counts it, keeps the warnings, categorizes and marks the run and the connection done', async () => {
    const app = openStore();
    const c = connect(app);
    app.connections.setSyncState(c.id, { cursor: 'from-last-time' }, NOW.toISOString());
    const progress: string[] = [];
    const fake = bank([
      { ...page([coffee, salary], { cursor: 1 }), warnings: ['first page was short'] },
      { ...page([rent], { cursor: 2 }), warnings: ['second'] },
    ]);
    const outcome = await syncConnection(app, c.id, {
      trigger: 'schedule',
      connector: fake,
      onProgress: (id, m) => progress.push(`${id}:${m}`),
    });
    expect(outcome).toEqual({
      connectionId: c.id,
      institution: 'Bank',
      status: 'done',
      added: 3,
      modified: 0,
      removed: 0,
      runId: expect.any(Number) as number,
      warnings: ['first page was short', 'second'],
      error: null,
    });
    expect(rows(app)).toEqual([
      { dedupe_key: 'c1', amount_minor: -240, categorized: 1 },
      { dedupe_key: 'r1', amount_minor: -90000, categorized: 1 },
      { dedupe_key: 's1', amount_minor: 250000, categorized: 1 },
    ]);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ state: { cursor: 'from-last-time' }, userIp: null });
    expect(fake.requests[0]!.now.toISOString()).toBe(NOW.toISOString());
    expect(progress).toEqual([`${c.id}:reading`]);
    const run = app.runs.get(outcome.runId!)!;
    expect(run).toMatchObject({ status: 'done', trigger: 'schedule', added: 3, finishedAt: NOW.toISOString(), errorCode: null });
    const after = app.connections.get(c.id)!;
    expect(after).toMatchObject({ status: 'active', lastSyncedAt: NOW.toISOString(), lastError: null, syncState: { cursor: 2 } });
    // The lease is given back: the next sync runs.
    expect((await syncConnection(app, c.id, { trigger: 'user', connector: bank([]) })).status).toBe('done');
  });

  it("a second sync of the same rows counts them as neither added nor modified; the user's IP reaches the bank", async () => {
    const app = openStore();
    const c = connect(app);
    await syncConnection(app, c.id, { trigger: 'user', connector: bank([page([coffee], {})]) });
    const fake = bank([page([coffee, { ...salary }], {})]);
    const again = await syncConnection(app, c.id, { trigger: 'user', userIp: '203.0.113.7', connector: fake });
    expect(again).toMatchObject({ status: 'done', added: 1, modified: 0, removed: 0 });
    expect(fake.requests[0]!.userIp).toBe('203.0.113.7');
    const removed = await syncConnection(app, c.id, {
      trigger: 'user',
      connector: bank([
        { ...page([{ ...coffee, amountMinor: -250 }], {}), removed: [{ providerAccountId: 'acc-a', dedupeKey: 's1' }] },
      ]),
    });
    expect(removed).toMatchObject({ added: 0, modified: 1, removed: 1 });
  });

  it('a connection without an institution name is named by its provider', async () => {
    const app = openStore();
    const c = connect(app, null);
    const outcome = await syncConnection(app, c.id, { trigger: 'user', connector: bank([]) });
    expect(outcome.institution).toBe('truelayer');
  });
});

describe('connections a sync skips, untouched', () => {
  it('an unknown id is an error that names the command listing the ids', async () => {
    const app = openStore();
    await expect(syncConnection(app, 'tl-nope', { trigger: 'user', connector: bank([]) })).rejects.toMatchObject({
      code: 'not_found',
      message: 'There is no connection tl-nope; run `trax connections` to see the ids.',
    });
  });

  it('a disconnected bank', async () => {
    const app = openStore();
    const c = connect(app);
    app.connections.revoke(c.id, NOW.toISOString());
    const fake = bank([page([coffee], {})]);
    const outcome = await syncConnection(app, c.id, { trigger: 'user', connector: fake });
    expect(outcome).toMatchObject({
      status: 'skipped',
      runId: null,
      error: { code: 'revoked', message: 'Bank was disconnected; connect it again to sync.' },
    });
    expect(fake.requests).toHaveLength(0);
    expect(app.runs.recent()).toEqual([]);
  });

  it('a statement-file connection, with the hint to import a newer file', async () => {
    const app = openStore();
    const c = app.connections.createFileConnection('Sparkasse', NOW.toISOString());
    const outcome = await syncConnection(app, c.id, { trigger: 'user', connector: bank([]) });
    expect(outcome.status).toBe('skipped');
    expect(outcome.error?.code).toBe('not_synced');
    expect(outcome.error?.message).toContain('trax import FILE');
  });

  it('a provider without credentials', async () => {
    const app = openStore({});
    const c = connect(app);
    const fake = bank([page([coffee], {})]);
    const outcome = await syncConnection(app, c.id, { trigger: 'user', connector: fake });
    expect(outcome.status).toBe('skipped');
    expect(outcome.error?.code).toBe('not_configured');
    expect(outcome.error?.message).toContain('TrueLayer is not configured');
    expect(fake.requests).toHaveLength(0);
    expect(rows(app)).toEqual([]);
  });

  it('a demo connection whose emulator is not this one', async () => {
    const app = openStore();
    const c = connect(app);
    setMeta(app.db, 'demo_connections', JSON.stringify({ [c.id]: 'http://127.0.0.1:1' }));
    const outcome = await syncConnection(app, c.id, { trigger: 'user', connector: bank([]) });
    expect(outcome.status).toBe('skipped');
    expect(outcome.error?.code).toBe('demo_connection');
  });

  it('a connection this process is already syncing, and one another process holds', async () => {
    const app = openStore();
    const c = connect(app);
    expect(app.locks.tryAcquire(`sync:${c.id}`, 60_000)).toBe(true);
    const fake = bank([page([coffee], {})]);
    const mine = await syncConnection(app, c.id, { trigger: 'user', connector: fake });
    expect(mine).toMatchObject({
      status: 'skipped',
      error: {
        code: 'busy',
        message: 'Bank is already being synced in this Trax process (a schedule, a webhook or "Sync now"); this run skipped it.',
      },
    });
    expect(fake.requests).toHaveLength(0);
    // Held by a live process on another host: named, and still skipped.
    app.db.prepare('UPDATE locks SET owner = ? WHERE name = ?').run('elsewhere:1', `sync:${c.id}`);
    const theirs = await syncConnection(app, c.id, { trigger: 'user', connector: fake });
    expect(theirs.error?.message).toBe(
      'Bank is already being synced by another Trax process (elsewhere:1); this run skipped it.',
    );
    expect(app.runs.recent()).toEqual([]);
  });
});

describe('a sync that fails', () => {
  it('a provider error fails this connection only: the rows before it stay, the run and the connection say why', async () => {
    const app = openStore();
    const c = connect(app);
    const fake = bank([page([coffee], { cursor: 1 })], new ProviderError('provider_down', 'The bank is down.'));
    const outcome = await syncConnection(app, c.id, { trigger: 'user', connector: fake });
    expect(outcome).toMatchObject({
      status: 'failed',
      added: 1,
      error: { code: 'provider_down', message: 'The bank is down.' },
    });
    expect(app.runs.get(outcome.runId!)).toMatchObject({
      status: 'failed',
      errorCode: 'provider_down',
      error: 'The bank is down.',
    });
    expect(app.connections.get(c.id)).toMatchObject({
      status: 'error',
      lastError: 'The bank is down.',
      syncState: { cursor: 1 },
    });
    expect(rows(app)).toHaveLength(1);
    expect(app.locks.holder(`sync:${c.id}`)).toBeNull();
  });

  it('an expired consent marks the connection needs_reauth and says how to relink', async () => {
    const app = openStore();
    const c = connect(app);
    const fake = bank([], new ProviderError('needs_reauth', 'The consent expired.'));
    const outcome = await syncConnection(app, c.id, { trigger: 'user', connector: fake });
    const message = `The consent expired. Reconnect with \`trax connect truelayer --relink ${c.id}\` (or Relink in \`trax serve\`); your history is kept.`;
    expect(outcome.error).toEqual({ code: 'needs_reauth', message });
    expect(app.connections.get(c.id)).toMatchObject({ status: 'needs_reauth', lastError: message });
  });

  it('a usage error from the bank side fails the connection with its code', async () => {
    const app = openStore();
    const c = connect(app);
    const outcome = await syncConnection(app, c.id, { trigger: 'user', connector: bank([], new TraxError('usage', 'No.')) });
    expect(outcome.error).toEqual({ code: 'usage', message: 'No.' });
    expect(app.connections.get(c.id)!.status).toBe('error');
  });

  it.each([
    'config_invalid',
    'secret_key_mismatch',
    'secret_key_invalid',
    'database_locked',
    'disk_full',
    'database_error',
  ] as const)('%s stops the whole command, with the run marked failed', async (code) => {
    const app = openStore();
    const c = connect(app);
    await expect(
      syncConnection(app, c.id, { trigger: 'user', connector: bank([], new TraxError(code, 'Stop.')) }),
    ).rejects.toThrow('Stop.');
    expect(app.runs.recent()).toMatchObject([{ status: 'failed', errorCode: code, error: 'TraxError: Stop.' }]);
    expect(app.connections.get(c.id)!.status).toBe('active');
    expect(app.locks.holder(`sync:${c.id}`)).toBeNull();
  });

  it('a bug (not a TraxError) stops the command too, recorded as a bug', async () => {
    const app = openStore();
    const c = connect(app);
    await expect(syncConnection(app, c.id, { trigger: 'user', connector: bank([], new RangeError('oops')) })).rejects.toThrow(
      'oops',
    );
    expect(app.runs.recent()).toMatchObject([{ status: 'failed', errorCode: 'bug', error: 'RangeError: oops' }]);
  });
});

describe('syncAll', () => {
  it('syncs every live bank in order, reports each as it finishes, and passes revoked and file connections by', async () => {
    const app = openStore();
    const a = connect(app, 'Alpha');
    const gone = connect(app, 'Gone');
    app.connections.revoke(gone.id, NOW.toISOString());
    app.connections.createFileConnection('Files', NOW.toISOString());
    const b = connect(app, 'Beta');
    const seen: SyncOutcome[] = [];
    const fake = bank([page([coffee], {})]);
    const outcomes = await syncAll(app, { trigger: 'schedule', connector: fake, onOutcome: (o) => seen.push(o) });
    const ids = app.connections
      .list()
      .filter((c) => c.id === a.id || c.id === b.id)
      .map((c) => c.id);
    expect(outcomes.map((o) => o.connectionId)).toEqual(ids);
    expect(outcomes.map((o) => o.status)).toEqual(['done', 'done']);
    expect(seen).toEqual(outcomes);
    expect(ACCOUNTS).toHaveLength(2);
  });

  it('works without an onOutcome callback', async () => {
    const app = openStore();
    connect(app);
    expect((await syncAll(app, { trigger: 'user', connector: bank([]) })).map((o) => o.status)).toEqual(['done']);
  });
});

describe('the sync lease', () => {
  it('holds for 30 minutes: a second sync 29 minutes into the first is skipped, one after 31 minutes runs', async () => {
    const app = openStore();
    const c = connect(app);
    // The lease is on the machine's clock (it is shared between processes); pin it.
    const t0 = Date.parse('2025-03-30T01:30:00Z');
    // A fresh module, so the lease length is read again (Stryker's static mutants need that).
    vi.resetModules();
    const { syncConnection } = await import('../../src/sync/engine.js');
    const clock = vi.spyOn(Date, 'now').mockReturnValue(t0);
    try {
      const inner: SyncOutcome[] = [];
      const slow: BankConnector = {
        async *pages() {
          clock.mockReturnValue(t0 + 29 * 60_000);
          inner.push(await syncConnection(app, c.id, { trigger: 'schedule', connector: bank([]) }));
          clock.mockReturnValue(t0 + 31 * 60_000);
          inner.push(await syncConnection(app, c.id, { trigger: 'schedule', connector: bank([]) }));
        },
        async revoke() {},
      };
      await syncConnection(app, c.id, { trigger: 'user', connector: slow });
      expect(inner.map((o) => o.status)).toEqual(['skipped', 'done']);
      expect(inner[0]!.error?.code).toBe('busy');
    } finally {
      clock.mockRestore();
    }
  });
});
