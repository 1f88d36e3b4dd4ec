/**
 * The review inbox over a real SQLite file: which rows it holds and why, and what each answer
 * leaves in the database (the row, the stored choice, the model, the remembered refusal).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadClassifier } from '../../src/categorize/context.js';
import { LEARNED_MIN_CONFIDENCE } from '../../src/categorize/pipeline.js';
import { categorizeTransactions } from '../../src/categorize/run.js';
import { accept, changeCategory, markReviewed, notTransfer } from '../../src/review/actions.js';
import { reviewCount, reviewQueue } from '../../src/review/queue.js';
import { insert, openLedger, snapshotOf, type Ledger } from '../property/categorize-ledger.js';

let ledgers: Ledger[] = [];
afterEach(() => {
  for (const l of ledgers) l.cleanup();
  ledgers = [];
});

function ledger(): Ledger {
  const l = openLedger();
  ledgers.push(l);
  return l;
}

const idOf = (l: Ledger, key: string) =>
  l.app.db.prepare('SELECT id FROM transactions WHERE dedupe_key = ?').pluck().get(key) as number;
const view = (l: Ledger, id: number) =>
  l.app.db
    .prepare(
      `SELECT c.slug, t.category_source AS source, t.transfer_pair_id AS pair FROM transactions t
       LEFT JOIN categories c ON c.id = t.category_id WHERE t.id = ?`,
    )
    .get(id) as { slug: string | null; source: string | null; pair: number | null };

/** REWE (built-in rule), a payee nobody knows, and a transfer between the two own accounts. */
function household(l: Ledger) {
  insert(l, [
    snapshotOf({ merchant: 1, account: 0, day: 1, amount: 4210 }, { dedupeKey: 'rewe' }),
    snapshotOf({ merchant: 11, account: 0, day: 2, amount: 350 }, { dedupeKey: 'kiosk' }),
    snapshotOf({ merchant: 13, account: 0, day: 3, amount: 999 }, { dedupeKey: 'unknown' }),
    snapshotOf({ merchant: 12, account: 0, day: 5, amount: 50_000 }, { dedupeKey: 'out', description: 'Sparen' }),
    snapshotOf(
      { merchant: 12, account: 1, day: 6, amount: 50_000 },
      { dedupeKey: 'in', description: 'Sparen', amountMinor: 50_000 },
    ),
    snapshotOf({ merchant: 1, account: 0, day: 7, amount: 1000 }, { dedupeKey: 'pending', pending: true }),
  ]);
  categorizeTransactions(l.app);
}

