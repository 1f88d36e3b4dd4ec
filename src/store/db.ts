import {
  chmodSync,
  closeSync,
  existsSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { TraxError, type Told } from '../domain/errors.js';
import { latestMigration, migrate } from './migrate.js';

const require = createRequire(import.meta.url);
const BetterSqlite = require('better-sqlite3') as typeof BetterSqlite3;

/**
 * The addon's own path, given to better-sqlite3 as `nativeBinding`: without it the `bindings`
 * package stats a dozen candidate paths on every start. Undefined (a build elsewhere, e.g.
 * Debug): better-sqlite3 searches as usual.
 */
const ADDON = (() => {
  try {
    return require.resolve('better-sqlite3/build/Release/better_sqlite3.node');
  } catch {
    return undefined;
  }
})();

/**
 * better-sqlite3 through require, not import: importing a CommonJS package from ESM makes Node
 * scan its source for export names first, a few ms of every command's start (issue 9). Every
 * module that opens a database takes the constructor from here, so each gets the addon path.
 */
export const Database = function (file?: string | Buffer, options: BetterSqlite3.Options = {}) {
  return new BetterSqlite(file, ADDON ? { nativeBinding: ADDON, ...options } : options);
} as unknown as typeof BetterSqlite3;

export type Db = BetterSqlite3.Database;

export const DB_FILE = 'trax.sqlite';

/**
 * "TRAX" in the header's application_id, so Trax recognises its own files (and `file(1)` and
 * other tools can too). Databases made before it was set carry 0 and are stamped on first open
 * once their tables show they are Trax's.
 */
export const TRAX_APPLICATION_ID = 0x54524158;

/** Tables every Trax database has had since migration 001: their absence means "not ours". */
const CORE_TABLES = ['connections', 'accounts', 'transactions', 'sync_runs'];

/**
 * Up to this size `PRAGMA quick_check` runs on every open, read commands included. It reads every
 * page, so its cost grows with the file: measured 2-15 ms for the demo's 4.5 MB (3,364
 * transactions, in a fresh process, page cache warm) but 5.4 s for 1.2 GB (1M transactions),
 * which would turn a read command's budget (2x `node -e 0`, ~100 ms) into seconds. Above it, read
 * commands get the O(1) checks (header, application_id, schema version, core tables) and
 * SQLite's own check of every page they read (SQLITE_CORRUPT becomes the restore sentence);
 * commands that write (`checkIntegrity`) still run quick_check first, because writing into a
 * damaged b-tree spreads the damage and those commands are slow anyway (network, reclassifying).
 */
export const QUICK_CHECK_ALWAYS_BYTES = 8 * 1024 * 1024;

export interface OpenOptions {
  /** Run `PRAGMA quick_check` whatever the file's size (commands that write). */
  checkIntegrity?: boolean;
}

/**
 * quick_check was most of a read command's time (12-29 ms of ~100 on the demo's data), and
 * running it again on bytes it already passed finds nothing new. So after a check passes, the
 * file's identity is written beside it (device, inode, size, mtime and ctime in ns: ctime cannot be
 * set back by a program, so any write, restore or chmod changes it). The next command skips the
 * check only when that identity is unchanged and no WAL holds frames the main file lacks (a crash
 * can leave committed pages there); anything else checks again.
 */
function fingerprint(file: string): string | null {
  try {
    const wal = statSync(`${file}-wal`, { throwIfNoEntry: false });
    if (wal && wal.size > 0) return null;
    const s = statSync(file, { bigint: true });
    return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
  } catch {
    return null;
  }
}

function unchangedSinceCheck(file: string): boolean {
  const now = fingerprint(file);
  if (now === null) return false;
  try {
    return readFileSync(`${file}-checked`, 'utf8') === now;
  } catch {
    return false;
  }
}

function rememberCheck(file: string): void {
  const now = fingerprint(file);
  try {
    if (now === null) rmSync(`${file}-checked`, { force: true });
    else writeFileSync(`${file}-checked`, now, { mode: 0o600 });
  } catch {
    // Only a shortcut: without the note the next command simply checks again.
  }
}

/**
 * Opens (creating if needed) the Trax database in `dataDir`, in WAL mode, fully migrated. The
 * directory ends up 0700 and the database files 0600 whatever they were before: they hold bank
 * history and encrypted tokens. An empty, foreign or damaged file is refused with a sentence,
 * never re-initialised.
 */
export function openDatabase(dataDir: string, opts: OpenOptions = {}): Db {
  secureDataDir(dataDir);
  const file = path.join(dataDir, DB_FILE);
  let size: number | null;
  try {
    size = statSync(file).size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw asStoreError(e, `open ${file}`);
    size = null;
  }
  if (size === null) createDatabase(file);
  else checkFileLooksLikeSqlite(file, size);
  for (const f of [file, `${file}-wal`, `${file}-shm`]) tighten(f, 0o600);

  let db: Db | undefined;
  try {
    db = new Database(file, { timeout: 5000 });
    // Identity first: nothing is written (not even the WAL switch) into a file that is not ours.
    const legacy = checkIdentity(db, file);
    db.pragma('journal_mode = WAL');
    // NORMAL is crash-safe in WAL mode (a power cut can lose the last commit, never corrupt).
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    if (opts.checkIntegrity || (size ?? 0) <= QUICK_CHECK_ALWAYS_BYTES) {
      if (opts.checkIntegrity || !unchangedSinceCheck(file)) {
        checkIntegrity(db, file, 'quick');
        rememberCheck(file);
      }
    }
    if (legacy) db.pragma(`application_id = ${TRAX_APPLICATION_ID}`);
    migrate(db);
    return db;
  } catch (e) {
    db?.close();
    throw asStoreError(e, `open ${file}`);
  }
}

/** The data dir is 0700 even when it existed with looser bits (e.g. 755 from `mkdir`). */
export function secureDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw asStoreError(e, `create the data directory ${dataDir}`);
  }
  tighten(dataDir, 0o700);
}

