import { describe, expect, it } from 'vitest';
import type { TrueLayerSecrets } from '../../src/providers/truelayer/index.js';
import type { TrueLayerSandbox } from '../../src/sandbox/truelayer/index.js';
import { syncAll, syncConnection } from '../../src/sync/engine.js';
import { connect, count, MOCK, runCli, snapshot, type TestApp, useSandboxApp } from '../helpers/trax.js';

let sb: TrueLayerSandbox;
let t: TestApp;
useSandboxApp((s, a) => ((sb = s), (t = a)));
const DAY = 86_400_000;

const sync = (id: string) => syncConnection(t.app, id, { trigger: 'user' });

describe('TrueLayer sync', () => {
  it('changes nothing when run again right away', async () => {
    const { connection } = await connect(t.app, sb);
    const before = snapshot(t.app);
    const again = await sync(connection.id);
    expect(again).toMatchObject({ status: 'done', added: 0, modified: 0, removed: 0 });
    expect(snapshot(t.app)).toEqual(before);
    expect(t.app.runs.recent(1)[0]).toMatchObject({ status: 'done', added: 0, modified: 0, removed: 0 });
  });

  it('never runs two syncs of one connection at once inside one process', async () => {
    const { connection } = await connect(t.app, sb);
    const [a, b] = await Promise.all([sync(connection.id), sync(connection.id)]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual(['done', 'skipped']);
    const skipped = a.status === 'skipped' ? a : b;
    expect(skipped.error?.message).toContain('is already being synced in this Trax process');
    expect((await sync(connection.id)).status).toBe('done');
  });

  it('asks for an overlap window within 89 days on later syncs', async () => {
    const { connection } = await connect(t.app, sb);
    sb.requestLog.length = 0;
    await sync(connection.id);
    const froms = sb.requestLog.filter((r) => /\/transactions$/.test(r.path)).map((r) => r.query.from!);
    expect(froms.length).toBe(2);
    for (const from of froms) {
      const age = (sb.clock.now().getTime() - Date.parse(from)) / DAY;
      expect(age).toBeGreaterThanOrEqual(9);
      expect(age).toBeLessThanOrEqual(11);
    }
  });

  it('stores identical same-day rows (two coffees) as two transactions', async () => {
    await connect(t.app, sb);
    const twins = count(
      t.app,
      `SELECT count(*) FROM (SELECT 1 FROM transactions WHERE pending = 0
         GROUP BY account_id, booking_date, amount_minor, description HAVING count(*) > 1)`,
    );
    expect(twins).toBeGreaterThan(0);
  });

  it('leaves no duplicate when pending transactions settle', async () => {
    const { connection } = await connect(t.app, sb);
    const pending = t.app.db.prepare('SELECT account_id, amount_minor FROM transactions WHERE pending = 1').all() as Array<{
      account_id: number;
      amount_minor: number;
    }>;
    expect(pending.length).toBeGreaterThan(0);
    const settledBefore = count(t.app, 'SELECT count(*) FROM transactions WHERE pending = 0');
    sb.faults.settleAllPending();
    const r = await sync(connection.id);
    expect(r.status).toBe('done');
    expect(count(t.app, 'SELECT count(*) FROM transactions WHERE pending = 1')).toBe(0);
    expect(r.removed).toBe(pending.length);
    // Every pending row became exactly one settled row.
    expect(count(t.app, 'SELECT count(*) FROM transactions WHERE pending = 0')).toBe(settledBefore + pending.length);
    expect((await sync(connection.id)).added).toBe(0);
  });

  it('adds only the new days when the clock moves on', async () => {
    const { connection } = await connect(t.app, sb);
    const before = count(t.app, 'SELECT count(*) FROM transactions WHERE pending = 0');
    sb.clock.advance(7 * DAY);
    const r = await sync(connection.id);
    expect(r.status).toBe('done');
    expect(r.added).toBeGreaterThan(0);
    expect(count(t.app, 'SELECT count(*) FROM transactions WHERE pending = 0')).toBeGreaterThan(before);
    expect((await sync(connection.id)).added).toBe(0);
  });

  it('produces no duplicates when TrueLayer rotates transaction_ids', async () => {
    const { connection } = await connect(t.app, sb);
    const before = snapshot(t.app);
    sb.faults.rotateTransactionIds(true);
    const r = await sync(connection.id);
    expect(r).toMatchObject({ status: 'done', added: 0, modified: 0, removed: 0 });
    expect(snapshot(t.app)).toEqual(before);
  });

  it('matches accounts back by IBAN when their account_ids change', async () => {
    const { connection } = await connect(t.app, sb);
    const accounts = t.app.accounts.list();
    const before = snapshot(t.app);
    sb.faults.churnAccountIds();
    const r = await sync(connection.id);
    expect(r).toMatchObject({ status: 'done', added: 0, removed: 0 });
    const after = t.app.accounts.list();
    expect(after.map((a) => [a.id, a.iban])).toEqual(accounts.map((a) => [a.id, a.iban]));
    expect(after.map((a) => a.providerAccountId)).not.toEqual(accounts.map((a) => a.providerAccountId));
    expect(snapshot(t.app)).toEqual(before);
  });

  it('refreshes an expired access token, rotating and persisting the refresh token', async () => {
    const { connection } = await connect(t.app, sb);
    const old = t.app.vault.open<TrueLayerSecrets>(t.app.connections.get(connection.id)!.sealedSecrets!);
    sb.clock.advance(2 * 3600_000);
    const r = await sync(connection.id);
    expect(r.status).toBe('done');
    const fresh = t.app.vault.open<TrueLayerSecrets>(t.app.connections.get(connection.id)!.sealedSecrets!);
    expect(fresh.accessToken).not.toBe(old.accessToken);
    expect(fresh.refreshToken).not.toBe(old.refreshToken);
    expect(sb.requestLog.filter((e) => e.path === '/connect/token').length).toBe(2);
    // The old refresh token is dead at TrueLayer; only the persisted one works.
    const res = await fetch(`${sb.url}/connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: 'sandbox-trax-test',
        client_secret: 'sandbox-trax-test-secret',
        refresh_token: old.refreshToken!,
      }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('serializes concurrent refreshes: one token request, both syncs succeed', async () => {
    const { connection } = await connect(t.app, sb);
    sb.clock.advance(2 * 3600_000);
    sb.requestLog.length = 0;
    const { truelayerConnector } = await import('../../src/providers/truelayer/index.js');
    const { connectionSecrets } = await import('../../src/providers/registry.js');
    const connector = truelayerConnector(
      t.app.config.truelayer!,
      connectionSecrets<TrueLayerSecrets>(t.app, connection.id),
      t.app.http,
      () => sb.clock.now().getTime(),
    );
    const drain = async () => {
      for await (const _ of connector.pages({ state: {}, now: sb.clock.now(), userIp: null })) void _;
    };
    await Promise.all([drain(), drain()]);
    expect(sb.requestLog.filter((e) => e.path === '/connect/token').length).toBe(1);
  });

  it('marks an expired consent needs_reauth and tells the user how to reconnect', async () => {
    const { connection } = await connect(t.app, sb);
    const rows = count(t.app, 'SELECT count(*) FROM transactions');
    sb.faults.expireConsent();
    const r = await sync(connection.id);
    expect(r.status).toBe('failed');
    expect(r.error?.code).toBe('needs_reauth');
    expect(t.app.connections.get(connection.id)!.status).toBe('needs_reauth');
    expect(count(t.app, 'SELECT count(*) FROM transactions')).toBe(rows);
    const cli = await runCli(['sync'], t.env);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(
      `consent has expired or was withdrawn (access_denied). Reconnect with \`trax connect truelayer --relink ${connection.id}\` (or Relink in \`trax serve\`); your history is kept.`,
    );
  });

  it('retries a 429 honouring Retry-After, then succeeds', async () => {
    const { connection } = await connect(t.app, sb);
    sb.requestLog.length = 0;
    sb.faults.rateLimit(2, 1);
    const r = await sync(connection.id);
    expect(r.status).toBe('done');
    const limited = sb.requestLog.filter((e) => e.status === 429);
    expect(limited.length).toBe(2);
    // Each retry reached the bank no earlier than the Retry-After (1 s) it was given, on the emulator's clock.
    for (const refused of limited) {
      const same = (e: (typeof limited)[number]) =>
        e.path === refused.path && JSON.stringify(e.query) === JSON.stringify(refused.query);
      const retry = sb.requestLog.slice(sb.requestLog.indexOf(refused) + 1).find(same)!;
      expect(Date.parse(retry.at) - Date.parse(refused.at)).toBeGreaterThanOrEqual(1000);
    }
    // …and what the bank finally answered is stored: the run counted and the connection is fine.
    expect(t.app.runs.recent(1)[0]).toMatchObject({ status: 'done' });
    expect(t.app.connections.get(connection.id)!.status).toBe('active');
  });

  it('fails a connection that stays rate limited with a clear sentence, losing nothing', async () => {
    const { connection } = await connect(t.app, sb);
    const before = snapshot(t.app);
    sb.faults.rateLimit(10, 0);
    const r = await sync(connection.id);
    expect(r.status).toBe('failed');
    expect(r.error).toMatchObject({ code: 'rate_limited' });
    expect(r.error!.message).toMatch(/limits how often it can be read/);
    expect(snapshot(t.app)).toEqual(before);
    expect(t.app.runs.recent(1)[0]).toMatchObject({ status: 'failed', errorCode: 'rate_limited' });
  });

  it('keeps syncing other connections when one fails', async () => {
    const ing = await connect(t.app, sb);
    const mock = await connect(t.app, sb, { providerId: MOCK });
    sb.faults.failNextForCredential(ing.connection.externalId, 50, 503);
    const outcomes = await syncAll(t.app, { trigger: 'user' });
    const byId = Object.fromEntries(outcomes.map((o) => [o.connectionId, o]));
    expect(byId[ing.connection.id]).toMatchObject({ status: 'failed', error: { code: 'provider_down' } });
    expect(byId[mock.connection.id]).toMatchObject({ status: 'done' });
    expect(t.app.connections.get(ing.connection.id)!.lastError).toMatch(/having problems/);
  });

  it('rejects a malformed response at the boundary, naming the field, writing nothing from it', async () => {
    const { connection } = await connect(t.app, sb);
    const before = snapshot(t.app);
    sb.clock.advance(3 * DAY);
    sb.faults.malformed(1);
    const r = await sync(connection.id);
    expect(r.status).toBe('failed');
    expect(r.error!.code).toBe('invalid_response');
    expect(r.error!.message).toMatch(
      /GET \/accounts\/\{id\}\/transactions returned an unexpected response \(field results\[\d+\]\.\w+/,
    );
    expect(r.error!.message).toContain('nothing from it was saved');
    // The first account's page was refused whole: not one row of the new days arrived.
    expect(snapshot(t.app)).toEqual(before);
  });

  it('falls back to 89 days with a warning when the bank no longer serves deep history', async () => {
    const { connection } = await connect(t.app, sb);
    sb.clock.advance(10 * 60_000); // the bank's window after login has passed
    t.app.connections.setSyncState(connection.id, {}, t.app.now().toISOString()); // as if never synced
    const r = await sync(connection.id);
    expect(r.status).toBe('done');
    expect(r.added).toBe(0);
    expect(r.warnings.join(' ')).toMatch(/no longer serves history before \d{4}-\d{2}-\d{2}/);
    expect(sb.requestLog.some((e) => e.status === 403)).toBe(true);
  });
});

describe('a full disk', () => {
  it('stops the sync with a sentence and leaves the database as it was', async () => {
    const { connection } = await connect(t.app, sb);
    const before = snapshot(t.app);
    sb.clock.advance(5 * DAY);
    // SQLite reports SQLITE_FULL when the file may not grow: the same path as a full disk.
    const pages = t.app.db.pragma('page_count', { simple: true }) as number;
    t.app.db.pragma(`max_page_count = ${pages}`);
    await expect(syncConnection(t.app, connection.id, { trigger: 'user' })).rejects.toThrow(
      /the disk is full; nothing was written\. Free some space and try again\./,
    );
    t.app.db.pragma('max_page_count = 1073741823');
    expect(snapshot(t.app)).toEqual(before);
    expect((await syncConnection(t.app, connection.id, { trigger: 'user' })).status).toBe('done');
  });
});
