/**
 * Money is an integer count of minor units plus an ISO 4217 code. Providers send decimal
 * numbers (TrueLayer: JSON numbers like -23.45); they are converted here through their
 * shortest decimal string, never through float arithmetic, so -0.1 + -0.2 never happens.
 */
export interface Money {
  minor: number;
  currency: string;
}

/**
 * Currencies whose minor unit is not 2 decimal places, exactly as Node's ICU data (Intl) has them
 * (ICU 78). A table instead of `Intl.NumberFormat`: building the first NumberFormat loads ICU's
 * locale data, which cost a read command ~15 ms. It must never differ from what Intl said when
 * rows were stored (a changed digit count would misread every stored amount), so
 * test/unit/money-digits.test.ts compares it with Intl for every well-formed code, AAA to ZZZ.
 * Historic codes (ESP, ITL, ...) are kept because Intl keeps them.
 */
const MINOR_DIGITS: Record<string, number> = {
  ...Object.fromEntries(
    [
      'ADP',
      'AFN',
      'ALL',
      'BIF',
      'BYR',
      'CLP',
      'COP',
      'DJF',
      'ESP',
      'GNF',
      'HUF',
      'IDR',
      'IQD',
      'IRR',
      'ISK',
      'ITL',
      'JPY',
      'KMF',
      'KPW',
      'KRW',
      'LAK',
      'LBP',
      'LUF',
      'MGA',
      'MGF',
      'MMK',
      'MRO',
      'PKR',
      'PYG',
      'RWF',
      'SLL',
      'SOS',
      'STD',
      'SYP',
      'TMM',
      'TRL',
      'UGX',
      'UYI',
      'VND',
      'VUV',
      'XAF',
      'XOF',
      'XPF',
      'YER',
      'ZMK',
      'ZWD',
    ].map((c) => [c, 0]),
  ),
  ...Object.fromEntries(['BHD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'].map((c) => [c, 3])),
  CLF: 4,
  UYW: 4,
};

/** ECMA-402's well-formed currency code: three ASCII letters (Intl then gives any such code 2 digits by default). */
const WELL_FORMED = /^[A-Z]{3}$/;

/** Decimal places of a currency's minor unit (EUR 2, JPY 0, BHD 3), as the runtime's ISO data has them. */
export function minorUnitDigits(currency: string): number {
  const code = currency.toUpperCase();
  if (!WELL_FORMED.test(code)) throw new RangeError(`"${currency}" is not an ISO 4217 currency code`);
  return MINOR_DIGITS[code] ?? 2;
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
  const grouped = locale === 'en-GB' && /^\d+$/.test(whole) ? groupThousands(whole) : BigInt(whole).toLocaleString(locale);
  const sep = locale === 'en-GB' ? '.' : (1.5).toLocaleString(locale).charAt(1);
  return `${negative ? '-' : ''}${grouped}${frac ? sep + frac : ''} ${currency.toUpperCase()}`;
}

/**
 * en-GB digit grouping (1,234,567) without Intl, whose first use loads ICU's locale data; the
 * default locale is every CLI table's, so this is the path a read command takes. Proven equal to
 * `BigInt#toLocaleString('en-GB')` in test/unit/money-digits.test.ts.
 */
function groupThousands(digits: string): string {
  const plain = digits.replace(/^0+(?=\d)/, '');
  const head = plain.length % 3 || 3;
  let out = plain.slice(0, head);
  for (let i = head; i < plain.length; i += 3) out += `,${plain.slice(i, i + 3)}`;
  return out;
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
