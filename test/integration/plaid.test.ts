import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectPlaidSandbox, connectPlaidWithPublicToken } from '../../src/connections/connect-plaid.js';
import { PlaidClient, sandboxPublicToken } from '../../src/providers/plaid/index.js';
import type { PlaidSandbox } from '../../src/sandbox/plaid/index.js';
import type { TrueLayerSandbox } from '../../src/sandbox/truelayer/index.js';
import { syncConnection } from '../../src/sync/engine.js';
import { plaidEnv, plaidSandbox } from '../helpers/plaid.js';
import { count, runCli, sandbox, snapshot, testApp, type TestApp } from '../helpers/trax.js';

let plaid: PlaidSandbox;
let tl: TrueLayerSandbox;
let t: TestApp;

beforeEach(async () => {
  plaid = await plaidSandbox();
  tl = await sandbox();
  t = await testApp(tl, plaidEnv(plaid));
});
afterEach(async () => {
  t.cleanup();
  await plaid.close();
  await tl.close();
});

const itemOf = (id: string) => t.app.connections.get(id)!.externalId;
const sync = (id: string) => syncConnection(t.app, id, { trigger: 'user' });

describe('Plaid', () => {
  it('links a sandbox Item from the CLI and pulls its history', async () => {
    const r = await runCli(['connect', 'plaid', '--sandbox', 'ins_109508'], t.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Connected First Platypus Bank as pl-[0-9a-f]{6}/);
    const list = await runCli(['connections', '--json'], t.env);
    const [c] = JSON.parse(list.stdout) as Array<{ provider: string; institution: string; accounts: number; status: string }>;
    expect(c).toMatchObject({ provider: 'plaid', institution: 'First Platypus Bank', status: 'active' });
    expect(c!.accounts).toBeGreaterThan(0);
    expect(count(t.app, 'SELECT count(*) FROM transactions')).toBeGreaterThan(200);
    const stored = t.app.connections.list()[0]!;
    expect(stored.institutionLogo).toMatch(/^data:image\/png;base64,/);
    expect(stored.institutionColor).toBe('#1f1f1f');
  });

  it('refuses --sandbox outside PLAID_ENV=sandbox and explains the retired development env', async () => {
    const prod = await runCli(['connect', 'plaid', '--sandbox', 'ins_109508'], { ...t.env, PLAID_ENV: 'production' });
    expect(prod.code).toBe(2);
    expect(prod.stderr).toContain('only works with PLAID_ENV=sandbox');
    const dev = await runCli(['connections'], { ...t.env, PLAID_ENV: 'development' });
    expect(dev.code).toBe(1);
    expect(dev.stderr).toContain('Plaid retired "development" in 2024');
  });

  it('flips Plaid’s sign once: money out is negative in Trax', async () => {
    await connectPlaidSandbox(t.app, 'ins_109508');
    const rows = t.app.db.prepare(`SELECT amount_minor, raw FROM transactions LIMIT 200`).all() as Array<{
      amount_minor: number;
      raw: string;
    }>;
    for (const r of rows) {
      const plaidAmount = (JSON.parse(r.raw) as { amount: number }).amount;
      expect(r.amount_minor).toBe(-Math.round(plaidAmount * 100));
    }
    expect(rows.some((r) => r.amount_minor < 0) && rows.some((r) => r.amount_minor > 0)).toBe(true);
  });

  it('changes nothing on a second sync', async () => {
    const { connection } = await connectPlaidSandbox(t.app, 'ins_109508');
    const before = snapshot(t.app);
    expect(await sync(connection.id)).toMatchObject({ status: 'done', added: 0, modified: 0, removed: 0 });
    expect(snapshot(t.app)).toEqual(before);
  });

  it('leaves one row when a pending transaction posts', async () => {
    const { connection } = await connectPlaidSandbox(t.app, 'ins_109508');
    const pending = count(t.app, 'SELECT count(*) FROM transactions WHERE pending = 1');
    expect(pending).toBeGreaterThan(0);
    const total = count(t.app, 'SELECT count(*) FROM transactions');
    plaid.postPending(itemOf(connection.id));
    const r = await sync(connection.id);
    expect(r.status).toBe('done');
    expect(r.removed).toBe(pending);
    expect(count(t.app, 'SELECT count(*) FROM transactions WHERE pending = 1')).toBe(0);
    expect(count(t.app, 'SELECT count(*) FROM transactions')).toBe(total);
    const posted = t.app.db
      .prepare(`SELECT count(*) FROM transactions WHERE json_extract(raw, '$.pending_transaction_id') IS NOT NULL`)
      .pluck()
      .get() as number;
    expect(posted).toBe(pending);
  });

  it('restarts the whole update from its first cursor when data changes mid-pagination', async () => {
    const { connection } = await connectPlaidSandbox(t.app, 'ins_109508');
    plaid.addActivity(itemOf(connection.id), { added: 1200 });
    plaid.faults.mutationDuringPagination(1);
    const log = plaid.requestLog.length;
    const r = await sync(connection.id);
    expect(r).toMatchObject({ status: 'done', added: 1200 });
    const calls = plaid.requestLog.slice(log).filter((e) => e.path === '/transactions/sync');
    expect(calls.some((c) => c.errorCode === 'TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION')).toBe(true);
    expect(calls.length).toBeGreaterThanOrEqual(4);
    expect(
      count(t.app, 'SELECT count(*) FROM (SELECT dedupe_key FROM transactions GROUP BY dedupe_key HAVING count(*) > 1)'),
    ).toBe(0);
    expect((await sync(connection.id)).added).toBe(0);
  });

  it('treats an empty next_cursor as "not ready yet", not as an error', async () => {
    const { connection } = await connectPlaidSandbox(t.app, 'ins_109508');
    plaid.addActivity(itemOf(connection.id), { added: 3 });
    plaid.faults.notReady(itemOf(connection.id), 1);
    const r = await sync(connection.id);
    expect(r.status).toBe('done');
    expect(r.added).toBe(0);
    expect(r.warnings.join(' ')).toContain('still preparing');
    expect((await sync(connection.id)).added).toBe(3);
  });

  it('marks ITEM_LOGIN_REQUIRED and expired consent needs_reauth, with the way to fix it', async () => {
    const { connection } = await connectPlaidSandbox(t.app, 'ins_117650');
    expect(t.app.connections.get(connection.id)!.consentExpiresAt).not.toBeNull();
    plaid.resetLogin(itemOf(connection.id));
    const r = await sync(connection.id);
    expect(r.error).toMatchObject({ code: 'needs_reauth' });
    expect(r.error!.message).toContain('ITEM_LOGIN_REQUIRED');
    expect(r.error!.message).toContain('Relink it in the web app');
    expect(t.app.connections.get(connection.id)!.status).toBe('needs_reauth');

    const other = await connectPlaidSandbox(t.app, 'ins_116834');
    plaid.expireConsent(itemOf(other.connection.id));
    expect((await sync(other.connection.id)).error).toMatchObject({ code: 'needs_reauth' });
  });

  it('refuses to link the same institution twice', async () => {
    await connectPlaidSandbox(t.app, 'ins_109508');
    await expect(connectPlaidSandbox(t.app, 'ins_109508')).rejects.toThrow(
      /First Platypus Bank is already linked as pl-[0-9a-f]{6}; use Relink/,
    );
    expect(count(t.app, 'SELECT count(*) FROM connections')).toBe(1);
  });

  it('refuses a replayed public_token with a sentence', async () => {
    const client = new PlaidClient(t.app.config.plaid!, t.app.http);
    const token = await sandboxPublicToken(client, 'ins_109508');
    await connectPlaidWithPublicToken(t.app, token);
    await expect(connectPlaidWithPublicToken(t.app, token)).rejects.toThrow(/already used or has expired.*INVALID_PUBLIC_TOKEN/);
    expect(count(t.app, 'SELECT count(*) FROM connections')).toBe(1);
  });

  it('disconnect removes the Item at Plaid and keeps the history', async () => {
    const { connection } = await connectPlaidSandbox(t.app, 'ins_109508');
    const rows = count(t.app, 'SELECT count(*) FROM transactions');
    const r = await runCli(['disconnect', connection.id], t.env);
    expect(r.code, r.stderr).toBe(0);
    expect(plaid.items().map((i) => i.itemId)).not.toContain(connection.externalId);
    expect(count(t.app, 'SELECT count(*) FROM transactions')).toBe(rows);
    expect(t.app.connections.get(connection.id)!.status).toBe('revoked');
  });

  it('turns a Plaid outage into a connection status and a sentence', async () => {
    const { connection } = await connectPlaidSandbox(t.app, 'ins_109508');
    plaid.faults.serverError(20);
    const r = await sync(connection.id);
    expect(r.status).toBe('failed');
    expect(r.error!.code).toBe('provider_down');
    expect(t.app.connections.get(connection.id)!.lastError).toMatch(/Plaid POST \/transactions\/sync/);
  });
});

describe('Plaid and your categories', () => {
  it('carries a category chosen on a pending transaction over to the posted one', async () => {
    const { chooseCategory } = await import('../../src/categorize/choose.js');
    const { connection } = await connectPlaidSandbox(t.app, 'ins_109508');
    const pending = t.app.db.prepare(`SELECT id, provider_transaction_id FROM transactions WHERE pending = 1 LIMIT 1`).get() as {
      id: number;
      provider_transaction_id: string;
    };
    chooseCategory(t.app, pending.id, 'gifts');
    plaid.postPending(itemOf(connection.id));
    await sync(connection.id);
    const posted = t.app.db
      .prepare(
        `SELECT c.slug, t.category_source AS source FROM transactions t JOIN categories c ON c.id = t.category_id WHERE json_extract(t.raw, '$.pending_transaction_id') = ?`,
      )
      .get(pending.provider_transaction_id);
    expect(posted).toEqual({ slug: 'gifts', source: 'user' });
  });
});
