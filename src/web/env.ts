import { createFactory } from 'hono/factory';
import type { App } from '../app.js';
import type { PlaidWebhookVerifier } from '../providers/plaid/index.js';
import type { ServedAt } from './served-origins.js';
import type { Session } from './session.js';

export interface WebDeps {
  app: App;
  /** Login required: any address but loopback, or a password set. */
  passwordRequired: boolean;
  secureCookies: boolean;
  plaidVerifier: PlaidWebhookVerifier | null;
  /** Work started by a request that outlives it (webhook syncs); tests wait on it. */
  track(work: Promise<unknown>): void;
  log(message: string): void;
  /** Where the server listens, for the Host and Origin checks; without it, loopback names on any port. */
  served?: ServedAt;
  /** Results too slow to compute on every page view (recurring series), kept per data version. */
  cache: Map<string, { key: string; at: number; value: unknown }>;
}

export type WebEnv = {
  Variables: {
    deps: WebDeps;
    session: Session;
    /** Replaces this browser's session id (at login); returns the new session. */
    renewSession: () => Session;
  };
};

export const factory = createFactory<WebEnv>();
