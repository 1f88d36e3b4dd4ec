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
  ) {}

  static async create(createdAt: Date): Promise<WebhookSigner> {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const pub = await exportJWK(publicKey);
    if (!pub.crv || !pub.kty || !pub.x || !pub.y) throw new Error('could not export the webhook verification key');
    return new WebhookSigner(privateKey, {
      alg: 'ES256',
      crv: pub.crv,
      kid: randomUUID(),
      kty: pub.kty,
      use: 'sig',
      x: pub.x,
      y: pub.y,
      created_at: Math.floor(createdAt.getTime() / 1000),
      expired_at: null,
    });
  }

  get kid(): string {
    return this.jwk.kid;
  }

  /**
   * `iat` is real time, not the emulator clock: receivers check it against their own clock
   * (Plaid advises rejecting tokens older than 5 minutes), and a moved emulator clock would
   * make every webhook look stale or from the future.
   */
  sign(requestBodySha256: string): Promise<string> {
    return new SignJWT({ request_body_sha256: requestBodySha256 })
      .setProtectedHeader({ alg: 'ES256', kid: this.jwk.kid, typ: 'JWT' })
      .setIssuedAt()
      .sign(this.privateKey);
  }
}
