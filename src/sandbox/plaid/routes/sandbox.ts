import { checkSandboxLogin } from '../credentials.js';
import { Errors } from '../errors.js';
import { institutionById } from '../institutions.js';
import * as schemas from '../schemas.js';
import type { SandboxState } from '../state.js';
import { defaultWebhookType, webhookBody } from '../webhooks/bodies.js';
import { checkUrl } from './tokens.js';
import { plaidPost, type PlaidApp } from './define.js';

/** Product a fireable webhook belongs to; firing it on an item without it is an error at Plaid. */
const PRODUCT_OF_TYPE: Record<string, string> = {
  TRANSACTIONS: 'transactions',
  ASSETS: 'assets',
  AUTH: 'auth',
  HOLDINGS: 'investments',
  INVESTMENTS_TRANSACTIONS: 'investments',
  LIABILITIES: 'liabilities',
};

/** /sandbox/* helpers: create items without Link, break logins, fire webhooks. */
export function sandboxRoutes(app: PlaidApp, state: SandboxState): void {
  plaidPost(app, state, '/sandbox/public_token/create', schemas.sandboxPublicTokenCreate, ({ body, clientId }) => {
    const inst = institutionById(body.institution_id);
    if (!inst) throw Errors.invalidInstitution();
    const username = body.options?.override_username ?? 'user_good';
    checkSandboxLogin(username, body.options?.override_password ?? 'pass_good');
    const webhook = body.options?.webhook ?? null;
    if (webhook) checkUrl(webhook, 'options.webhook');
    const item = state.createItem({ clientId, institution: inst, username, products: body.initial_products, webhook });
    return { public_token: state.issuePublicToken(item) };
  });

  plaidPost(app, state, '/sandbox/item/reset_login', schemas.accessTokenOnly, ({ body, clientId }) => {
    const item = state.itemByAccessToken(body.access_token, clientId);
    resetLogin(state, item.itemId);
    return { reset_login: true };
  });

  plaidPost(app, state, '/sandbox/item/fire_webhook', schemas.sandboxFireWebhook, ({ body, clientId }) => {
    const item = state.itemByAccessToken(body.access_token, clientId);
    const type = body.webhook_type ?? defaultWebhookType(body.webhook_code);
    const product = PRODUCT_OF_TYPE[type];
    if (product && !item.products.includes(product)) throw Errors.sandboxProductNotEnabled(product);
    if (!item.webhook) throw Errors.sandboxWebhookInvalid();
    state.notify(item, webhookBody(state, item, type, body.webhook_code));
    return { webhook_fired: true };
  });
}

/** Shared by the endpoint and PlaidSandbox.resetLogin(): Plaid also sends ITEM: ERROR. */
export function resetLogin(state: SandboxState, itemId: string): void {
  const item = state.item(itemId);
  item.loginRequired = true;
  state.notify(item, webhookBody(state, item, 'ITEM', 'ERROR'));
}
