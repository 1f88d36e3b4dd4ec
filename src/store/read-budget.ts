import type { ProviderId } from '../domain/types.js';
import { providerPolicy } from '../providers/registry.js';
import type { App } from '../app.js';
import type { Db } from './db.js';

/**
 * Reads a bank counts against the PSD2 unattended-access limit (RTS Art. 36(5): 4 per 24 hours
 * per account without the user present). Counted over a rolling 24 hours rather than a calendar
 * day: any calendar day, in whatever time zone the bank keeps, lies inside some 24-hour window,
 * so staying under the limit in every window stays under it in every bank's day.
 */
export const UNATTENDED_READS_PER_DAY = 4;
export const READ_WINDOW_MS = 24 * 3600_000;
/** Kept a week for `trax schedule` diagnostics; nothing older matters to any bank. */
const KEEP_MS = 7 * 24 * 3600_000;

export interface ReadTrigger {
  trigger: string;
  userIp?: string | null;
}

/**
 * Called by the sync engine when a sync starts. Only providers that read the bank directly count
 * (TrueLayer; Plaid serves its own cache: see each provider's `unattended` policy), a user's address in X-PSU-IP makes the read user-present, and the
 * first sync after a login ('connect') is covered by that login's strong authentication where
 * the provider's policy says so (not Enable Banking's, which marks presence only by PSU headers).
 * A CLI `trax sync` has no address to send, so the bank counts it even though a person ran it.
 */
export function noteBankRead(app: App, connection: { id: string; provider: ProviderId }, opts: ReadTrigger, at: string): void {
  const unattended = providerPolicy(connection.provider).unattended;
  if (unattended.kind !== 'bank-reads' || opts.userIp) return;
  if (opts.trigger === 'connect' && !unattended.connectSyncCounts) return;
  const accountIds = app.accounts.list(connection.id).map((a) => a.id);
  recordReads(app.db, connection.id, accountIds.length ? accountIds : [0], at, opts.trigger);
}

export function recordReads(db: Db, connectionId: string, accountIds: number[], at: string, trigger: string): void {
  const insert = db.prepare('INSERT INTO bank_reads (connection_id, account_id, read_at, trigger) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    for (const id of accountIds) insert.run(connectionId, id, at, trigger);
    db.prepare('DELETE FROM bank_reads WHERE read_at < ?').run(new Date(Date.parse(at) - KEEP_MS).toISOString());
  })();
}

export interface ReadUsage {
  /** The most reads any one of the connection's accounts had in the window. */
  used: number;
  /** When that account's oldest read in the window leaves it (a read frees up); null if under the limit. */
  freesAt: Date | null;
}

/** Unattended reads of the connection's busiest account in the 24 hours before `now`. */
export function readUsage(db: Db, connectionId: string, now: Date): ReadUsage {
  const since = new Date(now.getTime() - READ_WINDOW_MS).toISOString();
  const rows = db
    .prepare<[string, string], { account_id: number; read_at: string }>(
      'SELECT account_id, read_at FROM bank_reads WHERE connection_id = ? AND read_at > ? ORDER BY read_at',
    )
    .all(connectionId, since);
  const perAccount = new Map<number, string[]>();
  for (const r of rows) perAccount.set(r.account_id, [...(perAccount.get(r.account_id) ?? []), r.read_at]);
  // Account 0: a read made before the connection's accounts were known (its first sync). The
  // bank counted it against each of them, so each carries it.
  const early = perAccount.get(0);
  if (early && perAccount.size > 1) {
    perAccount.delete(0);
    for (const [id, reads] of perAccount) perAccount.set(id, [...early, ...reads].sort());
  }
  let used = 0;
  let freesAt: Date | null = null;
  for (const reads of perAccount.values()) {
    if (reads.length > used) used = reads.length;
    if (reads.length >= UNATTENDED_READS_PER_DAY) {
      // The read that has to age out before this account is under the limit again.
      const frees = new Date(Date.parse(reads[reads.length - UNATTENDED_READS_PER_DAY]!) + READ_WINDOW_MS);
      if (!freesAt || frees > freesAt) freesAt = frees;
    }
  }
  return { used, freesAt };
}
