import { closeSync, existsSync, linkSync, openSync, renameSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { TraxError } from '../domain/errors.js';
import {
  asStoreError,
  Database,
  DB_FILE,
  hasSqliteMagic,
  identify,
  integrityProblem,
  openDatabase,
  secureDataDir,
  tighten,
  type Db,
} from './db.js';

export interface BackupResult {
  file: string;
  bytes: number;
  transactions: number;
}

/**
 * SQLite's online backup of the open database into `dest`: consistent even while a sync or the
 * web app writes. Written under a temporary name created 0600 and moved into place only once it
 * has passed quick_check, so `dest` is either the old file or a whole, healthy copy.
 */
export async function backupDatabase(db: Db, dest: string, opts: { force: boolean }): Promise<BackupResult> {
  const file = path.resolve(dest);
  if (file === path.resolve(db.name)) {
    throw new TraxError('usage', `${file} is the database itself; back it up to a file outside the data directory.`);
  }
  if (existsSync(file) && !opts.force) {
    throw new TraxError('usage', `${file} already exists; choose another name, or add --force to replace it.`);
  }
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    closeSync(openSync(tmp, 'wx', 0o600));
    await db.backup(tmp);
    const copy = new Database(tmp);
    let transactions: number;
    try {
      // The copy is one self-contained file: no -wal beside it that a file copy could leave behind.
      copy.pragma('journal_mode = DELETE');
      const problem = integrityProblem(copy, 'quick');
      if (problem) {
        throw new TraxError(
          'database_error',
          `The copy failed its integrity check (SQLite: ${problem}), so the database itself is damaged; nothing was written to ${file}. Restore an older backup with \`trax restore FILE\`.`,
        );
      }
      transactions = copy.prepare('SELECT count(*) FROM transactions').pluck().get() as number;
    } finally {
      copy.close();
    }
    if (opts.force) renameSync(tmp, file);
    else {
      try {
        linkSync(tmp, file);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
          throw new TraxError('usage', `${file} already exists; choose another name, or add --force to replace it.`);
        }
        throw e;
      }
    }
    return { file, bytes: statSync(file).size, transactions };
  } catch (e) {
    throw asStoreError(e, `back up to ${file}`);
  } finally {
    removeQuietly(tmp, `${tmp}-journal`, `${tmp}-wal`, `${tmp}-shm`);
  }
}

export interface RestoreResult {
  /** Where the database that was replaced now lives (null when there was none). */
  asideAs: string | null;
  transactions: number;
}

/**
 * Replaces the data dir's database with `source` after checking that it is a healthy Trax
 * database. The current file (healthy, damaged or empty: restoring is how one recovers) is kept
 * as trax.sqlite.before-restore. Refused while another process has the database open.
 */
export async function restoreDatabase(dataDir: string, source: string): Promise<RestoreResult> {
  const from = path.resolve(source);
  const file = path.join(path.resolve(dataDir), DB_FILE);
  if (from === file) throw new TraxError('usage', `${from} is the database itself; name the backup file to restore from.`);
  checkBackup(from);

  // Copy first: if anything fails from here until the rename, the current database is untouched.
  const tmp = `${file}.restore-${process.pid}`;
  secureDataDir(path.dirname(file));
  let asideAs: string | null = null;
  try {
    closeSync(openSync(tmp, 'wx', 0o600));
    const src = new Database(from, { readonly: true, fileMustExist: true });
    try {
      await src.backup(tmp);
    } finally {
      src.close();
    }
    if (existsSync(file)) {
      refuseIfInUse(file);
      asideAs = freeAsideName(file);
      renameSync(file, asideAs);
      for (const suffix of ['', '-wal', '-shm']) {
        if (suffix && existsSync(file + suffix)) renameSync(file + suffix, asideAs + suffix);
        tighten(asideAs + suffix, 0o600);
      }
    }
    renameSync(tmp, file);
  } catch (e) {
    throw asStoreError(e, `restore ${from}`);
  } finally {
    removeQuietly(tmp, `${tmp}-journal`, `${tmp}-wal`, `${tmp}-shm`);
  }
  // The normal open: WAL mode, file modes, and the migrations a backup from an older Trax lacks.
  const db = openDatabase(dataDir, { checkIntegrity: true });
  try {
    return { asideAs, transactions: db.prepare('SELECT count(*) FROM transactions').pluck().get() as number };
  } finally {
    db.close();
  }
}

