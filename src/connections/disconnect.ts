import type { App } from '../app.js';
import { TraxError } from '../domain/errors.js';
import { connectorFor } from '../providers/registry.js';
import { inTransaction } from '../store/db.js';

export interface DisconnectResult {
  connectionId: string;
  institution: string;
  revokedAtProvider: boolean;
  /** Why revoking at the provider did not happen; tokens are deleted locally regardless. */
  revokeProblem: string | null;
  /** False for a connection that never held tokens (statement files). */
  hadTokens: boolean;
  purged: boolean;
}

/**
 * Revokes Trax's access at the provider, then forgets the tokens. History stays unless
 * `purge`. A provider that cannot be reached does not keep the user from deleting their tokens;
 * they are told to revoke in the bank's or provider's own settings.
 */
export async function disconnect(app: App, connectionId: string, opts: { purge: boolean }): Promise<DisconnectResult> {
  const c = app.connections.get(connectionId);
  if (!c) throw new TraxError('not_found', `There is no connection ${connectionId}; run \`trax connections\` to see the ids.`);
  const institution = c.institutionName ?? c.provider;
  const lock = `sync:${connectionId}`;
  if (!app.locks.tryAcquire(lock, 60_000)) {
    throw new TraxError(
      'database_locked',
      `${institution} is being synced right now; wait for the sync to finish and run this again.`,
    );
  }
  try {
    let revokedAtProvider = false;
    let revokeProblem: string | null = null;
    if (c.sealedSecrets) {
      try {
        await connectorFor(app, c).revoke();
        revokedAtProvider = true;
      } catch (e) {
        if (!(e instanceof TraxError)) throw e;
        revokeProblem = e.message;
      }
    }
    inTransaction(app.db, 'remove the connection', () => {
      if (opts.purge) app.connections.purge(connectionId);
      else app.connections.revoke(connectionId, app.now().toISOString());
    });
    return {
      connectionId,
      institution,
      revokedAtProvider,
      revokeProblem,
      hadTokens: c.sealedSecrets !== null,
      purged: opts.purge,
    };
  } finally {
    app.locks.release(lock);
  }
}
