import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { TraxError } from '../domain/errors.js';
import { migrate } from './migrate.js';

export type Db = Database.Database;

export const DB_FILE = 'trax.sqlite';

/** Opens (creating if needed) the Trax database in `dataDir`, in WAL mode, fully migrated. */
export function openDatabase(dataDir: string): Db {
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw asStoreError(e, `create the data directory ${dataDir}`);
  }
  const file = path.join(dataDir, DB_FILE);
  try {
    const db = new Database(file, { timeout: 5000 });
    db.pragma('journal_mode = WAL');
    // NORMAL is crash-safe in WAL mode (a power cut can lose the last commit, never corrupt).
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
  } catch (e) {
    throw asStoreError(e, `open ${file}`);
  }
}

/** In-memory database with the real migrations, for unit tests and benchmarks. */
export function openMemoryDatabase(): Db {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

/** Turns SQLite failures into sentences a user can act on. */
export function asStoreError(e: unknown, doing: string): unknown {
  if (e instanceof TraxError) return e;
  const code = (e as { code?: string }).code ?? '';
  const message = e instanceof Error ? e.message : String(e);
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new TraxError(
      'database_locked',
      `Could not ${doing}: the database is locked by another Trax process; wait for it to finish (or stop it) and try again.`,
      { cause: e },
    );
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return new TraxError(
      'disk_full',
      `Could not ${doing}: the disk is full; nothing was written. Free some space and try again.`,
      { cause: e },
    );
  }
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return new TraxError(
      'database_error',
      `Could not ${doing}: the file is not a valid Trax database (${message}); restore it from a backup or point TRAX_DATA_DIR elsewhere.`,
      { cause: e },
    );
  }
  if (code.startsWith('SQLITE_') || code === 'EACCES' || code === 'EROFS') {
    return new TraxError('database_error', `Could not ${doing}: ${message}. Check that TRAX_DATA_DIR is writable.`, { cause: e });
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