/** The backup must be a whole, healthy Trax database before anything is moved. */
function checkBackup(from: string): void {
  let size: number;
  try {
    size = statSync(from).size;
  } catch {
    throw new TraxError('usage', `There is no file ${from}; name a file written by \`trax backup\`.`);
  }
  if (size === 0)
    throw new TraxError('database_error', `The backup ${from} is empty (0 bytes); nothing was changed. Choose another backup.`);
  if (!hasSqliteMagic(from)) {
    throw new TraxError(
      'database_error',
      `${from} is not a SQLite database, so not a Trax backup; nothing was changed. Name a file written by \`trax backup\`.`,
    );
  }
  let db: Db;
  try {
    db = new Database(from, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw asStoreError(e, `read the backup ${from}`);
  }
  try {
    const id = identify(db);
    if (id.kind === 'newer') {
      throw new TraxError(
        'database_error',
        `The backup ${from} was written by a newer version of Trax (schema ${id.version}); nothing was changed. Update Trax and restore again.`,
      );
    }
    if (id.kind !== 'trax' && id.kind !== 'legacy') {
      throw new TraxError(
        'database_error',
        `${from} is not a Trax database; nothing was changed. Name a file written by \`trax backup\`.`,
      );
    }
    const problem = integrityProblem(db, 'quick');
    if (problem) {
      throw new TraxError(
        'database_error',
        `The backup ${from} is damaged (SQLite: ${problem}); nothing was changed. Choose another backup.`,
      );
    }
  } catch (e) {
    if (e instanceof TraxError) throw e;
    // Damage that stops even the header or schema from being read.
    const code = String((e as { code?: string }).code);
    if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
      throw new TraxError(
        'database_error',
        `The backup ${from} is damaged (SQLite: ${(e as Error).message}); nothing was changed. Choose another backup.`,
      );
    }
    throw asStoreError(e, `read the backup ${from}`);
  } finally {
    db.close();
  }
}

/**
 * Leaving WAL mode needs the only connection to the file, so it fails with SQLITE_BUSY while any
 * other process (`trax serve`, a sync, a scheduled run) has the database open, even idle. A file
 * SQLite cannot read is in nobody's use that matters and is moved aside as it is.
 */
function refuseIfInUse(file: string): void {
  if (statSync(file).size === 0 || !hasSqliteMagic(file)) return;
  let db: Db | undefined;
  try {
    db = new Database(file, { timeout: 200, fileMustExist: true });
    db.pragma('journal_mode = DELETE');
  } catch (e) {
    const code = String((e as { code?: string }).code);
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
      throw new TraxError(
        'database_locked',
        `Another Trax process (trax serve, a sync or a scheduled run) has ${file} open; stop it, then run \`trax restore\` again. Nothing was changed.`,
      );
    }
  } finally {
    db?.close();
  }
}

/** trax.sqlite.before-restore, or .before-restore.2, .3, … so an earlier one is never overwritten. */
function freeAsideName(file: string): string {
  const base = `${file}.before-restore`;
  if (!existsSync(base)) return base;
  for (let n = 2; ; n++) if (!existsSync(`${base}.${n}`)) return `${base}.${n}`;
}

function removeQuietly(...files: string[]): void {
  for (const f of files) {
    try {
      unlinkSync(f);
    } catch {
      // Not there: nothing to clean.
    }
  }
}
