import { z } from 'zod';
import { addDays, isoDate } from '../../domain/dates.js';
import { ProviderError } from '../../domain/errors.js';
import type { AccountSnapshot, TransactionSnapshot } from '../../domain/types.js';
import type { SyncPage, SyncRequest } from '../provider.js';
import { TRANSACTIONS_LABEL, type EbClient } from './client.js';
import { classify, mapBalances, mapTransaction, newKeyers } from './map.js';

/** Days re-read on every sync: banks book late and amend recent lines. */
export const OVERLAP_DAYS = 10;
/** PSD2: without fresh SCA banks serve about 90 days; 89 keeps clear of the edge. */
export const UNATTENDED_DAYS = 89;
/** Observed chains are 2–4 pages; far more means the bank is looping in a way we did not spot. */
export const MAX_PAGES = 100;

/** What Trax keeps (encrypted) for one Enable Banking connection. */
export interface EnableBankingSecrets {
  sessionId: string;
  /** Session-scoped uids for data calls, with the account as POST /sessions described it. */
  accounts: Array<{ uid: string; account: AccountSnapshot }>;
}

/**
 * Resume state per account, keyed by identification_hash (stable across sessions), so a
 * renewed consent with new uids does not trigger a needless deep pull.
 */
const stateSchema = z.object({ v: z.literal(1), accounts: z.record(z.string(), z.object({ through: z.string() })) });
type State = z.infer<typeof stateSchema>;

function readState(raw: unknown): State {
  const parsed = stateSchema.safeParse(raw);
  return parsed.success ? parsed.data : { v: 1, accounts: {} };
}

/**
 * Pages per account: one per transactions page, following continuation_key. The account's
 * `through` date moves only on its last page, so a crash mid-chain re-reads the window (upserts
 * are idempotent) instead of skipping it. Pending rows of all pages form one snapshot on the
 * last page: the set must be complete to replace the previous one.
 */
export async function* enableBankingPages(
  api: EbClient,
  secrets: EnableBankingSecrets,
  req: SyncRequest,
  historyDays: number,
): AsyncGenerator<SyncPage> {
  const state = readState(req.state);
  const today = isoDate(req.now);
  const progress = req.onProgress ?? (() => {});
  for (const [index, { uid, account }] of secrets.accounts.entries()) {
    const id = account.providerAccountId;
    const previous = state.accounts[id];
    const floor = addDays(today, -UNATTENDED_DAYS);
    const warnings: string[] = [];
    let from = previous ? maxDate(addDays(previous.through, -OVERLAP_DAYS), floor) : addDays(today, -historyDays);
    if (previous && addDays(previous.through, -OVERLAP_DAYS) < floor) {
      warnings.push(
        `${account.name}: the last sync was before ${floor}; days between ${previous.through} and ${floor} may be missing because banks only serve 90 days without a fresh login. Reconnect to fill the gap.`,
      );
    }
    progress(`${account.name} (${index + 1}/${secrets.accounts.length}): transactions ${from} → ${today}`);
    const keyers = newKeyers();
    const pending: TransactionSnapshot[] = [];
    const seenKeys = new Set<string>();
    let key: string | undefined;
    for (let pageNo = 1; ; pageNo++) {
      let page;
      try {
        page = await api.transactions(uid, {
          dateFrom: from,
          dateTo: today,
          ...(key !== undefined ? { continuationKey: key } : {}),
        });
      } catch (e) {
        // Deep history is only served shortly after login; fall back to what is always allowed.
        const tooLong = e instanceof ProviderError && e.detail.providerCode === 'WRONG_TRANSACTIONS_PERIOD';
        if (!(tooLong && pageNo === 1 && from < floor)) throw e;
        warnings.push(`${account.name}: the bank no longer serves history before ${floor}; synced from ${floor}.`);
        from = floor;
        page = await api.transactions(uid, { dateFrom: from, dateTo: today });
      }
      const upserts: TransactionSnapshot[] = [];
      page.transactions.forEach((t, i) => {
        const where = { endpoint: TRANSACTIONS_LABEL, index: i, today };
        const kind = classify(t.status);
        if (kind === 'booked') upserts.push(mapTransaction(id, t, false, keyers, where));
        else if (kind === 'pending') pending.push(mapTransaction(id, t, true, keyers, where));
      });
      const next = page.continuation_key ?? undefined;
      if (next !== undefined && (seenKeys.has(next) || next === key)) {
        // A repeated key means this page is likely a repeat too (Trade Republic sends the same
        // page again), and its fingerprints would then count twice: stop before applying it.
        throw new ProviderError(
          'invalid_response',
          `Enable Banking ${TRANSACTIONS_LABEL} for ${account.name} handed back a page token it had already given (the bank is looping); the ${pageNo - 1} page(s) before it were saved, and the next sync tries again.`,
          { endpoint: TRANSACTIONS_LABEL },
        );
      }
      if (next !== undefined && pageNo >= MAX_PAGES) {
        throw new ProviderError(
          'invalid_response',
          `Enable Banking ${TRANSACTIONS_LABEL} for ${account.name} kept paging past ${MAX_PAGES} pages; what came before was saved, and the next sync tries again.`,
          { endpoint: TRANSACTIONS_LABEL },
        );
      }
      if (next !== undefined) {
        seenKeys.add(next);
        key = next;
        yield {
          accounts: [account],
          balances: [],
          upserts,
          pendingSnapshots: [],
          removed: [],
          state: structuredClone(state),
          warnings: [],
        };
        continue;
      }
      const balances = mapBalances(id, await api.balances(uid), 'GET /accounts/{uid}/balances', req.now);
      state.accounts[id] = { through: today };
      yield {
        accounts: [account],
        balances,
        upserts,
        pendingSnapshots: [{ providerAccountId: id, rows: pending }],
        removed: [],
        state: structuredClone(state),
        window: { from, to: today },
        warnings,
      };
      break;
    }
  }
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}
