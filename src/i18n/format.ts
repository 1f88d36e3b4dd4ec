import { formatMoney, minorToDecimalString } from '../domain/money.js';
import type { Lang } from './lang.js';

/**
 * Amounts and dates for people, per language. English keeps Trax's long-standing form
 * ("1,234.56 EUR", "2026-12-02"), German writes what a German bank statement shows
 * ("1.234,56 €", "02.12.2026"). Amounts go to Intl as exact decimal strings (Intl.NumberFormat
 * formats a numeric string without passing through a float), with Trax's own decimal places
 * for the currency, so no amount is ever rounded for display.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatAmount(minor: number, currency: string, lang: Lang): string {
  if (lang === 'en') return formatMoney(minor, currency);
  const decimal = minorToDecimalString(minor, currency);
  const digits = decimal.includes('.') ? decimal.length - decimal.indexOf('.') - 1 : 0;
  const key = `${lang}:${currency}:${digits}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE[lang], {
      style: 'currency',
      currency: currency.toUpperCase(),
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    numberFormats.set(key, f);
  }
  // Intl.NumberFormat accepts a decimal string (ECMA-402 NumberFormat v3); the cast is only
  // for TypeScript's lib types, which still say number | bigint.
  return f.format(decimal as unknown as number);
}

const LOCALE: Record<Lang, string> = { en: 'en-GB', de: 'de-DE' };

/** A calendar day (YYYY-MM-DD, no time zone involved): 2026-12-02 / 02.12.2026. */
export function formatDay(isoDay: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDay);
  if (!m || lang === 'en') return isoDay;
  return `${m[3]}.${m[2]}.${m[1]}`;
}

/** A month (YYYY-MM): "December 2026" / "Dezember 2026". */
export function formatMonth(isoMonth: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})$/.exec(isoMonth);
  if (!m) return isoMonth;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
  return new Intl.DateTimeFormat(LOCALE[lang], { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** A whole percentage with its sign where it is a change: "+12%" / "+12 %". */
export function formatPercent(ratio: number, lang: Lang, signed = false): string {
  const n = Math.round(ratio * 100);
  const sign = signed && n > 0 ? '+' : '';
  return lang === 'de' ? `${sign}${n} %` : `${sign}${n}%`;
}