describe('the review inbox', () => {
  it('before any review holds every booked row once (a pair is one entry), never a pending one', () => {
    const l = ledger();
    household(l);
    const q = reviewQueue(l.app);
    expect(q.reviewedUpTo).toBeNull();
    expect(q.items.map((i) => i.id).sort()).toEqual(
      ['rewe', 'kiosk', 'unknown', 'out'].map((k) => idOf(l, k)).sort((a, b) => a - b),
    );
    const pair = q.items.find((i) => i.kind === 'transfer')!;
    expect(pair.kind === 'transfer' && pair.pair?.id).toBe(idOf(l, 'in'));
    expect(pair.reasons).toEqual(['transfer', 'new']);
    expect(q.items.find((i) => i.id === idOf(l, 'unknown'))!.reasons).toEqual(['uncategorized', 'new']);
    expect(reviewCount(l.app)).toBe(4);
  });

  it('after "done" keeps only the doubtful: no category, a suggested transfer, confidence below the categorizer’s threshold', () => {
    const l = ledger();
    household(l);
    markReviewed(l.app);
    // As an older model's guesses could have been left: one just below the threshold, one at it.
    const shopping = l.app.categories.resolve('shopping').id;
    const set = l.app.db.prepare(
      `UPDATE transactions SET category_id = ?, category_source = 'learned', category_confidence = ? WHERE id = ?`,
    );
    set.run(shopping, LEARNED_MIN_CONFIDENCE - 0.01, idOf(l, 'rewe'));
    set.run(shopping, LEARNED_MIN_CONFIDENCE, idOf(l, 'kiosk'));
    const q = reviewQueue(l.app);
    expect(Object.fromEntries(q.items.map((i) => [i.id, i.reasons]))).toEqual({
      [idOf(l, 'rewe')]: ['low-confidence'],
      [idOf(l, 'unknown')]: ['uncategorized'],
      [idOf(l, 'out')]: ['transfer'],
    });
    expect(q.reviewedUpTo).toBe('2026-03-15T12:00:00.000Z');
    expect(reviewCount(l.app)).toBe(3);
  });

  it('accept makes the category the user’s choice and teaches the model; nothing to accept is refused', () => {
    const l = ledger();
    household(l);
    const rewe = idOf(l, 'rewe');
    const before = loadClassifier(l.app)?.size ?? 0;
    expect(accept(l.app, rewe)).toEqual({ transactionIds: [rewe], category: 'groceries', categoryName: 'Groceries' });
    expect(view(l, rewe)).toEqual({ slug: 'groceries', source: 'user', pair: null });
    expect(loadClassifier(l.app)!.size).toBe(before + 1);
    expect(l.app.db.prepare(`SELECT count(*) FROM category_choices WHERE dedupe_key = 'rewe'`).pluck().get()).toBe(1);

    const unknown = idOf(l, 'unknown');
    expect(() => accept(l.app, unknown)).toThrow(`Transaction ${unknown} has no category to accept`);
    expect(view(l, unknown).source).toBe('none');
    expect(loadClassifier(l.app)!.size).toBe(before + 1);
  });

  it('not a transfer with a category: the user’s choice for that row, the other half recategorized, never paired again', () => {
    const l = ledger();
    household(l);
    const [out, inn] = [idOf(l, 'out'), idOf(l, 'in')];
    const before = loadClassifier(l.app)?.size ?? 0;
    const r = notTransfer(l.app, inn, 'shopping');
    expect(r.rows.map((x) => x.id).sort()).toEqual([out, inn].sort((a, b) => a - b));
    expect(view(l, inn)).toEqual({ slug: 'shopping', source: 'user', pair: null });
    expect(view(l, out).pair).toBeNull();
    expect(view(l, out).source).not.toBe('transfer');
    expect(loadClassifier(l.app)!.size).toBe(before + 1);

    categorizeTransactions(l.app, { all: true });
    expect(view(l, out).pair).toBeNull();
    expect(view(l, out).source).not.toBe('transfer');
    expect(() => notTransfer(l.app, out)).toThrow(`Transaction ${out} is not a suggested transfer`);
  });

  it('changing a suggested transfer’s category unpairs it; choosing Transfers confirms the pair', () => {
    const l = ledger();
    household(l);
    const [out, inn] = [idOf(l, 'out'), idOf(l, 'in')];
    changeCategory(l.app, out, 'transfers');
    expect(view(l, out)).toEqual({ slug: 'transfers', source: 'user', pair: inn });
    expect(view(l, inn)).toEqual({ slug: 'transfers', source: 'user', pair: out });

    const m = ledger();
    household(m);
    const [o2, i2] = [idOf(m, 'out'), idOf(m, 'in')];
    changeCategory(m.app, o2, 'housing');
    expect(view(m, o2)).toEqual({ slug: 'housing', source: 'user', pair: null });
    expect(view(m, i2).pair).toBeNull();
    expect(m.app.db.prepare('SELECT count(*) FROM transfer_refusals').pluck().get()).toBe(2);
  });

  it('a row a sync added while asking is a duplicate entry, not a transaction entry', () => {
    const l = ledger();
    household(l);
    const kiosk = idOf(l, 'kiosk');
    l.app.imports.addReview({
      importId: null,
      accountId: l.accountIds[0],
      dedupeKey: 'kiosk',
      source: 'sync',
      row: {
        bookingDate: '2025-11-03',
        amountMinor: -350,
        currency: 'EUR',
        description: 'KIOSK AM ECK 17',
        counterpartyName: null,
        counterpartyIban: null,
        bankReference: null,
        pending: false,
        providerCategory: null,
        providerClassification: null,
        raw: '{}',
      },
      candidates: [idOf(l, 'rewe')],
      transactionId: kiosk,
      now: '2026-03-15T12:00:00.000Z',
    });
    const q = reviewQueue(l.app);
    expect(q.items[0]).toMatchObject({ kind: 'duplicate', transactionId: kiosk, reasons: ['duplicate'] });
    expect(q.items.filter((i) => i.kind !== 'duplicate' && i.id === kiosk)).toEqual([]);
    expect(reviewCount(l.app)).toBe(4);
  });
});
