import { TraxError } from '../domain/errors.js';
import { crypto } from './lazy-crypto.js';

/**
 * Encrypts secrets (token sets) with AES-256-GCM. The stored text is
 * `v1.<key id>.<base64(iv | tag | ciphertext)>`; the key id (a hash prefix, not the key) lets us
 * tell "wrong key" apart from "tampered data" and say which one happened.
 */
export class Vault {
  private cachedKeyId: string | undefined;

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new RangeError('vault key must be 32 bytes');
  }

  private get keyId(): string {
    this.cachedKeyId ??= crypto().createHash('sha256').update(this.key).digest('hex').slice(0, 8);
    return this.cachedKeyId;
  }

  seal(value: unknown): string {
    const { randomBytes, createCipheriv } = crypto();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return `v1.${this.keyId}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  open<T>(sealed: string): T {
    const [version, keyId, payload] = sealed.split('.');
    if (version !== 'v1' || !keyId || !payload) {
      throw new TraxError('secret_key_invalid', 'Stored tokens are in an unknown format; reconnect this bank.');
    }
    if (keyId !== this.keyId) {
      throw new TraxError(
        'secret_key_mismatch',
        'The secret key does not match the one these tokens were encrypted with; restore the original TRAX_SECRET_KEY (or data/secret.key), or reconnect the bank to store new tokens.',
      );
    }
    const buf = Buffer.from(payload, 'base64');
    try {
      const decipher = crypto().createDecipheriv('aes-256-gcm', this.key, buf.subarray(0, 12));
      decipher.setAuthTag(buf.subarray(12, 28));
      const text = Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString('utf8');
      return JSON.parse(text) as T;
    } catch (e) {
      throw new TraxError(
        'secret_key_mismatch',
        'Stored tokens failed their integrity check (the database was altered or the key changed); reconnect this bank.',
        { cause: e },
      );
    }
  }
}
