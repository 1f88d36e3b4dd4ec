import { parseEnableBankingConfig, type EnableBankingConfig } from '../providers/enablebanking/config.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { TraxError } from '../domain/errors.js';
import { checkEnv } from './env-check.js';
import type { RawEnv } from './schema.js';

export type TrueLayerEnv = 'sandbox' | 'live';

export interface TrueLayerConfig {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  env: TrueLayerEnv;
  providers: string;
  authUrl: string;
  /** Host only; the client appends /data/v1. */
  apiUrl: string;
  historyDays: number;
}

export type PlaidEnv = 'sandbox' | 'production';

export interface PlaidConfig {
  clientId: string;
  secret: string;
  env: PlaidEnv;
  /** Host the SDK talks to; also serves Link's script in sandbox emulation. */
  baseUrl: string;
  /** Where Link's script is loaded from: Plaid's CDN, or the emulator when PLAID_BASE_URL points at one. */
  linkScriptUrl: string;
  redirectUri: string | null;
  countryCodes: string[];
  products: string[];
  webhookUrl: string | null;
}

export interface Config {
  dataDir: string;
  secretKeyHex: string | null;
  /** null when no TrueLayer credentials are configured: the provider is simply off. */
  truelayer: TrueLayerConfig | null;
  plaid: PlaidConfig | null;
  /** null when no ENABLEBANKING_* variable is set. */
  enablebanking: EnableBankingConfig | null;
  webPassword: string | null;
  /** TRAX_CLOCK: where Trax's clock starts (it then ticks); null for the real time. */
  clockStart: Date | null;
}

const HOSTS: Record<TrueLayerEnv, { auth: string; api: string; providers: string }> = {
  live: { auth: 'https://auth.truelayer.com', api: 'https://api.truelayer.com', providers: 'de-xs2a-all' },
  sandbox: {
    auth: 'https://auth.truelayer-sandbox.com',
    api: 'https://api.truelayer-sandbox.com',
    providers: 'uk-cs-mock',
  },
};

export const DEFAULT_REDIRECT_URI = 'http://localhost:3000/callback';

/**
 * Reads `.env` (if present) into the environment, then validates. Every problem is reported
 * at once, one sentence each, so a user fixes their file in one pass.
 */
export function loadConfig(options: { env?: NodeJS.ProcessEnv; envFile?: string | null } = {}): Config {
  const envFile = options.envFile === undefined ? '.env' : options.envFile;
  if (envFile && !options.env) readEnvFile(envFile);
  return parseConfig(options.env ?? process.env);
}

function readEnvFile(file: string): void {
  if (!existsSync(file)) return;
  try {
    process.loadEnvFile(file);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new TraxError('config_invalid', (m) => m.errEnvUnreadable(path.resolve(file), reason));
  }
}

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const checked = checkEnv(env);
  if (!checked.ok) {
    const sentences = checked.issues.map((i) => `${i.name} ${i.message}.`);
    throw new TraxError('config_invalid', `${sentences.join(' ')} Fix it in .env or your environment.`);
  }
  const raw = checked.data;
  const problems: string[] = [];
  const truelayer = truelayerConfig(raw, problems);
  const plaid = plaidConfig(raw, problems);
  const enablebanking = enableBankingConfig(env, problems);
  if (problems.length) {
    throw new TraxError('config_invalid', `${problems.join(' ')} Fix it in .env or your environment.`);
  }
  return {
    dataDir: path.resolve(raw.TRAX_DATA_DIR),
    secretKeyHex: raw.TRAX_SECRET_KEY ? normalizeKey(raw.TRAX_SECRET_KEY) : null,
    truelayer,
    plaid,
    enablebanking,
    webPassword: raw.TRAX_WEB_PASSWORD ?? null,
    clockStart: raw.TRAX_CLOCK ? new Date(raw.TRAX_CLOCK) : null,
  };
}

/** Enable Banking is on when any ENABLEBANKING_* variable is set; then all of them must be right. */
function enableBankingConfig(env: NodeJS.ProcessEnv, problems: string[]): EnableBankingConfig | null {
  if (!Object.keys(env).some((k) => k.startsWith('ENABLEBANKING_') && env[k])) return null;
  const r = parseEnableBankingConfig(env);
  if (r.ok) return r.config;
  problems.push(r.message);
  return null;
}

export function requireEnableBanking(config: Config): EnableBankingConfig {
  if (config.enablebanking) return config.enablebanking;
  throw new TraxError('config_invalid', (m) => m.errNoEnableBanking);
}

const PLAID_HOSTS: Record<PlaidEnv, string> = {
  sandbox: 'https://sandbox.plaid.com',
  production: 'https://production.plaid.com',
};

