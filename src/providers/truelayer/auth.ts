import { randomBytes } from 'node:crypto';
import type { TrueLayerConfig } from '../../config/index.js';
import { ProviderError } from '../../domain/errors.js';
import type { SecretStore } from '../provider.js';
import { requestJson, type HttpOptions } from './http.js';
import { tokenResponse, type WireToken } from './wire-types.js';

export const SCOPES = 'info accounts balance cards transactions direct_debits standing_orders offline_access';

/** What Trax keeps (encrypted) for one TrueLayer connection. */
export interface TrueLayerSecrets {
  accessToken: string;
  refreshToken: string | null;
  /** ms since epoch; refreshed a minute early so a call never starts with a dying token. */
  expiresAt: number;
}

export interface AuthRequest {
  url: string;
  state: string;
  nonce: string;
}

export function buildAuthLink(cfg: TrueLayerConfig, opts: { providerId?: string } = {}): AuthRequest {
  const state = randomBytes(16).toString('base64url');
  const nonce = randomBytes(16).toString('base64url');
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: cfg.clientId,
    redirect_uri: cfg.redirectUri,
    scope: SCOPES,
    providers: cfg.providers,
    state,
    nonce,
  });
  if (opts.providerId) params.set('provider_id', opts.providerId);
  // TrueLayer documents %20 between scopes; URLSearchParams would write '+'.
  return { url: `${cfg.authUrl}/?${params.toString().replace(/\+/g, '%20')}`, state, nonce };
}

function toSecrets(t: WireToken, now: number, previousRefresh: string | null): TrueLayerSecrets {
  return {
    accessToken: t.access_token,
    refreshToken: t.refresh_token ?? previousRefresh,
    expiresAt: now + (t.expires_in - 60) * 1000,
  };
}

export async function exchangeCode(
  cfg: TrueLayerConfig,
  code: string,
  http: HttpOptions,
  // Trax's clock (TRAX_CLOCK, tests): the expiry is later compared with it, not with the machine's.
  now: () => number = Date.now,
): Promise<TrueLayerSecrets> {
  const token = await requestJson(
    {
      method: 'POST',
      url: `${cfg.authUrl}/connect/token`,
      label: 'POST /connect/token',
      form: {
        grant_type: 'authorization_code',
        client_id: cfg.clientId,
        client_secret: cfg.clientSecret,
        redirect_uri: cfg.redirectUri,
        code,
      },
    },
    tokenResponse,
    // An authorization code works once: retrying a half-failed exchange only earns invalid_grant.
    { ...http, retries: 0 },
  );
  return toSecrets(token, now(), null);
}

/**
 * Hands out a valid access token, refreshing when needed. Refreshes are serialized (TrueLayer
 * keeps only the newest token valid), and the rotated refresh token is persisted before the
 * new access token is used: if we crash in between, the stored refresh token still works.
 */
export class TokenManager {
  private inflight: Promise<string> | null = null;

  constructor(
    private readonly cfg: TrueLayerConfig,
    private readonly store: SecretStore<TrueLayerSecrets>,
    private readonly http: HttpOptions,
    private readonly now: () => number = Date.now,
  ) {}

  async accessToken(): Promise<string> {
    if (this.inflight) return this.inflight;
    const s = this.store.read();
    if (s.expiresAt > this.now()) return s.accessToken;
    return this.refresh();
  }

  /** Refresh now (e.g. after a 401); joins a refresh already in flight instead of racing it. */
  refresh(): Promise<string> {
    this.inflight ??= this.doRefresh().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async doRefresh(): Promise<string> {
    const current = this.store.read();
    if (!current.refreshToken) {
      throw new ProviderError(
        'needs_reauth',
        'TrueLayer access has expired and this connection has no refresh token (offline_access was not granted).',
      );
    }
    const token = await requestJson(
      {
        method: 'POST',
        url: `${this.cfg.authUrl}/connect/token`,
        label: 'POST /connect/token',
        form: {
          grant_type: 'refresh_token',
          client_id: this.cfg.clientId,
          client_secret: this.cfg.clientSecret,
          refresh_token: current.refreshToken,
        },
      },
      tokenResponse,
      this.http,
    );
    const next = toSecrets(token, this.now(), current.refreshToken);
    this.store.write(next);
    return next.accessToken;
  }
}
