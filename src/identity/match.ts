import { tokens } from '../categorize/normalize.js';
import { addDays } from '../domain/dates.js';
import type { Candidate } from '../store/sightings.js';

/**
 * Cross-source matching: is a booking from one source (a statement file, a sync) a row another
 * source already brought? Same account, amount and currency are the store's part of the query;
 * here: the dates (files show the booking date, APIs sometimes the value date, so ±3 days), the
 * text after the categorizer's normalization, or an exact reference both sides carry.
 */
export const DATE_TOLERANCE_DAYS = 3;

export interface IncomingBooking {
  bookingDate: string;
  valueDate: string | null;
  description: string;
  counterpartyName: string | null;
  endToEndId: string | null;
  /** The bank's or provider's own id for the booking. */
  reference: string | null;
}

export type MatchDecision = { kind: 'none' } | { kind: 'one'; id: number } | { kind: 'ambiguous'; ids: number[] };

/** The booking-date window candidates are looked up in. */
export function candidateWindow(b: Pick<IncomingBooking, 'bookingDate'>): { from: string; to: string } {
  return { from: addDays(b.bookingDate, -DATE_TOLERANCE_DAYS), to: addDays(b.bookingDate, DATE_TOLERANCE_DAYS) };
}

export function words(...texts: Array<string | null>): Set<string> {
  const out = new Set<string>();
  for (const t of texts) if (t) for (const w of tokens(t)) if (w.length >= 3) out.add(w);
  return out;
}

/** Share of the shorter text's words found in the other: texts that name the same payee overlap. */
export function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  return common / Math.min(a.size, b.size);
}

export const MIN_TEXT_SIMILARITY = 0.5;

const clean = (s: string | null | undefined): string | null => {
  const v = s?.trim();
  return v && v.toUpperCase() !== 'NOTPROVIDED' ? v : null;
};

/**
 * Decides among the candidates the store found. An exact reference wins outright. Otherwise a
 * candidate fits when its text is similar (or, when either side has no words to compare, when it
 * is booked the same day). One fit links; several fits that cannot be told apart (identical twins:
 * same day, same text) take the oldest, since either is the same booking; several different ones
 * are not guessed at (unless exactly one is booked the same day): the user decides.
 */
export function decideMatch(b: IncomingBooking, candidates: readonly Candidate[]): MatchDecision {
  if (candidates.length === 0) return { kind: 'none' };
  const refs = [clean(b.endToEndId), clean(b.reference)].filter((r): r is string => r !== null);
  if (refs.length > 0) {
    const exact = candidates.filter((c) =>
      [clean(c.end_to_end_id), clean(c.provider_transaction_id)].some((r) => r !== null && refs.includes(r)),
    );
    if (exact.length === 1) return { kind: 'one', id: exact[0]!.id };
    if (exact.length > 1) return { kind: 'ambiguous', ids: exact.map((c) => c.id) };
  }
  const mine = words(b.description, b.counterpartyName);
  const fits = candidates.filter((c) => {
    const theirs = words(c.description, c.merchant, c.counterparty_name);
    if (mine.size === 0 || theirs.size === 0) return c.booking_date === b.bookingDate || c.booking_date === b.valueDate;
    return similarity(mine, theirs) >= MIN_TEXT_SIMILARITY;
  });
  if (fits.length === 0) return { kind: 'none' };
  if (fits.length === 1) return { kind: 'one', id: fits[0]!.id };
  if (twins(fits)) return { kind: 'one', id: Math.min(...fits.map((c) => c.id)) };
  // The daily 2.40 coffee: several fit within the window, but one is booked that very day. The
  // window exists for value-date drift; a same-day booking is the stronger evidence.
  const sameDay = fits.filter((c) => c.booking_date === b.bookingDate || c.booking_date === b.valueDate);
  if (sameDay.length === 1) return { kind: 'one', id: sameDay[0]!.id };
  if (sameDay.length > 1 && twins(sameDay)) return { kind: 'one', id: Math.min(...sameDay.map((c) => c.id)) };
  return { kind: 'ambiguous', ids: fits.map((c) => c.id) };
}

/** Rows that cannot be told apart (same day, same text): either is the same booking. */
function twins(rows: readonly Candidate[]): boolean {
  const first = rows[0]!;
  return rows.every(
    (c) =>
      c.booking_date === first.booking_date &&
      c.description === first.description &&
      c.counterparty_name === first.counterparty_name,
  );
}