function plaidConfig(raw: RawEnv, problems: string[]): PlaidConfig | null {
  const { PLAID_CLIENT_ID: clientId, PLAID_SECRET: secret } = raw;
  if (!clientId && !secret) return null;
  if (!clientId || !secret) {
    problems.push(
      `${clientId ? 'PLAID_SECRET' : 'PLAID_CLIENT_ID'} is missing; copy it from dashboard.plaid.com → Developers → Keys (it goes with ${clientId ? 'PLAID_CLIENT_ID' : 'PLAID_SECRET'}).`,
    );
    return null;
  }
  const env = (raw.PLAID_ENV ?? 'sandbox') as PlaidEnv;
  const baseUrl = stripSlash(raw.PLAID_BASE_URL ?? PLAID_HOSTS[env]);
  const redirectUri = raw.PLAID_REDIRECT_URI ?? null;
  if (redirectUri && env === 'production' && !redirectUri.startsWith('https://')) {
    problems.push(
      `PLAID_REDIRECT_URI must use https:// in production (Plaid allows http only for localhost in sandbox); run \`trax cert\` and serve Trax over HTTPS.`,
    );
  }
  return {
    clientId,
    secret,
    env,
    baseUrl,
    linkScriptUrl: raw.PLAID_BASE_URL
      ? `${baseUrl}/link/v2/stable/link-initialize.js`
      : 'https://cdn.plaid.com/link/v2/stable/link-initialize.js',
    redirectUri,
    countryCodes: raw.PLAID_COUNTRY_CODES.split(','),
    products: raw.PLAID_PRODUCTS.split(','),
    webhookUrl: raw.PLAID_WEBHOOK_URL ?? null,
  };
}

function truelayerConfig(raw: RawEnv, problems: string[]): TrueLayerConfig | null {
  const clientId = raw.TRUELAYER_CLIENT_ID ?? raw.CLIENT_ID;
  const clientSecret = raw.TRUELAYER_CLIENT_SECRET ?? raw.CLIENT_SECRET;
  if (!clientId && !clientSecret) return null;
  if (!clientId) {
    problems.push(
      'TRUELAYER_CLIENT_ID is missing; copy the client id from console.truelayer.com (it goes with TRUELAYER_CLIENT_SECRET).',
    );
    return null;
  }
  if (!clientSecret) {
    problems.push(
      'TRUELAYER_CLIENT_SECRET is missing; copy the client secret from console.truelayer.com (it goes with TRUELAYER_CLIENT_ID).',
    );
    return null;
  }
  const isSandboxId = clientId.startsWith('sandbox-');
  const env: TrueLayerEnv = raw.TRUELAYER_ENV ?? (isSandboxId ? 'sandbox' : 'live');
  if (env === 'sandbox' && !isSandboxId) {
    problems.push(
      `TRUELAYER_ENV is "sandbox" but TRUELAYER_CLIENT_ID "${clientId}" is a live id (sandbox ids start with "sandbox-"); set TRUELAYER_ENV=live or use your sandbox client id.`,
    );
  }
  if (env === 'live' && isSandboxId) {
    problems.push(
      `TRUELAYER_ENV is "live" but TRUELAYER_CLIENT_ID "${clientId}" is a sandbox id; set TRUELAYER_ENV=sandbox or use your live client id.`,
    );
  }
  const hosts = HOSTS[env];
  return {
    clientId,
    clientSecret,
    redirectUri: raw.TRUELAYER_REDIRECT_URI ?? raw.REDIRECT_URI ?? DEFAULT_REDIRECT_URI,
    env,
    providers: raw.TRUELAYER_PROVIDERS ?? hosts.providers,
    authUrl: stripSlash(raw.TRUELAYER_AUTH_URL ?? hosts.auth),
    apiUrl: stripSlash(raw.TRUELAYER_API_URL ?? hosts.api),
    historyDays: raw.TRUELAYER_HISTORY_DAYS,
  };
}

function normalizeKey(key: string): string {
  return key.length === 64 ? key.toLowerCase() : Buffer.from(key, 'base64').toString('hex');
}

function stripSlash(u: string): string {
  return u.replace(/\/+$/, '');
}

/** Requires Plaid to be configured, with the sentence that tells the user how. */
export function requirePlaid(config: Config): PlaidConfig {
  if (config.plaid) return config.plaid;
  throw new TraxError('config_invalid', (m) => m.errNoPlaid);
}

/** Requires TrueLayer to be configured, with the sentence that tells the user how. */
export function requireTrueLayer(config: Config): TrueLayerConfig {
  if (config.truelayer) return config.truelayer;
  throw new TraxError('config_invalid', (m) => m.errNoTrueLayer);
}
