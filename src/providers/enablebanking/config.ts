import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** What the Enable Banking connector needs, parsed once at start. */
export interface EnableBankingConfig {
  appId: string;
  /** The application's RSA private key, already parsed: a bad key file fails at start, not mid-sync. */
  privateKey: KeyObject;
  redirectUri: string;
  baseUrl: string;
}

export const DEFAULT_BASE_URL = 'https://api.enablebanking.com';

const schema = z.object({
  ENABLEBANKING_APP_ID: z.string().trim().min(1, 'is empty'),
  ENABLEBANKING_KEY_FILE: z.string().trim().min(1, 'is empty'),
  ENABLEBANKING_REDIRECT_URI: z.url({ protocol: /^https?$/, error: 'is not an http(s) URL' }),
  ENABLEBANKING_BASE_URL: z.url({ protocol: /^https?$/, error: 'is not an http(s) URL' }).optional(),
});

export type ConfigResult = { ok: true; config: EnableBankingConfig } | { ok: false; message: string };

/**
 * Reads the ENABLEBANKING_* variables. Every problem comes back as one sentence naming the
 * variable and the fix; the key file is read and parsed here so a wrong file is found at start.
 */
export function parseEnableBankingConfig(
  env: Record<string, string | undefined>,
  readKey: (path: string) => string = (p) => readFileSync(p, 'utf8'),
): ConfigResult {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    const problem = issue.code === 'invalid_type' ? 'is not set' : issue.message;
    return { ok: false, message: `${name} ${problem}; ${HINT[name] ?? 'set it in .env'}.` };
  }
  const v = parsed.data;
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
    privateKey = createPrivateKey(pem);
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

const HINT: Record<string, string> = {
  ENABLEBANKING_APP_ID: 'copy the application id from https://enablebanking.com/cp/applications',
  ENABLEBANKING_KEY_FILE: 'set it to the path of the application private key PEM',
  ENABLEBANKING_REDIRECT_URI: 'use the redirect URL registered on the Enable Banking application',
  ENABLEBANKING_BASE_URL: 'leave it unset for https://api.enablebanking.com',
};
