import type { App } from '../app.js';
import { requireEnableBanking } from '../config/index.js';
import { DEFAULT_BASE_URL } from '../providers/enablebanking/config.js';
import {
  buildAuthRequest,
  completeConsent,
  enableBankingClient,
  findBank,
  listAspsps,
  type AuthRequest,
  type Bank,
} from '../providers/enablebanking/index.js';
import type { SyncOptions } from '../sync/engine.js';
import { saveConsentAndSync, type ConnectResult } from './save-consent.js';

/**
 * Linking a bank through Enable Banking: pick the bank from /aspsps (an unknown name is answered
 * with close matches), POST /auth for the bank's own login, and — when the user comes back with a
 * code — POST /sessions, store the consent and run the first sync. There is no refresh token: at
 * the consent's end the user renews it with `--relink`, which re-attaches the new session (and its
 * new account uids, matched back by account) to the same connection.
 */
export async function startEnableBankingConsent(
  app: App,
  opts: { bank: string; country?: string; redirectUri?: string },
): Promise<{ auth: AuthRequest; bank: Bank }> {
  const cfg = requireEnableBanking(app.config);
  const api = enableBankingClient(cfg, app.http, () => app.now().getTime());
  const bank = findBank(await listAspsps(api, opts.country), opts.bank, opts.country);
  const auth = await buildAuthRequest(api, { bank, redirectUri: opts.redirectUri ?? cfg.redirectUri, now: app.now() });
  return { auth, bank };
}

export async function connectEnableBankingWithCode(
  app: App,
  code: string,
  opts: Pick<SyncOptions, 'onProgress'> & { relinkId?: string; bank?: Bank } = {},
): Promise<ConnectResult> {
  const cfg = requireEnableBanking(app.config);
  const api = enableBankingClient(cfg, app.http, () => app.now().getTime());
  const consent = await completeConsent(api, code, app.now(), opts.bank);
  return saveConsentAndSync(app, consent, {
    ...opts,
    // The environment is the application's at Enable Banking; another host is an emulator.
    environment: cfg.baseUrl === DEFAULT_BASE_URL ? 'live' : 'sandbox',
  });
}
