import { hostname } from 'node:os';
import type { Db } from './db.js';

/**
 * Cross-process leases in SQLite. The CLI, the scheduler and the web app each run in their own
 * process; a lease keyed by name (e.g. "sync:tl-ab12cd") keeps them off the same connection.
 * A lease held by a dead process on this host is taken over at once instead of waiting it out;
 * one held by this process is not re-entered, so two syncs inside `trax serve` stay apart too.
 */
export class LockStore {
  readonly owner = `${hostname()}:${process.pid}`;

  constructor(private readonly db: Db) {}

  tryAcquire(name: string, ttlMs: number, nowMs = Date.now()): boolean {
    return this.db
      .transaction(() => {
        const held = this.db
          .prepare<[string], { owner: string; expires_at: number }>('SELECT owner, expires_at FROM locks WHERE name = ?')
          .get(name);
        // Held and unexpired: by this very process (a schedule next to "Sync now" or a webhook),
        // or by another one that is still alive.
        if (held && held.expires_at > nowMs && (held.owner === this.owner || ownerAlive(held.owner))) return false;
        this.db
          .prepare(
            'INSERT INTO locks (name, owner, expires_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at',
          )
          .run(name, this.owner, nowMs + ttlMs);
        return true;
      })
      .immediate();
  }

  holder(name: string): string | null {
    return this.db.prepare<[string], { owner: string }>('SELECT owner FROM locks WHERE name = ?').get(name)?.owner ?? null;
  }

  release(name: string): void {
    this.db.prepare('DELETE FROM locks WHERE name = ? AND owner = ?').run(name, this.owner);
  }
}

function ownerAlive(owner: string): boolean {
  const [host, pidText] = owner.split(':');
  if (host !== hostname()) return true; // another machine sharing the file: trust the lease time
  return isPidAlive(Number(pidText));
}

export function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
