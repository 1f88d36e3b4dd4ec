import { plaidPolicy } from '../providers/plaid/policy.js';
import { providerPolicy } from '../providers/registry.js';
import type { App } from '../app.js';
import { requirePlaid } from '../config/index.js';
import { TraxError } from '../domain/errors.js';
import {
  createLinkToken,
  describeItem,
  exchangePublicToken,
  PlaidClient,
  removeItem,
  sandboxPublicToken,
  type PlaidSecrets,
} from '../providers/plaid/index.js';
import { connectionSecrets } from '../providers/registry.js';
import type { SyncOptions } from '../sync/engine.js';
import { syncConnection } from '../sync/engine.js';
import { saveConsentAndSync, type ConnectResult } from './save-consent.js';

/** Plaid asks for a stable id of "the user"; a local install has exactly one. */
const LOCAL_USER = 'trax-local-user';

const client = (app: App) => new PlaidClient(requirePlaid(app.config), app.http);

/** A Link token for a new bank, or (with a connection id) for update mode on that Item. */
export async function plaidLinkToken(app: App, opts: { relinkId?: string } = {}): Promise<string> {
  if (!opts.relinkId) return createLinkToken(client(app), { userId: LOCAL_USER });
  const c = app.connections.get(opts.relinkId);
  if (!c || providerPolicy(c.provider) !== plaidPolicy)
    throw new TraxError('not_found', `There is no Plaid connection ${opts.relinkId}.`);
  const { accessToken } = connectionSecrets<PlaidSecrets>(app, c.id).read();
  return createLinkToken(client(app), { userId: LOCAL_USER, accessToken });
}

function refuseDuplicate(app: App, institutionId: string | null | undefined): void {
  const existing = institutionId ? app.connections.findLiveByInstitution('plaid', institutionId) : undefined;
  if (existing) {
    throw new TraxError(
      'usage',
      `${existing.institutionName ?? institutionId} is already linked as ${existing.id}; use Relink on it instead of linking it twice.`,
    );
  }
}

/** Link's onSuccess: exchange the public token, describe the Item, store it, first sync. */
export async function connectPlaidWithPublicToken(
  app: App,
  publicToken: string,
  opts: { institutionId?: string } & Pick<SyncOptions, 'onProgress'> = {},
): Promise<ConnectResult> {
  const c = client(app);
  refuseDuplicate(app, opts.institutionId);
  const { accessToken } = await exchangePublicToken(c, publicToken);
  const { error: _error, ...item } = await describeItem(c, accessToken);
  try {
    refuseDuplicate(app, item.institutionId);
  } catch (e) {
    // The Item exists at Plaid now; remove it so the duplicate is not billed or left dangling.
    await removeItem(c, accessToken).catch(() => {});
    throw e;
  }
  const secrets: PlaidSecrets = { accessToken };
  return saveConsentAndSync(
    app,
    { ...item, secrets },
    { environment: c.cfg.env === 'production' ? 'live' : 'sandbox', ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) },
  );
}

/** After update mode succeeded: the Item is healthy again and its consent renewed. */
export async function finishPlaidRelink(app: App, connectionId: string) {
  const conn = app.connections.get(connectionId);
  if (!conn || providerPolicy(conn.provider) !== plaidPolicy)
    throw new TraxError('not_found', `There is no Plaid connection ${connectionId}.`);
  const { accessToken } = connectionSecrets<PlaidSecrets>(app, conn.id).read();
  const item = await describeItem(client(app), accessToken);
  const now = app.now().toISOString();
  app.connections.setConsentExpiry(conn.id, item.consentExpiresAt, now);
  app.connections.setStatus(conn.id, 'active', null, now);
  return syncConnection(app, conn.id, { trigger: 'user' });
}

/** `trax connect plaid --sandbox INSTITUTION`: an Item without a browser, sandbox only. */
export async function connectPlaidSandbox(
  app: App,
  institutionId: string,
  opts: Pick<SyncOptions, 'onProgress'> = {},
): Promise<ConnectResult> {
  const cfg = requirePlaid(app.config);
  if (cfg.env !== 'sandbox') {
    throw new TraxError(
      'usage',
      '`--sandbox` creates test Items and only works with PLAID_ENV=sandbox; to link a real bank run `trax serve` and use Link a bank in the browser.',
    );
  }
  const publicToken = await sandboxPublicToken(client(app), institutionId);
  return connectPlaidWithPublicToken(app, publicToken, { institutionId, ...opts });
}
