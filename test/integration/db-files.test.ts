import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TrueLayerSandbox } from '../../src/sandbox/truelayer/index.js';
import { TRAX_APPLICATION_ID } from '../../src/store/db.js';
import { connect, count, runCli, type TestApp, useSandboxApp } from '../helpers/trax.js';

let sb: TrueLayerSandbox;
let t: TestApp;
useSandboxApp((s, a) => ((sb = s), (t = a)));

const mode = (p: string) => statSync(p).mode & 0o777;
const dbFile = () => path.join(t.dataDir, 'trax.sqlite');

/** A data dir of its own (not the helper's), for files that must exist before Trax first runs. */
const scratch: string[] = [];
function freshDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'trax-files-'));
  scratch.push(d);
  return path.join(d, 'data');
}
afterEach(() => {
  for (const d of scratch.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Overwrites whole pages in the middle of the file, as a failing disk or a bad copy would. */
function corruptMiddlePages(file: string, pages = 4): void {
  const pageSize = readFileSync(file).readUInt16BE(16);
  const total = Math.floor(statSync(file).size / pageSize);
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.alloc(pageSize * pages, 0xa5), 0, pageSize * pages, Math.floor(total / 2) * pageSize);
  } finally {
    closeSync(fd);
  }
}

/** The helper's app holds the database open; close it with everything checkpointed into the file. */
function closeTestApp(): void {
  t.app.db.pragma('wal_checkpoint(TRUNCATE)');
  t.app.close();
}

describe('data dir and database file modes', () => {
  it('tightens a 755 data dir and 644 database, WAL, shared-memory and key files to 0700 and 0600', async () => {
    await connect(t.app, sb);
    // The helper's open connection keeps -wal and -shm on disk, as a running `trax serve` would.
    const files = ['trax.sqlite', 'trax.sqlite-wal', 'trax.sqlite-shm', 'secret.key'].map((f) => path.join(t.dataDir, f));
    chmodSync(t.dataDir, 0o755);
    for (const f of files) chmodSync(f, 0o644);

    const r = await runCli(['accounts'], t.env);
    expect(r.code, r.stderr).toBe(0);
    expect(mode(t.dataDir).toString(8)).toBe('700');
    for (const f of files) expect(`${path.basename(f)} ${mode(f).toString(8)}`).toBe(`${path.basename(f)} 600`);
  });

  it('creates a missing data dir 0700 and a new database 0600 carrying the Trax application id', async () => {
    const dir = freshDir();
    const r = await runCli(['accounts'], { ...t.env, TRAX_DATA_DIR: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(mode(dir).toString(8)).toBe('700');
    expect(mode(path.join(dir, 'trax.sqlite')).toString(8)).toBe('600');
    const db = new Database(path.join(dir, 'trax.sqlite'), { readonly: true });
    expect(db.pragma('application_id', { simple: true })).toBe(TRAX_APPLICATION_ID);
    db.close();
  });

  it('recognises a database made before the application id and stamps it', async () => {
    await connect(t.app, sb);
    t.app.db.pragma('application_id = 0');
    const rows = count(t.app, 'SELECT count(*) FROM transactions');
    closeTestApp();
    const r = await runCli(['transactions', '--json'], t.env);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).length).toBeGreaterThan(0);
    const db = new Database(dbFile(), { readonly: true });
    expect(db.pragma('application_id', { simple: true })).toBe(TRAX_APPLICATION_ID);
    expect(db.prepare('SELECT count(*) FROM transactions').pluck().get()).toBe(rows);
    db.close();
  });
});

describe('a database file that cannot be trusted is refused with a sentence', () => {
  it('refuses a 0-byte database instead of starting afresh, and leaves it as it was', async () => {
    const dir = freshDir();
    mkdirSync(dir, { mode: 0o700 });
    writeFileSync(path.join(dir, 'trax.sqlite'), '');
    for (const cmd of [['accounts'], ['sync']]) {
      const r = await runCli(cmd, { ...t.env, TRAX_DATA_DIR: dir });
      expect(r.code, cmd.join(' ')).toBe(1);
      expect(r.stderr).toMatch(
        /^Error: The database .*trax\.sqlite is empty \(0 bytes\).*restore your last backup with `trax restore FILE`/,
      );
    }
    expect(statSync(path.join(dir, 'trax.sqlite')).size).toBe(0);
  });

  it('refuses a file that is not SQLite, without touching it', async () => {
    const dir = freshDir();
    mkdirSync(dir, { mode: 0o700 });
    const text = 'date,amount\n2026-01-01,12.00\n'.repeat(200);
    writeFileSync(path.join(dir, 'trax.sqlite'), text);
    const r = await runCli(['transactions'], { ...t.env, TRAX_DATA_DIR: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is not a SQLite database, so it is not a Trax database; move it away and restore your last backup/);
    expect(readFileSync(path.join(dir, 'trax.sqlite'), 'utf8')).toBe(text);
  });

  it.each([
    ['with no application id', 0],
    ['with another application id', 0x0f055112],
  ])('refuses a SQLite database of another program (%s), without switching it to WAL', async (_label, appId) => {
    const dir = freshDir();
    mkdirSync(dir, { mode: 0o700 });
    const file = path.join(dir, 'trax.sqlite');
    const other = new Database(file);
    other.pragma(`application_id = ${appId}`);
    other.exec(`CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT); INSERT INTO photos (path) VALUES ('a.jpg')`);
    other.close();
    const before = readFileSync(file);
    const r = await runCli(['accounts'], { ...t.env, TRAX_DATA_DIR: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is a SQLite database of another program, not Trax's; move it away/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a database written by a newer Trax', async () => {
    t.app.db.pragma('user_version = 999');
    closeTestApp();
    const r = await runCli(['accounts'], t.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/was written by a newer version of Trax \(schema 999, this one knows \d+\); update Trax/);
  });

  it('refuses a database with pages overwritten in the middle, on read and write commands alike', async () => {
    await connect(t.app, sb);
    closeTestApp();
    const healthy = await runCli(['transactions'], t.env);
    expect(healthy.code, healthy.stderr).toBe(0);
    // The healthy check left its note, so later commands may skip it while the file is unchanged;
    // damage with the modification time set back must still be found (ctime cannot be set back).
    expect(existsSync(`${dbFile()}-checked`)).toBe(true);
    // `touch -r` copies the times to the nanosecond (Node's utimes rounds them); coreutils is on any machine.
    const stamp = `${dbFile()}.stamp`;
    writeFileSync(stamp, '');
    execFileSync('touch', ['-r', dbFile(), stamp]);
    corruptMiddlePages(dbFile());
    execFileSync('touch', ['-r', stamp, dbFile()]);
    expect(statSync(dbFile(), { bigint: true }).mtimeNs).toBe(statSync(stamp, { bigint: true }).mtimeNs);
    for (const cmd of [['transactions'], ['accounts'], ['report'], ['sync'], ['categorize', '--all']]) {
      const r = await runCli(cmd, t.env);
      expect(r.code, cmd.join(' ')).toBe(1);
      expect(r.stderr).toMatch(
        /^Error: The database .*trax\.sqlite is damaged \(SQLite: .+\); restore your last backup with `trax restore FILE`/,
      );
      expect(r.stdout).toBe('');
    }
  });
});
