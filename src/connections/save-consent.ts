import type { App } from '../app.js';
import { TraxError } from '../domain/errors.js';
import type { NewConsent } from '../providers/provider.js';
import { inTransaction } from '../store/db.js';
import type { StoredConnection } from '../store/connections.js';
import { syncConnection, type SyncOptions, type SyncOutcome } from '../sync/engine.js';

export interface ConnectResult {
  connection: StoredConnection;
  firstSync: SyncOutcome;
}

/**
 * Stores a finished consent — as a new connection, or into the one being relinked — then syncs
 * at once: banks serve deep history only in the minutes after login, and Plaid starts sending
 * SYNC_UPDATES_AVAILABLE only after the first /transactions/sync.
 */
export async function saveConsentAndSync(
  app: App,
  consent: NewConsent,
  opts: { environment: 'sandbox' | 'live'; relinkId?: string | undefined } & Pick<SyncOptions, 'onProgress'>,
): Promise<ConnectResult> {
  const now = app.now().toISOString();
  const record = { ...consent, environment: opts.environment, sealedSecrets: app.vault.seal(consent.secrets) };
  const connection = inTransaction(app.db, 'save the connection', () => {
    if (opts.relinkId) {
      const existing = app.connections.get(opts.relinkId);
      if (!existing || existing.provider !== consent.provider) {
        throw new TraxError(
          'not_found',
          `There is no ${consent.provider} connection ${opts.relinkId} to relink; run \`trax connections\` to see the ids.`,
        );
      }
      return app.connections.replaceConsent(existing.id, record, now);
    }
    return app.connections.save(record, now);
  });
  const firstSync = await syncConnection(app, connection.id, {
    trigger: 'connect',
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  return { connection: app.connections.get(connection.id)!, firstSync };
}
