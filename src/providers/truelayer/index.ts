import type { TrueLayerConfig } from '../../config/index.js';
import type { BankConnector, NewConsent, SecretStore } from '../provider.js';
import { exchangeCode, TokenManager, type TrueLayerSecrets } from './auth.js';
import { DataClient, deleteCredential } from './data-client.js';
import { DEFAULT_HTTP, type HttpOptions } from './http.js';
import { truelayerPages } from './sync.js';

export { buildAuthLink, SCOPES, type AuthRequest, type TrueLayerSecrets } from './auth.js';
export { DEFAULT_HTTP, type HttpOptions } from './http.js';

export function truelayerConnector(
  cfg: TrueLayerConfig,
  secrets: SecretStore<TrueLayerSecrets>,
  http: HttpOptions = DEFAULT_HTTP,
  now: () => number = Date.now,
): BankConnector {
  const tokens = new TokenManager(cfg, secrets, http, now);
  return {
    pages: (req) => truelayerPages(new DataClient(cfg.apiUrl, tokens, http, req.userIp), req, cfg.historyDays),
    async revoke() {
      await deleteCredential(cfg.authUrl, await tokens.accessToken(), http);
    },
  };
}

/** Finishes the OAuth flow: code → tokens → /me, giving the store what it records. */
export async function completeTrueLayerConsent(
  cfg: TrueLayerConfig,
  code: string,
  http: HttpOptions = DEFAULT_HTTP,
  now: () => Date = () => new Date(),
): Promise<NewConsent> {
  const ms = () => now().getTime();
  let secrets = await exchangeCode(cfg, code, http, ms);
  // /me may refresh (it won't with a fresh token); keep whatever the manager ends up with.
  const store: SecretStore<TrueLayerSecrets> = { read: () => secrets, write: (s) => (secrets = s) };
  const me = await new DataClient(cfg.apiUrl, new TokenManager(cfg, store, http, ms), http, null).me();
  return {
    provider: 'truelayer',
    externalId: me.credentials_id,
    institutionId: me.provider.provider_id,
    institutionName: me.provider.display_name ?? me.provider.provider_id,
    institutionLogo: me.provider.logo_uri ?? null,
    consentCreatedAt: me.consent_created_at ?? now().toISOString(),
    consentExpiresAt: me.consent_expires_at ?? null,
    get secrets() {
      return secrets;
    },
  };
}
