import type { App } from '../app.js';
import { requirePlaid, requireTrueLayer, type Config } from '../config/index.js';
import { TraxError } from '../domain/errors.js';
import type { ProviderId } from '../domain/types.js';
import type { StoredConnection } from '../store/connections.js';
import type { BankConnector, SecretStore } from './provider.js';
import type { PlaidSecrets } from './plaid/index.js';
import type { TrueLayerSecrets } from './truelayer/index.js';

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

/**
 * A connector whose adapter module is imported on first use. The Plaid SDK alone takes 0.4 s to
 * import, and most commands (every read command) never talk to a bank.
 */
function lazyConnector(load: () => Promise<BankConnector>): BankConnector {
  let connector: Promise<BankConnector> | undefined;
  const get = () => (connector ??= load());
  return {
    async *pages(request) {
      yield* (await get()).pages(request);
    },
    async revoke() {
      await (await get()).revoke();
    },
  };
}

/**
 * Adapters in an explicit table: a provider is either here or reported as unavailable. Missing
 * configuration is reported at once (before anything is imported), as it was when the adapters
 * were imported eagerly.
 */
const CONNECTORS = {
  truelayer: (app, c) => {
    const cfg = requireTrueLayer(app.config);
    const secrets = connectionSecrets<TrueLayerSecrets>(app, c.id);
    return lazyConnector(async () =>
      (await import('./truelayer/index.js')).truelayerConnector(cfg, secrets, app.http, () => app.now().getTime()),
    );
  },
  plaid: (app, c) => {
    const cfg = requirePlaid(app.config);
    const secrets = connectionSecrets<PlaidSecrets>(app, c.id);
    return lazyConnector(async () => (await import('./plaid/index.js')).plaidConnector(cfg, secrets, app.http));
  },
  file: (_app, c) => {
    throw new TraxError(
      'usage',
      `${c.institutionName ?? c.id} is fed by statement files; import a newer one with \`trax import FILE\`.`,
    );
  },
} satisfies Record<ProviderId, ConnectorFactory>;

export function connectorFor(app: App, connection: StoredConnection): BankConnector {
  return CONNECTORS[connection.provider](app, connection);
}

/** What code outside providers/ asks about a provider instead of comparing its id to a string. */
export interface ProviderPolicy {
  /** The provider's name as users know it. */
  label: string;
  /** Why no connection of this provider can sync with this configuration, or null when it can. */
  notConfigured(config: Config): string | null;
  /** The sentence that tells the user how to renew a consent, kept with the connection's history. */
  relinkHint(connectionId: string): string;
  /** The API host this configuration talks to; tells a demo emulator's connections from others. */
  endpoint(config: Config): string | null;
  /** False for connections nothing syncs (statement files): sync and the scheduler pass them by. */
  syncs: boolean;
}

const POLICIES = {
  truelayer: {
    label: 'TrueLayer',
    notConfigured: (config) =>
      config.truelayer
        ? null
        : 'TrueLayer is not configured (set TRUELAYER_CLIENT_ID and TRUELAYER_CLIENT_SECRET in .env, or run `trax sandbox` for the built-in emulator).',
    relinkHint: (id) =>
      `Reconnect with \`trax connect truelayer --relink ${id}\` (or Relink in \`trax serve\`); your history is kept.`,
    endpoint: (config) => config.truelayer?.apiUrl ?? null,
    syncs: true,
  },
  plaid: {
    label: 'Plaid',
    notConfigured: (config) =>
      config.plaid
        ? null
        : 'Plaid is not configured (set PLAID_CLIENT_ID and PLAID_SECRET in .env; keys are at dashboard.plaid.com).',
    relinkHint: () => 'Relink it in the web app (`trax serve`, then Relink); your history is kept.',
    endpoint: (config) => config.plaid?.baseUrl ?? null,
    syncs: true,
  },
  file: {
    label: 'Statement files',
    notConfigured: () => null,
    relinkHint: () => 'Import a newer statement with `trax import FILE` (or "Import a file" in `trax serve`).',
    endpoint: () => null,
    syncs: false,
  },
} satisfies Record<ProviderId, ProviderPolicy>;

export function providerPolicy(provider: ProviderId): ProviderPolicy {
  return POLICIES[provider];
}
