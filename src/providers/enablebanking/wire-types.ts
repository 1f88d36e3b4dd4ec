import { z } from 'zod';

/**
 * Enable Banking AIS wire shapes, field for field from the API reference (OpenAPI 1.0.0).
 * Loose objects: banks add fields, and an unknown field must not fail a sync. Optional fields
 * arrive as null as often as absent, hence `nullish`. Nothing outside this folder imports these.
 */
const opt = <T extends z.ZodType>(t: T) => t.nullish();
const currency = z.string().regex(/^[A-Za-z]{3}$/, 'expected an ISO 4217 currency code');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');

/** Amounts are decimal strings; whether the text is a usable decimal is map.ts's question. */
export const amountType = z.looseObject({ currency, amount: z.string() });
export type WireAmount = z.infer<typeof amountType>;

export const errorBody = z.looseObject({
  message: z.string(),
  code: opt(z.number()),
  error: opt(z.string()),
  detail: z.unknown().optional(),
});
export type WireError = z.infer<typeof errorBody>;

const authMethod = z.looseObject({
  name: opt(z.string()),
  title: opt(z.string()),
  psu_type: z.string(),
  approach: z.string(),
  hidden_method: z.boolean(),
  credentials: opt(z.array(z.looseObject({ name: z.string(), title: z.string(), required: z.boolean() }))),
});

export const aspsp = z.looseObject({
  name: z.string(),
  country: z.string(),
  logo: z.string(),
  psu_types: z.array(z.string()),
  auth_methods: z.array(authMethod),
  maximum_consent_validity: z.number().int().positive(),
  beta: z.boolean(),
  bic: opt(z.string()),
  required_psu_headers: opt(z.array(z.string())),
  group: opt(z.looseObject({ name: z.string(), logo: z.string() })),
});
export type WireAspsp = z.infer<typeof aspsp>;
export const aspspsResponse = z.looseObject({ aspsps: z.array(aspsp) });

export const startAuthResponse = z.looseObject({
  // Printed, opened in the user's browser and put in a page's refresh: only a web address may
  // pass, never javascript: or file:.
  url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }),
  authorization_id: z.string(),
  psu_id_hash: opt(z.string()),
});

const access = z.looseObject({
  valid_until: z.string(),
  balances: opt(z.boolean()),
  transactions: opt(z.boolean()),
});

const accountIdentification = z.looseObject({
  iban: opt(z.string()),
  other: opt(z.looseObject({ identification: z.string(), scheme_name: z.string(), issuer: opt(z.string()) })),
});

export const accountResource = z.looseObject({
  uid: opt(z.string()),
  account_id: opt(accountIdentification),
  all_account_ids: opt(z.array(z.looseObject({ identification: z.string(), scheme_name: z.string() }))),
  account_servicer: opt(z.looseObject({ bic_fi: opt(z.string()), name: opt(z.string()) })),
  name: opt(z.string()),
  details: opt(z.string()),
  usage: opt(z.string()),
  cash_account_type: z.string(),
  product: opt(z.string()),
  currency,
  credit_limit: opt(amountType),
  identification_hash: z.string(),
  identification_hashes: z.array(z.string()),
});
export type WireAccount = z.infer<typeof accountResource>;

const aspspRef = z.looseObject({ name: z.string(), country: z.string() });

export const sessionResponse = z.looseObject({
  session_id: z.string(),
  accounts: z.array(accountResource),
  aspsp: aspspRef,
  psu_type: z.string(),
  access,
});
export type WireSession = z.infer<typeof sessionResponse>;

export const getSessionResponse = z.looseObject({
  status: z.string(),
  accounts: z.array(z.string()),
  accounts_data: z.array(z.looseObject({ uid: z.string(), identification_hash: z.string() })),
  aspsp: aspspRef,
  access,
  created: z.string(),
  authorized: opt(z.string()),
  closed: opt(z.string()),
});

export const balanceResource = z.looseObject({
  name: z.string(),
  balance_amount: amountType,
  balance_type: z.string(),
  last_change_date_time: opt(z.string()),
  reference_date: opt(date),
  last_committed_transaction: opt(z.string()),
});
export type WireBalance = z.infer<typeof balanceResource>;
export const balancesResponse = z.looseObject({ balances: z.array(balanceResource) });

const party = z.looseObject({
  name: opt(z.string()),
  postal_address: opt(z.looseObject({ address_line: opt(z.array(z.string())) })),
});

export const transaction = z.looseObject({
  entry_reference: opt(z.string()),
  merchant_category_code: opt(z.string()),
  transaction_amount: amountType,
  creditor: opt(party),
  creditor_account: opt(accountIdentification),
  debtor: opt(party),
  debtor_account: opt(accountIdentification),
  bank_transaction_code: opt(z.looseObject({ description: opt(z.string()), code: opt(z.string()), sub_code: opt(z.string()) })),
  credit_debit_indicator: z.enum(['CRDT', 'DBIT']),
  status: z.string(),
  booking_date: opt(date),
  value_date: opt(date),
  transaction_date: opt(date),
  balance_after_transaction: opt(amountType),
  reference_number: opt(z.string()),
  remittance_information: opt(z.array(z.string())),
  note: opt(z.string()),
  transaction_id: opt(z.string()),
});
export type WireTransaction = z.infer<typeof transaction>;

export const transactionsResponse = z.looseObject({
  transactions: z.array(transaction),
  continuation_key: opt(z.string()),
});

export const deleteSessionResponse = z.looseObject({ message: z.string() });
