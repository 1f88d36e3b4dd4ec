import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TrueLayerSandbox } from '../../src/sandbox/truelayer/index.js';
import { connect, count, runCli, type TestApp, useSandboxApp } from '../helpers/trax.js';

let sb: TrueLayerSandbox;
let t: TestApp;
useSandboxApp((s, a) => ((sb = s), (t = a)));

describe('trax CLI', () => {
  it('runs on TRAX_CLOCK: "last month" turns over at local midnight, not the machine\'s', async () => {
    // 00:30 UTC on 1 March is still February in New York and already March in Berlin.
    const at = { TRAX_DATA_DIR: t.dataDir, TRAX_CLOCK: '2026-03-01T00:30:00Z' };
    const ny = await runCli(['report', '--json'], { ...at, TRAX_TIMEZONE: 'America/New_York' });
    expect(ny.code, ny.stderr).toBe(0);
    expect(JSON.parse(ny.stdout)).toMatchObject({ from: '2026-01-01', to: '2026-02-01', label: 'January 2026' });
    const berlin = await runCli(['report', '--json'], { ...at, TRAX_TIMEZONE: 'Europe/Berlin' });
    expect(JSON.parse(berlin.stdout)).toMatchObject({ from: '2026-02-01', to: '2026-03-01', label: 'February 2026' });
    const bad = await runCli(['accounts'], { TRAX_DATA_DIR: t.dataDir, TRAX_CLOCK: 'tomorrow' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('TRAX_CLOCK must be an instant such as 2026-06-15T10:00:00Z');
  });

  it('guides a new user when nothing is connected yet', async () => {
    for (const cmd of [['connections'], ['accounts'], ['transactions'], ['sync']]) {
      const r = await runCli(cmd, t.env);
      expect(r.code, cmd.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/trax connect truelayer/);
    }
  });

  it('lists connections, accounts with balances and a month of transactions', async () => {
    const { connection } = await connect(t.app, sb);
    const conns = await runCli(['connections'], t.env);
    expect(conns.stdout).toContain(connection.id);
    expect(conns.stdout).toMatch(/ING.*2.*active.*\(in \d+ days\)/);

    const accounts = await runCli(['accounts', '--json'], t.env);
    const parsed = JSON.parse(accounts.stdout) as Array<{
      name: string;
      iban: string;
      balance: { currentMinor: number; current: string };
    }>;
    const giro = parsed.find((a) => a.name === 'Girokonto')!;
    expect(giro.iban).toMatch(/^DE\d{20}$/);
    expect(Number.isInteger(giro.balance.currentMinor)).toBe(true);
    expect(giro.balance.current).toBe((giro.balance.currentMinor / 100).toFixed(2));

    const month = t.app.transactions.latestMonth()!;
    const tx = await runCli(['transactions', '--month', month, '--json'], t.env);
    const rows = JSON.parse(tx.stdout) as Array<{ date: string; amountMinor: number }>;
    expect(rows.length).toBe(count(t.app, `SELECT count(*) FROM transactions WHERE booking_date LIKE ?`, `${month}-%`));
    expect(rows.every((r) => r.date.startsWith(month))).toBe(true);
    const table = await runCli(['transactions', '--month', month], t.env);
    expect(table.stdout).toMatch(/Girokonto/);
    expect(table.stdout).toMatch(/-\d+\.\d{2} EUR/);
  });

  it('says what is wrong with bad arguments', async () => {
    const r = await runCli(['transactions', '--month', '2026-13'], t.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--month "2026-13" is not a month; write it as YYYY-MM');
    const u = await runCli(['disconnect', 'tl-nope'], t.env);
    expect(u.code).toBe(1);
    expect(u.stderr).toContain('There is no connection tl-nope');
  });

  it('disconnect revokes at TrueLayer, deletes the tokens and keeps the history', async () => {
    const { connection } = await connect(t.app, sb);
    // A failure before the disconnect: shown while the bank is linked, not once it is gone.
    t.app.connections.setStatus(connection.id, 'error', 'ING answered 503; try again later.', new Date(0).toISOString());
    expect((await runCli(['connections'], t.env)).stdout).toContain(`${connection.id}: ING answered 503; try again later.`);
    const rows = count(t.app, 'SELECT count(*) FROM transactions');
    const r = await runCli(['disconnect', connection.id], t.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("Revoked Trax's access to ING at the provider");
    expect(sb.requestLog.some((e) => e.method === 'DELETE' && e.path === '/api/delete' && e.status === 200)).toBe(true);
    const c = t.app.connections.get(connection.id)!;
    expect(c.status).toBe('revoked');
    expect(c.sealedSecrets).toBeNull();
    expect(count(t.app, 'SELECT count(*) FROM transactions')).toBe(rows);
    const list = await runCli(['connections'], t.env);
    expect(list.stdout).toMatch(/revoked/);
    expect(list.stdout).not.toContain('ING answered 503');
  });

  it('disconnect --purge deletes the accounts and their history too', async () => {
    const { connection } = await connect(t.app, sb);
    const r = await runCli(['disconnect', connection.id, '--purge'], t.env);
    expect(r.code, r.stderr).toBe(0);
    expect(count(t.app, 'SELECT count(*) FROM transactions')).toBe(0);
    expect(count(t.app, 'SELECT count(*) FROM accounts')).toBe(0);
    expect(count(t.app, 'SELECT count(*) FROM connections')).toBe(0);
  });

  it('stops on a malformed .env variable with one sentence naming it', async () => {
    const r = await runCli(['sync'], { ...t.env, TRUELAYER_API_URL: 'api.truelayer.com' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^Error: TRUELAYER_API_URL must be a full URL such as https:\/\/api\.truelayer\.com\. Fix it in \.env or your environment\.\n$/,
    );
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('refuses to use tokens with the wrong secret key, changing nothing', async () => {
    const { connection } = await connect(t.app, sb);
    const r = await runCli(['sync'], { ...t.env, TRAX_SECRET_KEY: 'ab'.repeat(32) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('The secret key does not match the one these tokens were encrypted with');
    expect(t.app.connections.get(connection.id)!.status).toBe('active');
  });

  it('reports a locked database as a sentence, not a stack trace', async () => {
    await connect(t.app, sb);
    const other = new Database(path.join(t.dataDir, 'trax.sqlite'));
    other.exec('BEGIN EXCLUSIVE');
    try {
      const r = await runCli(['sync'], t.env, { timeoutMs: 30_000 });
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(/database is locked by another Trax process; wait for it to finish/);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  }, 30_000);

  it('never lets bank text drive the terminal', async () => {
    await connect(t.app, sb);
    t.app.db
      .prepare(
        `UPDATE transactions SET description = ?, merchant = NULL WHERE id = (SELECT id FROM transactions ORDER BY booking_date DESC, id DESC LIMIT 1)`,
      )
      .run('EVIL\u001b[2J\u001b]0;pwned\u0007 <script>');
    const r = await runCli(['transactions', '--limit', '5'], t.env);
    expect(r.stdout).toContain('EVIL');
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).not.toContain('\u0007');
  });
});
