import { startPlaidSandbox, type PlaidSandbox } from '../../src/sandbox/plaid/index.js';

export const PLAID_CLIENT = { clientId: 'trax-test-client', secret: 'trax-test-secret' };

export function plaidSandbox(): Promise<PlaidSandbox> {
  return startPlaidSandbox({ port: 0, clients: [PLAID_CLIENT], seed: 11 });
}

/** What a user puts in .env to use this Plaid sandbox. */
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
