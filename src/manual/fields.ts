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
  if (!/^\d{4}-\d{2}-\d{2}$/.test(t) || addDays(t, 0) !== t)
    throw new TraxError('usage', `"${text}" is not a date; write it as YYYY-MM-DD, e.g. 2026-11-30. Nothing was changed.`);
  return t;
}

/** A signed amount as people type it ("-4.20" money out, "20" money in), in the account's currency. */
export function manualAmount(text: string, currency: string): number {
  let minor: number;
  try {
    minor = toMinorUnits(text.trim().replace(/^\+/, ''), currency);
  } catch {
    throw new TraxError(
      'usage',
      `"${text}" is not an amount in ${currency}; write e.g. -4.20 for money out or 20.00 for money in. Nothing was changed.`,
    );
  }
  if (minor === 0)
    throw new TraxError('usage', 'A booking of 0 changes nothing; give an amount such as -4.20. Nothing was changed.');
  return minor;
}

export function manualDescription(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (!t) throw new TraxError('usage', 'A booking needs a description, e.g. --description "Wochenmarkt". Nothing was changed.');
  if (t.length > MAX_DESCRIPTION)
    throw new TraxError(
      'usage',
      `The description is ${t.length} characters; keep it under ${MAX_DESCRIPTION} (a note can say more). Nothing was changed.`,
    );
  return t;
}
