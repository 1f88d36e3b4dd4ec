import { ProviderError } from '../../domain/errors.js';
import { toMinorUnits } from '../../domain/money.js';
import type { AccountKind, AccountSnapshot, BalanceSnapshot, TransactionSnapshot } from '../../domain/types.js';
import { DedupeKeyer } from '../truelayer/identity.js';
import type { WireAccount, WireAmount, WireBalance, WireTransaction } from './wire-types.js';

/** The only place Enable Banking's shapes meet Trax's. */

const KIND: Record<string, AccountKind> = { CACC: 'checking', SVGS: 'savings', CARD: 'credit_card' };

/**
 * The account's Trax id is its identification_hash, not its uid: uids are minted per session,
 * so after a renewal the same account would otherwise look new and lose its history.
 */
export function mapAccount(a: WireAccount): AccountSnapshot {
  const iban = a.account_id?.iban ?? null;
  const other = a.account_id?.other?.identification ?? null;
  return {
    providerAccountId: a.identification_hash,
    name: a.product ?? a.details ?? a.name ?? (iban ? `Account ${iban.slice(-4)}` : 'Account'),
    kind: a.usage === 'ORGA' ? 'business' : (KIND[a.cash_account_type] ?? 'other'),
    currency: a.currency.toUpperCase(),
    iban,
    numberHint: iban ? null : other,
  };
}

/** Which balance is "current": booked first, then expected (N26 sends only XPCD), then any. */
const CURRENT_ORDER = ['CLBD', 'ITBD', 'XPCD', 'OPBD', 'CLAV', 'ITAV'];
const AVAILABLE_ORDER = ['CLAV', 'ITAV', 'XPCD', 'FWAV'];

export function mapBalances(providerAccountId: string, rows: WireBalance[], endpoint: string, now: Date): BalanceSnapshot[] {
  if (rows.length === 0) return [];
  const pick = (order: string[]) => order.map((t) => rows.find((b) => b.balance_type === t)).find((b) => b !== undefined);
  const current = pick(CURRENT_ORDER) ?? rows[0]!;
  const available = pick(AVAILABLE_ORDER);
  const currency = current.balance_amount.currency.toUpperCase();
  return [
    {
      providerAccountId,
      currency,
      currentMinor: signedAmount(current.balance_amount, endpoint, 'balance_amount'),
      availableMinor:
        available && available.balance_amount.currency.toUpperCase() === currency
          ? signedAmount(available.balance_amount, endpoint, 'balance_amount')
          : null,
      asOf: current.last_change_date_time ?? (current.reference_date ? `${current.reference_date}T00:00:00Z` : now.toISOString()),
    },
  ];
}

/** Entry references some banks fill in when they have none. */
const PLACEHOLDER_REF = /^0*$/;

/** Fingerprint ordinals run over a whole window, not a page: a day's identical rows may straddle pages. */
export function newKeyers(): { booked: DedupeKeyer; pending: DedupeKeyer } {
  return { booked: new DedupeKeyer(''), pending: new DedupeKeyer('pending:') };
}

export type Keyers = ReturnType<typeof newKeyers>;

/** Booked rows, pending rows, and rows that never touch the balance (cancelled, rejected, scheduled). */
export function classify(status: string): 'booked' | 'pending' | 'skip' {
  if (status === 'BOOK') return 'booked';
  if (status === 'PDNG' || status === 'HOLD') return 'pending';
  return 'skip';
}

/**
 * One transaction. The amount string is unsigned in practice; any sign it has is dropped and
 * credit_debit_indicator decides, exactly once (DBIT = money out = negative).
 */
export function mapTransaction(
  providerAccountId: string,
  t: WireTransaction,
  pending: boolean,
  keyers: Keyers,
  where: { endpoint: string; index: number; today: string },
): TransactionSnapshot {
  const currency = t.transaction_amount.currency.toUpperCase();
  const magnitude = unsignedAmount(
    t.transaction_amount,
    where.endpoint,
    `transactions[${where.index}].transaction_amount.amount`,
  );
  const amountMinor = t.credit_debit_indicator === 'DBIT' ? -magnitude : magnitude;
  const bookingDate =
    (pending ? (t.transaction_date ?? t.value_date) : (t.booking_date ?? t.value_date)) ?? t.transaction_date ?? where.today;
  const counterparty = t.credit_debit_indicator === 'DBIT' ? t.creditor : t.debtor;
  const counterpartyAccount = t.credit_debit_indicator === 'DBIT' ? t.creditor_account : t.debtor_account;
  // ING puts the merchant in the first address line and leaves the name empty.
  const counterpartyName = clean(counterparty?.name) ?? clean(counterparty?.postal_address?.address_line?.[0]);
  const description =
    remittance(t.remittance_information) || counterpartyName || clean(t.bank_transaction_code?.description) || '';
  const ref = clean(t.entry_reference);
  return {
    providerAccountId,
    dedupeKey: (pending ? keyers.pending : keyers.booked).key({
      normalisedId: undefined,
      providerId: ref && !PLACEHOLDER_REF.test(ref) ? ref : undefined,
      bookingDate,
      amountMinor,
      currency,
      description,
    }),
    providerTransactionId: t.transaction_id ?? ref,
    bookingDate,
    bookedAt: null,
    amountMinor,
    currency,
    description,
    merchant: counterpartyName,
    counterpartyName,
    counterpartyIban: clean(counterpartyAccount?.iban),
    pending,
    providerCategory: clean(t.bank_transaction_code?.description),
    providerClassification:
      [t.bank_transaction_code?.code, t.bank_transaction_code?.sub_code].filter((x): x is string => !!x).join(' > ') || null,
    raw: t,
  };
}

/** ING Germany prefixes the purpose text with its SEPA fields, empty or not; only the purpose is kept. */
const ING_PREFIX = /^mandatereference:[^,]*,creditorid:[^,]*,remittanceinformation:/i;

export function remittance(lines: readonly string[] | null | undefined): string {
  return (lines ?? [])
    .map((l) => l.replace(ING_PREFIX, '').trim())
    .filter((l) => l !== '')
    .join(' ')
    .replace(/\s+/g, ' ');
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

function unsignedAmount(a: WireAmount, endpoint: string, field: string): number {
  return Math.abs(signedAmount(a, endpoint, field));
}

function signedAmount(a: WireAmount, endpoint: string, field: string): number {
  const text = a.amount.trim();
  if (!DECIMAL.test(text)) {
    throw new ProviderError(
      'invalid_response',
      `Enable Banking ${endpoint} sent the amount "${a.amount.slice(0, 40)}" in ${field}, which is not a decimal number; nothing from this response was saved.`,
      { endpoint },
    );
  }
  try {
    return toMinorUnits(text, a.currency);
  } catch (e) {
    throw new ProviderError(
      'invalid_response',
      `Enable Banking ${endpoint} sent an unusable amount in ${field} (${(e as Error).message}); nothing from this response was saved.`,
      { endpoint },
    );
  }
}

function clean(s: string | null | undefined): string | null {
  return typeof s === 'string' && s.trim() !== '' ? s.trim() : null;
}
