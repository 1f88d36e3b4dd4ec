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
  relinkHint: (id) => `Renew the consent with \`${command(id)}\`; your history is kept.`,
  endpoint: (config) => config.enablebanking?.baseUrl ?? null,
  syncs: true,
  relink: {
    instruction: (id) => `run \`${command(id)}\``,
    command,
    inPage: false,
    webHref: () => null,
  },
  // Enable Banking reads the bank on every call (PSD2): 4 unattended reads per account a day.
  unattended: { kind: 'bank-reads' },
  // Banks' transaction codes are free text per bank; nothing here is confident enough to map.
  categoryHint: () => null,
  pendingLinkPath: null,
};
