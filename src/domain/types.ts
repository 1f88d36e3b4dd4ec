/** Canonical domain types. Nothing here knows which aggregator produced the data. */

/** Where a connection's data comes from: an aggregator, or 'file' for accounts fed only by statement imports. */
export type { ProviderId } from '../providers/registry.js';
import type { ProviderId } from '../providers/registry.js';

export type ConnectionStatus = 'active' | 'needs_reauth' | 'error' | 'revoked';

export interface Connection {
  id: string;
  provider: ProviderId;
  /** The provider's id for this consent (TrueLayer credentials_id, Plaid item_id). */
  externalId: string;
  institutionId: string | null;
  institutionName: string | null;
  status: ConnectionStatus;
  consentExpiresAt: string | null;
  createdAt: string;
  lastSyncedAt: string | null;
  lastError: string | null;
}

export type AccountKind = 'checking' | 'savings' | 'credit_card' | 'business' | 'cash' | 'other';

/** An account as a provider reports it, before the store gives it a local id. */
export interface AccountSnapshot {
  providerAccountId: string;
  name: string;
  kind: AccountKind;
  currency: string;
  iban: string | null;
  /** Masked or partial number for display (last 4 of a card, sort code + number). */
  numberHint: string | null;
}

export interface BalanceSnapshot {
  providerAccountId: string;
  currency: string;
  currentMinor: number;
  availableMinor: number | null;
  /** Provider's timestamp for the balance, ISO-8601. */
  asOf: string;
}

/** One transaction as a provider reports it, mapped to Trax's conventions. */
export interface TransactionSnapshot {
  providerAccountId: string;
  /** Stable identity inside one account; see providers/<name>/identity.ts for how it is made. */
  dedupeKey: string;
  /** Provider's own id as last seen; informational, may be unstable (TrueLayer transaction_id). */
  providerTransactionId: string | null;
  /** YYYY-MM-DD as the bank booked it. */
  bookingDate: string;
  /** Full provider timestamp, ISO-8601, when there is one. */
  bookedAt: string | null;
  /** Negative = money out. */
  amountMinor: number;
  currency: string;
  description: string;
  merchant: string | null;
  counterpartyName: string | null;
  counterpartyIban: string | null;
  pending: boolean;
  /** Provider's coarse category (e.g. TrueLayer transaction_category), free text. */
  providerCategory: string | null;
  /** Provider's finer classification joined with " > ", free text. */
  providerClassification: string | null;
  /** The provider payload this row came from, kept for reprocessing. */
  raw: unknown;
}
