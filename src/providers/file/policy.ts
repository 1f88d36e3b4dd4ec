import { offlinePolicy } from '../offline-policy.js';

/** Accounts fed only by statement-file imports: no consent, no tokens, nothing to sync. */
export const filePolicy = offlinePolicy({
  label: 'Statement files',
  idPrefix: 'file',
  hint: 'Import a newer statement with `trax import FILE` (or "Import a file" in `trax serve`).',
  howToAdd: {
    instruction: 'import a newer statement with `trax import FILE`',
    command: 'trax import FILE',
    webHref: '/import',
  },
});
