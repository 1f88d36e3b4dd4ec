import { z } from 'zod';
import { ENV_DEFAULTS, ENV_MESSAGES as M, ENV_PATTERNS as P, URL_HINTS as H } from './env-check.js';

/**
 * The environment Trax reads, variable by variable: the specification of env-check.ts, which is
 * what commands run (importing zod was most of a read command's time).
 * test/property/env-check.test.ts holds the two to the same verdicts, sentences and values.
 * Each message is the second half of a sentence that starts with the variable's name, so every
 * problem reads as one instruction.
 */
const url = (hint: string) => z.url({ message: M.url(hint) }).optional();

export const envSchema = z.object({
  TRAX_DATA_DIR: z.string().min(1, M.dataDirEmpty).default(ENV_DEFAULTS.TRAX_DATA_DIR),
  TRAX_SECRET_KEY: z.string().regex(P.secretKey, { message: M.secretKey }).optional(),
  TRUELAYER_CLIENT_ID: z.string().min(1).optional(),
  TRUELAYER_CLIENT_SECRET: z.string().min(1).optional(),
  TRUELAYER_REDIRECT_URI: url(H.truelayerRedirect),
  TRUELAYER_ENV: z.enum(['sandbox', 'live'], { message: M.truelayerEnv }).optional(),
  TRUELAYER_PROVIDERS: z.string().regex(P.truelayerProviders, { message: M.truelayerProviders }).optional(),
  TRUELAYER_AUTH_URL: url(H.truelayerAuth),
  TRUELAYER_API_URL: url(H.truelayerApi),
  TRUELAYER_HISTORY_DAYS: z.coerce
    .number({ message: M.historyDays })
    .int(M.historyDays)
    .min(1, M.historyDaysMin)
    .max(3650, M.historyDaysMax)
    .default(ENV_DEFAULTS.TRUELAYER_HISTORY_DAYS),
  PLAID_CLIENT_ID: z.string().min(1).optional(),
  PLAID_SECRET: z.string().min(1).optional(),
  PLAID_ENV: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === 'sandbox' || v === 'production', { message: M.plaidEnv }),
  PLAID_REDIRECT_URI: url(H.plaidRedirect),
  PLAID_COUNTRY_CODES: z
    .string()
    .regex(P.plaidCountryCodes, { message: M.plaidCountryCodes })
    .default(ENV_DEFAULTS.PLAID_COUNTRY_CODES),
  PLAID_PRODUCTS: z.string().regex(P.plaidProducts, { message: M.plaidProducts }).default(ENV_DEFAULTS.PLAID_PRODUCTS),
  PLAID_BASE_URL: url(H.plaidBase),
  PLAID_WEBHOOK_URL: url(H.plaidWebhook),
  TRAX_CLOCK: z.iso.datetime({ offset: true, message: M.clock }).optional(),
  TRAX_WEB_PASSWORD: z.string().min(8, M.webPassword).optional(),
  // Names from TrueLayer's original expense-tracker sample, accepted so old .env files work.
  CLIENT_ID: z.string().min(1).optional(),
  CLIENT_SECRET: z.string().min(1).optional(),
  REDIRECT_URI: url(H.truelayerRedirect),
});

export type RawEnv = z.infer<typeof envSchema>;
