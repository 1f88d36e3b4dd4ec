import { randomBytes, randomUUID, createHash } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { aspspJson, findAspsp } from './aspsps.js';
import { authPage } from './auth-page.js';
import { ebError } from './errors.js';
import { accountJson } from './persona.js';
import type { RegisteredApp } from './jwt-check.js';
import type { EbSandboxState } from './state.js';

type Env = { Variables: { app: RegisteredApp } };

const startAuth = z.object({
  access: z.object({
    valid_until: z
      .string()
      .refine((s) => /[+-]\d{2}:\d{2}$|Z$/.test(s) && !Number.isNaN(Date.parse(s)), 'must be a date-time with offset'),
    balances: z.boolean().optional(),
    transactions: z.boolean().optional(),
  }),
  aspsp: z.object({ name: z.string(), country: z.string() }),
  state: z.string().min(1),
  redirect_url: z.string().url(),
  psu_type: z.enum(['personal', 'business']).optional(),
  auth_method: z.string().optional(),
  credentials: z.record(z.string(), z.string()).optional(),
  language: z
    .string()
    .regex(/^[a-z]{2}$/)
    .optional(),
  psu_id: z.string().optional(),
});

/** Catalogue, authorisation and sessions (API side, behind the JWT check). */
export function apiAuthRoutes(state: EbSandboxState): Hono<Env> {
  const r = new Hono<Env>();

  r.get('/application', (c) => {
    const app = c.get('app');
    return c.json({
      name: 'Trax sandbox app',
      description: null,
      kid: app.appId,
      environment: 'SANDBOX',
      redirect_urls: app.redirectUrls,
      active: true,
      countries: ['DE'],
      services: ['AIS'],
    });
  });

  r.get('/aspsps', (c) => {
    const country = c.req.query('country');
    if (country !== undefined && !/^[A-Z]{2}$/.test(country))
      return ebError(c, 422, 'WRONG_REQUEST_PARAMETERS', 'country must be an ISO 3166 alpha-2 code');
    const list = state.aspsps.filter((a) => !country || a.country === country);
    return c.json({ aspsps: list.map((a) => aspspJson(a, state.baseUrl)) });
  });

  r.post('/auth', async (c) => {
    const parsed = startAuth.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) {
      const i = parsed.error.issues[0]!;
      return ebError(c, 422, 'WRONG_REQUEST_PARAMETERS', 'Wrong request parameters provided', {
        loc: i.path.join('.'),
        msg: i.message,
      });
    }
    const body = parsed.data;
    const app = c.get('app');
    if (body.credentials && !body.auth_method)
      return ebError(c, 422, 'WRONG_REQUEST_PARAMETERS', 'credentials can only be provided together with auth_method');
    if (!app.redirectUrls.includes(body.redirect_url))
      return ebError(c, 422, 'REDIRECT_URI_NOT_ALLOWED', 'Redirect URI not allowed');
    const aspsp = findAspsp(state.aspsps, body.aspsp.name, body.aspsp.country);
    if (!aspsp) return ebError(c, 422, 'WRONG_ASPSP_PROVIDED', 'Wrong ASPSP name or country provided');
    const validUntil = Date.parse(body.access.valid_until);
    if (validUntil > state.nowMs() + aspsp.maximumConsentValidity * 1000) {
      return ebError(
        c,
        422,
        'WRONG_REQUEST_PARAMETERS',
        `ASPSP does not support consent validity more than ${aspsp.maximumConsentValidity} seconds in the future`,
      );
    }
    if (validUntil <= state.nowMs()) return ebError(c, 422, 'WRONG_REQUEST_PARAMETERS', 'valid_until must be in the future');
    const id = randomUUID();
    state.authorizations.set(id, {
      id,
      appId: app.appId,
      aspsp,
      state: body.state,
      redirectUrl: body.redirect_url,
      validUntil: new Date(validUntil).toISOString(),
    });
    return c.json({
      url: state.faults.authUrl ?? `${state.baseUrl}/welcome?sessionid=${id}`,
      authorization_id: id,
      psu_id_hash: createHash('sha256')
        .update(body.psu_id ?? id)
        .digest('hex'),
    });
  });

  r.post('/sessions', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { code?: unknown } | null;
    const code = typeof body?.code === 'string' ? body.code : '';
    const auth = [...state.authorizations.values()].find((a) => a.code?.value === code && a.appId === c.get('app').appId);
    if (!auth?.code) return ebError(c, 422, 'WRONG_AUTHORIZATION_CODE', 'Wrong authorization code provided');
    if (auth.code.used) return ebError(c, 422, 'ALREADY_AUTHORIZED', 'Session is already authorized');
    if (state.nowMs() > auth.code.expiresAt)
      return ebError(c, 422, 'EXPIRED_AUTHORIZATION_CODE', 'Authorization code has expired');
    auth.code.used = true;
    const s = state.openSession(auth, auth.code.username);
    return c.json({
      session_id: s.id,
      accounts: [...s.accounts].map(([uid, a]) => accountJson(s.aspsp, s.persona, a, uid)),
      aspsp: { name: s.aspsp.name, country: s.aspsp.country },
      psu_type: 'personal',
      access: { valid_until: s.validUntil, balances: true, transactions: true },
    });
  });

  r.get('/sessions/:id', (c) => {
    const s = state.sessions.get(c.req.param('id'));
    if (!s || s.appId !== c.get('app').appId) return ebError(c, 404, 'SESSION_DOES_NOT_EXIST', 'Session does not exist');
    return c.json({
      status: state.statusOf(s),
      accounts: [...s.accounts.keys()],
      accounts_data: [...s.accounts].map(([uid, a]) => {
        const j = accountJson(s.aspsp, s.persona, a, uid);
        return { uid, identification_hash: j.identification_hash, identification_hashes: j.identification_hashes };
      }),
      aspsp: { name: s.aspsp.name, country: s.aspsp.country },
      psu_type: 'personal',
      psu_id_hash: createHash('sha256').update(s.id).digest('hex'),
      access: { valid_until: s.validUntil, balances: true, transactions: true },
      created: s.created,
      authorized: s.created,
      closed: s.closed ?? null,
    });
  });

  r.delete('/sessions/:id', (c) => {
    const s = state.sessions.get(c.req.param('id'));
    if (!s || s.appId !== c.get('app').appId) return ebError(c, 404, 'SESSION_DOES_NOT_EXIST', 'Session does not exist');
    const status = state.statusOf(s);
    if (status === 'CLOSED') return ebError(c, 401, 'CLOSED_SESSION', 'Session is closed');
    if (status === 'AUTHORIZED') {
      s.status = 'CLOSED';
      s.closed = state.clock.now().toISOString();
    }
    return c.json({ message: 'OK' });
  });

  return r;
}

