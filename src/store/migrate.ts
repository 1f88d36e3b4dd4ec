import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Applies numbered .sql files in order, each in its own transaction, recording progress in
 * SQLite's user_version so a half-applied migration can never be mistaken for a finished one.
 */
export function migrate(db: Database.Database, dir = MIGRATIONS_DIR): number {
  const files = migrationFiles(dir);
  let version = db.pragma('user_version', { simple: true }) as number;
  for (const file of files) {
    const n = Number(file.slice(0, 3));
    if (n <= version) continue;
    const sql = readFileSync(path.join(dir, file), 'utf8');
    // A migration that rebuilds a referenced table (SQLite cannot drop a CHECK in place) runs with
    // foreign keys off, as SQLite's own procedure says, and proves them intact before it commits.
    const rebuild = sql.startsWith('-- trax:rebuilds-tables');
    const fk = db.pragma('foreign_keys', { simple: true }) as number;
    if (rebuild) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(sql);
        if (rebuild) {
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length > 0) throw new Error(`migration ${file} left ${broken.length} broken references`);
        }
        db.pragma(`user_version = ${n}`);
      })();
    } finally {
      if (rebuild) db.pragma(`foreign_keys = ${fk ? 'ON' : 'OFF'}`);
    }
    version = n;
  }
  return version;
}

function migrationFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_.+\.sql$/.test(f))
    .sort();
}

/** The schema version this build of Trax writes; a database above it came from a newer Trax. */
export function latestMigration(dir = MIGRATIONS_DIR): number {
  const last = migrationFiles(dir).at(-1);
  return last ? Number(last.slice(0, 3)) : 0;
}
