import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney, minorUnitDigits } from '../../src/domain/money.js';

/**
 * money.ts answers without Intl (its first use loads ICU data, a cost every CLI command paid).
 * Stored amounts are integers in minor units, so the digit count per currency must be exactly
 * what Intl said when they were stored, and the formatted text exactly what Intl printed.
 */
const intlDigits = (code: string) =>
  new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits;

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const EVERY_WELL_FORMED_CODE = [...LETTERS].flatMap((a) => [...LETTERS].flatMap((b) => [...LETTERS].map((c) => a + b + c)));

describe('minor unit digits without Intl', () => {
  it('equals Intl for every currency Intl knows and every well-formed code AAA..ZZZ', () => {
    const codes = new Set([...Intl.supportedValuesOf('currency'), ...EVERY_WELL_FORMED_CODE]);
    expect(codes.size).toBeGreaterThanOrEqual(26 ** 3);
    const differ = [...codes].filter((c) => minorUnitDigits(c) !== intlDigits(c));
    expect(differ).toEqual([]);
    // The cases users meet, spelled out.
    expect([minorUnitDigits('EUR'), minorUnitDigits('jpy'), minorUnitDigits('BHD'), minorUnitDigits('CLF')]).toEqual([
      2, 0, 3, 4,
    ]);
  });

  it('accepts and refuses exactly the strings Intl accepts and refuses, with the same digits', () => {
    const letterish = fc.constantFrom(...'aAzZſıKkéß1 -_'.split(''), 'K', 'ǅ');
    const code = fc.oneof(fc.string({ maxLength: 5 }), fc.string({ unit: letterish, minLength: 0, maxLength: 4 }));
    fc.assert(
      fc.property(code, (c) => {
        const viaIntl = (() => {
          try {
            return intlDigits(c.toUpperCase());
          } catch {
            return 'refused';
          }
        })();
        const ours = (() => {
          try {
            return minorUnitDigits(c);
          } catch (e) {
            expect((e as Error).message).toBe(`"${c}" is not an ISO 4217 currency code`);
            return 'refused';
          }
        })();
        expect(ours).toBe(viaIntl);
      }),
      { seed: 20261203, numRuns: 3000 },
    );
  });
});

describe('formatMoney without Intl for en-GB', () => {
  it('prints what BigInt#toLocaleString and Intl printed, for any safe amount and currency', () => {
    const currency = fc.constantFrom('EUR', 'GBP', 'USD', 'JPY', 'KRW', 'BHD', 'KWD', 'CLF', 'chf');
    fc.assert(
      fc.property(fc.maxSafeInteger(), currency, (minor, cur) => {
        const digits = intlDigits(cur.toUpperCase())!;
        const abs = Math.abs(minor)
          .toString()
          .padStart(digits + 1, '0');
        const whole = digits ? abs.slice(0, -digits) : abs;
        const frac = digits ? `${(1.5).toLocaleString('en-GB').charAt(1)}${abs.slice(-digits)}` : '';
        const expected = `${minor < 0 ? '-' : ''}${BigInt(whole).toLocaleString('en-GB')}${frac} ${cur.toUpperCase()}`;
        expect(formatMoney(minor, cur)).toBe(expected);
      }),
      { seed: 20261204, numRuns: 5000 },
    );
    expect(formatMoney(-123456789, 'EUR')).toBe('-1,234,567.89 EUR');
    expect(formatMoney(5, 'EUR')).toBe('0.05 EUR');
    expect(formatMoney(1000, 'JPY')).toBe('1,000 JPY');
  });

  it('still uses Intl for other locales', () => {
    expect(formatMoney(123456789, 'EUR', 'de-DE')).toBe(`${BigInt(1234567).toLocaleString('de-DE')},89 EUR`);
  });
});
