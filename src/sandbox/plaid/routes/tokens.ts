import { randomUUID } from 'node:crypto';
import { isoSeconds } from '../dates.js';
import { Errors } from '../errors.js';
import * as schemas from '../schemas.js';
import type { SandboxState } from '../state.js';
import { plaidPost, type PlaidApp } from './define.js';

const LINK_TOKEN_TTL_MS = 4 * 3_600_000;
const UPDATE_MODE_TTL_MS = 30 * 60_000;

/** /link/token/create and /item/public_token/exchange: the two server halves of Link. */
export function tokenRoutes(app: PlaidApp, state: SandboxState): void {
  plaidPost(app, state, '/link/token/create', schemas.linkTokenCreate, ({ body, clientId }) => {
    if (!body.user && !body.user_id) throw Errors.missingFields(['user.client_user_id']);
    const updateItem = body.access_token ? state.itemByAccessToken(body.access_token, clientId) : null;
    const products = body.products ?? [];
    if (!updateItem && products.length === 0) throw Errors.missingFields(['products']);
    if (!updateItem && products.includes('balance'))
      throw Errors.invalidField('balance is not a valid product for /link/token/create; it is available to every Item');
    if (body.webhook) checkUrl(body.webhook, 'webhook');
    if (body.redirect_uri) checkRedirectUri(body.redirect_uri);
    const token = `link-sandbox-${randomUUID()}`;
    const expiresAt = new Date(state.now().getTime() + (updateItem ? UPDATE_MODE_TTL_MS : LINK_TOKEN_TTL_MS));
    state.linkTokens.set(token, {
      token,
      clientId,
      expiresAt,
      clientName: body.client_name,
      countryCodes: body.country_codes,
      products,
      // Plaid ignores `webhook` in update mode; change it with /item/webhook/update instead.
      webhook: updateItem ? null : (body.webhook ?? null),
      redirectUri: body.redirect_uri ?? null,
      itemId: updateItem?.itemId ?? null,
    });
    return { link_token: token, expiration: isoSeconds(expiresAt) };
  });

  plaidPost(app, state, '/item/public_token/exchange', schemas.publicTokenExchange, ({ body, clientId }) => {
    if (!/^public-sandbox-[0-9a-f-]{36}$/.test(body.public_token)) throw Errors.publicTokenFormat();
    const rec = state.publicTokens.get(body.public_token);
    // Replays, expired tokens and other clients' tokens all look the same to the caller.
    if (!rec || rec.used || rec.clientId !== clientId || rec.expiresAt.getTime() <= state.now().getTime())
      throw Errors.publicTokenExpired();
    const item = state.items.get(rec.itemId);
    if (!item) throw Errors.publicTokenExpired();
    rec.used = true;
    return { access_token: item.accessToken, item_id: item.itemId };
  });
}

export function checkUrl(value: string, field: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw Errors.invalidField(`${field} must be a valid URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw Errors.invalidField(`${field} must be an http or https URL`);
  return url;
}

/** Plaid's rules: no query or fragment, https except http://localhost in Sandbox. */
function checkRedirectUri(value: string): void {
  const url = checkUrl(value, 'redirect_uri');
  if (url.search || url.hash || value.includes('?') || value.includes('#')) {
    throw Errors.invalidField('redirect_uri must not contain query parameters or a fragment');
  }
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol === 'http:' && !local)
    throw Errors.invalidField('redirect_uri must use https (http is allowed only for localhost in Sandbox)');
}
