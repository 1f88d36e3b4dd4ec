import { z } from 'zod';

/**
 * TrueLayer Data API v1 wire shapes, validated at the boundary. Loose objects: TrueLayer adds
 * fields per provider (meta keys differ by bank), and unknown fields must not fail a sync.
 * Nothing outside providers/truelayer imports these.
 */
const isoTimestamp = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), {
  message: 'expected an ISO-8601 timestamp',
});
const currency = z.string().regex(/^[A-Za-z]{3}$/, 'expected an ISO 4217 currency code');

export const tokenResponse = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  token_type: z.string(),
  refresh_token: z.string().min(1).optional(),
  scope: z.string().optional(),
});
export type WireToken = z.infer<typeof tokenResponse>;

export const errorBody = z.looseObject({
  error: z.string(),
  error_description: z.string().optional(),
  error_details: z.unknown().optional(),
});

const provider = z.looseObject({
  provider_id: z.string(),
  display_name: z.string().optional(),
  logo_uri: z.string().optional(),
});

export const me = z.looseObject({
  credentials_id: z.string().min(1),
  client_id: z.string().optional(),
  provider,
  consent_status: z.string().optional(),
  consent_created_at: isoTimestamp.optional(),
  consent_expires_at: isoTimestamp.optional(),
  consent_status_updated_at: isoTimestamp.optional(),
});
export type WireMe = z.infer<typeof me>;

export const account = z.looseObject({
  account_id: z.string().min(1),
  account_type: z.string(),
  display_name: z.string(),
  currency,
  description: z.string().optional(),
  account_number: z
    .looseObject({
      iban: z.string().optional(),
      number: z.string().optional(),
      sort_code: z.string().optional(),
      swift_bic: z.string().optional(),
    })
    .optional(),
  provider: provider.optional(),
  update_timestamp: isoTimestamp.optional(),
});
export type WireAccount = z.infer<typeof account>;

export const card = z.looseObject({
  account_id: z.string().min(1),
  card_network: z.string().optional(),
  card_type: z.string().optional(),
  currency,
  display_name: z.string(),
  partial_card_number: z.string().optional(),
  provider: provider.optional(),
  update_timestamp: isoTimestamp.optional(),
});
export type WireCard = z.infer<typeof card>;

export const balance = z.looseObject({
  currency,
  current: z.number(),
  available: z.number().optional(),
  overdraft: z.number().optional(),
  credit_limit: z.number().optional(),
  update_timestamp: isoTimestamp,
});
export type WireBalance = z.infer<typeof balance>;

export const transaction = z.looseObject({
  transaction_id: z.string().min(1),
  normalised_provider_transaction_id: z.string().min(1).optional(),
  provider_transaction_id: z.string().min(1).optional(),
  timestamp: isoTimestamp,
  description: z.string(),
  amount: z.number(),
  currency,
  transaction_type: z.string().optional(),
  transaction_category: z.string().optional(),
  transaction_classification: z.array(z.string()).optional(),
  merchant_name: z.string().optional(),
  running_balance: z.looseObject({ amount: z.number(), currency }).optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
});
export type WireTransaction = z.infer<typeof transaction>;

/** Every Data API response: `{"results":[...],"status":"Succeeded"}`. */
export const envelope = <T extends z.ZodType>(item: T) =>
  z.object({ results: z.array(item), status: z.literal('Succeeded').optional() });
