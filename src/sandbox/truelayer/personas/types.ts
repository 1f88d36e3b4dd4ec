/** Internal, provider-neutral model of a bank user's data. Serialisers turn it into TrueLayer JSON. */

export type TxnCategory =
  | 'ATM'
  | 'BILL_PAYMENT'
  | 'CASH'
  | 'CASHBACK'
  | 'CHEQUE'
  | 'CORRECTION'
  | 'CREDIT'
  | 'DIRECT_DEBIT'
  | 'DIVIDEND'
  | 'FEE_CHARGE'
  | 'INTEREST'
  | 'OTHER'
  | 'PURCHASE'
  | 'STANDING_ORDER'
  | 'TRANSFER'
  | 'DEBIT'
  | 'UNKNOWN';

export interface GenTxn {
  /** Generation order; breaks ties between rows booked on the same day. */
  seq: number;
  /** YYYY-MM-DD the bank books the row (settled from this day on). Mutable: settleAllPending moves it. */
  bookingDate: string;
  /** Card-style rows: the day the purchase happened; pending in [authDate, bookingDate). */
  authDate?: string;
  amountCents: number;
  description: string;
  /** What the bank shows while the row is still a reservation. */
  pendingDescription?: string;
  category: TxnCategory;
  classification: string[];
  merchantName?: string;
  meta: Record<string, string>;
  providerTxnId?: string;
  normalisedId?: string;
}

export interface GenStandingOrder {
  reference: string;
  payee: string;
  frequency: string;
  amountCents: number;
  firstPaymentDate: string;
  /** Day of month it runs on, for next_payment_date. */
  dayOfMonth: number;
  /** Matches GenTxn.description so the previous payment can be looked up. */
  txnDescription: string;
}

export interface GenDirectDebit {
  name: string;
  mandateId: string;
  createdDate: string;
  txnDescriptionPrefix: string;
}

export interface GenAccount {
  /** Stable persona-internal key; account_id is derived from it plus the churn epoch. */
  key: string;
  kind: 'account' | 'card';
  displayName: string;
  accountType?: 'TRANSACTION' | 'SAVINGS' | 'BUSINESS_TRANSACTION' | 'BUSINESS_SAVINGS';
  currency: string;
  accountNumber?: { iban?: string; number?: string; sort_code?: string; swift_bic?: string };
  card?: { network: string; type: string; partialNumber: string; nameOnCard: string; validFrom: string; validTo: string };
  openingBalanceCents: number;
  overdraftCents: number;
  creditLimitCents: number;
  /** Card statement day of month (cards only). */
  statementDay?: number;
  txns: GenTxn[];
  standingOrders: GenStandingOrder[];
  directDebits: GenDirectDebit[];
}

export interface PersonaInfo {
  full_name: string;
  date_of_birth?: string;
  emails?: string[];
  phones?: string[];
  addresses?: Array<{ address: string; city: string; zip: string; country: string }>;
}

export interface Persona {
  key: string;
  providerId: string;
  /** Suffix used in txn timestamps: 'Z' for Mock (as recorded), '+00:00' for ING. */
  timestampSuffix: string;
  accounts: GenAccount[];
  info: PersonaInfo;
}

export interface PersonaParams {
  seed: number;
  /** YYYY-MM-DD of the emulator start clock; generation is anchored here. */
  startDay: string;
  username: string;
  /** john/iban… gives Mock accounts IBANs. */
  withIban: boolean;
}

/** History generated before the start day, and future rows revealed as the clock advances. */
export const HISTORY_DAYS = 548;
export const FUTURE_DAYS = 92;