/** Removes group/other bits; a file we cannot chmod (someone else's) is left to the OS to guard. */
export function tighten(p: string, mode: number): void {
  try {
    if ((statSync(p).mode & 0o077) !== 0) chmodSync(p, mode);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'EPERM') throw asStoreError(e, `secure ${p}`);
  }
}

/**
 * A new database is built under a temporary name (created 0600, so it is never readable by
 * others, not even for an instant) and linked into place fully migrated: a crash mid-creation
 * can never leave an empty trax.sqlite that a later run would have to refuse. link() fails if
 * another process won the race, and then we simply open theirs.
 */
function createDatabase(file: string): void {
  const tmp = `${file}.new-${process.pid}`;
  try {
    // Left by a crashed process that had our pid: a half-built database, never linked into place.
    rmSync(tmp, { force: true });
    closeSync(openSync(tmp, 'wx', 0o600));
    const db = new Database(tmp);
    try {
      db.pragma(`application_id = ${TRAX_APPLICATION_ID}`);
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      migrate(db);
    } finally {
      db.close();
    }
    try {
      linkSync(tmp, file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return;
      // File systems without hard links (exFAT, some network mounts): rename, racy only there.
      if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') {
        if (!existsSync(file)) renameSync(tmp, file);
        return;
      }
      throw e;
    }
  } catch (e) {
    throw asStoreError(e, `create ${file}`);
  } finally {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) {
      try {
        unlinkSync(f);
      } catch {
        // Already gone (closed cleanly) or never created.
      }
    }
  }
}

const SQLITE_MAGIC = 'SQLite format 3\0';

/** Whether the file starts with SQLite's magic string (read before SQLite sees the file). */
export function hasSqliteMagic(file: string): boolean {
  const head = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  return head.toString('latin1') === SQLITE_MAGIC;
}

/** Cheap refusals from the first bytes, before SQLite sees the file. */
function checkFileLooksLikeSqlite(file: string, size: number): void {
  if (size === 0) {
    throw new TraxError('database_error', (m) => m.errDbEmpty(file));
  }
  if (!hasSqliteMagic(file)) {
    throw new TraxError('database_error', (m) => m.errDbNotSqlite(file));
  }
}

