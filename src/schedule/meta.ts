import type { Db } from '../store/db.js';

/** Small per-installation values in `schedule_meta` (migration 004). */
export function getMeta(db: Db, key: string): string | null {
  return db.prepare<[string], { value: string }>('SELECT value FROM schedule_meta WHERE key = ?').get(key)?.value ?? null;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO schedule_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
}

/** The stored value, or `make()`'s stored first; two processes racing agree on whichever won. */
export function ensureMeta(db: Db, key: string, make: () => string): string {
  db.prepare('INSERT OR IGNORE INTO schedule_meta (key, value) VALUES (?, ?)').run(key, make());
  return getMeta(db, key)!;
}
