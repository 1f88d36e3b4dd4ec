/**
 * What `trax tx split` and the web's parts editor accept: "slug:amount[:note]" per part, whose
 * amounts add up to the booking exactly. No SQL: the store writes what this approved.
 */
import { TraxError } from '../domain/errors.js';
import { formatMoney, toMinorUnits } from '../domain/money.js';

export interface PartInput {
  slug: string;
  /** Signed like the booking: negative = money out. */
  amountMinor: number;
  note: string | null;
}

const MAX_NOTE = 1000;

/**
 * One "groceries:80.00[:note]". An amount without a sign goes the booking's way (a charge of
 * -120.00 splits into 80.00 and 40.00, as people say it); an explicit sign is taken as written
 * (negative = money out, as everywhere in Trax), so a refund part inside a purchase can be said.
 */
export function parsePart(spec: string, bookingMinor: number, currency: string): PartInput {
  const first = spec.indexOf(':');
  if (first <= 0) throw new TraxError('usage', (m) => m.errPartShape(spec));
  const second = spec.indexOf(':', first + 1);
  const slug = spec.slice(0, first).trim();
  const amountText = (second < 0 ? spec.slice(first + 1) : spec.slice(first + 1, second)).trim();
  const note = second < 0 ? null : spec.slice(second + 1).trim() || null;
  if (note && note.length > MAX_NOTE) throw new TraxError('usage', (m) => m.errPartNoteTooLong(slug, note.length, MAX_NOTE));
  let minor: number;
  try {
    minor = toMinorUnits(amountText.replace(/^\+/, ''), currency);
  } catch {
    throw new TraxError('usage', (m) => m.errPartAmount(spec, amountText, currency));
  }
  if (minor === 0) throw new TraxError('usage', (m) => m.errPartZero(spec));
  const signed = /^[+-]/.test(amountText) ? minor : bookingMinor < 0 ? -Math.abs(minor) : Math.abs(minor);
  return { slug, amountMinor: signed, note };
}

/** Refuses parts that do not add up to the booking, with the difference in the booking's direction. */
export function checkParts(parts: readonly PartInput[], bookingMinor: number, currency: string): void {
  if (parts.length < 2) throw new TraxError('usage', (m) => m.errSplitTwoParts);
  const sum = parts.reduce((a, p) => a + p.amountMinor, 0);
  if (sum === bookingMinor) return;
  // Shown as the user wrote them: magnitudes in the booking's direction.
  const dir = bookingMinor < 0 ? -1 : 1;
  const fmt = (m: number) => formatMoney(m, currency).replace(/ [A-Z]{3}$/, ` ${symbol(currency)}`);
  const diff = (bookingMinor - sum) * dir;
  throw new TraxError('usage', (m) => m.errPartsSum(fmt(sum * dir), fmt(bookingMinor * dir), fmt(Math.abs(diff)), diff > 0));
}

function symbol(currency: string): string {
  return currency.toUpperCase() === 'EUR' ? '€' : currency.toUpperCase();
}
