import type { App } from '../app.js';
import { requireEnableBanking, requirePlaid, requireTrueLayer } from '../config/index.js';
import type { EnableBankingSecrets } from './enablebanking/sync.js';
import { enablebankingPolicy } from './enablebanking/policy.js';
import { TraxError } from '../domain/errors.js';
import { filePolicy } from './file/policy.js';
import { manualPolicy } from './manual/policy.js';
import { plaidPolicy } from './plaid/policy.js';
import type { ProviderPolicy } from './policy.js';
import { truelayerPolicy } from './truelayer/policy.js';
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
  enablebanking: (app, c) => {
    const cfg = requireEnableBanking(app.config);
    const secrets = connectionSecrets<EnableBankingSecrets>(app, c.id);
    return lazyConnector(async () =>
      (await import('./enablebanking/index.js')).enablebankingConnector(cfg, secrets, app.http, () => app.now().getTime()),
    );
  },
  file: (_app, c) => {
    throw new TraxError(
      'usage',
      `${c.institutionName ?? c.id} is fed by statement files; import a newer one with \`trax import FILE\`.`,
    );
  },
  manual: (_app, c) => {
    throw new TraxError('usage', `${c.institutionName ?? c.id} is kept by hand; add bookings with \`trax tx add\`.`);
  },
} satisfies Record<ProviderId, ConnectorFactory>;

export function connectorFor(app: App, connection: StoredConnection): BankConnector {
  return CONNECTORS[connection.provider](app, connection);
}

/**
 * The one table of providers. `ProviderId` is derived from it: a provider is a row here plus its
 * folder (adapter, emulator, policy), and code outside providers/ asks `providerPolicy(id)`.
 */
const POLICIES = {
  truelayer: truelayerPolicy,
  plaid: plaidPolicy,
  enablebanking: enablebankingPolicy,
  file: filePolicy,
  manual: manualPolicy,
} satisfies Record<string, ProviderPolicy>;

export type ProviderId = keyof typeof POLICIES;
export const PROVIDER_IDS = Object.keys(POLICIES) as ProviderId[];

export function providerPolicy(provider: ProviderId): ProviderPolicy {
  const p = (POLICIES as Record<string, ProviderPolicy>)[provider];
  // A connection a newer Trax made with a provider this build does not know.
  if (!p)
    throw new TraxError(
      'config_invalid',
      `This Trax does not know the provider "${provider}"; update Trax to use that connection.`,
    );
  return p;
}

export type { ProviderPolicy } from './policy.js';
