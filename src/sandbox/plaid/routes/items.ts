import { Errors } from '../errors.js';
import * as schemas from '../schemas.js';
import { accountId, accountJson, itemJson, itemStatusJson } from '../serialize.js';
import type { ItemRecord, SandboxState } from '../state.js';
import { webhookBody } from '../webhooks/bodies.js';
import { checkUrl } from './tokens.js';
import { dataItem, plaidPost, type PlaidApp } from './define.js';

/** Items and accounts: /item/get, /item/remove, /item/webhook/update, /accounts/get, /accounts/balance/get. */
export function itemRoutes(app: PlaidApp, state: SandboxState): void {
  // /item/get succeeds for an item in error: it is how clients learn the item's health.
  plaidPost(app, state, '/item/get', schemas.accessTokenOnly, ({ c, body, clientId }) => {
    const item = dataItem(state, c, body.access_token, clientId, { requireHealthy: false });
    return { item: itemJson(state, item), status: itemStatusJson(item) };
  });

  plaidPost(app, state, '/item/remove', schemas.itemRemove, ({ body, clientId }) => {
    state.removeItem(state.itemByAccessToken(body.access_token, clientId));
    return {};
  });

  plaidPost(app, state, '/item/webhook/update', schemas.itemWebhookUpdate, ({ body, clientId }) => {
    const item = state.itemByAccessToken(body.access_token, clientId);
    if (body.webhook) checkUrl(body.webhook, 'webhook');
    item.webhook = body.webhook ?? null;
    state.notify(item, webhookBody(state, item, 'ITEM', 'WEBHOOK_UPDATE_ACKNOWLEDGED'));
    return { item: itemJson(state, item) };
  });

  const accounts = (item: ItemRecord, ids: readonly string[] | null | undefined) => {
    const all = item.persona.accounts.map((spec) => accountJson(item, spec));
    if (!ids || ids.length === 0) return all;
    const known = new Set(item.persona.accounts.map((a) => accountId(item, a.key)));
    if (ids.some((id) => !known.has(id))) throw Errors.invalidAccountId();
    return all.filter((a) => ids.includes(a.account_id as string));
  };

  for (const path of ['/accounts/get', '/accounts/balance/get']) {
    plaidPost(app, state, path, schemas.accountsGet, ({ c, body, clientId }) => {
      const item = dataItem(state, c, body.access_token, clientId, { requireHealthy: true });
      return { accounts: accounts(item, body.options?.account_ids), item: itemJson(state, item) };
    });
  }
}
