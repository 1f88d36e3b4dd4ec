import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openApp, type App } from '../../../src/app.js';
import { parseConfig } from '../../../src/config/index.js';
import type { ProviderId } from '../../../src/domain/types.js';

/**
 * What the provider contract suite (test/contract/provider-contract.ts) needs from a provider:
 * its emulator started on the injected clock, linking through the real consent flow, and the
 * emulator's knobs for the faults every provider must survive. One file per provider.
 */
export interface ContractWorld {
  app: App;
  /** What a user's .env holds for this provider; TRAX_CLOCK follows the emulator's clock. */
  env: Record<string, string>;
  /** Links bank `which` (0 or 1: two different banks) through the real consent flow; the first sync runs. */
  link(which: 0 | 1): Promise<string>;
  /**
   * Comes back to Trax with a consent Trax did not start (wrong OAuth state; for Plaid, a public
   * token Plaid did not issue to this client). Resolves with whether Trax refused it and what it said.
   */
  forgedReturn(): Promise<{ refused: boolean; message: string }>;
  /** Time passes until every reservation seen so far has booked (under a new id where the bank mints one). */
  bookPending(): void;
  expireConsent(connectionId: string): void;
  /** The provider answers 429 to every data call until resetFaults(). */
  rateLimit(): void;
  resetFaults(): void;
  /** The emulator saw Trax revoke this connection's access. */
  sawRevoke(connectionId: string): boolean;
  close(): Promise<void>;
}

export interface ProviderAdapter<W extends ContractWorld = ContractWorld> {
  id: ProviderId;
  open(): Promise<W>;
}

/** A Trax app on a fresh data dir on the emulator's clock, with fast retries. */
export function contractApp(
  env: Record<string, string> | ((dataDir: string) => Record<string, string>),
  clock: { now(): Date },
): { app: App; env: Record<string, string>; done(): void } {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'trax-contract-'));
  const full = { ...(typeof env === 'function' ? env(dataDir) : env), TRAX_DATA_DIR: dataDir };
  Object.defineProperty(full, 'TRAX_CLOCK', { enumerable: true, get: () => clock.now().toISOString() });
  const app = openApp(parseConfig(full), { http: { retryBaseMs: 5, maxRetryAfterMs: 2000 }, now: () => clock.now() });
  return {
    app,
    env: full,
    done() {
      app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const DAY_MS = 24 * 3600_000;
