import type { App } from '../app.js';
import { chooseCategory, type ChoiceResult } from '../categorize/choose.js';
import { pipelineContext } from '../categorize/context.js';
import { decide, type Decision } from '../categorize/pipeline.js';
import { categorizeTransactions, saveDecision } from '../categorize/run.js';
import { TraxError } from '../domain/errors.js';
import { resolveReview } from '../imports/pipeline/review.js';
import { inTransaction } from '../store/db.js';
import type { ReviewItem as ImportReview } from '../store/imports.js';
import { ReviewInboxStore, type DecidableRow } from '../store/review-inbox.js';

/**
 * The inbox's answers. Category answers go through `chooseCategory` (src/categorize/choose.ts),
 * so each is the user's choice: sticky across syncs and taught to the learned model at once.
 */

function loadRow(store: ReviewInboxStore, id: number): DecidableRow {
  const row = store.decidable(id);
  if (!row) throw new TraxError('not_found', (m) => m.cliReviewNoTransaction(id));
  return row;
}

const isSuggestedTransfer = (r: DecidableRow) => r.category_source === 'transfer';

function currentCategory(app: App, id: number): { slug: string; name: string; kind: string } | null {
  const slug = app.transactions.list({ ids: [id] })[0]?.category_slug ?? null;
  if (!slug) return null;
  const c = app.categories.resolve(slug);
  return { slug, name: c.name, kind: c.kind };
}

export interface AcceptResult {
  /** The rows now the user's own choice: one, or both halves of a confirmed transfer. */
  transactionIds: number[];
  /** The category's slug and its name (what the messages show). */
  category: string;
  categoryName: string;
}

/**
 * "Accept": the category the row has becomes the user's choice. For a suggested transfer both
 * halves are confirmed and stay paired. A row with no category has nothing to accept.
 */
export function accept(app: App, transactionId: number): AcceptResult {
  const store = new ReviewInboxStore(app.db);
  const row = loadRow(store, transactionId);
  const current = currentCategory(app, row.id);
  if (!current || current.kind === 'uncategorized') throw new TraxError('usage', (m) => m.cliReviewNoCategoryToAccept(row.id));
  return inTransaction(app.db, 'accept the category', () => {
    if (isSuggestedTransfer(row) && row.transfer_pair_id !== null) {
      const other = row.transfer_pair_id;
      chooseCategory(app, row.id, current.slug);
      chooseCategory(app, other, current.slug);
      store.pair(row.id, other);
      return { transactionIds: [row.id, other], category: current.slug, categoryName: current.name };
    }
    chooseCategory(app, row.id, current.slug);
    return { transactionIds: [row.id], category: current.slug, categoryName: current.name };
  });
}

/**
 * "Change category", exactly `trax categorize set` (with `similar`, the same rule and preview).
 * On a suggested transfer a category that is not a transfer also says "not a transfer"; the
 * transfer category confirms the pair.
 */
export function changeCategory(
  app: App,
  transactionId: number,
  categoryRef: string,
  opts: { similar?: boolean } = {},
): ChoiceResult {
  const store = new ReviewInboxStore(app.db);
  const row = loadRow(store, transactionId);
  const category = app.categories.resolve(categoryRef);
  if (isSuggestedTransfer(row) && row.transfer_pair_id !== null && category.kind === 'transfer' && !opts.similar) {
    accept(app, row.id);
    return { transactionId: row.id, category, ruleId: null, similar: 0, undoId: null };
  }
  return inTransaction(app.db, 'change the category', () => {
    if (isSuggestedTransfer(row) && category.kind !== 'transfer') refuseTransfer(app, store, row);
    return chooseCategory(app, row.id, category.slug, opts);
  });
}

export interface NotTransferResult {
  /** The rows unpaired, each with the category it has now. */
  rows: Array<{ id: number; category: string }>;
  choice: ChoiceResult | null;
}

/** Both halves leave the pairing for good, and get the category the other stages give them. */
function refuseTransfer(app: App, store: ReviewInboxStore, row: DecidableRow): number[] {
  const sides = [row];
  if (row.transfer_pair_id !== null) {
    const other = store.decidable(row.transfer_pair_id);
    if (other) sides.push(other);
  }
  const ctx = pipelineContext(app);
  const transferKind = new Set(
    app.categories
      .list()
      .filter((c) => c.kind === 'transfer')
      .map((c) => c.id),
  );
  const now = app.now().toISOString();
  for (const s of sides) {
    store.refuseTransfer(s.account_id, s.dedupe_key, now);
    if (s.category_source === 'user') continue;
    let d: Decision = decide(ctx, {
      dedupeKey: s.dedupe_key,
      accountId: s.account_id,
      description: s.description,
      merchant: s.merchant,
      counterparty: s.counterparty_name,
      counterpartyIban: s.counterparty_iban,
      providerCategory: s.provider_category,
      providerClassification: s.provider_classification,
      amountMinor: s.amount_minor,
      provider: s.provider,
    });
    // The bank's "TRANSFER" hint would keep it out of spending all the same: the user said it is not.
    if (transferKind.has(d.categoryId))
      d = { categoryId: ctx.uncategorizedId, source: 'none', confidence: 0, ruleId: null, why: 'not a transfer, you said' };
    saveDecision(app, s.id, d);
  }
  store.unpair(sides.map((s) => s.id));
  return sides.map((s) => s.id);
}

/**
 * "Not a transfer": unpairs the suggestion and remembers it (by identity, so no re-sync or
 * recategorization pairs the rows again). With a category, that becomes the user's choice for
 * this row, taught to the model; without one, the rows are categorized as if never paired.
 */
export function notTransfer(app: App, transactionId: number, categoryRef?: string): NotTransferResult {
  const store = new ReviewInboxStore(app.db);
  const row = loadRow(store, transactionId);
  if (!isSuggestedTransfer(row)) throw new TraxError('usage', (m) => m.cliReviewNotSuggestedTransfer(row.id));
  const category = categoryRef === undefined ? undefined : app.categories.resolve(categoryRef);
  if (category?.kind === 'transfer') throw new TraxError('usage', (m) => m.cliReviewIsTransferCategory(category.name));
  return inTransaction(app.db, 'unpair the transfer', () => {
    const ids = refuseTransfer(app, store, row);
    const choice = category ? chooseCategory(app, row.id, category.slug) : null;
    return { rows: ids.map((id) => ({ id, category: currentCategory(app, id)?.slug ?? 'uncategorized' })), choice };
  });
}

/**
 * "Not a duplicate": the held-back row becomes a booking of its own (the import review's `add`),
 * or a synced row that asked is kept beside the candidates. A new row is categorized at once.
 */
export function notDuplicate(app: App, reviewId: number): ImportReview {
  // Asked from the inbox, the wrong id is answered in the inbox's words (not the import review's).
  if (!app.imports.openReviews().some((r) => r.id === reviewId))
    throw new TraxError('not_found', (m) => m.cliReviewNoDuplicate(reviewId));
  return inTransaction(app.db, 'add the row', () => {
    const item = resolveReview(app, reviewId, { kind: 'add' });
    categorizeTransactions(app);
    return item;
  });
}

/** "Done": every row stored until now stops being new (doubtful ones stay until answered). */
export function markReviewed(app: App): string {
  const now = app.now().toISOString();
  inTransaction(app.db, 'mark the inbox reviewed', () => new ReviewInboxStore(app.db).setMarker(now, now));
  return now;
}
