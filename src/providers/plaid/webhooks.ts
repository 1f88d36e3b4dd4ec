import { createHash, timingSafeEqual } from 'node:crypto';
import { decodeProtectedHeader, importJWK, jwtVerify, type JWK } from 'jose';
import type { PlaidClient } from './client.js';
import { webhookBody, webhookKeyResponse } from './wire-types.js';

/** What a verified webhook asks Trax to do, in domain terms. */
export type WebhookEvent =
  | { itemId: string; action: 'sync' }
  | { itemId: string; action: 'needs_reauth'; reason: string }
  | { itemId: string; action: 'consent_expiring'; consentExpiresAt: string | null }
  | { itemId: string; action: 'repaired' }
  | { itemId: string; action: 'ignore'; reason: string };

export type VerifyResult = { ok: true; event: WebhookEvent } | { ok: false; reason: string };

const MAX_AGE_S = 5 * 60;

/**
 * Checks Plaid's `Plaid-Verification` JWT (ES256, key by kid from /webhook_verification_key/get,
 * iat within 5 minutes) and that the raw body's SHA-256 matches the signed claim. Keys are cached
 * per verifier; an unknown kid fetches once.
 */
export class PlaidWebhookVerifier {
  private readonly keys = new Map<string, CryptoKey | Uint8Array>();

  constructor(
    private readonly client: PlaidClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async verify(jwt: string | undefined, rawBody: Uint8Array): Promise<VerifyResult> {
    if (!jwt) return { ok: false, reason: 'no Plaid-Verification header' };
    let kid: string;
    try {
      const header = decodeProtectedHeader(jwt);
      if (header.alg !== 'ES256' || !header.kid)
        return { ok: false, reason: `unexpected JWT header (alg ${header.alg ?? 'none'})` };
      kid = header.kid;
    } catch {
      return { ok: false, reason: 'Plaid-Verification is not a JWT' };
    }
    let key: CryptoKey | Uint8Array;
    try {
      key = await this.key(kid);
    } catch (e) {
      return { ok: false, reason: `no verification key for kid ${kid} (${(e as Error).message})` };
    }
    let claim: unknown;
    try {
      const { payload } = await jwtVerify(jwt, key, { algorithms: ['ES256'], maxTokenAge: MAX_AGE_S, currentDate: this.now() });
      if (typeof payload.iat !== 'number' || payload.iat > this.now().getTime() / 1000 + 60)
        return { ok: false, reason: 'iat is in the future' };
      claim = payload.request_body_sha256;
    } catch (e) {
      return { ok: false, reason: `signature or age check failed (${(e as Error).message})` };
    }
    const digest = createHash('sha256').update(rawBody).digest('hex');
    if (
      typeof claim !== 'string' ||
      claim.length !== digest.length ||
      !timingSafeEqual(Buffer.from(claim), Buffer.from(digest))
    ) {
      return { ok: false, reason: 'body does not match request_body_sha256' };
    }
    let body: unknown;
    try {
      body = JSON.parse(Buffer.from(rawBody).toString('utf8'));
    } catch {
      return { ok: false, reason: 'body is not JSON' };
    }
    const parsed = webhookBody.safeParse(body);
    if (!parsed.success) return { ok: false, reason: 'body lacks webhook_type, webhook_code or item_id' };
    return { ok: true, event: toEvent(parsed.data) };
  }

  private async key(kid: string): Promise<CryptoKey | Uint8Array> {
    const cached = this.keys.get(kid);
    if (cached) return cached;
    const { key } = await this.client.call('POST /webhook_verification_key/get', webhookKeyResponse, (api) =>
      api.webhookVerificationKeyGet({ key_id: kid }),
    );
    if (key.expired_at) throw new Error('the key has expired');
    const imported = await importJWK(key as JWK, 'ES256');
    this.keys.set(kid, imported);
    return imported;
  }
}

function toEvent(b: ReturnType<typeof webhookBody.parse>): WebhookEvent {
  const itemId = b.item_id;
  const kind = `${b.webhook_type}:${b.webhook_code}`;
  switch (kind) {
    case 'TRANSACTIONS:SYNC_UPDATES_AVAILABLE':
      return { itemId, action: 'sync' };
    case 'ITEM:ERROR':
      return {
        itemId,
        action: 'needs_reauth',
        reason: `the bank needs you to log in again (${b.error?.error_code ?? 'ITEM_ERROR'})`,
      };
    case 'ITEM:USER_PERMISSION_REVOKED':
      return { itemId, action: 'needs_reauth', reason: 'you revoked Trax’s access at Plaid or the bank' };
    case 'ITEM:PENDING_EXPIRATION':
      return { itemId, action: 'consent_expiring', consentExpiresAt: b.consent_expiration_time ?? null };
    case 'ITEM:PENDING_DISCONNECT':
      return {
        itemId,
        action: 'consent_expiring',
        consentExpiresAt: typeof b.disconnect_time === 'string' ? b.disconnect_time : null,
      };
    case 'ITEM:LOGIN_REPAIRED':
      return { itemId, action: 'repaired' };
    default:
      return { itemId, action: 'ignore', reason: `${kind} needs no action with /transactions/sync` };
  }
}
