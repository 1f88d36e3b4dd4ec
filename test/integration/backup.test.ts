import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp } from '../../src/app.js';
import { parseConfig } from '../../src/config/index.js';
import type { TrueLayerSandbox } from '../../src/sandbox/truelayer/index.js';
import { connect, count, runCli, snapshot, type TestApp, useSandboxApp } from '../helpers/trax.js';

let sb: TrueLayerSandbox;
let t: TestApp;
useSandboxApp((s, a) => ((sb = s), (t = a)));

const dbFile = () => path.join(t.dataDir, 'trax.sqlite');
const backupFile = () => path.join(t.dataDir, 'backup.sqlite');

/** Rows as a user sees them, read from a fresh connection to whatever is in the data dir now. */
function currentRows(): string[] {
  const app = openApp(parseConfig(t.env));
  try {
    return snapshot(app);
  } finally {
    app.close();
  }
}

describe('trax backup and trax restore', () => {
  it('round trip: a backup restored brings back exactly the rows it was made from', async () => {
    await connect(t.app, sb);
    const before = snapshot(t.app);
    expect(before.length).toBeGreaterThan(0);

    const b = await runCli(['backup', backupFile()], t.env);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toContain(`Backed up ${before.length} transactions to ${backupFile()}`);
    expect(b.stdout).toMatch(
      /Keep .*secret\.key too \(or set TRAX_SECRET_KEY\): the bank tokens in the backup are encrypted with it/,
    );
    expect((statSync(backupFile()).mode & 0o777).toString(8)).toBe('600');

    // Afterwards the data changes: every transaction is gone.
    t.app.db.exec('DELETE FROM transactions');
    expect(count(t.app, 'SELECT count(*) FROM transactions')).toBe(0);

    // While another process (here the test's own connection) has the database open: refused, nothing moved.
    const busy = await runCli(['restore', backupFile()], t.env);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(
      /Another Trax process .* has .*trax\.sqlite open; stop it, then run `trax restore` again\. Nothing was changed\./,
    );
    expect(existsSync(`${dbFile()}.before-restore`)).toBe(false);

    t.app.close();
    const r = await runCli(['restore', backupFile()], t.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Restored ${before.length} transactions`);
    expect(r.stdout).toContain(`kept as ${dbFile()}.before-restore`);
    expect(r.stdout).not.toMatch(/different key/);
    expect(currentRows()).toEqual(before);
    expect((statSync(dbFile()).mode & 0o777).toString(8)).toBe('600');

    // The replaced database (the emptied one) is kept, whole.
    const aside = new Database(`${dbFile()}.before-restore`, { readonly: true });
    expect(aside.prepare('SELECT count(*) FROM transactions').pluck().get()).toBe(0);
    expect(aside.prepare('SELECT count(*) FROM accounts').pluck().get()).toBeGreaterThan(0);
    aside.close();

    // The restored tokens still work with the key: a sync runs.
    const s = await runCli(['sync'], t.env);
    expect(s.code, s.stderr).toBe(0);
  });

  it('restores over an empty or damaged database: that is how one recovers', async () => {
    await connect(t.app, sb);
    const before = snapshot(t.app);
    const b = await runCli(['backup', backupFile()], t.env);
    expect(b.code, b.stderr).toBe(0);
    t.app.close();
    writeFileSync(dbFile(), '');
    expect((await runCli(['accounts'], t.env)).code).toBe(1);
    const r = await runCli(['restore', backupFile()], t.env);
    expect(r.code, r.stderr).toBe(0);
    expect(currentRows()).toEqual(before);
    expect(statSync(`${dbFile()}.before-restore`).size).toBe(0);
  });

  it('refuses to overwrite an existing file unless --force', async () => {
    await connect(t.app, sb);
    writeFileSync(backupFile(), 'my other file');
    const r = await runCli(['backup', backupFile()], t.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${backupFile()} already exists; choose another name, or add --force to replace it.`);
    expect(readFileSync(backupFile(), 'utf8')).toBe('my other file');

    const f = await runCli(['backup', backupFile(), '--force'], t.env);
    expect(f.code, f.stderr).toBe(0);
    const copy = new Database(backupFile(), { readonly: true });
    expect(copy.prepare('SELECT count(*) FROM transactions').pluck().get()).toBe(
      count(t.app, 'SELECT count(*) FROM transactions'),
    );
    copy.close();
  });

  it('refuses a damaged backup and changes nothing', async () => {
    await connect(t.app, sb);
    const b = await runCli(['backup', backupFile()], t.env);
    expect(b.code, b.stderr).toBe(0);
    const before = snapshot(t.app);
    t.app.close();

    const pageSize = readFileSync(backupFile()).readUInt16BE(16);
    const pages = Math.floor(statSync(backupFile()).size / pageSize);
    const fd = openSync(backupFile(), 'r+');
    writeSync(fd, Buffer.alloc(pageSize * 4, 0x5a), 0, pageSize * 4, Math.floor(pages / 2) * pageSize);
    closeSync(fd);

    const r = await runCli(['restore', backupFile()], t.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: The backup .* is damaged \(SQLite: .+\); nothing was changed\. Choose another backup\.\n$/);
    expect(existsSync(`${dbFile()}.before-restore`)).toBe(false);
    expect(currentRows()).toEqual(before);
  });

  it('refuses a file that is not a Trax backup', async () => {
    const other = new Database(backupFile());
    other.exec('CREATE TABLE notes (body TEXT)');
    other.close();
    t.app.close();
    const r = await runCli(['restore', backupFile()], t.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is not a Trax database; nothing was changed. Name a file written by `trax backup`.');
    const missing = await runCli(['restore', `${backupFile()}.nope`], t.env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('There is no file');
  });
});
