import { addDays } from '../domain/dates.js';
import { MIN_TEXT_SIMILARITY, similarity, words } from './match.js';

/**
 * Pending → booked where the provider does not link the two (TrueLayer, Enable Banking: the
 * booked copy of a card payment comes under a new id). A booked row replaces a pending one when:
 * - same account (the caller's scope) and currency;
 * - the amount is equal, or — a card payment with a tip or a hotel/fuel pre-authorisation — the
 *   same sign and larger by at most TIP_TOLERANCE_PERCENT of the pending amount (a tip only ever
 *   adds to what was reserved);
 * - booked 0–BOOKING_LAG_DAYS days after the pending date;
 * - similar text, with the normalization cross-source matching uses (src/identity/match.ts):
 *   "COFFEE FELLOWS" pending books as "Coffee Fellows Koeln Hbf".
 * A booking is first seen no earlier than its reservation, so a booked row older than the pending
 * one is never its booking. When several pending rows fit one booking (or one pending row fits
 * several bookings) and they can be told apart, nothing is guessed: the booking goes to the review
 * list. A booking of the same amount wins over one that fits only as a tip. Identical twins (same
 * day, amount and text) are interchangeable and pair in order.
 */
export const TIP_TOLERANCE_PERCENT = 20;
export const BOOKING_LAG_DAYS = 8;
/** A reservation still pending after this many days is flagged: it may never book (released, or a bank error). */
export const STALE_PENDING_DAYS = 10;

/** A reservation dated more than STALE_PENDING_DAYS before `today` (YYYY-MM-DD). */
export function isStalePending(pendingDate: string, today: string): boolean {
  return addDays(pendingDate, STALE_PENDING_DAYS) < today;
}

export interface PendingSide {
  key: string;
  date: string;
  amountMinor: number;
  currency: string;
  texts: Array<string | null>;
  firstSeenAt: string;
  /** Gone from the provider's pending list in this page (the usual sign that it booked). */
  vanishing: boolean;
}

export interface BookedSide {
  key: string;
  date: string;
  amountMinor: number;
  currency: string;
  texts: Array<string | null>;
  firstSeenAt: string;
}

export interface PendingPairing {
  links: Array<{ pending: string; booked: string }>;
  /** Bookings several pending rows could be (or the other way round): for the user to decide. */
  doubtful: Array<{ booked: string; pending: string[] }>;
}

export function amountFits(pendingMinor: number, bookedMinor: number): boolean {
  if (pendingMinor === bookedMinor) return true;
  if (pendingMinor === 0 || Math.sign(pendingMinor) !== Math.sign(bookedMinor)) return false;
  const p = Math.abs(pendingMinor);
  const b = Math.abs(bookedMinor);
  // Integer arithmetic: b − p ≤ 20 % of p.
  return b > p && (b - p) * 100 <= TIP_TOLERANCE_PERCENT * p;
}

function textFits(a: Array<string | null>, b: Array<string | null>): boolean {
  const x = words(...a);
  const y = words(...b);
  // Without words on one side there is nothing to tell them apart by: the amount and date must do.
  if (x.size === 0 || y.size === 0) return true;
  return similarity(x, y) >= MIN_TEXT_SIMILARITY;
}

export function fits(p: PendingSide, b: BookedSide): boolean {
  return (
    p.currency === b.currency &&
    amountFits(p.amountMinor, b.amountMinor) &&
    b.date >= p.date &&
    b.date <= addDays(p.date, BOOKING_LAG_DAYS) &&
    b.firstSeenAt >= p.firstSeenAt &&
    // A pending row still listed stands for its booking only when the booking showed up after it.
    (p.vanishing || b.firstSeenAt > p.firstSeenAt) &&
    textFits(p.texts, b.texts)
  );
}

const sameText = (a: Array<string | null>, b: Array<string | null>) =>
  a.map((t) => t?.trim().toLowerCase() ?? '').join('|') === b.map((t) => t?.trim().toLowerCase() ?? '').join('|');
const pendingTwins = (a: PendingSide, b: PendingSide) =>
  a.date === b.date && a.amountMinor === b.amountMinor && sameText(a.texts, b.texts);
const bookedTwins = (a: BookedSide, b: BookedSide) =>
  a.date === b.date && a.amountMinor === b.amountMinor && sameText(a.texts, b.texts);

/**
 * Pairs bookings with the pending rows they replace. Pending rows that vanish from the provider's
 * list are preferred over ones still listed; a pairing is made only when it is the one reading
 * (up to twins) from both sides.
 */
export function pairPending(pending: readonly PendingSide[], booked: readonly BookedSide[]): PendingPairing {
  const out: PendingPairing = { links: [], doubtful: [] };
  const usedP = new Set<string>();
  const usedB = new Set<string>();
  const order = [...booked].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.key < b.key ? -1 : 1));
  for (const b of order) {
    let cands = pending.filter((p) => !usedP.has(p.key) && fits(p, b));
    if (cands.some((p) => p.vanishing)) cands = cands.filter((p) => p.vanishing);
    // The same amount is a closer reading than a tip: 6.79 reserved books as 6.79, not as the 7.49 next day.
    if (cands.some((p) => p.amountMinor === b.amountMinor)) cands = cands.filter((p) => p.amountMinor === b.amountMinor);
    if (cands.length === 0) continue;
    const first = cands[0]!;
    if (!cands.every((p) => pendingTwins(p, first))) {
      out.doubtful.push({ booked: b.key, pending: cands.map((p) => p.key) });
      continue;
    }
    // The other way round: the pending row must not fit a different-looking booking as well.
    const open = order.filter((o) => o !== b && !usedB.has(o.key) && fits(first, o) && !bookedTwins(o, b));
    const exact = (o: BookedSide) => o.amountMinor === first.amountMinor;
    // A booking of the same amount elsewhere takes this reservation; a tip reading is no rival to it.
    if (!exact(b) && open.some(exact)) continue;
    const rivals = exact(b) ? open.filter(exact) : open;
    if (rivals.length > 0) {
      out.doubtful.push({ booked: b.key, pending: cands.map((p) => p.key) });
      continue;
    }
    usedP.add(first.key);
    usedB.add(b.key);
    out.links.push({ pending: first.key, booked: b.key });
  }
  return out;
}
