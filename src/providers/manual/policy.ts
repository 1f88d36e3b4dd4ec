import { offlinePolicy } from '../offline-policy.js';

/** Accounts kept by hand (cash, a piggy bank): no consent, no tokens, nothing to sync or import. */
export const manualPolicy = offlinePolicy({
  label: 'Kept by hand',
  idPrefix: 'manual',
  hint: 'Add bookings by hand with `trax tx add --account ID …` (a cash account has no bank to sync).',
  howToAdd: {
    instruction: 'add bookings with `trax tx add --account ID`',
    command: 'trax tx add --account ID',
    webHref: null,
  },
  manualEntry: true,
});
