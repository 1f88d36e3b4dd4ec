import { ProviderError } from '../../domain/errors.js';
import { toMinorUnits } from '../../domain/money.js';
import type { AccountKind, AccountSnapshot, BalanceSnapshot, TransactionSnapshot } from '../../domain/types.js';
import type { WireAccount, WireTransaction } from './wire-types.js';

/** The only place Plaid's shapes meet Trax's. */

function kindOf(a: WireAccount): AccountKind {
  if (a.type === 'credit') return 'credit_card';
  if (a.type === 'depository') return a.subtype === 'savings' || a.subtype?.includes('isa') ? 'savings' : 'checking';
  return 'other';
}

function currencyOf(iso: string | null | undefined, unofficial: string | null | undefined, label: string): string {
  if (iso) return iso.toUpperCase();
  throw new ProviderError(
    'invalid_response',
    `Plaid ${label} reported an amount in ${unofficial ?? 'no currency'}, which Trax cannot store exactly; nothing from it was saved.`,
    { endpoint: label },
  );
}

export function mapAccount(a: WireAccount): AccountSnapshot {
  return {
    providerAccountId: a.account_id,
    name: a.official_name && a.name.length < 3 ? a.official_name : a.name,
    kind: kindOf(a),
    currency: currencyOf(a.balances.iso_currency_code, a.balances.unofficial_currency_code, 'POST /accounts/get'),
    iban: null,
    numberHint: a.mask ? `•••• ${a.mask}` : null,
  };
}

/** A credit account's `current` is the amount owed, positive; Trax records owed money as negative. */
export function mapBalance(a: WireAccount, asOf: string): BalanceSnapshot | null {
  if (a.balances.current === null || a.balances.current === undefined) return null;
  const currency = currencyOf(a.balances.iso_currency_code, a.balances.unofficial_currency_code, 'POST /accounts/get');
  const current = toMinorUnits(a.balances.current, currency);
  return {
    providerAccountId: a.account_id,
    currency,
    currentMinor: a.type === 'credit' || a.type === 'loan' ? -current : current,
    availableMinor:
      a.balances.available === null || a.balances.available === undefined ? null : toMinorUnits(a.balances.available, currency),
    asOf,
  };
}

/**
 * Plaid's `amount` is positive when money leaves the account. Trax's convention is the
 * opposite (negative = money out); this is the one place the sign is flipped.
 */
export function mapTransaction(t: WireTransaction): TransactionSnapshot {
  const label = 'POST /transactions/sync';
  const currency = currencyOf(t.iso_currency_code, t.unofficial_currency_code, label);
  let minor: number;
  try {
    minor = toMinorUnits(t.amount, currency);
  } catch (e) {
    throw new ProviderError(
      'invalid_response',
      `Plaid ${label} returned an unusable amount for ${t.transaction_id} (${(e as Error).message}); nothing from it was saved.`,
      { endpoint: label },
    );
  }
  const pfc = t.personal_finance_category;
  return {
    providerAccountId: t.account_id,
    dedupeKey: `id:${t.transaction_id}`,
    providerTransactionId: t.transaction_id,
    bookingDate: t.date,
    bookedAt: t.datetime ?? null,
    amountMinor: minor === 0 ? 0 : -minor,
    currency,
    description: (t.original_description ?? t.name).trim(),
    merchant: t.merchant_name ?? null,
    counterpartyName: t.counterparties?.[0]?.name ?? null,
    counterpartyIban: null,
    pending: t.pending,
    providerCategory: pfc?.primary ?? null,
    providerClassification: pfc?.detailed ?? null,
    raw: t,
  };
}
