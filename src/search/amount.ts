/**
 * Search amounts are typed in major units ("12.99") and compared with rows in minor units of
 * each row's own currency (EUR cents, JPY yen, BHD fils). The conversion is exact integer
 * arithmetic on the decimal's digits: ">12.999" over EUR means "at least 13.00", and "=12.999"
 * matches no EUR row at all, instead of a float rounding either way.
 */
import type { Decimal } from './parse.js';

export interface MinorBounds {
  /** Inclusive bounds in minor units; null = open. */
  lo: number | null;
  hi: number | null;
}

/** value * 10^digits as a fraction num / den with den = 10^k. */
function scaled(d: Decimal, digits: number): { num: bigint; den: bigint } {
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(d);
  if (!m) throw new RangeError(`"${d}" is not a decimal`);
  const frac = m[3] ?? '';
  const num = BigInt(`${m[1] ?? ''}${m[2]}${frac}`) * 10n ** BigInt(digits);
  return { num, den: 10n ** BigInt(frac.length) };
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a > 0n ? q + 1n : q;
}

const LIMIT = BigInt(Number.MAX_SAFE_INTEGER);
const clamp = (v: bigint): number => Number(v > LIMIT ? LIMIT : v < -LIMIT ? -LIMIT : v);

/**
 * The integer minor-unit range [lo, hi] that the bounds select for a currency with `digits`
 * decimals, or null when no integer lies in it (e.g. "=12.999" in EUR).
 */
export function minorBounds(
  min: Decimal | null,
  minStrict: boolean,
  max: Decimal | null,
  maxStrict: boolean,
  digits: number,
): MinorBounds | null {
  let lo: bigint | null = null;
  let hi: bigint | null = null;
  if (min !== null) {
    const { num, den } = scaled(min, digits);
    // x > v  <=>  x >= floor(v) + 1;  x >= v  <=>  x >= ceil(v)
    lo = minStrict ? floorDiv(num, den) + 1n : ceilDiv(num, den);
  }
  if (max !== null) {
    const { num, den } = scaled(max, digits);
    hi = maxStrict ? ceilDiv(num, den) - 1n : floorDiv(num, den);
  }
  if (lo !== null && hi !== null && lo > hi) return null;
  return { lo: lo === null ? null : clamp(lo), hi: hi === null ? null : clamp(hi) };
}
