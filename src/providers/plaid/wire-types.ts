import { z } from 'zod';

/**
 * The parts of Plaid's responses Trax reads, validated at the boundary (field names from the
 * 2020-09-14 OpenAPI spec). Loose objects and plain strings for enums: Plaid adds fields and
 * enum values without a version bump and asks clients to tolerate them.
 */
const nullableString = z.string().nullable().optional();

export const balances = z.looseObject({
  available: z.number().nullable().optional(),
  current: z.number().nullable().optional(),
  limit: z.number().nullable().optional(),
  iso_currency_code: nullableString,
  unofficial_currency_code: nullableString,
});

export const account = z.looseObject({
  account_id: z.string().min(1),
  balances,
  mask: nullableString,
  name: z.string(),
  official_name: nullableString,
  type: z.string(),
  subtype: nullableString,
});
export type WireAccount = z.infer<typeof account>;

const pfc = z.looseObject({ primary: z.string(), detailed: z.string(), confidence_level: nullableString });

export const transaction = z.looseObject({
  transaction_id: z.string().min(1),
  account_id: z.string().min(1),
  amount: z.number(),
  iso_currency_code: nullableString,
  unofficial_currency_code: nullableString,
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a YYYY-MM-DD date'),
  authorized_date: nullableString,
  datetime: nullableString,
  name: z.string(),
  merchant_name: nullableString,
  original_description: nullableString,
  pending: z.boolean(),
  pending_transaction_id: nullableString,
  personal_finance_category: pfc.nullable().optional(),
  counterparties: z.array(z.looseObject({ name: z.string(), type: z.string().optional() })).optional(),
});
export type WireTransaction = z.infer<typeof transaction>;

export const removedTransaction = z.looseObject({
  transaction_id: z.string().min(1),
  account_id: z.string().nullable().optional(),
});

export const syncResponse = z.looseObject({
  added: z.array(transaction),
  modified: z.array(transaction),
  removed: z.array(removedTransaction),
  next_cursor: z.string(),
  has_more: z.boolean(),
  transactions_update_status: z.string().optional(),
});

export const accountsResponse = z.looseObject({ accounts: z.array(account) });

const plaidError = z.looseObject({
  error_type: z.string(),
  error_code: z.string(),
  error_code_reason: nullableString,
  error_message: z.string(),
  display_message: nullableString,
});
export type WirePlaidError = z.infer<typeof plaidError>;
export const errorBody = plaidError.extend({ request_id: z.string().optional() });

export const itemResponse = z.looseObject({
  item: z.looseObject({
    item_id: z.string().min(1),
    institution_id: nullableString,
    institution_name: nullableString,
    webhook: nullableString,
    error: plaidError.nullable().optional(),
    consent_expiration_time: nullableString,
  }),
});

export const institutionResponse = z.looseObject({
  institution: z.looseObject({
    institution_id: z.string(),
    name: z.string(),
    logo: nullableString,
    primary_color: nullableString,
    url: nullableString,
    oauth: z.boolean().optional(),
  }),
});

export const linkTokenResponse = z.looseObject({ link_token: z.string().min(1), expiration: z.string() });
export const exchangeResponse = z.looseObject({ access_token: z.string().min(1), item_id: z.string().min(1) });
export const publicTokenResponse = z.looseObject({ public_token: z.string().min(1) });
export const webhookKeyResponse = z.looseObject({
  key: z.looseObject({
    alg: z.string(),
    crv: z.string(),
    kid: z.string(),
    kty: z.string(),
    x: z.string(),
    y: z.string(),
    expired_at: z.number().nullable().optional(),
  }),
});

/** Webhook bodies: common fields plus the few extras Trax acts on. */
export const webhookBody = z.looseObject({
  webhook_type: z.string(),
  webhook_code: z.string(),
  item_id: z.string().min(1),
  error: plaidError.nullable().optional(),
  consent_expiration_time: nullableString,
});

export const acknowledged = z.looseObject({ request_id: z.string().optional() });
