import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingSchedule, writeCamt053, writeIngCsv } from '../../bench/import-files.js';
import { DB_FILE } from '../../src/store/db.js';
import { Prng } from '../../src/util/prng.js';
import { clockEnv, runCli } from '../helpers/trax.js';

/**
 * `trax import FILE` killed with SIGKILL in the middle of its write (the place step kills itself
 * after N rows are inserted, before the commit, when TRAX_TEST_KILL_IMPORT_AFTER_ROWS=N) must leave
 * the database exactly as it was: no transactions, no imports row, no aliases of that file, no
 * new account. The same import without the hook then adds exactly the file's rows. N comes from
 * a seeded schedule; replay a failure with TRAX_CRASH_SEED=<seed printed in the test name>.
 */
const SEED = Number(process.env.TRAX_CRASH_SEED ?? 20260114);
const ROWS = 300;
/** The newest rows of the ING file that a CAMT file of the same account brought first. */
const OVERLAP = 100;

let dir: string;
let env: Record<string, string>;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'trax-import-crash-'));
  env = { TRAX_DATA_DIR: path.join(dir, 'data'), ...clockEnv() };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Kill points: the first row, the last row (everything written, nothing committed), and seeded ones between. */
function killPoints(seed: number, max: number, seeded: number): number[] {
  const rng = new Prng(seed);
  const points = new Set([1, max]);
  while (points.size < seeded + 2) points.add(rng.int(2, max - 1));
  return [...points];
}

function withDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(path.join(env.TRAX_DATA_DIR!, DB_FILE));
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

const count = (db: Database.Database, sql: string) => db.prepare(sql).pluck().get() as number;

/** Every table's rows, in rowid order: what "the database as it was" means. */
function everything(): Record<string, unknown[]> {
  return withDb((db) => {
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .pluck()
      .all() as string[];
    return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}"`).raw().all()]));
  });
}

async function importCli(file: string, extra: Record<string, string> = {}) {
  return runCli(['import', file, '--json'], { ...env, ...extra }, { timeoutMs: 60_000 });
}

describe('trax import killed with SIGKILL before its commit', () => {
  it(`into a new account: nothing of the file is left, then the clean import adds every row (seed ${SEED})`, async () => {
    const file = path.join(dir, 'Umsatzanzeige.csv');
    const sum = await writeIngCsv(file, ROWS);
    // A first command creates the database (schema, default categories) so the kills start from it.
    expect((await runCli(['accounts'], env)).code).toBe(0);
    const before = everything();
    for (const n of killPoints(SEED, ROWS, 4)) {
      const r = await importCli(file, { TRAX_TEST_KILL_IMPORT_AFTER_ROWS: String(n) });
      expect(r.signal, `kill after ${n} rows: ${r.stderr}`).toBe('SIGKILL');
      withDb((db) => {
        expect(count(db, 'SELECT count(*) FROM transactions'), `after ${n}`).toBe(0);
        expect(count(db, 'SELECT count(*) FROM imports'), `after ${n}`).toBe(0);
        expect(count(db, 'SELECT count(*) FROM transaction_aliases'), `after ${n}`).toBe(0);
        expect(count(db, 'SELECT count(*) FROM accounts'), `after ${n}`).toBe(0);
        expect(db.pragma('integrity_check', { simple: true }), `after ${n}`).toBe('ok');
      });
      expect(everything(), `kill after ${n} rows`).toEqual(before);
    }

    const clean = await importCli(file);
    expect(clean.code, clean.stderr).toBe(0);
    expect(JSON.parse(clean.stdout).files).toMatchObject([{ added: ROWS, linked: 0, duplicates: 0, review: 0 }]);
    withDb((db) => {
      expect(count(db, 'SELECT count(*) FROM transactions')).toBe(ROWS);
      expect(count(db, 'SELECT sum(amount_minor) FROM transactions')).toBe(sum);
      expect(count(db, 'SELECT count(DISTINCT dedupe_key) FROM transactions')).toBe(ROWS);
      expect(count(db, 'SELECT count(*) FROM imports')).toBe(1);
      expect(count(db, 'SELECT count(*) FROM accounts')).toBe(1);
    });
  }, 120_000);

  it(`into an account another file fed: the aliases written before the kill are gone too (seed ${SEED})`, async () => {
    // The CAMT file holds the ING file's newest rows; ING lists newest first, so the import links
    // those (writing aliases) before it inserts the rest, and every kill lands after the aliases.
    const camt = path.join(dir, 'camt053.xml');
    const csv = path.join(dir, 'Umsatzanzeige.csv');
    await writeCamt053(camt, ROWS, { from: ROWS - OVERLAP, schedule: ingSchedule(ROWS) });
    const sum = await writeIngCsv(csv, ROWS);
    const first = await importCli(camt);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout).files).toMatchObject([{ added: OVERLAP }]);
    const before = everything();
    expect(before.transactions).toHaveLength(OVERLAP);

    for (const n of killPoints(SEED + 1, ROWS - OVERLAP, 4)) {
      const r = await importCli(csv, { TRAX_TEST_KILL_IMPORT_AFTER_ROWS: String(n) });
      expect(r.signal, `kill after ${n} rows: ${r.stderr}`).toBe('SIGKILL');
      withDb((db) => {
        expect(count(db, 'SELECT count(*) FROM transactions'), `after ${n}`).toBe(OVERLAP);
        expect(count(db, `SELECT count(*) FROM transactions WHERE source = 'file:ing-de-csv'`), `after ${n}`).toBe(0);
        expect(count(db, 'SELECT count(*) FROM imports'), `after ${n}`).toBe(1);
        expect(count(db, 'SELECT count(*) FROM transaction_aliases'), `after ${n}`).toBe(0);
        expect(db.pragma('integrity_check', { simple: true }), `after ${n}`).toBe('ok');
      });
      expect(everything(), `kill after ${n} rows`).toEqual(before);
    }

    const clean = await importCli(csv);
    expect(clean.code, clean.stderr).toBe(0);
    expect(JSON.parse(clean.stdout).files).toMatchObject([{ added: ROWS - OVERLAP, linked: OVERLAP, duplicates: 0, review: 0 }]);
    withDb((db) => {
      expect(count(db, 'SELECT count(*) FROM transactions')).toBe(ROWS);
      expect(count(db, 'SELECT sum(amount_minor) FROM transactions')).toBe(sum);
      expect(count(db, 'SELECT count(*) FROM transaction_aliases')).toBe(OVERLAP);
      expect(count(db, 'SELECT count(*) FROM imports')).toBe(2);
      expect(count(db, 'SELECT count(*) FROM accounts')).toBe(1);
    });
  }, 120_000);
});
