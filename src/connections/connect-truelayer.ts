import type { App } from '../app.js';
import { requireTrueLayer } from '../config/index.js';
import { completeTrueLayerConsent } from '../providers/truelayer/index.js';
import type { SyncOptions } from '../sync/engine.js';
import { saveConsentAndSync, type ConnectResult } from './save-consent.js';

export type { ConnectResult } from './save-consent.js';

/**
 * Turns an authorization code into a stored connection. With `relinkId`, the new consent
 * replaces an expired one in place: TrueLayer gives every login a new credentials_id, and
 * account ids may change too, which the store matches back by IBAN.
 */
export async function connectTrueLayerWithCode(
  app: App,
  code: string,
  opts: Pick<SyncOptions, 'onProgress'> & { relinkId?: string } = {},
): Promise<ConnectResult> {
  const cfg = requireTrueLayer(app.config);
  const consent = await completeTrueLayerConsent(cfg, code, app.http, app.now);
  return saveConsentAndSync(app, consent, { ...opts, environment: cfg.env });
}