export type Identity =
  | { kind: 'trax' }
  /** Made before application_id was set (0), recognised by its tables: stamp it. */
  | { kind: 'legacy' }
  /** A SQLite file with no tables and no owner: holds nothing to lose (e.g. `sqlite3 f` and quit). */
  | { kind: 'blank' }
  | { kind: 'foreign' }
  | { kind: 'newer'; version: number }
  | { kind: 'incomplete'; missing: string[] };

/** Whose file this is, from the header's application_id and user_version and sqlite_schema: O(1). */
export function identify(db: Db): Identity {
  const appId = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  const tables = new Set(db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).pluck().all() as string[]);
  const missing = CORE_TABLES.filter((t) => !tables.has(t));
  if (appId === TRAX_APPLICATION_ID || (appId === 0 && version > 0 && missing.length === 0)) {
    if (version > latestMigration()) return { kind: 'newer', version };
    if (missing.length) return { kind: 'incomplete', missing };
    return { kind: appId === 0 ? 'legacy' : 'trax' };
  }
  if (appId === 0 && version === 0 && tables.size === 0) return { kind: 'blank' };
  return { kind: 'foreign' };
}

/** Refuses what is not a usable Trax database; true when the header still needs our stamp. */
function checkIdentity(db: Db, file: string): boolean {
  const id = identify(db);
  switch (id.kind) {
    case 'trax':
      return false;
    case 'legacy':
    case 'blank':
      return true;
    case 'newer':
      throw new TraxError('database_error', (m) => m.errDbNewer(file, id.version, latestMigration()));
    case 'incomplete':
      throw new TraxError('database_error', damaged(file, `tables ${id.missing.join(', ')} are missing`));
    case 'foreign':
      throw new TraxError('database_error', (m) => m.errDbForeign(file));
  }
}

/**
 * \`quick_check\` (structure, pages, records) or \`integrity_check\` (also that indexes match rows):
 * null when healthy, else SQLite's first complaint.
 */
export function integrityProblem(db: Db, depth: 'quick' | 'full'): string | null {
  try {
    const rows = db.pragma(`${depth === 'quick' ? 'quick_check' : 'integrity_check'}(1)`) as Array<Record<string, string>>;
    const answer = Object.values(rows[0] ?? {})[0] ?? 'no answer to the check';
    if (answer === 'ok') return null;
    // SQLite heads its report with "*** in database main ***"; the first real line says enough.
    return answer.split('\n').find((l) => l.trim() && !l.startsWith('***')) ?? answer;
  } catch (e) {
    // Damage bad enough that the check itself cannot read a page.
    if (String((e as { code?: string }).code).startsWith('SQLITE_CORRUPT')) return (e as Error).message;
    throw e;
  }
}

function checkIntegrity(db: Db, file: string, depth: 'quick' | 'full'): void {
  const problem = integrityProblem(db, depth);
  if (problem) throw new TraxError('database_error', damaged(file, problem));
}

const damaged =
  (file: string, detail: string): Told =>
  (m) =>
    m.errDbDamaged(file, detail);

/** In-memory database with the real migrations, for unit tests and benchmarks. */
export function openMemoryDatabase(): Db {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  db.pragma(`application_id = ${TRAX_APPLICATION_ID}`);
  migrate(db);
  return db;
}

/** Turns SQLite failures into sentences a user can act on. */
export function asStoreError(e: unknown, doing: string): unknown {
  if (e instanceof TraxError) return e;
  const code = (e as { code?: string }).code ?? '';
  const message = e instanceof Error ? e.message : String(e);
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new TraxError('database_locked', (m) => m.errDbLocked(doing), { cause: e });
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return new TraxError('disk_full', (m) => m.errDiskFull(doing), { cause: e });
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new TraxError('database_error', (m) => m.errDbCorrupt(doing, message), { cause: e });
  }
  if (code.startsWith('SQLITE_') || code === 'EACCES' || code === 'EROFS') {
    return new TraxError('database_error', (m) => m.errDbOther(doing, message), { cause: e });
  }
  return e;
}

/** Runs `fn` in an IMMEDIATE transaction with store errors mapped to sentences. */
export function inTransaction<T>(db: Db, doing: string, fn: () => T): T {
  try {
    return db.transaction(fn).immediate();
  } catch (e) {
    throw asStoreError(e, doing);
  }
}
