import type { AccountSnapshot, BalanceSnapshot, ProviderId, TransactionSnapshot } from '../domain/types.js';

/**
 * The boundary every aggregator implements. Provider-shaped data stops here: connectors map
 * their wire formats into these domain shapes, and the sync engine never sees anything else.
 */

/** Where a connector keeps its secrets: read decrypts, write encrypts and persists at once. */
export interface SecretStore<T> {
  read(): T;
  write(secrets: T): void;
}

/** One atomic unit of sync: the engine applies all of it and `state` in one SQLite transaction. */
export interface SyncPage {
  accounts: AccountSnapshot[];
  balances: BalanceSnapshot[];
  upserts: TransactionSnapshot[];
  /** When present for an account, its pending rows are replaced by exactly these. */
  pendingSnapshots: Array<{ providerAccountId: string; rows: TransactionSnapshot[] }>;
  /** Rows gone at the provider; without an account id, looked up across the connection. */
  removed: Array<{ providerAccountId: string | null; dedupeKey: string }>;
  /** Provider resume state after this page (replaces the stored one). */
  state: unknown;
  window?: { from: string; to: string };
  /** Things the user should know that did not stop the sync. */
  warnings: string[];
}

export interface SyncRequest {
  state: unknown;
  now: Date;
  /** Set when a person started this sync; sent to banks that relax limits for present users. */
  userIp: string | null;
  onProgress?: (message: string) => void;
}

export interface BankConnector {
  pages(request: SyncRequest): AsyncIterable<SyncPage>;
  /** Withdraws Trax's access at the provider. Already-revoked counts as success. */
  revoke(): Promise<void>;
}

/** What a finished consent flow hands to the store. */
export interface NewConsent {
  provider: ProviderId;
  externalId: string;
  institutionId: string | null;
  institutionName: string | null;
  institutionLogo: string | null;
  /** Brand colour as #rrggbb, when the provider has one. */
  institutionColor?: string | null;
  consentCreatedAt: string | null;
  consentExpiresAt: string | null;
  secrets: unknown;
}
