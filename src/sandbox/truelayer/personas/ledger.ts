import { addDays } from '../../shared/dates.js';
import type { GenAccount, GenTxn, TxnCategory } from './types.js';

export interface TxnInput {
  amountCents: number;
  description: string;
  category: TxnCategory;
  meta?: Record<string, string>;
  pendingDescription?: string;
  /** Days between purchase and booking; > 0 makes the row show under /transactions/pending first. */
  pendingDays?: number;
  classification?: string[];
  merchantName?: string;
  providerTxnId?: string;
  normalisedId?: string;
}

/** Collects rows for several accounts and keeps a global sequence so same-day order is stable. */
export class Ledger {
  private seq = 0;
  private readonly byKey = new Map<string, GenAccount>();

  constructor(accounts: GenAccount[]) {
    for (const a of accounts) this.byKey.set(a.key, a);
  }

  account(key: string): GenAccount {
    const a = this.byKey.get(key);
    if (!a) throw new Error(`unknown persona account ${key}`);
    return a;
  }

  /** `day` is when the event happens; card-style rows book `pendingDays` later. */
  add(accountKey: string, day: string, input: TxnInput): GenTxn {
    if (!Number.isInteger(input.amountCents) || input.amountCents === 0) {
      throw new Error(`bad amount for ${input.description}: ${input.amountCents}`);
    }
    const lag = input.pendingDays ?? 0;
    const txn: GenTxn = {
      seq: this.seq++,
      bookingDate: lag > 0 ? addDays(day, lag) : day,
      amountCents: input.amountCents,
      description: input.description,
      category: input.category,
      classification: input.classification ?? [],
      meta: input.meta ?? {},
    };
    if (lag > 0) txn.authDate = day;
    if (input.pendingDescription !== undefined) txn.pendingDescription = input.pendingDescription;
    if (input.merchantName !== undefined) txn.merchantName = input.merchantName;
    if (input.providerTxnId !== undefined) txn.providerTxnId = input.providerTxnId;
    if (input.normalisedId !== undefined) txn.normalisedId = input.normalisedId;
    this.account(accountKey).txns.push(txn);
    return txn;
  }

  /** Booked balance (cents) of an account at the end of `day`, using rows generated so far. */
  balanceAt(accountKey: string, day: string): number {
    const a = this.account(accountKey);
    let sum = a.openingBalanceCents;
    for (const t of a.txns) if (t.bookingDate <= day) sum += t.amountCents;
    return sum;
  }

  finish(): void {
    for (const a of this.byKey.values()) sortChronologically(a.txns);
  }
}

export function sortChronologically(txns: GenTxn[]): void {
  txns.sort((x, y) => (x.bookingDate < y.bookingDate ? -1 : x.bookingDate > y.bookingDate ? 1 : x.seq - y.seq));
}

export function emptyAccount(
  partial: Omit<GenAccount, 'txns' | 'standingOrders' | 'directDebits' | 'overdraftCents' | 'creditLimitCents'> &
    Partial<GenAccount>,
): GenAccount {
  return { txns: [], standingOrders: [], directDebits: [], overdraftCents: 0, creditLimitCents: 0, ...partial };
}

/** Random amount in cents within [minEuros, maxEuros]. */
export function centsBetween(rng: { int(a: number, b: number): number }, min: number, max: number): number {
  return rng.int(Math.round(min * 100), Math.round(max * 100));
}
