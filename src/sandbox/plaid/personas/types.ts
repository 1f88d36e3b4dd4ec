/** Provider-shaped model of a bank user's data; serialize.ts turns it into Plaid JSON. */

export type Confidence = 'VERY_HIGH' | 'HIGH' | 'MEDIUM' | 'LOW' | 'UNKNOWN';
export type Channel = 'online' | 'in store' | 'other';
export type CounterpartyType = 'merchant' | 'financial_institution' | 'payment_app' | 'marketplace' | 'income_source';

export interface Pfc {
  primary: string;
  detailed: string;
  confidence_level: Confidence;
}

export interface AccountSpec {
  /** Persona-internal key; account_id is derived from it and the item id. */
  key: string;
  name: string;
  officialName: string;
  mask: string;
  type: 'depository' | 'credit';
  subtype: 'checking' | 'savings' | 'credit card';
  currency: string;
  limitCents: number | null;
}

/** One row as the bank reports it; a card row is pending from authDay until postDay. */
export interface TxnSpec {
  /** Stable within the persona; transaction ids derive from it. */
  key: string;
  accountKey: string;
  authDay: string;
  postDay: string;
  /** Plaid's sign: positive = money out of the account. Minor units. */
  amountCents: number;
  /** Statement text once posted (Plaid's `name` and `original_description`). */
  name: string;
  /** What the bank shows while the row is pending, if different. */
  pendingName?: string;
  merchantName: string | null;
  website: string | null;
  counterparty: { name: string; type: CounterpartyType } | null;
  pfc: Pfc;
  channel: Channel;
  /** UK/EU only (Plaid fills transaction_code for European banks). */
  code: string | null;
  inStore?: { city: string; region: string | null; country: string };
}

export interface Persona {
  key: string;
  currency: string;
  accounts: AccountSpec[];
  /** Rows whose authorisation (or booking, for non-card rows) happens on `day`. */
  rowsFor(day: string): TxnSpec[];
  /**
   * Balance just before `historyStart` from rows posted earlier (depository: money held;
   * credit: amount owed), so balances stay consistent with the rows an item is given.
   */
  openingCents(accountKey: string, historyStart: string): number;
  /** The n-th extra purchase on `day`, for addActivity(): posted at once, never pending. */
  extraRow(day: string, n: number): TxnSpec;
}

export interface PersonaParams {
  seed: number;
  /** YYYY-MM-DD of the emulator's start clock; history and the markup probe row hang off it. */
  startDay: string;
  institutionId: string;
  username: string;
}

/** 18 months of history before the start day. */
export const HISTORY_DAYS = 548;

/** Stored in one persona row so the web app's escaping gets exercised. */
export const MARKUP_PROBE_NAME = '<img src=x onerror=alert(1)>';
