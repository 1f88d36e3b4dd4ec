import type { ProviderPolicy } from '../policy.js';

const command = (id: string) => `trax connect enablebanking --relink ${id}`;

export const enablebankingPolicy: ProviderPolicy = {
  label: 'Enable Banking',
  idPrefix: 'eb',
  envPrefixes: ['ENABLEBANKING_'],
  notConfigured: (config) =>
    config.enablebanking
      ? null
      : 'Enable Banking is not configured (set ENABLEBANKING_APP_ID, ENABLEBANKING_KEY_FILE and ENABLEBANKING_REDIRECT_URI in .env).',
  relinkHint: (id) => `Renew the consent with \`${command(id)}\` (or Renew in \`trax serve\`); your history is kept.`,
  endpoint: (config) => config.enablebanking?.baseUrl ?? null,
  syncs: true,
  relink: {
    instruction: (id) => `run \`${command(id)}\` (or press Renew in \`trax serve\`)`,
    command,
    inPage: false,
    webHref: (id) => `/connect/enablebanking?relink=${encodeURIComponent(id)}`,
  },
  // Enable Banking reads the bank on every call (PSD2): 4 unattended reads per account a day.
  // Calls without PSU headers count, the first sync after the login included: Trax has no
  // address of the user's to send from the CLI (nor from a browser on localhost).
  unattended: { kind: 'bank-reads', connectSyncCounts: true },
  // Banks' transaction codes are free text per bank; nothing here is confident enough to map.
  categoryHint: () => null,
  pendingLinkPath: null,
};
