import { Hono, type Context } from 'hono';
import { authenticateBearer } from './bearer.js';
import { tlError } from './errors.js';
import type { SandboxState } from './state.js';

type Body = Record<string, string>;

/** Form-encoded is what the official client sends; JSON is accepted too, as the live API does. */
async function readBody(c: Context): Promise<Body | null> {
  const type = c.req.header('content-type') ?? '';
  let raw: unknown;
  try {
    raw = type.includes('application/json') ? await c.req.json() : await c.req.parseBody();
  } catch {
    return null;
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const out: Body = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** Client credentials may also come as HTTP Basic auth (RFC 6749 §2.3.1). */
function clientCredentials(c: Context, body: Body): { id?: string; secret?: string } {
  const m = /^Basic\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
  if (m) {
    const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    if (i > 0) return { id: decodeURIComponent(decoded.slice(0, i)), secret: decodeURIComponent(decoded.slice(i + 1)) };
  }
  return { id: body.client_id, secret: body.client_secret };
}

/**
 * Token errors are all HTTP 400 (reference §2.4): invalid_client for bad client credentials,
 * invalid_authorization_code for unknown/used/expired codes, invalid_grant for redirect_uri
 * mismatch, bad or rotated refresh tokens and ended consent.
 */
export function tokenRoutes(state: SandboxState): Hono {
  const app = new Hono();

  app.post('/connect/token', async (c) => {
    c.header('Cache-Control', 'no-store');
    c.header('Pragma', 'no-cache');
    const body = await readBody(c);
    if (!body) return tlError(c, 400, 'invalid_request', 'The request body could not be parsed');
    const { id, secret } = clientCredentials(c, body);
    const client = id ? state.client(id) : undefined;
    if (!client || client.clientSecret !== secret) return tlError(c, 400, 'invalid_client', 'Invalid client credentials');

    if (body.grant_type === 'authorization_code') {
      const rec = body.code ? state.codes.get(body.code) : undefined;
      if (!rec) return tlError(c, 400, 'invalid_authorization_code', 'The authorization code is invalid');
      if (rec.used) return tlError(c, 400, 'invalid_authorization_code', 'The authorization code has already been used');
      if (state.clock.now().getTime() - rec.issuedAt > state.opts.codeTtlMs) {
        return tlError(c, 400, 'invalid_authorization_code', 'The authorization code has expired');
      }
      if (rec.clientId !== client.clientId)
        return tlError(c, 400, 'invalid_grant', 'The authorization code was issued to another client');
      if (body.redirect_uri !== rec.redirectUri)
        return tlError(c, 400, 'invalid_grant', 'redirect_uri does not match the one used in the auth link');
      rec.used = true;
      const cred = state.credentials.get(rec.credentialId);
      if (!cred || state.consentStatus(cred) !== 'Authorised')
        return tlError(c, 400, 'invalid_grant', 'The consent is no longer valid');
      return c.json(state.issueTokens(cred));
    }

    if (body.grant_type === 'refresh_token') {
      if (!body.refresh_token) return tlError(c, 400, 'invalid_request', 'Missing required parameter: refresh_token');
      const cred = state.credentialByRefreshToken(body.refresh_token);
      if (!cred || cred.clientId !== client.clientId)
        return tlError(c, 400, 'invalid_grant', 'The refresh token is invalid, expired or revoked');
      const status = state.consentStatus(cred);
      if (status !== 'Authorised')
        return tlError(
          c,
          400,
          'invalid_grant',
          `The consent has ${status === 'Revoked' ? 'been revoked' : 'expired'}; the user must re-authenticate`,
        );
      return c.json(state.issueTokens(cred));
    }

    return tlError(c, 400, 'unsupported_grant_type', `Unsupported grant_type "${body.grant_type ?? ''}"`);
  });

  app.delete('/api/delete', (c) => {
    const auth = authenticateBearer(state, c.req.header('authorization'));
    if (!auth.ok) return tlError(c, 401, auth.error, auth.description);
    state.revoke(auth.cred);
    return c.json({});
  });

  return app;
}
