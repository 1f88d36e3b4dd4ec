import type { App } from '../app.js';
import { requireTrueLayer } from '../config/index.js';
import { TraxError } from '../domain/errors.js';
import type { SecretStore } from '../providers/provider.js';
import { completeTrueLayerConsent, truelayerConnector, type TrueLayerSecrets } from '../providers/truelayer/index.js';
import type { SyncOptions } from '../sync/engine.js';
import { saveConsentAndSync, type ConnectResult } from './save-consent.js';

export type { ConnectResult } from './save-consent.js';

/**
 * Turns an authorization code into a stored connection. With `relinkId`, the new consent
 * replaces an expired one in place: TrueLayer gives every login a new credentials_id, and
 * account ids may change too, which the store matches back by IBAN.
 *
 * Without `relinkId`, a bank that is already linked is refused (CLI and web alike): a second
 * connection would take the accounts over from the first and leave it empty with live tokens.
 * The bank is only known once the code is exchanged, so the new consent is revoked at once.
 */
export async function connectTrueLayerWithCode(
  app: App,
  code: string,
  opts: Pick<SyncOptions, 'onProgress'> & { relinkId?: string } = {},
): Promise<ConnectResult> {
  const cfg = requireTrueLayer(app.config);
  const consent = await completeTrueLayerConsent(cfg, code, app.http, app.now);
  const existing =
    opts.relinkId || !consent.institutionId
      ? undefined
      : app.connections.findLiveByInstitution('truelayer', consent.institutionId);
  if (existing) {
    let secrets = consent.secrets as TrueLayerSecrets;
    const store: SecretStore<TrueLayerSecrets> = { read: () => secrets, write: (s) => (secrets = s) };
    const revoked = await truelayerConnector(cfg, store, app.http)
      .revoke()
      .then(
        () => true,
        () => false,
      );
    const name = existing.institutionName ?? consent.institutionName ?? consent.institutionId;
    throw new TraxError(
      'usage',
      `${name} is already linked as ${existing.id}; use Relink on it instead of linking it twice${revoked ? '' : ' (and revoke the extra access in your bank’s settings: Trax could not)'}.`,
    );
  }
  return saveConsentAndSync(app, consent, { ...opts, environment: cfg.env });
}
