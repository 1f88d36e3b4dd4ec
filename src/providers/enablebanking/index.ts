import type { BankConnector, SecretStore } from '../provider.js';
import { EbClient, type PsuContext } from './client.js';
import type { EnableBankingConfig } from './config.js';
import { DEFAULT_HTTP, type HttpOptions, type Transport } from './http.js';
import { AppJwt } from './jwt.js';
import { enableBankingPages, type EnableBankingSecrets } from './sync.js';

export { parseEnableBankingConfig, type ConfigResult, type EnableBankingConfig } from './config.js';
export {
  buildAuthRequest,
  checkCallback,
  completeConsent,
  findBank,
  listAspsps,
  type AuthRequest,
  type Bank,
} from './consent.js';
export { EbClient, type PsuContext } from './client.js';
export type { EnableBankingSecrets } from './sync.js';

/** Days pulled on the first sync; banks that refuse that much get the 89 they always allow. */
export const DEFAULT_HISTORY_DAYS = 730;

export function enableBankingTransport(
  cfg: EnableBankingConfig,
  http: HttpOptions = DEFAULT_HTTP,
  now: () => number = Date.now,
): Transport {
  return { baseUrl: cfg.baseUrl, jwt: new AppJwt(cfg, now), http, now };
}

/** A client for flows outside a sync (bank picker, consent); the user is present there. */
export function enableBankingClient(
  cfg: EnableBankingConfig,
  http: HttpOptions = DEFAULT_HTTP,
  now: () => number = Date.now,
  psu: PsuContext | null = null,
): EbClient {
  return new EbClient(enableBankingTransport(cfg, http, now), psu);
}

export function enablebankingConnector(
  cfg: EnableBankingConfig,
  secrets: SecretStore<EnableBankingSecrets>,
  http: HttpOptions = DEFAULT_HTTP,
  now: () => number = Date.now,
  historyDays: number = DEFAULT_HISTORY_DAYS,
): BankConnector {
  // One JWT cache per connector: a sync's calls share a token instead of signing each.
  const transport = enableBankingTransport(cfg, http, now);
  return {
    pages: (req) =>
      enableBankingPages(new EbClient(transport, req.userIp ? { ip: req.userIp } : null), secrets.read(), req, historyDays),
    async revoke() {
      try {
        await new EbClient(transport).deleteSession(secrets.read().sessionId);
      } catch (e) {
        // Already closed, expired or revoked: the access is gone, which is what was asked.
        const code = (e as { detail?: { providerCode?: string } }).detail?.providerCode;
        if (code && ['CLOSED_SESSION', 'EXPIRED_SESSION', 'REVOKED_SESSION', 'SESSION_DOES_NOT_EXIST'].includes(code)) return;
        throw e;
      }
    },
  };
}
export { ENABLEBANKING_COUNTRIES, isEnableBankingCountry } from './countries.js';
export { fetchLogo, logoDataUrl, type Logo } from './logo.js';
