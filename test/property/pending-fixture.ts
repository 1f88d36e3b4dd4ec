import type { App } from '../../src/app.js';
import type { StoredConnection } from '../../src/store/connections.js';

/** One TrueLayer-shaped connection (a provider that does not link pending to booked), as a sync would have saved it. */
export function saveTestConnection(app: App, now: Date, externalId = 'cred-1'): StoredConnection {
  return app.connections.save(
    {
      provider: 'truelayer',
      environment: 'sandbox',
      externalId,
      institutionId: 'bank',
      institutionName: 'Bank',
      institutionLogo: null,
      consentCreatedAt: null,
      consentExpiresAt: null,
      sealedSecrets: 'x',
    },
    now.toISOString(),
  );
}
