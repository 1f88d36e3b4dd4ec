import type { ProviderPolicy } from '../policy.js';
import { plaidCategoryHint } from './categories.js';

export const plaidPolicy: ProviderPolicy = {
  label: 'Plaid',
  idPrefix: 'pl',
  envPrefixes: ['PLAID_'],
  notConfigured: (config) =>
    config.plaid
      ? null
      : 'Plaid is not configured (set PLAID_CLIENT_ID and PLAID_SECRET in .env; keys are at dashboard.plaid.com).',
  relinkHint: () => 'Relink it in the web app (`trax serve`, then Relink); your history is kept.',
  endpoint: (config) => config.plaid?.baseUrl ?? null,
  syncs: true,
  // Plaid Link runs in the browser: relinking is the web app's Relink button (update mode).
  relink: {
    instruction: () => 'open `trax serve` and press Relink',
    command: () => 'open trax serve and press Relink',
    inPage: true,
    webHref: () => null,
  },
  // Plaid serves its own cache: with webhooks on, the schedule only catches a webhook that never came.
  unattended: {
    kind: 'webhook-cache',
    safetyNetMs: 24 * 3600_000,
    webhooksOn: (config) => Boolean(config.plaid?.webhookUrl),
    webhookSetting: 'PLAID_WEBHOOK_URL',
  },
  categoryHint: plaidCategoryHint,
  pendingLinkPath: '$.pending_transaction_id',
};
