import type { App } from '../../app.js';
import { TraxError } from '../../domain/errors.js';
import { inTransaction } from '../../store/db.js';
import type { ReviewItem } from '../../store/imports.js';
import { SYNC_SOURCE } from '../../store/sightings.js';

/**
 * The user's answer to "is this booking one of these rows?". For a row an import held back:
 * `link` makes it an alias of the chosen row, `add` imports it as a booking of its own, `skip`
 * keeps it out for good (a tombstone: no later import brings it back). For a row a sync added
 * while asking: `link` merges it into the chosen row (the synced key becomes an alias, so the
 * next sync does not bring it back), `add` keeps both.
 */
export type ReviewAnswer = { kind: 'link'; transactionId: number } | { kind: 'add' } | { kind: 'skip' };

export function resolveReview(app: App, reviewId: number, answer: ReviewAnswer): ReviewItem {
  const item = app.imports.openReviews().find((r) => r.id === reviewId);
  if (!item) {
    throw new TraxError('not_found', (m) => m.errNoOpenReview(reviewId));
  }
  const now = app.now().toISOString();
  const fromSync = item.source === SYNC_SOURCE;
  if (answer.kind === 'link' && !item.candidates.includes(answer.transactionId)) {
    const { transactionId } = answer;
    throw new TraxError('usage', (m) => m.errNotACandidate(transactionId, reviewId, item.candidates.join(', ')));
  }
  if (answer.kind === 'skip' && fromSync) {
    throw new TraxError('usage', (m) => m.errSyncedRowStays(reviewId));
  }
  inTransaction(app.db, 'resolve the review', () => {
    if (answer.kind === 'link') {
      if (fromSync && item.transactionId !== null) app.sightings.deleteRows([item.transactionId]);
      app.sightings.addAlias(item.accountId, item.dedupeKey, item.source, answer.transactionId, item.importId, now);
      app.imports.closeReview(item.id, 'linked', now);
    } else if (answer.kind === 'add') {
      if (!fromSync) {
        app.sightings.insertImported({
          accountId: item.accountId,
          dedupeKey: item.dedupeKey,
          ...item.row,
          source: item.source,
          importId: item.importId!,
          now,
        });
      }
      app.imports.closeReview(item.id, 'added', now);
    } else {
      app.sightings.addTombstone(item.accountId, item.dedupeKey, now);
      app.imports.closeReview(item.id, 'skipped', now);
    }
  });
  return item;
}
