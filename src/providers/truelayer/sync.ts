import { z } from 'zod';
import { ProviderError } from '../../domain/errors.js';
import { addDays, isoDate } from '../../domain/dates.js';
import type { SyncPage, SyncRequest } from '../provider.js';
import type { DataClient, ResourceKind } from './data-client.js';
import { mapAccount, mapBalance, mapCard, mapTransactions } from './map.js';

/** Days re-read on every sync: banks book late and amend recent lines. */
export const OVERLAP_DAYS = 10;
/** PSD2: without fresh SCA, banks serve at most 90 days; 89 keeps us clear of edge cases. */
export const UNATTENDED_DAYS = 89;

/**
 * Resume state, per account. Keyed by IBAN where the account has one, so an account_id that
 * changes after re-auth still finds its state and does not trigger a needless deep pull.
 */
const stateSchema = z.object({
  v: z.literal(1),
  accounts: z.record(z.string(), z.object({ through: z.string() })),
});
type State = z.infer<typeof stateSchema>;

function readState(raw: unknown): State {
  const parsed = stateSchema.safeParse(raw);
  return parsed.success ? parsed.data : { v: 1, accounts: {} };
}

export async function* truelayerPages(api: DataClient, req: SyncRequest, historyDays: number): AsyncGenerator<SyncPage> {
  const state = readState(req.state);
  const today = isoDate(req.now);
  const progress = req.onProgress ?? (() => {});
  const accounts = await api.accounts();
  const cards = await api.cards();
  const resources = [
    ...accounts.map((a) => ({ kind: 'accounts' as ResourceKind, snap: mapAccount(a) })),
    ...cards.map((c) => ({ kind: 'cards' as ResourceKind, snap: mapCard(c) })),
  ];
  for (const [index, { kind, snap }] of resources.entries()) {
    const id = snap.providerAccountId;
    const key = snap.iban ? `iban:${snap.iban.replace(/\s+/g, '').toUpperCase()}` : `id:${id}`;
    const previous = state.accounts[key];
    const floor = addDays(today, -UNATTENDED_DAYS);
    const warnings: string[] = [];
    let from = previous ? maxDate(addDays(previous.through, -OVERLAP_DAYS), floor) : addDays(today, -historyDays);
    if (previous && addDays(previous.through, -OVERLAP_DAYS) < floor) {
      warnings.push(
        `${snap.name}: the last sync was before ${floor}; days between ${previous.through} and ${floor} may be missing because banks only serve 90 days without a fresh login. Reconnect to fill the gap.`,
      );
    }
    progress(`${snap.name} (${index + 1}/${resources.length}): transactions ${from} → ${today}`);
    let settled;
    try {
      settled = await api.transactions(kind, id, from, today);
    } catch (e) {
      // The deep pull only works in the minutes after login; fall back to what is always allowed.
      if (!(e instanceof ProviderError && e.detail.providerCode === 'sca_exceeded' && from < floor)) throw e;
      warnings.push(
        `${snap.name}: the bank no longer serves history before ${floor} (its window after login has passed); synced from ${floor}.`,
      );
      from = floor;
      settled = await api.transactions(kind, id, from, today);
    }
    const balance = await api.balance(kind, id);
    const pending = await api.pending(kind, id);
    const label = `GET /${kind}/{id}/transactions`;
    state.accounts[key] = { through: today };
    yield {
      accounts: [snap],
      balances: balance ? [mapBalance(id, balance, kind === 'cards', `GET /${kind}/{id}/balance`)] : [],
      upserts: mapTransactions(id, settled, false, label),
      pendingSnapshots: pending ? [{ providerAccountId: id, rows: mapTransactions(id, pending, true, `${label}/pending`) }] : [],
      removed: [],
      state: structuredClone(state),
      window: { from, to: today },
      warnings,
    };
  }
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}
