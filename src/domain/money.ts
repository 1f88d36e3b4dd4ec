/**
 * Money is an integer count of minor units plus an ISO 4217 code. Providers send decimal
 * numbers (TrueLayer: JSON numbers like -23.45); they are converted here through their
 * shortest decimal string, never through float arithmetic, so -0.1 + -0.2 never happens.
 */
export interface Money {
  minor: number;
  currency: string;
}

const minorDigitsCache = new Map<string, number>();

/** Decimal places of a currency's minor unit (EUR 2, JPY 0, BHD 3), from the runtime's ISO data. */
export function minorUnitDigits(currency: string): number {
  const code = currency.toUpperCase();
  const cached = minorDigitsCache.get(code);
  if (cached !== undefined) return cached;
  let digits = 2;
  try {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    throw new RangeError(`"${currency}" is not an ISO 4217 currency code`);
  }
  minorDigitsCache.set(code, digits);
  return digits;
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * Converts a decimal amount (number or string) to integer minor units, exactly.
 * Rejects values with more precision than the currency allows instead of rounding them away:
 * a bank line that claims 0.001 EUR is malformed and must not be silently changed.
 */
export function toMinorUnits(amount: number | string, currency: string): number {
  const digits = minorUnitDigits(currency);
  const text = typeof amount === 'number' ? numberToPlainString(amount) : amount.trim();
  const m = DECIMAL.exec(text);
  if (!m) throw new RangeError(`amount "${text}" is not a decimal number`);
  const [, sign, whole, fracRaw = ''] = m;
  const frac = fracRaw.replace(/0+$/, '');
  if (frac.length > digits) {
    throw new RangeError(`amount ${text} has more than ${digits} decimals for ${currency}`);
  }
  const minor = Number(whole + frac.padEnd(digits, '0'));
  if (!Number.isSafeInteger(minor)) throw new RangeError(`amount ${text} is too large`);
  return sign && minor !== 0 ? -minor : minor;
}

function numberToPlainString(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`amount ${n} is not finite`);
  // Number#toString switches to exponent form below 1e-6 and above 1e21; such amounts are
  // nonsense for a bank line, so they fail the DECIMAL check with a clear message.
  return String(n);
}

/** Formats minor units for people: 1234567 EUR -> "12,345.67 EUR" style via Intl. */
export function formatMoney(minor: number, currency: string, locale = 'en-GB'): string {
  const digits = minorUnitDigits(currency);
  const negative = minor < 0;
  const abs = Math.abs(minor)
    .toString()
    .padStart(digits + 1, '0');
  const whole = digits ? abs.slice(0, -digits) : abs;
  const frac = digits ? abs.slice(-digits) : '';
  const grouped = BigInt(whole).toLocaleString(locale);
  const sep = (1.5).toLocaleString(locale).charAt(1);
  return `${negative ? '-' : ''}${grouped}${frac ? sep + frac : ''} ${currency.toUpperCase()}`;
}

/** Plain decimal string ("-12.30") for exports and JSON output where a number must stay exact. */
export function minorToDecimalString(minor: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  const negative = minor < 0;
  const abs = Math.abs(minor)
    .toString()
    .padStart(digits + 1, '0');
  const body = digits ? `${abs.slice(0, -digits)}.${abs.slice(-digits)}` : abs;
  return negative ? `-${body}` : body;
}
