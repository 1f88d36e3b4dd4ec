import type { App } from '../app.js';
import { upsertLinkingImports } from '../identity/link-synced.js';
import { reconcilePending } from '../identity/pending-reconcile.js';
import { inTransaction } from '../store/db.js';
import type { StoredConnection } from '../store/connections.js';
import type { UpsertCounts } from '../store/transactions.js';
import type { SyncPage } from '../providers/provider.js';

/**
 * Crash-test hook, inert unless TRAX_TEST_KILL_AT_PAGE=N is set: the process SIGKILLs itself
 * once the N-th page it applies is fully written but not yet committed, so the crash tests land
 * a kill inside a page write at a replayable point (test/integration/crash.test.ts, npm run soak).
 */
const KILL_AT_PAGE = Number(process.env.TRAX_TEST_KILL_AT_PAGE ?? 0);
let pagesApplied = 0;

/**
 * Applies one page and its resume state in ONE SQLite transaction: a crash at any instant
 * leaves the database as it was before or after the whole page, and re-running converges.
 */
export function applyPage(app: App, connection: StoredConnection, runId: number, page: SyncPage): UpsertCounts {
  const now = app.now().toISOString();
  return inTransaction(app.db, 'save synced data', () => {
    const counts: UpsertCounts = { added: 0, modified: 0, removed: 0 };
    const ids = app.accounts.idsFor(connection.id);
    for (const [k, v] of app.accounts.upsert(connection.id, connection.provider, page.accounts, now)) ids.set(k, v);
    const local = (providerAccountId: string): number => {
      const id = ids.get(providerAccountId);
      if (id === undefined) throw new Error(`page refers to unknown account ${providerAccountId}`);
      return id;
    };
    for (const b of page.balances) app.balances.record({ ...b, accountId: local(b.providerAccountId) });
    const byAccount = new Map<number, typeof page.upserts>();
    for (const t of page.upserts) {
      const id = local(t.providerAccountId);
      const list = byAccount.get(id) ?? [];
      list.push(t);
      byAccount.set(id, list);
    }
    for (const [id, rows] of byAccount) {
      // Only accounts a statement file has fed pay for cross-source matching.
      if (app.sightings.hasOtherSources(id)) upsertLinkingImports(app, id, rows, now, counts);
      else app.transactions.upsert(id, rows, now, counts);
    }
    for (const p of page.pendingSnapshots) reconcilePending(app, local(p.providerAccountId), p.rows, now, counts);
    for (const r of page.removed) {
      if (r.providerAccountId) app.transactions.remove(local(r.providerAccountId), [r.dedupeKey], counts);
      else app.transactions.removeFromConnection(connection.id, r.dedupeKey, counts);
    }
    app.connections.setSyncState(connection.id, page.state, now);
    app.runs.addCounts(runId, counts, page.window);
    if (KILL_AT_PAGE > 0 && ++pagesApplied === KILL_AT_PAGE) process.kill(process.pid, 'SIGKILL');
    return counts;
  });
}