/** The hosted page a user's browser sees: no JWT, only the authorisation id in the URL. */
export function hostedAuthRoutes(state: EbSandboxState): Hono {
  const r = new Hono();
  r.get('/welcome', (c) => {
    const auth = state.authorizations.get(c.req.query('sessionid') ?? '');
    if (!auth || auth.code) return c.text('Unknown or finished authorization', 404);
    return c.html(authPage(auth, null));
  });
  r.post('/welcome', async (c) => {
    const form = await c.req.parseBody();
    const auth = state.authorizations.get(String(form.sessionid ?? ''));
    if (!auth || auth.code) return c.text('Unknown or finished authorization', 404);
    const username = String(form.username ?? '').trim();
    const back = new URL(auth.redirectUrl);
    if (username === 'denied') {
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_description', 'The user refused access at the bank');
      back.searchParams.set('state', auth.state);
      state.authorizations.delete(auth.id);
      return c.redirect(back.toString(), 302);
    }
    if (!username || String(form.password ?? '') !== 'sandbox')
      return c.html(authPage(auth, 'Benutzer oder Passwort falsch (Sandbox: Passwort "sandbox").'), 401);
    const code = randomBytes(24).toString('base64url');
    auth.code = { value: code, username, expiresAt: state.nowMs() + state.opts.codeTtlMs, used: false };
    back.searchParams.set('code', code);
    back.searchParams.set('state', auth.state);
    return c.redirect(back.toString(), 302);
  });
  r.get('/brands/:country/:name/', (c) =>
    c.body(
      `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="#ff6200"/></svg>`,
      200,
      { 'content-type': 'image/svg+xml' },
    ),
  );
  return r;
}
