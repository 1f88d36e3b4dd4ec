import { FingerprintKeyer, type FingerprintFields } from '../../identity/fingerprint.js';

export { normalizeDescription } from '../../identity/fingerprint.js';

/**
 * Stable identity for TrueLayer transactions. `transaction_id` is NOT stable (TrueLayer
 * re-hashes it and it changes from pending to settled), so the key is, in order of trust:
 * normalised_provider_transaction_id, provider_transaction_id, or the shared fingerprint of
 * src/identity/fingerprint.ts (booking date, amount, currency, normalized description, ordinal
 * among identical rows). The account is part of the identity through the store's
 * (account_id, dedupe_key) key; the local account id survives TrueLayer account_id churn, so the
 * fingerprint stays stable too.
 */
export interface IdentityFields extends FingerprintFields {
  normalisedId: string | undefined;
  providerId: string | undefined;
}

/** Keys for one provider response; ordinals count identical rows within it. */
export class DedupeKeyer {
  private readonly fingerprints: FingerprintKeyer;

  constructor(private readonly prefix = '') {
    this.fingerprints = new FingerprintKeyer(prefix);
  }

  key(r: IdentityFields): string {
    if (r.normalisedId) return `${this.prefix}n:${r.normalisedId}`;
    if (r.providerId) return `${this.prefix}p:${r.providerId}`;
    return this.fingerprints.key(r);
  }
}

export function dedupeKeys(rows: readonly IdentityFields[], prefix = ''): string[] {
  const keyer = new DedupeKeyer(prefix);
  return rows.map((r) => keyer.key(r));
}
