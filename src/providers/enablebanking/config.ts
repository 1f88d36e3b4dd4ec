import type { KeyObject } from 'node:crypto';
import { crypto } from '../../security/lazy-crypto.js';
import { readFileSync } from 'node:fs';

/** What the Enable Banking connector needs, parsed once at start. */
export interface EnableBankingConfig {
  appId: string;
  /** The application's RSA private key, already parsed: a bad key file fails at start, not mid-sync. */
  privateKey: KeyObject;
  redirectUri: string;
  baseUrl: string;
}

export const DEFAULT_BASE_URL = 'https://api.enablebanking.com';

/**
 * Every command reads the configuration, so this check is written by hand: importing zod for it
 * cost a read command ~50 ms. config-schema.ts keeps the same rules in zod as the specification,
 * and test/property/enablebanking-config.test.ts holds the two to the same verdicts, sentences
 * and values. Variables are checked in this order and the first problem is reported.
 */
function checkVariables(
  env: Record<string, string | undefined>,
): { ok: true; v: Variables } | { ok: false; name: string; problem: string } {
  const required = (name: keyof Variables): string | { problem: string } => {
    const raw = env[name];
    if (raw === undefined) return { problem: 'is not set' };
    const v = raw.trim();
    return v.length ? v : { problem: 'is empty' };
  };
  const httpUrl = (name: keyof Variables): string | undefined | { problem: string } => {
    const raw = env[name];
    if (raw === undefined) return undefined;
    const trimmed = raw.trim();
    // "http:example.com" parses as a URL but is not what anyone means: ask for the full form.
    let ok = /^https?:\/\//i.test(trimmed);
    if (ok) {
      try {
        ok = /^https?:$/.test(new URL(trimmed).protocol);
      } catch {
        ok = false;
      }
    }
    return ok ? trimmed.replace(/[\t\n\r]/g, '') : { problem: 'is not an http(s) URL' };
  };
  const appId = required('ENABLEBANKING_APP_ID');
  if (typeof appId !== 'string') return { ok: false, name: 'ENABLEBANKING_APP_ID', ...appId };
  const keyFile = required('ENABLEBANKING_KEY_FILE');
  if (typeof keyFile !== 'string') return { ok: false, name: 'ENABLEBANKING_KEY_FILE', ...keyFile };
  const redirect =
    env.ENABLEBANKING_REDIRECT_URI === undefined ? { problem: 'is not set' } : httpUrl('ENABLEBANKING_REDIRECT_URI');
  if (typeof redirect !== 'string')
    return { ok: false, name: 'ENABLEBANKING_REDIRECT_URI', ...(redirect as { problem: string }) };
  const base = httpUrl('ENABLEBANKING_BASE_URL');
  if (typeof base === 'object') return { ok: false, name: 'ENABLEBANKING_BASE_URL', ...base };
  return {
    ok: true,
    v: {
      ENABLEBANKING_APP_ID: appId,
      ENABLEBANKING_KEY_FILE: keyFile,
      ENABLEBANKING_REDIRECT_URI: redirect,
      ...(base === undefined ? {} : { ENABLEBANKING_BASE_URL: base }),
    },
  };
}

/** The variables once checked: trimmed, URLs without tabs and newlines. */
export interface Variables {
  ENABLEBANKING_APP_ID: string;
  ENABLEBANKING_KEY_FILE: string;
  ENABLEBANKING_REDIRECT_URI: string;
  ENABLEBANKING_BASE_URL?: string;
}

/** The first problem as a sentence, or the checked variables: what the property test compares. */
export function checkEnableBankingVariables(
  env: Record<string, string | undefined>,
): { ok: true; v: Variables } | { ok: false; message: string } {
  const r = checkVariables(env);
  return r.ok ? r : { ok: false, message: `${r.name} ${r.problem}; ${HINT[r.name] ?? 'set it in .env'}.` };
}

export type ConfigResult = { ok: true; config: EnableBankingConfig } | { ok: false; message: string };

/**
 * Reads the ENABLEBANKING_* variables. Every problem comes back as one sentence naming the
 * variable and the fix; the key file is read and parsed here so a wrong file is found at start.
 */
export function parseEnableBankingConfig(
  env: Record<string, string | undefined>,
  readKey: (path: string) => string = (p) => readFileSync(p, 'utf8'),
): ConfigResult {
  const checked = checkEnableBankingVariables(env);
  if (!checked.ok) return checked;
  const v = checked.v;
  const keyFile = v.ENABLEBANKING_KEY_FILE;
  let pem: string;
  try {
    pem = readKey(keyFile);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'cannot be read (permission denied)' : 'cannot be read';
    return {
      ok: false,
      message: `ENABLEBANKING_KEY_FILE ${keyFile} ${why}; point it at the private key PEM you downloaded from the Enable Banking control panel.`,
    };
  }
  let privateKey: KeyObject;
  try {
    privateKey = crypto().createPrivateKey(pem);
  } catch {
    return {
      ok: false,
      message: `ENABLEBANKING_KEY_FILE ${keyFile} is not a PEM private key; use the private key file (-----BEGIN PRIVATE KEY-----), not the certificate.`,
    };
  }
  if (privateKey.asymmetricKeyType !== 'rsa') {
    return {
      ok: false,
      message: `ENABLEBANKING_KEY_FILE ${keyFile} holds an ${(privateKey.asymmetricKeyType ?? 'unknown').toUpperCase()} key; Enable Banking signs with RS256 only, so it must be an RSA private key.`,
    };
  }
  return {
    ok: true,
    config: {
      appId: v.ENABLEBANKING_APP_ID,
      privateKey,
      redirectUri: v.ENABLEBANKING_REDIRECT_URI,
      baseUrl: (v.ENABLEBANKING_BASE_URL ?? DEFAULT_BASE_URL).replace(/\/+$/, ''),
    },
  };
}

export const HINT: Record<string, string> = {
  ENABLEBANKING_APP_ID: 'copy the application id from https://enablebanking.com/cp/applications',
  ENABLEBANKING_KEY_FILE: 'set it to the path of the application private key PEM',
  ENABLEBANKING_REDIRECT_URI: 'use the redirect URL registered on the Enable Banking application',
  ENABLEBANKING_BASE_URL: 'leave it unset for https://api.enablebanking.com',
};
