import { SignJWT } from 'jose';
import type { EnableBankingConfig } from './config.js';

/** Enable Banking refuses tokens living longer than 24 h; an hour is what integrators use. */
export const JWT_LIFETIME_SECONDS = 3600;
/** A cached token is replaced this long before it expires, so no call starts with a dying one. */
const RENEW_MARGIN_SECONDS = 60;

/**
 * The application JWT sent on every call (RS256, kid = application id). Signed once and reused
 * until shortly before expiry: RSA signing is cheap but not free, and a sync makes many calls.
 */
export class AppJwt {
  private cached: { token: string; exp: number } | null = null;

  constructor(
    private readonly cfg: Pick<EnableBankingConfig, 'appId' | 'privateKey'>,
    private readonly now: () => number,
  ) {}

  async token(): Promise<string> {
    const nowS = Math.floor(this.now() / 1000);
    if (this.cached && this.cached.exp - RENEW_MARGIN_SECONDS > nowS) return this.cached.token;
    const exp = nowS + JWT_LIFETIME_SECONDS;
    const token = await new SignJWT({})
      .setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid: this.cfg.appId })
      .setIssuer('enablebanking.com')
      .setAudience('api.enablebanking.com')
      .setIssuedAt(nowS)
      .setExpirationTime(exp)
      .sign(this.cfg.privateKey);
    this.cached = { token, exp };
    return token;
  }
}
