import { z } from 'zod';
import { ProviderError } from '../../domain/errors.js';
import type { TransactionSnapshot } from '../../domain/types.js';
import type { SyncPage, SyncRequest } from '../provider.js';
import type { PlaidClient } from './client.js';
import { mapAccount, mapBalance, mapTransaction } from './map.js';
import { accountsResponse, syncResponse } from './wire-types.js';

const MAX_RESTARTS = 5;

const stateSchema = z.object({ v: z.literal(1), cursor: z.string().nullable() });
type State = z.infer<typeof stateSchema>;

function readState(raw: unknown): State {
  const parsed = stateSchema.safeParse(raw);
  return parsed.success ? parsed.data : { v: 1, cursor: null };
}

/**
 * One Plaid update as ONE page: every /transactions/sync page of the loop plus the final cursor
 * go to the engine together, so they commit in one SQLite transaction. If Plaid's data changes
 * mid-loop, the loop restarts from the cursor it began with (Plaid's rule), discarding what it
 * had staged.
 */
export async function* plaidPages(client: PlaidClient, accessToken: string, req: SyncRequest): AsyncGenerator<SyncPage> {
  const state = readState(req.state);
  const progress = req.onProgress ?? (() => {});
  const warnings: string[] = [];
  let staged: { upserts: TransactionSnapshot[]; removed: SyncPage['removed']; cursor: string | null } | null = null;
  for (let attempt = 0; attempt < MAX_RESTARTS && !staged; attempt++) {
    try {
      staged = await loop(client, accessToken, state.cursor, progress);
    } catch (e) {
      if (!(e instanceof ProviderError && e.detail.providerCode === 'TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION')) throw e;
      progress('Plaid data changed while paging; starting this update again');
    }
  }
  if (!staged) {
    throw new ProviderError(
      'provider_down',
      `Plaid kept changing the data while Trax paged through it (${MAX_RESTARTS} attempts); try again in a few minutes.`,
      { endpoint: 'POST /transactions/sync' },
    );
  }
  if (staged.cursor === null) {
    warnings.push('Plaid is still preparing this bank’s transactions; they arrive with the next sync.');
  }
  const { accounts } = await client.call('POST /accounts/get', accountsResponse, (api) =>
    api.accountsGet({ access_token: accessToken }),
  );
  const asOf = req.now.toISOString();
  yield {
    accounts: accounts.map(mapAccount),
    balances: accounts.map((a) => mapBalance(a, asOf)).filter((b) => b !== null),
    upserts: staged.upserts,
    pendingSnapshots: [],
    removed: staged.removed,
    state: { v: 1, cursor: staged.cursor ?? state.cursor } satisfies State,
    warnings,
  };
}

async function loop(client: PlaidClient, accessToken: string, start: string | null, progress: (m: string) => void) {
  const upserts: TransactionSnapshot[] = [];
  const removed: SyncPage['removed'] = [];
  let cursor = start;
  for (let page = 1; ; page++) {
    const res = await client.call('POST /transactions/sync', syncResponse, (api) =>
      api.transactionsSync({ access_token: accessToken, count: 500, ...(cursor ? { cursor } : {}) }),
    );
    // "" means Plaid has not finished pulling from the bank; keep the old cursor, come back later.
    if (res.next_cursor === '') return { upserts, removed, cursor: null };
    for (const t of [...res.added, ...res.modified]) upserts.push(mapTransaction(t));
    for (const r of res.removed) removed.push({ providerAccountId: r.account_id ?? null, dedupeKey: `id:${r.transaction_id}` });
    cursor = res.next_cursor;
    progress(
      `transactions page ${page}: ${res.added.length} added, ${res.modified.length} modified, ${res.removed.length} removed`,
    );
    if (!res.has_more) return { upserts, removed, cursor };
  }
}
