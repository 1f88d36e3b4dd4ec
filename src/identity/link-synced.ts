import type { App } from '../app.js';
import type { TransactionSnapshot } from '../domain/types.js';
import { SYNC_SOURCE } from '../store/sightings.js';
import type { UpsertCounts } from '../store/transactions.js';
import { candidateWindow, decideMatch } from './match.js';

/**
 * The sync's half of cross-source identity, for accounts a statement file has fed: a booked row
 * the provider sends for the first time may be a booking an import already brought. One fitting
 * imported row: the synced key becomes its alias (linked, not added; the user's category stays).
 * Several: the row is added (a sync never holds data back) and the user is asked whether it is
 * one of them (`trax import review`). Accounts no file has fed take the plain upsert, unchanged.
 */
export function upsertLinkingImports(
  app: App,
  accountId: number,
  rows: readonly TransactionSnapshot[],
  now: string,
  counts: UpsertCounts,
): void {
  const plain: TransactionSnapshot[] = [];
  const ask: Array<{ row: TransactionSnapshot; candidates: number[] }> = [];
  const claimed = new Set<number>();
  for (const t of rows) {
    if (t.pending || app.sightings.ownRow(accountId, t.dedupeKey)) {
      plain.push(t);
      continue;
    }
    // Linked on an earlier sync: the imported row stands for it.
    if (app.sightings.find(accountId, t.dedupeKey) !== undefined) continue;
    const w = candidateWindow(t);
    const candidates = app.sightings
      .candidates(accountId, t.amountMinor, t.currency, w.from, w.to, SYNC_SOURCE)
      .filter((c) => !claimed.has(c.id));
    const decision = decideMatch(
      {
        bookingDate: t.bookingDate,
        valueDate: null,
        description: t.description,
        counterpartyName: t.counterpartyName ?? t.merchant,
        endToEndId: null,
        reference: t.providerTransactionId,
      },
      candidates,
    );
    if (decision.kind === 'one') {
      claimed.add(decision.id);
      app.sightings.addAlias(accountId, t.dedupeKey, SYNC_SOURCE, decision.id, null, now);
      continue;
    }
    plain.push(t);
    if (decision.kind === 'ambiguous') ask.push({ row: t, candidates: decision.ids });
  }
  app.transactions.upsert(accountId, plain, now, counts);
  for (const { row, candidates } of ask) {
    app.imports.addReview({
      importId: null,
      accountId,
      dedupeKey: row.dedupeKey,
      source: SYNC_SOURCE,
      row: {
        bookingDate: row.bookingDate,
        amountMinor: row.amountMinor,
        currency: row.currency,
        description: row.description,
        counterpartyName: row.counterpartyName,
        counterpartyIban: row.counterpartyIban,
        bankReference: row.providerTransactionId,
        pending: row.pending,
        providerCategory: row.providerCategory,
        providerClassification: row.providerClassification,
        raw: JSON.stringify(row.raw),
      },
      candidates,
      transactionId: app.sightings.find(accountId, row.dedupeKey) ?? null,
      now,
    });
  }
}
