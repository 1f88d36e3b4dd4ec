import { afterEach, describe, expect, it } from 'vitest';
import { ReviewInboxStore } from '../../src/store/review-inbox.js';
import { memoryLedger, type Ledger } from '../helpers/ledger.js';

/**
 * A large inbox is paged by walking the date index newest first (ReviewInboxStore, GROUP_ALL_UP_TO).
 * A suggested transfer pair is one entry keyed by its lower id and dated by its later half, so
 * the walk meets it under the other half's id: these cases are the ones where that matters.
 */
let l: Ledger | undefined;
afterEach(() => l?.close());

function inbox() {
  l = memoryLedger();
  const ledger = l;
  const db = ledger.db;
  const uncat = ledger.category('uncategorized');
  const row = (date: string, amount: string) => ledger.tx({ date, amount, description: `Row ${date} ${amount}` });
  // A pair: its earlier half (the lower id) is the doubtful one, its later half the new one.
  const early = row('2026-02-10', '-50.00');
  const a = row('2026-02-12', '-1.00');
  const b = row('2026-02-12', '-2.00');
  const late = row('2026-02-12', '50.00');
  db.prepare(`UPDATE transactions SET category_id = ?, category_source = 'none' WHERE id IN (?, ?)`).run(uncat, a, b);
  db.prepare(
    `UPDATE transactions SET category_source = 'transfer', transfer_pair_id = ?, category_confidence = ? WHERE id = ?`,
  ).run(late, 0.3, early);
  db.prepare(
    `UPDATE transactions SET category_source = 'transfer', transfer_pair_id = ?, category_confidence = 1 WHERE id = ?`,
  ).run(early, late);
  db.prepare(`UPDATE transactions SET first_seen_at = ? WHERE id = ?`).run('2026-03-02T00:00:00.000Z', late);
  db.prepare(`UPDATE transactions SET first_seen_at = ? WHERE id <> ?`).run('2026-02-01T00:00:00.000Z', late);
  const params = { marker: '2026-03-01T00:00:00.000Z', uncategorizedId: uncat, lowConfidence: 0.6 };
  return { db, params, early, a, b };
}

describe('paging a large review inbox', () => {
  it('orders a pair met under its later half as the whole inbox orders it', () => {
    const { db, params, early, a, b } = inbox();
    const grouped = new ReviewInboxStore(db);
    const walking = new ReviewInboxStore(db, 0);
    // Same day 2026-02-12 for all three entries; ties go by key, newest key first.
    expect(grouped.list(params, 10).map((r) => r.id)).toEqual([b, a, early]);
    for (let limit = 1; limit <= 3; limit++)
      expect(walking.list(params, limit).map((r) => r.id)).toEqual([b, a, early].slice(0, limit));
    expect(walking.list(params, 1, 2).map((r) => r.id)).toEqual([early]);
  });

  it("gives a pair both halves' reasons though the walk met only the later one", () => {
    const { db, params, early } = inbox();
    const entry = new ReviewInboxStore(db, 0).list(params, 3).find((r) => r.id === early)!;
    expect(entry).toMatchObject({ is_transfer: 1, is_new: 1, is_low: 1 });
  });
});
