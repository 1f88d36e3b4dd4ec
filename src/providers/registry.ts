import type { App } from '../app.js';
import { requirePlaid, requireTrueLayer } from '../config/index.js';
import { TraxError } from '../domain/errors.js';
import type { ProviderId } from '../domain/types.js';
import type { StoredConnection } from '../store/connections.js';
import type { BankConnector, SecretStore } from './provider.js';
import { plaidConnector, type PlaidSecrets } from './plaid/index.js';
import { truelayerConnector, type TrueLayerSecrets } from './truelayer/index.js';

/** Secrets of one connection: decrypted on read, encrypted and stored at once on write. */
export function connectionSecrets<T>(app: App, connectionId: string): SecretStore<T> {
  return {
    read() {
      const sealed = app.connections.get(connectionId)?.sealedSecrets;
      if (!sealed) {
        throw new TraxError(
          'needs_reauth',
          `Connection ${connectionId} has no stored tokens (it was disconnected); connect the bank again.`,
        );
      }
      return app.vault.open<T>(sealed);
    },
    write(secrets) {
      app.connections.setSecrets(connectionId, app.vault.seal(secrets), app.now().toISOString());
    },
  };
}

type ConnectorFactory = (app: App, connection: StoredConnection) => BankConnector;

/** Adapters in an explicit table: a provider is either here or reported as unavailable. */
const CONNECTORS = {
  truelayer: (app, c) =>
    truelayerConnector(requireTrueLayer(app.config), connectionSecrets<TrueLayerSecrets>(app, c.id), app.http, () =>
      app.now().getTime(),
    ),
  plaid: (app, c) => plaidConnector(requirePlaid(app.config), connectionSecrets<PlaidSecrets>(app, c.id), app.http),
} satisfies Record<ProviderId, ConnectorFactory>;

export function connectorFor(app: App, connection: StoredConnection): BankConnector {
  return CONNECTORS[connection.provider](app, connection);
}
