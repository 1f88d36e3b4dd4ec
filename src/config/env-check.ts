import type { RawEnv } from './schema.js';

/**
 * The environment check every command runs, by hand: importing zod cost a read command more
 * than its whole query (~20 ms of module evaluation). schema.ts stays the specification, written
 * in zod; test/property/env-check.test.ts runs both over thousands of generated environments and
 * requires the same verdict, the same sentences in the same order and the same values.
 */

/** Each message is the second half of a sentence that starts with the variable's name. */
export const ENV_MESSAGES = {
  dataDirEmpty: 'must not be empty; remove it to use ./data',
  secretKey: 'must be 32 random bytes as 64 hex characters; create one with `openssl rand -hex 32`',
  truelayerEnv: 'must be "sandbox" or "live"',
  truelayerProviders: 'must be space-separated provider ids or groups such as "de-xs2a-all uk-ob-all"',
  historyDays: 'must be a whole number of days such as 730',
  historyDaysMin: 'must be at least 1',
  historyDaysMax: 'must be at most 3650 (ten years)',
  plaidEnv:
    'must be "sandbox" or "production" (Plaid retired "development" in 2024; use sandbox for test data or production for real banks, including the free trial)',
  plaidCountryCodes: 'must be comma-separated country codes such as "GB,DE,US"',
  plaidProducts: 'must be comma-separated Plaid products such as "transactions"',
  clock:
    'must be an instant such as 2026-06-15T10:00:00Z (Trax starts its clock there and lets it tick, for reproducible runs); remove it to use the real time',
  webPassword: 'must be at least 8 characters',
  /** zod's own wording for `.min(1)` without a message, kept so both checks say the same. */
  empty: 'Too small: expected string to have >=1 characters',
  url: (hint: string) => `must be a full URL such as ${hint}`,
} as const;

export const URL_HINTS = {
  truelayerRedirect: 'http://localhost:3000/callback',
  truelayerAuth: 'https://auth.truelayer.com',
  truelayerApi: 'https://api.truelayer.com',
  plaidRedirect: 'http://localhost:3000/oauth-return',
  plaidBase: 'https://sandbox.plaid.com',
  plaidWebhook: 'https://trax.example.com/webhooks/plaid',
} as const;

