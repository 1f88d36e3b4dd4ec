import { ProviderError } from '../../domain/errors.js';
import { toMinorUnits } from '../../domain/money.js';
import type { AccountKind, AccountSnapshot, BalanceSnapshot, TransactionSnapshot } from '../../domain/types.js';
import { DedupeKeyer } from './identity.js';
import type { WireAccount, WireBalance, WireCard, WireTransaction } from './wire-types.js';

/** The only place TrueLayer's shapes meet Trax's. */

const KIND: Record<string, AccountKind> = {
  TRANSACTION: 'checking',
  SAVINGS: 'savings',
  BUSINESS_TRANSACTION: 'business',
  BUSINESS_SAVINGS: 'business',
};

export function mapAccount(a: WireAccount): AccountSnapshot {
  const n = a.account_number;
  const hint = n?.sort_code && n.number ? `${n.sort_code} ${n.number}` : (n?.number ?? null);
  return {
    providerAccountId: a.account_id,
    name: a.display_name,
    kind: KIND[a.account_type] ?? 'other',
    currency: a.currency.toUpperCase(),
    iban: n?.iban ?? null,
    numberHint: hint,
  };
}

export function mapCard(c: WireCard): AccountSnapshot {
  return {
    providerAccountId: c.account_id,
    name: c.display_name,
    kind: c.card_type === 'CREDIT' ? 'credit_card' : 'other',
    currency: c.currency.toUpperCase(),
    iban: null,
    numberHint: c.partial_card_number ? `**** ${c.partial_card_number}` : null,
  };
}

/**
 * Account balances are signed as the bank shows them. A card's `current` is the amount owed as
 * a positive number; Trax records owed money as negative, so card balances are flipped here.
 */
export function mapBalance(providerAccountId: string, b: WireBalance, isCard: boolean, endpoint: string): BalanceSnapshot {
  const currency = b.currency.toUpperCase();
  const current = amount(b.current, currency, endpoint, 'current');
  return {
    providerAccountId,
    currency,
    currentMinor: isCard ? -current : current,
    availableMinor: b.available === undefined ? null : amount(b.available, currency, endpoint, 'available'),
    asOf: b.update_timestamp,
  };
}

/**
 * Account transaction amounts are signed: negative is money out. `transaction_type` is only a
 * hint (the Mock bank sends CREDIT with negative amounts), so the sign decides.
 */
export function mapTransactions(
  providerAccountId: string,
  rows: readonly WireTransaction[],
  pending: boolean,
  endpoint: string,
): TransactionSnapshot[] {
  const keyer = new DedupeKeyer(pending ? 'pending:' : '');
  return rows.map((t, i) => {
    const bookingDate = t.timestamp.slice(0, 10);
    const currency = t.currency.toUpperCase();
    const amountMinor = amount(t.amount, currency, endpoint, `results[${i}].amount`);
    const meta = t.meta ?? {};
    return {
      providerAccountId,
      dedupeKey: keyer.key({
        normalisedId: t.normalised_provider_transaction_id,
        providerId: t.provider_transaction_id,
        bookingDate,
        amountMinor,
        currency,
        description: t.description,
      }),
      providerTransactionId: t.transaction_id,
      bookingDate,
      bookedAt: t.timestamp,
      amountMinor,
      currency,
      description: t.description.trim(),
      merchant: t.merchant_name ?? str(meta.provider_merchant_name),
      counterpartyName: str(meta.counter_party_preferred_name) ?? str(meta.debtor_account_name),
      counterpartyIban: str(meta.counter_party_iban),
      pending,
      providerCategory: t.transaction_category ?? null,
      providerClassification: t.transaction_classification?.length ? t.transaction_classification.join(' > ') : null,
      raw: t,
    };
  });
}

function amount(value: number, currency: string, endpoint: string, field: string): number {
  try {
    return toMinorUnits(value, currency);
  } catch (e) {
    throw new ProviderError(
      'invalid_response',
      `TrueLayer ${endpoint} returned an unusable amount (field ${field}: ${(e as Error).message}); nothing from it was saved.`,
      { endpoint },
    );
  }
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}
