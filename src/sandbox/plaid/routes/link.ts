import { randomUUID } from 'node:crypto';
import { cors } from 'hono/cors';
import { z } from 'zod';
import { checkSandboxLogin } from '../credentials.js';
import { Errors } from '../errors.js';
import { INSTITUTIONS, institutionById, type InstitutionDef } from '../institutions.js';
import { linkInitializeScript } from '../link/script.js';
import { parseBody, readJsonBody } from '../request.js';
import { accountId } from '../serialize.js';
import type { ItemRecord, LinkTokenRecord, SandboxState } from '../state.js';
import type { PlaidApp, PlaidContext } from './define.js';

/**
 * Server half of the Link stand-in: the endpoints the browser script calls. They authenticate
 * with the link token alone (like Link itself; the page never holds API keys) and answer
 * cross-origin, because the host page lives on the app's origin, not the emulator's.
 */

const sessionBody = z.strictObject({ link_token: z.string() });
const credentialsBody = z.strictObject({
  link_token: z.string(),
  link_session_id: z.string(),
  institution_id: z.string(),
  username: z.string(),
  password: z.string(),
});
const oauthStartBody = z.strictObject({ link_token: z.string(), link_session_id: z.string(), institution_id: z.string() });
const oauthResumeBody = z.strictObject({
  link_token: z.string(),
  link_session_id: z.string(),
  received_redirect_uri: z.string(),
});

export function linkRoutes(app: PlaidApp, state: SandboxState): void {
  const allowAll = cors({ origin: '*', allowMethods: ['GET', 'POST', 'OPTIONS'], allowHeaders: ['Content-Type'], maxAge: 600 });
  app.use('/link/standin/*', allowAll);
  app.use('/link/v2/stable/link-initialize.js', allowAll);

  app.get('/link/v2/stable/link-initialize.js', (c) => {
    c.header('Content-Type', 'application/javascript; charset=utf-8');
    c.header('Cache-Control', 'no-store');
    return c.body(linkInitializeScript(new URL(c.req.url).origin));
  });

  const reply = (c: PlaidContext, body: Record<string, unknown>) => c.json({ ...body, request_id: c.get('requestId') });

  app.post('/link/standin/session', async (c) => {
    const body = parseBody(sessionBody, await readJsonBody(c));
    const lt = linkToken(state, body.link_token);
    const item = lt.itemId ? liveItem(state, lt) : null;
    return reply(c, {
      link_session_id: randomUUID(),
      client_name: lt.clientName,
      institutions: INSTITUTIONS.filter((i) => lt.countryCodes.includes(i.country)).map((i) => ({
        institution_id: i.institutionId,
        name: i.name,
        oauth: i.oauth,
      })),
      update_institution: item
        ? { institution_id: item.institution.institutionId, name: item.institution.name, oauth: item.institution.oauth }
        : null,
    });
  });

  app.post('/link/standin/credentials', async (c) => {
    const body = parseBody(credentialsBody, await readJsonBody(c));
    const lt = linkToken(state, body.link_token);
    checkSandboxLogin(body.username, body.password);
    if (lt.itemId) {
      // Update mode repairs the same item: same item_id, same access token after exchange.
      const item = liveItem(state, lt);
      if (body.institution_id !== item.institution.institutionId) throw Errors.invalidInstitution();
      state.repairItem(item);
      return reply(c, success(state, item, body.link_session_id));
    }
    const inst = allowedInstitution(lt, body.institution_id);
    if (inst.oauth) throw Errors.invalidField(`${inst.name} connects through OAuth, not a credentials form`);
    const item = state.createItem({
      clientId: lt.clientId,
      institution: inst,
      username: body.username,
      products: lt.products,
      webhook: lt.webhook,
    });
    return reply(c, success(state, item, body.link_session_id));
  });

  app.post('/link/standin/oauth/start', async (c) => {
    const body = parseBody(oauthStartBody, await readJsonBody(c));
    const lt = linkToken(state, body.link_token);
    const inst = allowedInstitution(lt, body.institution_id);
    if (!lt.redirectUri) throw Errors.oauthRedirectUriMissing();
    const id = randomUUID();
    state.oauthStates.set(id, {
      id,
      linkToken: lt.token,
      linkSessionId: body.link_session_id,
      institutionId: inst.institutionId,
      status: 'pending',
    });
    const url = new URL('/oauth/authorize', new URL(c.req.url).origin);
    url.searchParams.set('oauth_state_id', id);
    return reply(c, { redirect_url: url.toString() });
  });

  app.post('/link/standin/oauth/resume', async (c) => {
    const body = parseBody(oauthResumeBody, await readJsonBody(c));
    const lt = linkToken(state, body.link_token);
    let stateId: string | null = null;
    try {
      stateId = new URL(body.received_redirect_uri).searchParams.get('oauth_state_id');
    } catch {
      stateId = null;
    }
    const rec = stateId ? state.oauthStates.get(stateId) : undefined;
    if (!rec) throw Errors.oauthStateNotFound();
    if (rec.linkToken !== lt.token) throw Errors.incorrectLinkToken();
    if (rec.status === 'processed') throw Errors.oauthStateProcessed();
    const inst = institutionById(rec.institutionId) as InstitutionDef;
    if (rec.status !== 'authorized') {
      // The user cancelled at the bank (or never decided): Link exits without an error.
      rec.status = 'processed';
      return reply(c, { exit: true, metadata: { institution: { name: inst.name, institution_id: inst.institutionId } } });
    }
    rec.status = 'processed';
    // OAuth banks show a generic consent screen in Sandbox and always yield user_good's data.
    const item = state.createItem({
      clientId: lt.clientId,
      institution: inst,
      username: 'user_good',
      products: lt.products,
      webhook: lt.webhook,
    });
    return reply(c, success(state, item, rec.linkSessionId));
  });
}

function linkToken(state: SandboxState, token: string): LinkTokenRecord {
  if (!/^link-sandbox-[0-9a-f-]{36}$/.test(token)) throw Errors.linkTokenFormat();
  const lt = state.linkTokens.get(token);
  if (!lt || lt.expiresAt.getTime() <= state.now().getTime()) throw Errors.linkTokenExpired();
  return lt;
}

function liveItem(state: SandboxState, lt: LinkTokenRecord): ItemRecord {
  const item = lt.itemId ? state.items.get(lt.itemId) : undefined;
  if (!item) throw Errors.accessTokenUnknown();
  return item;
}

function allowedInstitution(lt: LinkTokenRecord, institutionId: string): InstitutionDef {
  const inst = institutionById(institutionId);
  if (!inst || !lt.countryCodes.includes(inst.country)) throw Errors.invalidInstitution();
  return inst;
}

/** onSuccess(public_token, metadata) as Link delivers it. */
function success(state: SandboxState, item: ItemRecord, linkSessionId: string) {
  return {
    public_token: state.issuePublicToken(item),
    metadata: {
      institution: { name: item.institution.name, institution_id: item.institution.institutionId },
      accounts: item.persona.accounts.map((a) => ({
        id: accountId(item, a.key),
        name: a.name,
        mask: a.mask,
        type: a.type,
        subtype: a.subtype,
        verification_status: null,
        class_type: null,
      })),
      link_session_id: linkSessionId,
      transfer_status: null,
    },
  };
}
