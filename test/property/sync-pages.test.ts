import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SyncPage } from '../../src/providers/provider.js';
import { openStore, page, txn } from './sync-fixture.js';

/**
 * The sync contract on a real SQLite file: pages applied in any order, with a crash at any
 * point and a re-sync after it, end with the same rows; a page that fails leaves nothing of
 * itself behind, its resume state included. fast-check prints the seed and the shrunk case.
 */
const SEED = 13_4;

/** Rows drawn from a small key space so pages overlap; a key's fields follow from the key, as at a bank. */
const rowArb = fc
  .record({ account: fc.constantFrom('acc-a', 'acc-b'), n: fc.integer({ min: 0, max: 30 }) })
  .map(({ account, n }) =>
    txn({
      providerAccountId: account,
      dedupeKey: `k${n}`,
      bookingDate: `2025-03-${String(1 + (n % 28)).padStart(2, '0')}`,
      amountMinor: (n % 2 ? -1 : 1) * (100 + n * 37),
      description: `Shop ${n % 7}`,
    }),
  );
const pagesArb = fc.array(fc.array(rowArb, { maxLength: 12 }), { minLength: 1, maxLength: 6 });

const pagesOf = (rowsPerPage: ReturnType<typeof txn>[][]): SyncPage[] => rowsPerPage.map((r, i) => page(r, { v: 1, page: i }));

function cleanRows(pages: SyncPage[]): string[] {
  const s = openStore();
  try {
    for (const p of pages) s.apply(p);
    return s.rows();
  } finally {
    s.close();
  }
}

/** A page whose row write fails half way: a NOT NULL column left empty, after good rows. */
function failing(p: SyncPage): SyncPage {
  const bad = {
    ...txn({ providerAccountId: 'acc-a', dedupeKey: 'bad', bookingDate: '2025-03-01', amountMinor: 1, description: 'x' }),
  };
  return { ...p, upserts: [...p.upserts, { ...bad, currency: null as unknown as string }], state: { v: 1, page: 'never' } };
}

describe('sync pages', () => {
  it('converge to the same rows in any order', () => {
    fc.assert(
      fc.property(
        pagesArb.chain((rows) =>
          fc.tuple(
            fc.constant(rows),
            fc.shuffledSubarray(
              rows.map((_, i) => i),
              { minLength: rows.length },
            ),
          ),
        ),
        ([rows, order]) => {
          const pages = pagesOf(rows);
          const s = openStore();
          try {
            for (const i of order) s.apply(pages[i]!);
            expect(s.rows()).toEqual(cleanRows(pages));
          } finally {
            s.close();
          }
        },
      ),
      { seed: SEED, numRuns: 30 },
    );
  });

  it('leave whole pages and their state after a crash at any page, and converge on re-sync', () => {
    fc.assert(
      fc.property(
        pagesArb.chain((rows) => fc.tuple(fc.constant(rows), fc.nat({ max: rows.length - 1 }))),
        ([rows, crashAt]) => {
          const pages = pagesOf(rows);
          const s = openStore();
          try {
            for (const p of pages.slice(0, crashAt)) s.apply(p);
            const before = s.rows();
            const stateBefore = s.state();
            expect(() => s.apply(failing(pages[crashAt]!))).toThrow();
            // Nothing of the failed page: not its rows, not its resume state.
            expect(s.rows()).toEqual(before);
            expect(s.state()).toEqual(stateBefore);
            for (const p of pages) s.apply(p);
            expect(s.rows()).toEqual(cleanRows(pages));
            expect(s.state()).toEqual(pages.at(-1)!.state);
          } finally {
            s.close();
          }
        },
      ),
      { seed: SEED, numRuns: 30 },
    );
  });
});
