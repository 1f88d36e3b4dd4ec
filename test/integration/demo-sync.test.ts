import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxEnv, ROOT, runCli, sandbox, type CliResult } from '../helpers/trax.js';

/** `npm run demo -- --once` as a user runs it, leaving its data in a temp dir; then the README's commands. */
const DEMO = path.join(ROOT, 'dist/src/demo/main.js');

let dir: string;
let env: Record<string, string>;
let demo: CliResult;
let month: string;

function runDemo(cwd: string, dataDir: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DEMO, '--once'], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', TRAX_DATA_DIR: dataDir },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

interface JsonConnection {
  id: string;
  status: string;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'trax-demo-'));
  env = { TRAX_DATA_DIR: path.join(dir, 'data') };
  demo = await runDemo(dir, env.TRAX_DATA_DIR!);
  month = /transactions --month (\d{4}-\d{2})/.exec(demo.stdout)?.[1] ?? 'no month printed';
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const connectionIds = async () => {
  const r = await runCli(['connections', '--json'], env, { cwd: dir });
  return JSON.parse(r.stdout) as JsonConnection[];
};

describe('after `npm run demo`', () => {
  it('the demo itself succeeds and names the month to look at', () => {
    expect(demo.code, demo.stderr).toBe(0);
    expect(month).toMatch(/^\d{4}-\d{2}$/);
  });

  it('`trax sync` reports each demo bank as skipped with how demo banks sync, exits 0 and marks nothing', async () => {
    const r = await runCli(['sync'], env, { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    // ING twice: through TrueLayer (john) and through Enable Banking (a second household member).
    for (const [name, prefix] of [
      ['ING', 'tl-'],
      ['Mock', 'tl-'],
      ['ING', 'eb-'],
      ['First Platypus Bank', 'pl-'],
    ]) {
      expect(lines.filter((l) => l.startsWith(`• ${name} (${prefix}`))).toEqual([
        expect.stringContaining(
          "skipped — this demo connection syncs only while the demo's emulators run; use `npm run demo -- --serve`",
        ),
      ]);
    }
    expect(r.stderr).not.toMatch(/are not set/);
    expect((await connectionIds()).map((c) => c.status)).toEqual(['active', 'active', 'active', 'active']);
  });

  it('`trax sync --json` gives each demo bank the demo_connection reason', async () => {
    const r = await runCli(['sync', '--json'], env, { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const outcomes = JSON.parse(r.stdout) as Array<{ status: string; error: { code: string } | null }>;
    expect(outcomes.map((o) => [o.status, o.error?.code])).toEqual([
      ['skipped', 'demo_connection'],
      ['skipped', 'demo_connection'],
      ['skipped', 'demo_connection'],
      ['skipped', 'demo_connection'],
    ]);
  });

  it('pointing Trax at another emulator does not turn demo banks into needs_reauth', async () => {
    // The report: TrueLayer configured (a `trax sandbox`), Plaid not.
    const other = await sandbox();
    try {
      const r = await runCli(['sync'], { ...(await sandboxEnv(other, env.TRAX_DATA_DIR!)) }, { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      expect(
        r.stdout
          .trim()
          .split('\n')
          .every((l) => l.includes('skipped — this demo connection')),
      ).toBe(true);
      expect(other.requestLog).toEqual([]);
      expect((await connectionIds()).map((c) => c.status)).toEqual(['active', 'active', 'active', 'active']);
    } finally {
      await other.close();
    }
  });

  it('imported an ING statement of older history first, and the TrueLayer sync doubled none of it', async () => {
    expect(demo.stdout).toMatch(/Importing older history from an ING statement file/);
    const list = await runCli(['import', 'list', '--json'], env, { cwd: dir });
    const [imported] = JSON.parse(list.stdout) as Array<{ format: string; added: number; accountName: string }>;
    expect(imported).toMatchObject({ format: 'ing-de-csv', accountName: 'Girokonto' });
    expect(imported!.added).toBeGreaterThan(300);
    const db = new Database(path.join(env.TRAX_DATA_DIR!, 'trax.sqlite'), { readonly: true });
    try {
      const one = (sql: string) => db.prepare(sql).pluck().get() as number;
      // The bank's account adopted the imported one: one Girokonto, its history older than the API's 90 days.
      expect(
        one(
          "SELECT count(*) FROM accounts a JOIN connections c ON c.id = a.connection_id WHERE a.name = 'Girokonto' AND c.provider = 'truelayer'",
        ),
      ).toBe(1);
      expect(one("SELECT count(*) FROM connections WHERE provider = 'file'")).toBe(0);
      expect(one("SELECT count(*) FROM transaction_aliases WHERE source = 'sync'")).toBeGreaterThan(100);
      // No booking is there twice: no imported row has a synced twin of the same day, amount and text.
      expect(
        one(`SELECT count(*) FROM transactions f JOIN transactions s ON s.account_id = f.account_id
               AND s.amount_minor = f.amount_minor AND s.booking_date = f.booking_date AND s.description = f.description
             WHERE f.source IS NOT NULL AND s.source IS NULL`),
      ).toBe(0);
    } finally {
      db.close();
    }
  });

  it('linked ING through Enable Banking too: three providers, the second member’s ING accounts apart from the first', async () => {
    expect(demo.stdout).toMatch(/Connecting ING Germany through Enable Banking/);
    const list = await runCli(['connections', '--json'], env, { cwd: dir });
    const rows = JSON.parse(list.stdout) as Array<{ provider: string; institution: string; accounts: number }>;
    expect(new Set(rows.map((c) => c.provider))).toEqual(new Set(['truelayer', 'enablebanking', 'plaid']));
    const eb = rows.find((c) => c.provider === 'enablebanking')!;
    expect(eb).toMatchObject({ institution: 'ING' });
    expect(eb.accounts).toBeGreaterThan(0);
    const db = new Database(path.join(env.TRAX_DATA_DIR!, 'trax.sqlite'), { readonly: true });
    try {
      // No IBAN is held by two connections: the Enable Banking household is not the TrueLayer one.
      const shared = db
        .prepare('SELECT count(*) FROM (SELECT iban FROM accounts WHERE iban IS NOT NULL GROUP BY iban HAVING count(*) > 1)')
        .pluck()
        .get();
      expect(shared).toBe(0);
      const ebRows = db
        .prepare(
          "SELECT count(*) FROM transactions t JOIN accounts a ON a.id = t.account_id JOIN connections c ON c.id = a.connection_id WHERE c.provider = 'enablebanking'",
        )
        .pluck()
        .get() as number;
      expect(ebRows).toBeGreaterThan(50);
    } finally {
      db.close();
    }
  });

  it.each([
    ['accounts', /Girokonto[\s\S]*Plaid Checking/],
    ['transactions --month MONTH', /REWE|TESCO|BACKWERK|Uber/i],
    ['connections', /ING[\s\S]*Mock[\s\S]*enablebanking[\s\S]*ING[\s\S]*First Platypus Bank/],
    ['report --month MONTH', /Spending/],
    ['report', /Spending/],
  ])('`trax %s` works on the data the demo left', async (command, shows) => {
    const args = command.split(' ').map((a) => (a === 'MONTH' ? month : a));
    const r = await runCli(args, env, { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(shows);
  });
});
