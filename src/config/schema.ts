import { z } from 'zod';

/**
 * The environment Trax reads, variable by variable. Each message is the second half of a
 * sentence that starts with the variable's name, so every problem reads as one instruction.
 */
const url = (hint: string) => z.url({ message: `must be a full URL such as ${hint}` }).optional();

export const envSchema = z.object({
  TRAX_DATA_DIR: z.string().min(1, 'must not be empty; remove it to use ./data').default('./data'),
  TRAX_SECRET_KEY: z
    .string()
    .regex(/^(?:[0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, {
      message: 'must be 32 random bytes as 64 hex characters; create one with `openssl rand -hex 32`',
    })
    .optional(),
  TRUELAYER_CLIENT_ID: z.string().min(1).optional(),
  TRUELAYER_CLIENT_SECRET: z.string().min(1).optional(),
  TRUELAYER_REDIRECT_URI: url('http://localhost:3000/callback'),
  TRUELAYER_ENV: z.enum(['sandbox', 'live'], { message: 'must be "sandbox" or "live"' }).optional(),
  TRUELAYER_PROVIDERS: z
    .string()
    .regex(/^[a-z0-9-]+( [a-z0-9-]+)*$/, {
      message: 'must be space-separated provider ids or groups such as "de-xs2a-all uk-ob-all"',
    })
    .optional(),
  TRUELAYER_AUTH_URL: url('https://auth.truelayer.com'),
  TRUELAYER_API_URL: url('https://api.truelayer.com'),
  TRUELAYER_HISTORY_DAYS: z.coerce
    .number({ message: 'must be a whole number of days such as 730' })
    .int('must be a whole number of days such as 730')
    .min(1, 'must be at least 1')
    .max(3650, 'must be at most 3650 (ten years)')
    .default(730),
  PLAID_CLIENT_ID: z.string().min(1).optional(),
  PLAID_SECRET: z.string().min(1).optional(),
  PLAID_ENV: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === 'sandbox' || v === 'production', {
      message:
        'must be "sandbox" or "production" (Plaid retired "development" in 2024; use sandbox for test data or production for real banks, including the free trial)',
    }),
  PLAID_REDIRECT_URI: url('http://localhost:3000/oauth-return'),
  PLAID_COUNTRY_CODES: z
    .string()
    .regex(/^[A-Z]{2}(,[A-Z]{2})*$/, { message: 'must be comma-separated country codes such as "GB,DE,US"' })
    .default('GB,DE,FR,ES,NL,IE,US'),
  PLAID_PRODUCTS: z
    .string()
    .regex(/^[a-z_]+(,[a-z_]+)*$/, { message: 'must be comma-separated Plaid products such as "transactions"' })
    .default('transactions'),
  PLAID_BASE_URL: url('https://sandbox.plaid.com'),
  PLAID_WEBHOOK_URL: url('https://trax.example.com/webhooks/plaid'),
  TRAX_CLOCK: z.iso
    .datetime({
      offset: true,
      message:
        'must be an instant such as 2026-06-15T10:00:00Z (Trax starts its clock there and lets it tick, for reproducible runs); remove it to use the real time',
    })
    .optional(),
  TRAX_WEB_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  // Names from TrueLayer's original expense-tracker sample, accepted so old .env files work.
  CLIENT_ID: z.string().min(1).optional(),
  CLIENT_SECRET: z.string().min(1).optional(),
  REDIRECT_URI: url('http://localhost:3000/callback'),
});

export type RawEnv = z.infer<typeof envSchema>;
