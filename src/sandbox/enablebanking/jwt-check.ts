import { createPublicKey, type KeyObject } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify } from 'jose';

export interface SandboxAppReg {
  appId: string;
  publicKeyPem: string;
  redirectUrls: string[];
}

export interface RegisteredApp {
  appId: string;
  publicKey: KeyObject;
  redirectUrls: string[];
}

export function registerApp(a: SandboxAppReg): RegisteredApp {
  return { appId: a.appId, publicKey: createPublicKey(a.publicKeyPem), redirectUrls: [...a.redirectUrls] };
}

/** Clock skew tolerated on iat, as the real service allows a little. */
const SKEW_SECONDS = 60;
const MAX_LIFETIME_SECONDS = 86_400;

export type JwtCheck =
  { ok: true; app: RegisteredApp } | { ok: false; error: 'AUTHORIZATION_NOT_PROVIDED' | 'UNAUTHORIZED_ACCESS'; message: string };

/** The checks the reference lists: typ, RS256 only, kid = a registered app, iss, aud, exp, exp − iat ≤ 24 h. */
export async function checkAppJwt(
  header: string | undefined,
  apps: ReadonlyMap<string, RegisteredApp>,
  now: Date,
): Promise<JwtCheck> {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!m)
    return { ok: false, error: 'AUTHORIZATION_NOT_PROVIDED', message: 'Authorization header with a Bearer JWT is required' };
  const token = m[1]!;
  const deny = (message: string): JwtCheck => ({ ok: false, error: 'UNAUTHORIZED_ACCESS', message });
  let kid: string | undefined;
  try {
    const h = decodeProtectedHeader(token);
    if (h.alg !== 'RS256') return deny('Only RS256 signed JWTs are accepted');
    if (h.typ !== 'JWT') return deny('JWT typ must be "JWT"');
    kid = h.kid;
  } catch {
    return deny('Malformed JWT');
  }
  const app = kid ? apps.get(kid) : undefined;
  if (!app) return deny('Unknown application (kid)');
  try {
    const { payload } = await jwtVerify(token, app.publicKey, {
      algorithms: ['RS256'],
      issuer: 'enablebanking.com',
      audience: ['api.enablebanking.com', 'api.tilisy.com'],
      currentDate: now,
      clockTolerance: SKEW_SECONDS,
      requiredClaims: ['iat', 'exp'],
    });
    const nowS = Math.floor(now.getTime() / 1000);
    if (payload.iat! > nowS + SKEW_SECONDS) return deny('JWT issued in the future');
    if (payload.exp! - payload.iat! > MAX_LIFETIME_SECONDS) return deny('JWT lifetime (exp - iat) exceeds 86400 seconds');
    return { ok: true, app };
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_JWT_EXPIRED') return deny('JWT expired');
    if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') return deny('JWT signature verification failed');
    return deny(`JWT rejected: ${(e as Error).message}`);
  }
}
