import { hash } from 'node:crypto';

/**
 * The one place that says which bookings are "the same" by their content. A provider without a
 * stable id (TrueLayer rows without provider ids) and every statement file name a booking by a
 * fingerprint of (booking date, amount, currency, normalized text) plus its ordinal among
 * identical rows of the same source, so two 2.40 EUR coffees on one day stay two rows, and the
 * same file imported twice (or an overlapping one) names each booking the same way again.
 * Windows and files are whole days, so every identical row of a day is in the same batch.
 */
export interface FingerprintFields {
  bookingDate: string;
  amountMinor: number;
  currency: string;
  description: string;
}

export function normalizeDescription(d: string): string {
  return d.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The part of a key identical rows share; the ordinal tells them apart. */
export function fingerprintBase(r: FingerprintFields): string {
  const desc = hash('sha256', normalizeDescription(r.description), 'base64url').slice(0, 16);
  return `${r.bookingDate}|${r.amountMinor}|${r.currency}|${desc}`;
}

export function fingerprintKey(prefix: string, base: string, ordinal: number): string {
  return `${prefix}f:${base}|${ordinal}`;
}

/** Keys for one batch (a provider response, a statement), row by row, counting identical rows. */
export class FingerprintKeyer {
  private readonly seen = new Map<string, number>();

  constructor(private readonly prefix = '') {}

  key(r: FingerprintFields): string {
    const base = fingerprintBase(r);
    const ordinal = this.seen.get(base) ?? 0;
    this.seen.set(base, ordinal + 1);
    return fingerprintKey(this.prefix, base, ordinal);
  }
}
