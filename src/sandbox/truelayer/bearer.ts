import { verifyJwt } from './jwt.js';
import type { Credential, SandboxState } from './state.js';

export type BearerResult = { ok: true; cred: Credential } | { ok: false; status: 401; error: string; description: string };

const fail = (error: string, description: string): BearerResult => ({ ok: false, status: 401, error, description });

/**
 * 401 flavours follow TrueLayer's split: `invalid_token` when the token itself is bad or
 * expired (refresh it), `unauthorized` when it was superseded by a refresh or revoked.
 */
export function authenticateBearer(state: SandboxState, header: string | undefined): BearerResult {
  if (!header) return fail('unauthorized', 'Missing Authorization header');
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) return fail('unauthorized', 'Authorization header must use the Bearer scheme');
  const claims = verifyJwt(m[1]!, state.secret);
  if (!claims || typeof claims.sub !== 'string' || typeof claims.jti !== 'string' || typeof claims.exp !== 'number') {
    return fail('invalid_token', 'The access token is invalid');
  }
  const cred = state.credentials.get(claims.sub);
  if (!cred) return fail('invalid_token', 'The access token is invalid');
  if (claims.exp * 1000 <= state.clock.now().getTime() || state.faults.expiredJtis.has(claims.jti))
    return fail('invalid_token', 'The access token has expired');
  if (cred.revokedAt) return fail('unauthorized', 'The credentials have been revoked');
  if (claims.jti !== cred.currentJti)
    return fail('unauthorized', 'The access token is no longer valid; a newer token was issued');
  return { ok: true, cred };
}
