import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

/** The JWK shape /webhook_verification_key/get returns. */
export interface WebhookJwk {
  alg: 'ES256';
  crv: string;
  kid: string;
  kty: string;
  use: 'sig';
  x: string;
  y: string;
  created_at: number;
  expired_at: number | null;
}

/**
 * Plaid signs each webhook with an ES256 key: a JWT in the `Plaid-Verification` header whose
 * payload binds `iat` and the SHA-256 of the exact body bytes. One key per emulator run; the
 * private half never leaves this object.
 */
export class WebhookSigner {
  private constructor(
    private readonly privateKey: CryptoKey,
    readonly jwk: WebhookJwk,
    private readonly now: () => Date,
  ) {}

  static async create(createdAt: Date, now: () => Date = () => new Date()): Promise<WebhookSigner> {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const pub = await exportJWK(publicKey);
    if (!pub.crv || !pub.kty || !pub.x || !pub.y) throw new Error('could not export the webhook verification key');
    return new WebhookSigner(
      privateKey,
      {
        alg: 'ES256',
        crv: pub.crv,
        kid: randomUUID(),
        kty: pub.kty,
        use: 'sig',
        x: pub.x,
        y: pub.y,
        created_at: Math.floor(createdAt.getTime() / 1000),
        expired_at: null,
      },
      now,
    );
  }

  get kid(): string {
    return this.jwk.kid;
  }

  /**
   * `iat` is the emulator's clock, which is the receiver's clock too when both run on one
   * injected clock (tests, TRAX_CLOCK); receivers reject tokens older than 5 minutes, so an
   * emulator clock moved apart from the receiver's makes its webhooks look stale.
   */
  sign(requestBodySha256: string): Promise<string> {
    return new SignJWT({ request_body_sha256: requestBodySha256 })
      .setProtectedHeader({ alg: 'ES256', kid: this.jwk.kid, typ: 'JWT' })
      .setIssuedAt(Math.floor(this.now().getTime() / 1000))
      .sign(this.privateKey);
  }
}
