import type { ProviderPolicy } from '../policy.js';

const hint = 'Import a newer statement with `trax import FILE` (or "Import a file" in `trax serve`).';

/** Accounts fed only by statement-file imports: no consent, no tokens, nothing to sync. */
export const filePolicy: ProviderPolicy = {
  label: 'Statement files',
  idPrefix: 'file',
  envPrefixes: [],
  notConfigured: () => null,
  relinkHint: () => hint,
  endpoint: () => null,
  syncs: false,
  relink: {
    instruction: () => 'import a newer statement with `trax import FILE`',
    command: () => 'trax import FILE',
    inPage: false,
    webHref: () => '/import',
  },
  unattended: { kind: 'none' },
  // A file's own category text stays in raw; it is not a taxonomy Trax maps.
  categoryHint: () => null,
  pendingLinkPath: null,
};
