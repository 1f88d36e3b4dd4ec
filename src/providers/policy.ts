import type { Config } from '../config/index.js';

/**
 * What code outside providers/ asks about a provider instead of comparing its id to a string.
 * Each provider's lives in providers/<id>/policy.ts (small, no SDK imports: every command loads
 * them), and src/providers/registry.ts lists them.
 */
export interface ProviderPolicy {
  /** The provider's name as users know it. */
  label: string;
  /** Local connection ids start with it ("tl-3f9a2c"). */
  idPrefix: string;
  /** Environment variables this provider reads (the scheduler warns about ones only set in a shell). */
  envPrefixes: readonly string[];
  /** Why no connection of this provider can sync with this configuration, or null when it can. */
  notConfigured(config: Config): string | null;
  /** The sentence that tells the user how to renew a consent, kept with the connection's history. */
  relinkHint(connectionId: string): string;
  /** The API host this configuration talks to; tells a demo emulator's connections from others. */
  endpoint(config: Config): string | null;
  /** False for connections nothing syncs (statement files): sync and the scheduler pass them by. */
  syncs: boolean;
  relink: {
    /** What a reminder tells the user to do ("run `trax connect truelayer --relink ID` (…)"). */
    instruction(connectionId: string): string;
    /** The short form for lists and JSON. */
    command(connectionId: string): string;
    /** Where the web app's Relink goes; null when the web app has no relink page for it. */
    webHref(connectionId: string): string | null;
    /** The web app relinks in the page itself (Plaid Link's update mode) instead of a redirect. */
    inPage: boolean;
  };
  /** How unattended (scheduled) syncs are limited. */
  unattended: UnattendedPolicy;
  /** The taxonomy slug a provider's category hint points at, or null when it says nothing certain. */
  categoryHint(h: { category: string | null; classification: string | null }): string | null;
  /** JSON path in a posted row's raw payload to the pending row it replaces, when the provider links them. */
  pendingLinkPath: string | null;
  /**
   * The user writes this provider's rows themselves (`trax tx add/edit/delete`); every other
   * provider's rows are the bank's or a statement's and are never rewritten.
   */
  manualEntry?: boolean;
}

export type UnattendedPolicy =
  /** The bank is read directly (PSD2): 4 unattended reads per account a day, and a 429 holds until the bank's next day. */
  | {
      kind: 'bank-reads';
      /**
       * The first sync after a login is read without the user's PSU headers, so the bank counts
       * it like any unattended read (Enable Banking: only the headers mark a call user-present).
       * Absent: the login's strong authentication covers that read (TrueLayer).
       */
      connectSyncCounts?: true;
    }
  /** The aggregator serves its own cache and announces news by webhook: the schedule is a safety net. */
  | { kind: 'webhook-cache'; safetyNetMs: number; webhooksOn(config: Config): boolean; webhookSetting: string }
  /** Nothing to read. */
  | { kind: 'none' };
