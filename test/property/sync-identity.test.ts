import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapTransaction } from '../../src/providers/plaid/map.js';
import type { WireTransaction } from '../../src/providers/plaid/wire-types.js';
import { dedupeKeys } from '../../src/providers/truelayer/identity.js';
import { openStore, page, txn } from './sync-fixture.js';

/**
 * Identity as users rely on it: delivering any subset of rows again adds nothing, and two
 * identical bookings (two 3.20 coffees on one day) stay two rows. TrueLayer rows without ids are
 * keyed by fingerprint + ordinal within their day's response; Plaid rows by transaction_id.
 */
const SEED = 13_2;

/** A day's bookings drawn from few shapes, so identical twins are common. */
const dayArb = fc.array(
  fc.record({
    amountMinor: fc.constantFrom(-320, -320, -1999, 2500),
    description: fc.constantFrom('Backwerk', 'BACKWERK ', 'Rewe'),
  }),
  { minLength: 1, maxLength: 6 },
);
const daysArb = fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: 28 }), dayArb), {
  selector: ([d]) => d,
  minLength: 1,
  maxLength: 8,
});

const keys = (rows: string[]) => rows.map((r) => r.split('|').slice(0, 5).join('|'));

type Day = [number, Array<{ amountMinor: number; description: string }>];

/** One TrueLayer response over some whole days, keyed as the connector keys it. */
function truelayerResponse(days: Day[]) {
  const raw = days.flatMap(([d, rows]) =>
    rows.map((r) => ({
      normalisedId: undefined,
      providerId: undefined,
      bookingDate: `2025-02-${String(d).padStart(2, '0')}`,
      currency: 'EUR',
      ...r,
    })),
  );
  const keys = dedupeKeys(raw);
  return raw.map((r, i) => txn({ providerAccountId: 'acc-a', dedupeKey: keys[i]!, ...r }));
}

describe('TrueLayer fingerprint identity', () => {
  it('keeps identical bookings apart and adds nothing when any subset of days comes again', () => {
    fc.assert(
      fc.property(
        daysArb.chain((days) => fc.tuple(fc.constant(days), fc.shuffledSubarray(days))),
        ([days, again]: [Day[], Day[]]) => {
          const s = openStore();
          try {
            s.apply(page(truelayerResponse(days), { v: 1 }));
            const total = days.reduce((n, [, rows]) => n + rows.length, 0);
            expect(s.rows()).toHaveLength(total);
            const before = s.rows();
            s.apply(page(truelayerResponse(again), { v: 1 }));
            expect(s.rows()).toEqual(before);
            // In another order within a day, twins swap ordinals: still no row added or lost. (Twins whose
            // text differs only in case or spaces may swap that text, which is all a user could see.)
            s.apply(page(truelayerResponse(again.map(([d, rows]) => [d, [...rows].reverse()])), { v: 1 }));
            expect(keys(s.rows())).toEqual(keys(before));
          } finally {
            s.close();
          }
        },
      ),
      { seed: SEED, numRuns: 30 },
    );
  });
});

function plaidWire(id: string, amount: number, name: string): WireTransaction {
  return {
    transaction_id: id,
    account_id: 'acc-b',
    amount,
    iso_currency_code: 'USD',
    unofficial_currency_code: null,
    date: '2025-02-03',
    authorized_date: null,
    datetime: null,
    name,
    merchant_name: null,
    original_description: null,
    pending: false,
    pending_transaction_id: null,
  };
}

describe('Plaid transaction_id identity', () => {
  it('keeps identical bookings with two ids as two rows and adds nothing on re-delivery', () => {
    const shapeArb = fc.record({ amount: fc.constantFrom(3.2, 19.99), name: fc.constantFrom('Starbucks', 'Uber') });
    fc.assert(
      fc.property(
        fc
          .array(shapeArb, { minLength: 1, maxLength: 15 })
          .chain((rows) => fc.tuple(fc.constant(rows), fc.subarray(rows.map((_, i) => i)))),
        ([rows, again]) => {
          const s = openStore();
          try {
            const wire = rows.map((r, i) => plaidWire(`txn-${i}`, r.amount, r.name));
            s.apply(page(wire.map(mapTransaction), { v: 1, cursor: 'a' }));
            expect(s.rows()).toHaveLength(rows.length);
            const before = s.rows();
            s.apply(
              page(
                again.map((i) => mapTransaction(wire[i]!)),
                { v: 1, cursor: 'b' },
              ),
            );
            expect(s.rows()).toEqual(before);
          } finally {
            s.close();
          }
        },
      ),
      { seed: SEED, numRuns: 30 },
    );
  });
});
