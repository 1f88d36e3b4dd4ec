import { describe, expect, it } from 'vitest';
import { formatMoney, minorToDecimalString, minorUnitDigits, toMinorUnits } from '../../src/domain/money.js';

describe('money', () => {
  it('converts provider decimals to exact minor units without float drift', () => {
    expect(toMinorUnits(-23.45, 'EUR')).toBe(-2345);
    expect(toMinorUnits(0.1, 'EUR')).toBe(10);
    expect(toMinorUnits(1161.2, 'GBP')).toBe(116120);
    expect(toMinorUnits(12345.67, 'GBP')).toBe(1234567);
    expect(toMinorUnits(-6, 'GBP')).toBe(-600);
    expect(toMinorUnits('1.005', 'BHD')).toBe(1005);
    expect(toMinorUnits(1500, 'JPY')).toBe(1500);
    expect(toMinorUnits(-0, 'EUR')).toBe(0);
  });

  it('refuses amounts with more decimals than the currency has, instead of rounding', () => {
    expect(() => toMinorUnits(0.001, 'EUR')).toThrow(/more than 2 decimals/);
    expect(() => toMinorUnits(1.5, 'JPY')).toThrow(/more than 0 decimals/);
    expect(() => toMinorUnits(Number.NaN, 'EUR')).toThrow(/not finite/);
    expect(() => toMinorUnits('12,30', 'EUR')).toThrow(/not a decimal/);
    expect(() => toMinorUnits(1, 'EURO')).toThrow(/ISO 4217/);
  });

  it('knows minor-unit digits per currency', () => {
    expect(minorUnitDigits('EUR')).toBe(2);
    expect(minorUnitDigits('jpy')).toBe(0);
  });

  it('prints exact decimals and readable amounts', () => {
    expect(minorToDecimalString(-5, 'EUR')).toBe('-0.05');
    expect(minorToDecimalString(123456, 'EUR')).toBe('1234.56');
    expect(minorToDecimalString(1500, 'JPY')).toBe('1500');
    expect(formatMoney(-123456, 'EUR')).toBe('-1,234.56 EUR');
  });
});
