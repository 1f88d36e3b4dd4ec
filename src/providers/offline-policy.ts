import type { ProviderPolicy } from './policy.js';

/**
 * The policy of accounts that no bank feeds (statement files, cash kept by hand): no consent, no
 * tokens, no credentials, nothing to sync or read unattended, no category hints to map. What
 * differs is only how new bookings arrive, which the caller says in `howToAdd`.
 */
export function offlinePolicy(p: {
  label: string;
  idPrefix: string;
  /** The sentence shown where a bank would say how to relink. */
  hint: string;
  howToAdd: { instruction: string; command: string; webHref: string | null };
  manualEntry?: true;
}): ProviderPolicy {
  return {
    label: p.label,
    idPrefix: p.idPrefix,
    envPrefixes: [],
    notConfigured: () => null,
    relinkHint: () => p.hint,
    endpoint: () => null,
    syncs: false,
    relink: {
      instruction: () => p.howToAdd.instruction,
      command: () => p.howToAdd.command,
      inPage: false,
      webHref: () => p.howToAdd.webHref,
    },
    unattended: { kind: 'none' },
    // A file's own category text stays in raw; it is not a taxonomy Trax maps.
    categoryHint: () => null,
    pendingLinkPath: null,
    ...(p.manualEntry ? { manualEntry: true } : {}),
  };
}
