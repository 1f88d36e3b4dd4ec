import type { PlaidConfig } from '../../config/index.js';
import type { HttpOptions } from '../http-options.js';
import type { BankConnector, SecretStore } from '../provider.js';
import { PlaidClient } from './client.js';
import { removeItem, type PlaidSecrets } from './link.js';
import { plaidPages } from './sync.js';

export { PlaidClient } from './client.js';
export { createLinkToken, describeItem, exchangePublicToken, removeItem, sandboxPublicToken, type PlaidSecrets } from './link.js';
export { KEY_LOOKUPS, PlaidWebhookVerifier, type WebhookEvent } from './webhooks.js';

export function plaidConnector(cfg: PlaidConfig, secrets: SecretStore<PlaidSecrets>, http: HttpOptions): BankConnector {
  const client = new PlaidClient(cfg, http);
  return {
    pages: (req) => plaidPages(client, secrets.read().accessToken, req),
    revoke: () => removeItem(client, secrets.read().accessToken),
  };
}
