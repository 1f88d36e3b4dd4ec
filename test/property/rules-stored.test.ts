/**
 * The rule store reads conditions back without zod (categorize/rules/stored.ts). For any JSON a
 * conditions column could hold, it must accept exactly what the zod schema accepts and return
 * the same conditions (amounts in minor units).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conditionsSchema } from '../../src/categorize/rules/schema.js';
import { decodeStoredConditions } from '../../src/categorize/rules/stored.js';

/** Mostly what `trax rules add` writes, with values and keys near each rule's edges mixed in. */
const often = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) =>
  fc.oneof({ weight: 12, arbitrary: good }, { weight: 1, arbitrary: bad });
const goodText = fc.constantFrom('TESCO', 'a', 'x'.repeat(200), '👍'.repeat(150), 'Miete');
const str = fc.oneof(
  fc.constantFrom('', 'a', 'x'.repeat(201), '👍'.repeat(201), 'DE89 3704', 'DE89'),
  fc.string({ maxLength: 8 }),
);
const junk = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.constant([]), fc.constant({}));
const goodDecimal = fc.oneof(
  fc.constantFrom('-12.50', '12.5', ' -3 ', '007', 12.5, -0, -12),
  fc.integer({ min: -100000, max: 100000 }),
);
const badDecimal = fc.oneof(
  fc.constantFrom('12.505', '1,00', '', '-', '.5', 0.001, 1e21, '1e3'),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
  fc.string({ maxLength: 6 }),
  junk,
);
const textMatch = often(
  fc.oneof(
    fc.record({ contains: goodText }),
    fc.record({ equals: goodText }),
    fc.record({ startsWith: goodText }),
    fc.record({ regex: goodText }),
  ),
  fc.oneof(
    fc.record({ contains: str, equals: str, startsWith: str, regex: fc.oneof(str, junk), other: str }, { requiredKeys: [] }),
    fc.record({ regex: str }),
    junk,
  ),
);
const conditions = often(
  fc
    .record(
      {
        description: textMatch,
        merchant: textMatch,
        counterparty: textMatch,
        providerCategory: textMatch,
        iban: often(fc.constantFrom('DE89370400440532013000', 'GB29 NWBK'), fc.oneof(str, junk)),
        amount: often(
          fc.record({ min: often(goodDecimal, badDecimal), max: often(goodDecimal, badDecimal) }, { requiredKeys: [] }),
          junk,
        ),
        sign: often(fc.constantFrom('in', 'out'), fc.oneof(fc.constantFrom('IN', ''), junk)),
        account: often(
          fc.constantFrom(1, 7, 123),
          fc.oneof(fc.constantFrom(0, -1, 1.5, 2 ** 53), junk, fc.string({ maxLength: 2 })),
        ),
        extra: fc.string({ maxLength: 3 }),
      },
      { requiredKeys: [] },
    )
    .map((c) => {
      // An unknown key now and then, not in most rows.
      const { extra, ...rest } = c;
      return extra !== undefined && extra.length === 3 ? c : rest;
    }),
  junk,
);

describe('stored rule conditions read without zod', () => {
  it('accept what the zod schema accepts and nothing else, with the same values', () => {
    let accepted = 0;
    fc.assert(
      fc.property(conditions, (generated) => {
        // What a JSON column can hold: no undefined, no NaN.
        const raw: unknown = JSON.parse(JSON.stringify(generated));
        const expected = conditionsSchema.safeParse(raw);
        let ours: unknown;
        try {
          ours = decodeStoredConditions(raw);
        } catch (e) {
          expect((e as Error).message).toMatch(/^A stored rule's conditions are not valid/);
          ours = 'refused';
        }
        if (expected.success) accepted++;
        expect(ours).toEqual(expected.success ? expected.data : 'refused');
      }),
      { seed: 20261206, numRuns: 6000 },
    );
    expect(accepted).toBeGreaterThan(300);
  });
});
