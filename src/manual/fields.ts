/**
 * What a hand-entered booking may say: a real calendar date, a non-zero amount in the account's
 * currency, a one-line description. Shared by `trax tx add`, `trax tx edit` and the web forms;
 * every check runs before anything is written.
 */
import { addDays } from '../domain/dates.js';
import { TraxError } from '../domain/errors.js';
import { toMinorUnits } from '../domain/money.js';

const MAX_DESCRIPTION = 500;

export function manualDate(text: string): string {
  const t = text.trim();
  // addDays(…, 0) round-trips only real dates: 2026-02-30 comes back as 2026-03-02.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(t) || addDays(t, 0) !== t) throw new TraxError('usage', (m) => m.errManualDate(text));
  return t;
}

/** A signed amount as people type it ("-4.20" money out, "20" money in), in the account's currency. */
export function manualAmount(text: string, currency: string): number {
  let minor: number;
  try {
    minor = toMinorUnits(text.trim().replace(/^\+/, ''), currency);
  } catch {
    throw new TraxError('usage', (m) => m.errManualAmount(text, currency));
  }
  if (minor === 0) throw new TraxError('usage', (m) => m.errZeroBooking);
  return minor;
}

export function manualDescription(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (!t) throw new TraxError('usage', (m) => m.errNeedsDescription);
  if (t.length > MAX_DESCRIPTION) throw new TraxError('usage', (m) => m.errDescriptionTooLong(t.length, MAX_DESCRIPTION));
  return t;
}
