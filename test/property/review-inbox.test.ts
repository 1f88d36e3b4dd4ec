import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEARNED_MIN_CONFIDENCE } from '../../src/categorize/pipeline.js';
import { categorizeTransactions } from '../../src/categorize/run.js';
import { ReviewInboxStore } from '../../src/store/review-inbox.js';
import { inboxParams, reviewCount, reviewQueue, type ReviewReason } from '../../src/review/queue.js';
import { genLedger, insert, openLedger, PROPERTY, snapshotOf } from './categorize-ledger.js';

/**
 * The inbox SQL (index ranges unioned, pairs folded into one entry) against the definition
 * written plainly over every row: over generated ledgers whose rows were categorized, paired,
 * chosen by the user, left pending or guessed at any confidence, and first seen before or after
 * the review marker, each doubtful or new booked row is in exactly one entry with exactly its
 * reasons, nothing else is, the badge counts what the page lists (up to any cap), and a page read
 * off the date index equals the same page of the whole inbox grouped and sorted.
 */
const MARKER = '2026-03-01T00:00:00.000Z';

const genTweak = fc.record({
  pending: fc.boolean(),
  user: fc.boolean(),
  confidence: fc.option(fc.constantFrom(0.3, LEARNED_MIN_CONFIDENCE - 0.001, LEARNED_MIN_CONFIDENCE, 0.9), { nil: undefined }),
  late: fc.boolean(),
});

describe('the review inbox', () => {
  it('holds exactly the new and doubtful booked rows, each once with its reasons, and counts them', () => {
    fc.assert(
      fc.property(genLedger, fc.array(genTweak, { minLength: 80, maxLength: 80 }), (rows, tweaks) => {
        const l = openLedger();
        try {
          insert(
            l,
            rows.map((r, i) => snapshotOf(r, { pending: tweaks[i]!.pending })),
          );
          categorizeTransactions(l.app);
          new ReviewInboxStore(l.app.db).setMarker(MARKER, MARKER);
          const ids = l.app.db.prepare('SELECT id FROM transactions ORDER BY id').pluck().all() as number[];
          ids.forEach((id, i) => {
            const t = tweaks[i]!;
            const seen = t.late ? '2026-03-02T00:00:00.000Z' : '2026-02-01T00:00:00.000Z';
            l.app.db.prepare('UPDATE transactions SET first_seen_at = ? WHERE id = ?').run(seen, id);
            if (t.user)
              l.app.db
                .prepare(
                  `UPDATE transactions SET category_source = 'user', category_confidence = 1, transfer_pair_id = NULL WHERE id = ?`,
                )
                .run(id);
            else if (t.confidence !== undefined)
              l.app.db
                .prepare(
                  `UPDATE transactions SET category_confidence = ? WHERE id = ? AND category_source NOT IN ('rule', 'transfer')`,
                )
                .run(t.confidence, id);
          });

          const uncat = l.app.categories.resolve('uncategorized').id;
          type Row = {
            id: number;
            pending: number;
            first_seen_at: string;
            category_id: number | null;
            category_source: string | null;
            category_confidence: number | null;
            transfer_pair_id: number | null;
          };
          const all = l.app.db
            .prepare(
              'SELECT id, pending, first_seen_at, category_id, category_source, category_confidence, transfer_pair_id FROM transactions',
            )
            .all() as Row[];
          const expected = new Map<number, Set<ReviewReason>>();
          for (const r of all) {
            if (r.pending) continue;
            const reasons: ReviewReason[] = [];
            if (r.category_source === 'transfer') reasons.push('transfer');
            if (r.category_id === null || r.category_id === uncat) reasons.push('uncategorized');
            if (
              r.category_confidence !== null &&
              r.category_confidence < LEARNED_MIN_CONFIDENCE &&
              r.category_id !== uncat &&
              r.category_source !== 'user' &&
              r.category_source !== 'rule'
            )
              reasons.push('low-confidence');
            if (r.first_seen_at > MARKER && r.category_source !== 'user') reasons.push('new');
            if (!reasons.length) continue;
            const key =
              r.category_source === 'transfer' && r.transfer_pair_id !== null ? Math.min(r.id, r.transfer_pair_id) : r.id;
            const set = expected.get(key) ?? new Set();
            for (const x of reasons) set.add(x);
            expected.set(key, set);
          }

          const q = reviewQueue(l.app, { limit: 10_000 });
          const got = new Map(q.items.map((i) => [i.id, new Set(i.reasons)]));
          expect(q.items.length).toBe(got.size);
          expect(got).toEqual(expected);
          expect(reviewCount(l.app)).toBe(q.items.length);
          expect(q.total).toBe(q.items.length);
          // The badge's capped count stops early but never miscounts below its cap.
          const store = new ReviewInboxStore(l.app.db);
          for (const cap of [1, 2, 7, q.total, q.total + 1, 100])
            expect(store.countUpTo(inboxParams(l.app, store), cap)).toBe(Math.min(cap, q.total));
          // A large inbox is listed by walking the date index and stopping after the page: any
          // page of it is the same page, in the same order, as grouping the whole inbox gives.
          const params = inboxParams(l.app, store);
          const walking = new ReviewInboxStore(l.app.db, 0);
          for (const [limit, offset] of [
            [1, 0],
            [3, 0],
            [5, 2],
            [7, 4],
            [q.total, 0],
            [4, q.total - 2],
          ] as const)
            expect(walking.list(params, limit, Math.max(0, offset))).toEqual(store.list(params, limit, Math.max(0, offset)));
        } finally {
          l.cleanup();
        }
      }),
      PROPERTY,
    );
  });
});
