import { hash } from 'node:crypto';

/**
 * Stable identity for TrueLayer transactions. `transaction_id` is NOT stable (TrueLayer
 * re-hashes it and it changes from pending to settled), so the key is, in order of trust:
 * normalised_provider_transaction_id, provider_transaction_id, or a fingerprint of
 * (booking date, amount, currency, normalized description, ordinal among identical rows).
 * The account is part of the identity through the store's (account_id, dedupe_key) key; the
 * local account id survives TrueLayer account_id churn, so the fingerprint stays stable too.
 */
export interface IdentityFields {
  normalisedId: string | undefined;
  providerId: string | undefined;
  bookingDate: string;
  amountMinor: number;
  currency: string;
  description: string;
}

export function normalizeDescription(d: string): string {
  return d.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Keys for one provider response, row by row. Ordinals count identical rows within the
 * response, so two 3.20 EUR coffees on one day stay two rows whatever order the bank lists them
 * in. Windows are whole days, so every identical row of a day is always in the same response.
 */
export class DedupeKeyer {
  private readonly seen = new Map<string, number>();

  constructor(private readonly prefix = '') {}

  key(r: IdentityFields): string {
    if (r.normalisedId) return `${this.prefix}n:${r.normalisedId}`;
    if (r.providerId) return `${this.prefix}p:${r.providerId}`;
    const desc = hash('sha256', normalizeDescription(r.description), 'base64url').slice(0, 16);
    const base = `${r.bookingDate}|${r.amountMinor}|${r.currency}|${desc}`;
    const ordinal = this.seen.get(base) ?? 0;
    this.seen.set(base, ordinal + 1);
    return `${this.prefix}f:${base}|${ordinal}`;
  }
}

export function dedupeKeys(rows: readonly IdentityFields[], prefix = ''): string[] {
  const keyer = new DedupeKeyer(prefix);
  return rows.map((r) => keyer.key(r));
}
