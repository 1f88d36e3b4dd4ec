import { createHmac, timingSafeEqual } from 'node:crypto';

/** Minimal HS256 JWT: clients only decode access tokens (to read exp), so RS256/JWKS fidelity is not needed. */

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

export function signJwt(claims: Record<string, unknown>, secret: Buffer): string {
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'trax-sandbox' }));
  const body = b64url(JSON.stringify(claims));
  const sig = createHmac('sha256', secret).update(`${header}.${body}`).digest();
  return `${header}.${body}.${b64url(sig)}`;
}

/** Returns the claims when the signature is ours, else null. Expiry is checked by the caller on the emulator clock. */
export function verifyJwt(token: string, secret: Buffer): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [header, body, sig] = parts as [string, string, string];
  const expected = createHmac('sha256', secret).update(`${header}.${body}`).digest();
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const claims: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    return claims !== null && typeof claims === 'object' ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
