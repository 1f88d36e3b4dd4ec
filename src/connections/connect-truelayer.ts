import type { App } from '../app.js';
import { requireTrueLayer } from '../config/index.js';
import { inTransaction } from '../store/db.js';
import type { StoredConnection } from '../store/connections.js';
import { completeTrueLayerConsent } from '../providers/truelayer/index.js';
import { syncConnection, type SyncOptions, type SyncOutcome } from '../sync/engine.js';

export interface ConnectResult {
  connection: StoredConnection;
  firstSync: SyncOutcome;
}

/**
 * Turns an authorization code into a stored connection and pulls history at once: banks serve
 * more than 90 days only in the minutes after the user logged in.
 */
export async function connectTrueLayerWithCode(
  app: App,
  code: string,
  opts: Pick<SyncOptions, 'onProgress'> = {},
): Promise<ConnectResult> {
  const cfg = requireTrueLayer(app.config);
  const consent = await completeTrueLayerConsent(cfg, code, app.http);
  const connection = inTransaction(app.db, 'save the new connection', () =>
    app.connections.save(
      { ...consent, environment: cfg.env, sealedSecrets: app.vault.seal(consent.secrets) },
      app.now().toISOString(),
    ),
  );
  const firstSync = await syncConnection(app, connection.id, { trigger: 'connect', ...opts });
  return { connection: app.connections.get(connection.id)!, firstSync };
}
