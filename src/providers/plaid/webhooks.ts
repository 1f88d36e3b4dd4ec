import { createHash, timingSafeEqual } from 'node:crypto';
import { isProviderError } from '../../domain/errors.js';
import { decodeJwt, decodeProtectedHeader, importJWK, jwtVerify, type JWK } from 'jose';
import type { PlaidClient } from './client.js';
import { webhookBody, webhookKeyResponse } from './wire-types.js';

/** What a verified webhook asks Trax to do, in domain terms. */
export type WebhookEvent =
  | { itemId: string; action: 'sync' }
  | { itemId: string; action: 'needs_reauth'; reason: string }
  | { itemId: string; action: 'consent_expiring'; consentExpiresAt: string | null }
  | { itemId: string; action: 'repaired' }
  | { itemId: string; action: 'ignore'; reason: string };

/** `duplicate`: genuine, but this exact signed delivery was already accepted (a replay). */
export type VerifyResult = { ok: true; event: WebhookEvent; duplicate: boolean } | { ok: false; reason: string };

const MAX_AGE_S = 5 * 60;
const FUTURE_SKEW_S = 60;

/** Outbound key lookups for key ids we do not know, at most this many per window. */
export const KEY_LOOKUPS = { max: 5, windowMs: 5 * 60_000, unknownKidTtlMs: 60 * 60_000, maxRemembered: 1000 } as const;

type Key = CryptoKey | Uint8Array;

/**
 * Checks Plaid's `Plaid-Verification` JWT (ES256, key by kid from /webhook_verification_key/get,
 * iat within 5 minutes) and that the raw body's SHA-256 matches the signed claim.
 *
 * Anyone can send a JWT naming a new kid, and each unknown kid would cost a call to Plaid; so
 * keys are cached, a kid Plaid does not know is remembered as unknown, concurrent lookups of
 * one kid share a call, and at most KEY_LOOKUPS.max lookups go out per window. Plaid rotates
 * its key rarely, so a genuine webhook almost never needs a lookup at all.
 *
 * Replays: a signed delivery is identified by its signed claims (iat and the body hash) — not
 * the JWT text, which an ECDSA signature lets an attacker rewrite without the key. The same
 * claims again within the 5 minutes they are valid are reported as `duplicate`; after that the
 * age check refuses them anyway, so remembering them longer is never needed.
 */
export class PlaidWebhookVerifier {
  private readonly keys = new Map<string, Key>();
  private readonly unknownKids = new Map<string, number>();
  private readonly lookups = new Map<string, Promise<Key>>();
  private lookupTimes: number[] = [];
  private readonly seen = new Map<string, number>();

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
    // Cheap checks on the unverified claims first: noise never costs a key lookup.
    const nowS = this.now().getTime() / 1000;
    const digest = createHash('sha256').update(rawBody).digest('hex');
    try {
      const unverified = decodeJwt(jwt);
      if (typeof unverified.iat !== 'number' || unverified.iat < nowS - MAX_AGE_S || unverified.iat > nowS + FUTURE_SKEW_S)
        return { ok: false, reason: 'iat missing, too old or in the future' };
      if (unverified.request_body_sha256 !== digest) return { ok: false, reason: 'body does not match request_body_sha256' };
    } catch {
      return { ok: false, reason: 'Plaid-Verification is not a JWT' };
    }
    let key: Key;
    try {
      key = await this.key(kid);
    } catch (e) {
      return { ok: false, reason: `no verification key for kid ${kid} (${(e as Error).message})` };
    }
    let claim: unknown;
    let iat: number;
    try {
      const { payload } = await jwtVerify(jwt, key, { algorithms: ['ES256'], maxTokenAge: MAX_AGE_S, currentDate: this.now() });
      if (typeof payload.iat !== 'number' || payload.iat > this.now().getTime() / 1000 + FUTURE_SKEW_S)
        return { ok: false, reason: 'iat is in the future' };
      iat = payload.iat;
      claim = payload.request_body_sha256;
    } catch (e) {
      return { ok: false, reason: `signature or age check failed (${(e as Error).message})` };
    }
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
    return { ok: true, event: toEvent(parsed.data), duplicate: this.replayed(`${iat}:${digest}`, iat) };
  }

  /** Records a delivery; true when it was accepted before (and is still inside its validity window). */
  private replayed(id: string, iat: number): boolean {
    const nowS = this.now().getTime() / 1000;
    for (const [k, at] of this.seen) if (at < nowS - MAX_AGE_S - FUTURE_SKEW_S) this.seen.delete(k);
    if (this.seen.has(id)) return true;
    this.seen.set(id, iat);
    return false;
  }

  private key(kid: string): Promise<Key> {
    const cached = this.keys.get(kid);
    if (cached) return Promise.resolve(cached);
    const pending = this.lookups.get(kid);
    if (pending) return pending;
    const now = this.now().getTime();
    const unknownAt = this.unknownKids.get(kid);
    if (unknownAt !== undefined && unknownAt > now - KEY_LOOKUPS.unknownKidTtlMs)
      return Promise.reject(new Error('Plaid did not know this key id when asked'));
    this.lookupTimes = this.lookupTimes.filter((t) => t > now - KEY_LOOKUPS.windowMs);
    if (this.lookupTimes.length >= KEY_LOOKUPS.max)
      return Promise.reject(new Error('too many unknown key ids recently; not asking Plaid again yet'));
    this.lookupTimes.push(now);
    const lookup = this.fetchKey(kid)
      .then(
        (k) => {
          this.keys.set(kid, k);
          return k;
        },
        (e: unknown) => {
          // Only Plaid's "no such key" is remembered; an outage must not block a real new key for long.
          if (isProviderError(e) && e.detail.providerCode === 'INVALID_WEBHOOK_VERIFICATION_KEY_ID')
            remember(this.unknownKids, kid, now);
          throw e;
        },
      )
      .finally(() => this.lookups.delete(kid));
    this.lookups.set(kid, lookup);
    return lookup;
  }

  private async fetchKey(kid: string): Promise<Key> {
    const { key } = await this.client.call(
      'POST /webhook_verification_key/get',
      webhookKeyResponse,
      (api) => api.webhookVerificationKeyGet({ key_id: kid }),
      // A retry loop here would multiply what one forged webhook costs.
      { retry: false },
    );
    if (key.expired_at) throw new Error('the key has expired');
    return importJWK(key as JWK, 'ES256');
  }
}

/** Bounded: the oldest entry goes when full, so forged kids cannot grow memory without end. */
function remember(map: Map<string, number>, k: string, at: number): void {
  if (map.size >= KEY_LOOKUPS.maxRemembered) map.delete(map.keys().next().value!);
  map.set(k, at);
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
