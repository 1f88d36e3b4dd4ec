import { startPlaidSandbox, type PlaidSandbox, type PlaidSandboxOptions } from '../../src/sandbox/plaid/index.js';
import { testStart } from './clock.js';

export const PLAID_CLIENT = { clientId: 'trax-test-client', secret: 'trax-test-secret' };

/** A Plaid emulator on a port of its own, starting at the file's test instant (see clock.ts). */
export function plaidSandbox(opts: PlaidSandboxOptions = {}): Promise<PlaidSandbox> {
  return startPlaidSandbox({ port: 0, clients: [PLAID_CLIENT], seed: 11, now: testStart(), ...opts });
}

/**
 * What a user puts in .env to use this Plaid sandbox. A `webBase` with port 0 (the default
 * for tests) is rewritten to the web server's real port by startTestWeb().
 */
export function plaidEnv(sb: PlaidSandbox, webBase?: string): Record<string, string> {
  return {
    PLAID_CLIENT_ID: PLAID_CLIENT.clientId,
    PLAID_SECRET: PLAID_CLIENT.secret,
    PLAID_ENV: 'sandbox',
    PLAID_BASE_URL: sb.url,
    ...(webBase
      ? {
          PLAID_REDIRECT_URI: `${webBase}/oauth-return`,
          PLAID_WEBHOOK_URL: `${webBase.replace('localhost', '127.0.0.1')}/webhooks/plaid`,
        }
      : {}),
  };
}
