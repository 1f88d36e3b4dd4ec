import { Errors } from '../errors.js';
import * as schemas from '../schemas.js';
import { accountId, accountJson, transactionJson } from '../serialize.js';
import type { ItemRecord, SandboxState } from '../state.js';
import { decodeCursor, encodeCursor, type CursorState } from '../sync/cursor.js';
import type { Change } from '../sync/ledger.js';
import { webhookBody } from '../webhooks/bodies.js';
import { dataItem, plaidPost, type PlaidApp } from './define.js';

const DEFAULT_COUNT = 100;

/**
 * /transactions/sync with real pagination. A loop starts at a settled cursor (or none) and pins
 * the ledger version it saw; each page's next_cursor points further into that same change set.
 * If the ledger moves before the loop ends, the next page fails with
 * TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION and the client restarts from its first cursor.
 */
export function transactionRoutes(app: PlaidApp, state: SandboxState): void {
  plaidPost(app, state, '/transactions/sync', schemas.transactionsSync, ({ c, body, clientId }) => {
    const item = dataItem(state, c, body.access_token, clientId, { requireHealthy: true });
    item.syncedOnce = true;
    item.lastSyncAt = state.now();
    if (state.faults.takeNotReady(item.itemId)) {
      return {
        accounts: [],
        added: [],
        modified: [],
        removed: [],
        next_cursor: '',
        has_more: false,
        transactions_update_status: 'NOT_READY',
      };
    }
    const version = item.ledger.version;
    const cursorText = body.cursor ?? '';
    let cur: CursorState;
    if (cursorText === 'now') {
      cur = { from: version, to: version, offset: 0 };
    } else if (cursorText === '') {
      cur = { from: 0, to: version, offset: 0 };
    } else {
      const decoded = decodeCursor(state.cursorSecret, item.itemId, cursorText);
      if (!decoded || decoded.to > version) throw Errors.invalidCursor();
      cur = decoded;
    }
    if (cur.offset > 0) {
      if (state.faults.takeMutation() || cur.to !== version) throw Errors.mutationDuringPagination();
    } else {
      cur = { from: cur.from, to: version, offset: 0 };
    }
    const changes = item.ledger.changesSince(cur.from);
    const count = Math.min(body.count ?? DEFAULT_COUNT, state.maxSyncPageSize ?? Infinity);
    const page = changes.slice(cur.offset, cur.offset + count);
    const hasMore = cur.offset + count < changes.length;
    const next: CursorState = hasMore ? { ...cur, offset: cur.offset + count } : { from: cur.to, to: cur.to, offset: 0 };
    return {
      ...pageJson(item, page, body.options?.include_original_description === true),
      next_cursor: encodeCursor(state.cursorSecret, item.itemId, next),
      has_more: hasMore,
      transactions_update_status: 'HISTORICAL_UPDATE_COMPLETE',
    };
  });

  // Plaid refreshes asynchronously and announces new data by webhook; here the data is already
  // current, so the refresh only catches the item up with the clock and sends the webhook.
  plaidPost(app, state, '/transactions/refresh', schemas.accessTokenOnly, ({ c, body, clientId }) => {
    const item = dataItem(state, c, body.access_token, clientId, { requireHealthy: true });
    if (item.syncedOnce) state.notify(item, webhookBody(state, item, 'TRANSACTIONS', 'SYNC_UPDATES_AVAILABLE'));
    return {};
  });
}

function pageJson(item: ItemRecord, page: Change[], includeOriginalDescription: boolean) {
  const added: unknown[] = [];
  const modified: unknown[] = [];
  const removed: unknown[] = [];
  const touched = new Set<string>();
  for (const ch of page) {
    if (ch.kind === 'removed') {
      removed.push({ account_id: accountId(item, ch.accountKey), transaction_id: ch.id });
      touched.add(ch.accountKey);
    } else {
      (ch.kind === 'added' ? added : modified).push(transactionJson(item, ch.row, { includeOriginalDescription }));
      touched.add(ch.row.accountKey);
    }
  }
  // Plaid lists only the accounts that have transactions in this response.
  const accounts = item.persona.accounts.filter((a) => touched.has(a.key)).map((a) => accountJson(item, a));
  return { accounts, added, modified, removed };
}
