import type { App } from '../app.js';
import { LEARNED_MIN_CONFIDENCE } from '../categorize/pipeline.js';
import { ReviewInboxStore, type InboxParams, type InboxRow } from '../store/review-inbox.js';
import type { TransactionRow } from '../store/transactions.js';

export type ReviewReason = 'new' | 'uncategorized' | 'low-confidence' | 'transfer' | 'duplicate';

/** A transaction as the inbox shows it. */
export interface ReviewTransaction {
  id: number;
  accountId: number;
  accountName: string;
  date: string;
  amountMinor: number;
  currency: string;
  description: string;
  merchant: string | null;
  category: string | null;
  categoryName: string | null;
  categorySource: string | null;
  confidence: number | null;
}

/**
 * One thing to look at. `id` is what the answer takes: a transaction id for transactions and
 * transfers (`trax review accept ID`), the import review's id for a duplicate
 * (`trax review not-duplicate ID`, the same id `trax import review` shows).
 */
export type ReviewItem =
  | { kind: 'transaction'; id: number; reasons: ReviewReason[]; transaction: ReviewTransaction }
  | { kind: 'transfer'; id: number; reasons: ReviewReason[]; transaction: ReviewTransaction; pair: ReviewTransaction | null }
  | {
      kind: 'duplicate';
      id: number;
      reasons: ReviewReason[];
      /** A synced row a sync added while asking; null for a file's row held back. */
      transactionId: number | null;
      source: string;
      row: { accountId: number; date: string; amountMinor: number; currency: string; description: string };
      candidates: ReviewTransaction[];
    };

export interface ReviewQueue {
  /** Everything in the inbox, also what `limit` left out; at most `countCap` when one was given. */
  total: number;
  /** True when counting stopped at `countCap`: there are at least `total` entries. */
  totalCapped: boolean;
  /** Null until the first `trax review done`: every row counts as new. */
  reviewedUpTo: string | null;
  items: ReviewItem[];
}

export function inboxParams(app: App, store = new ReviewInboxStore(app.db)): InboxParams {
  return {
    marker: store.marker(),
    uncategorizedId: app.categories.resolve('uncategorized').id,
    lowConfidence: LEARNED_MIN_CONFIDENCE,
  };
}

/** The number on the navigation badge. */
export function reviewCount(app: App): number {
  const store = new ReviewInboxStore(app.db);
  return store.count(inboxParams(app, store));
}

/** The columns an inbox row and a listed transaction share. */
type StoredTransaction = Pick<
  InboxRow,
  | 'id'
  | 'account_id'
  | 'booking_date'
  | 'amount_minor'
  | 'currency'
  | 'description'
  | 'merchant'
  | 'category_slug'
  | 'category_name'
  | 'category_source'
>;

const toReview = (r: StoredTransaction, accountName: string, confidence: number | null): ReviewTransaction => ({
  id: r.id,
  accountId: r.account_id,
  accountName,
  date: r.booking_date,
  amountMinor: r.amount_minor,
  currency: r.currency,
  description: r.description,
  merchant: r.merchant,
  category: r.category_slug,
  categoryName: r.category_name,
  categorySource: r.category_source,
  confidence,
});

const fromInbox = (r: InboxRow): ReviewTransaction => toReview(r, r.account_name, r.category_confidence);

/** A listed transaction carries no account name or confidence: the name comes from `names`. */
const fromList =
  (names: Map<number, string>) =>
  (r: TransactionRow): ReviewTransaction =>
    toReview(r, names.get(r.account_id) ?? `account ${r.account_id}`, null);

function reasonsOf(r: InboxRow): ReviewReason[] {
  const reasons: ReviewReason[] = [];
  if (r.is_transfer) reasons.push('transfer');
  if (r.is_uncategorized) reasons.push('uncategorized');
  if (r.is_low) reasons.push('low-confidence');
  if (r.is_new) reasons.push('new');
  return reasons;
}

/**
 * The inbox: possible duplicates first (they hold rows back from the books), then transactions
 * and suggested transfer pairs, newest booking first. `limit` and `offset` page the transaction
 * entries; the duplicate questions come with every page.
 */
export function reviewQueue(app: App, opts: { limit?: number; offset?: number; countCap?: number } = {}): ReviewQueue {
  const store = new ReviewInboxStore(app.db);
  const params = inboxParams(app, store);
  const fromStored = fromList(new Map(app.accounts.list().map((a) => [a.id, a.name])));
  const duplicates: ReviewItem[] = app.imports.openReviews().map((r) => ({
    kind: 'duplicate',
    id: r.id,
    reasons: ['duplicate'],
    transactionId: r.transactionId,
    source: r.source,
    row: {
      accountId: r.accountId,
      date: r.row.bookingDate,
      amountMinor: r.row.amountMinor,
      currency: r.row.currency,
      description: [r.row.counterpartyName, r.row.description].filter(Boolean).join(' · '),
    },
    candidates: app.transactions.list({ ids: r.candidates }).map(fromStored),
  }));
  const rows = store.list(params, opts.limit ?? 500, opts.offset ?? 0);
  const partnerIds = rows.filter((r) => r.is_transfer && r.transfer_pair_id !== null).map((r) => r.transfer_pair_id!);
  const partners = new Map(app.transactions.list({ ids: partnerIds }).map((t) => [t.id, fromStored(t)]));
  const items: ReviewItem[] = rows.map((r) =>
    r.is_transfer
      ? {
          kind: 'transfer',
          id: r.id,
          reasons: reasonsOf(r),
          transaction: fromInbox(r),
          pair: r.transfer_pair_id === null ? null : (partners.get(r.transfer_pair_id) ?? null),
        }
      : { kind: 'transaction', id: r.id, reasons: reasonsOf(r), transaction: fromInbox(r) },
  );
  // The exact count reads every entry (seconds at 1M rows before a first review); a page says "at least".
  const total = opts.countCap === undefined ? store.count(params) : store.countUpTo(params, opts.countCap);
  const totalCapped = opts.countCap !== undefined && total >= opts.countCap;
  return { total, totalCapped, reviewedUpTo: params.marker, items: [...duplicates, ...items] };
}
