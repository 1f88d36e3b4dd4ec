import type { ProviderPolicy } from '../policy.js';

const hint = 'Add bookings by hand with `trax tx add --account ID …` (a cash account has no bank to sync).';

/** Accounts kept by hand (cash, a piggy bank): no consent, no tokens, nothing to sync or import. */
export const manualPolicy: ProviderPolicy = {
  label: 'Kept by hand',
  idPrefix: 'manual',
  envPrefixes: [],
  notConfigured: () => null,
  relinkHint: () => hint,
  endpoint: () => null,
  syncs: false,
  relink: {
    instruction: () => 'add bookings with `trax tx add --account ID`',
    command: () => 'trax tx add --account ID',
    inPage: false,
    webHref: () => null,
  },
  unattended: { kind: 'none' },
  categoryHint: () => null,
  pendingLinkPath: null,
  manualEntry: true,
};