export const ENV_PATTERNS = {
  secretKey: /^(?:[0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/,
  truelayerProviders: /^[a-z0-9-]+( [a-z0-9-]+)*$/,
  plaidCountryCodes: /^[A-Z]{2}(,[A-Z]{2})*$/,
  plaidProducts: /^[a-z_]+(,[a-z_]+)*$/,
} as const;

export const ENV_DEFAULTS = {
  TRAX_DATA_DIR: './data',
  TRUELAYER_HISTORY_DAYS: 730,
  PLAID_COUNTRY_CODES: 'GB,DE,FR,ES,NL,IE,US',
  PLAID_PRODUCTS: 'transactions',
} as const;

/** RFC 3339 with seconds and a Z or ±hh:mm offset: zod's `z.iso.datetime({ offset: true })` pattern. */
const DATETIME =
  /^(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|(?:02)-(?:0[1-9]|1\d|2[0-8])))T(?:(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|([+-](?:[01]\d|2[0-3]):[0-5]\d)))$/;

export interface EnvIssue {
  name: string;
  message: string;
}

export type EnvCheck = { ok: true; data: RawEnv } | { ok: false; issues: EnvIssue[] };

export function checkEnv(env: Record<string, string | undefined>): EnvCheck {
  const issues: EnvIssue[] = [];
  const data: Record<string, string | number> = {};
  const fail = (name: string, message: string) => issues.push({ name, message });

  /** An optional string: `check` returns the message of the first rule it breaks, or null. */
  const optional = (name: string, check: (v: string) => string | null) => {
    const v = env[name];
    if (v === undefined) return;
    const problem = check(v);
    if (problem) fail(name, problem);
    else data[name] = v;
  };
  const nonEmpty = (v: string) => (v.length >= 1 ? null : ENV_MESSAGES.empty);
  const matches = (re: RegExp, message: string) => (v: string) => (re.test(v) ? null : message);
  /** Like zod's z.url(): trimmed, parsed by WHATWG URL, returned without tabs and newlines. */
  const url = (name: string, hint: string) => {
    const v = env[name];
    if (v === undefined) return;
    const trimmed = v.trim();
    if (URL.canParse(trimmed)) data[name] = trimmed.replace(/[\t\n\r]/g, '');
    else fail(name, ENV_MESSAGES.url(hint));
  };

  const dataDir = env.TRAX_DATA_DIR;
  if (dataDir === undefined) data.TRAX_DATA_DIR = ENV_DEFAULTS.TRAX_DATA_DIR;
  else if (dataDir.length < 1) fail('TRAX_DATA_DIR', ENV_MESSAGES.dataDirEmpty);
  else data.TRAX_DATA_DIR = dataDir;
  optional('TRAX_SECRET_KEY', matches(ENV_PATTERNS.secretKey, ENV_MESSAGES.secretKey));
  optional('TRUELAYER_CLIENT_ID', nonEmpty);
  optional('TRUELAYER_CLIENT_SECRET', nonEmpty);
  url('TRUELAYER_REDIRECT_URI', URL_HINTS.truelayerRedirect);
  optional('TRUELAYER_ENV', (v) => (v === 'sandbox' || v === 'live' ? null : ENV_MESSAGES.truelayerEnv));
  optional('TRUELAYER_PROVIDERS', matches(ENV_PATTERNS.truelayerProviders, ENV_MESSAGES.truelayerProviders));
  url('TRUELAYER_AUTH_URL', URL_HINTS.truelayerAuth);
  url('TRUELAYER_API_URL', URL_HINTS.truelayerApi);
  historyDays(env.TRUELAYER_HISTORY_DAYS, data, fail);
  optional('PLAID_CLIENT_ID', nonEmpty);
  optional('PLAID_SECRET', nonEmpty);
  optional('PLAID_ENV', (v) => (v === 'sandbox' || v === 'production' ? null : ENV_MESSAGES.plaidEnv));
  url('PLAID_REDIRECT_URI', URL_HINTS.plaidRedirect);
  const codes = env.PLAID_COUNTRY_CODES;
  if (codes === undefined) data.PLAID_COUNTRY_CODES = ENV_DEFAULTS.PLAID_COUNTRY_CODES;
  else optional('PLAID_COUNTRY_CODES', matches(ENV_PATTERNS.plaidCountryCodes, ENV_MESSAGES.plaidCountryCodes));
  const products = env.PLAID_PRODUCTS;
  if (products === undefined) data.PLAID_PRODUCTS = ENV_DEFAULTS.PLAID_PRODUCTS;
  else optional('PLAID_PRODUCTS', matches(ENV_PATTERNS.plaidProducts, ENV_MESSAGES.plaidProducts));
  url('PLAID_BASE_URL', URL_HINTS.plaidBase);
  url('PLAID_WEBHOOK_URL', URL_HINTS.plaidWebhook);
  optional('TRAX_CLOCK', matches(DATETIME, ENV_MESSAGES.clock));
  // Characters are code points, as zod counts them: an emoji is one, not two.
  optional('TRAX_WEB_PASSWORD', (v) => ([...v].length >= 8 ? null : ENV_MESSAGES.webPassword));
  optional('CLIENT_ID', nonEmpty);
  optional('CLIENT_SECRET', nonEmpty);
  url('REDIRECT_URI', URL_HINTS.truelayerRedirect);

  return issues.length ? { ok: false, issues } : { ok: true, data: data as unknown as RawEnv };
}

/**
 * TRUELAYER_HISTORY_DAYS as zod's `z.coerce.number().int().min(1).max(3650).default(730)` reads
 * it: Number() of the text; not a finite integer is one sentence; an integer beyond 2^53 breaks
 * the int rule and the range rule on its side (two sentences, as zod reports them).
 */
function historyDays(
  v: string | undefined,
  data: Record<string, string | number>,
  fail: (name: string, message: string) => void,
): void {
  const name = 'TRUELAYER_HISTORY_DAYS';
  if (v === undefined) {
    data[name] = ENV_DEFAULTS.TRUELAYER_HISTORY_DAYS;
    return;
  }
  const n = Number(v);
  if (!Number.isInteger(n)) return fail(name, ENV_MESSAGES.historyDays);
  const problems = [
    ...(Number.isSafeInteger(n) ? [] : [ENV_MESSAGES.historyDays]),
    ...(n < 1 ? [ENV_MESSAGES.historyDaysMin] : []),
    ...(n > 3650 ? [ENV_MESSAGES.historyDaysMax] : []),
  ];
  for (const m of problems) fail(name, m);
  if (!problems.length) data[name] = n;
}
