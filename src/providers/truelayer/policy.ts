import type { ProviderPolicy } from '../policy.js';
import { truelayerCategoryHint } from './categories.js';

const command = (id: string) => `trax connect truelayer --relink ${id}`;

export const truelayerPolicy: ProviderPolicy = {
  label: 'TrueLayer',
  idPrefix: 'tl',
  envPrefixes: ['TRUELAYER_'],
  notConfigured: (config) =>
    config.truelayer
      ? null
      : 'TrueLayer is not configured (set TRUELAYER_CLIENT_ID and TRUELAYER_CLIENT_SECRET in .env, or run `trax sandbox` for the built-in emulator).',
  relinkHint: (id) => `Reconnect with \`${command(id)}\` (or Relink in \`trax serve\`); your history is kept.`,
  endpoint: (config) => config.truelayer?.apiUrl ?? null,
  syncs: true,
  relink: {
    instruction: (id) => `run \`${command(id)}\` (or press Relink in \`trax serve\`)`,
    command,
    inPage: false,
    webHref: (id) => `/connect/truelayer?relink=${encodeURIComponent(id)}`,
  },
  unattended: { kind: 'bank-reads' },
  categoryHint: truelayerCategoryHint,
  pendingLinkPath: null,
};
