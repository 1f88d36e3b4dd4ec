import type { App } from '../app.js';
import type { WebhookEvent } from '../providers/plaid/index.js';
import { syncConnection } from '../sync/engine.js';

/** What a verified Plaid webhook did, for the log and the tests. */
export type WebhookOutcome = { connectionId: string | null; did: string };

export async function applyPlaidWebhook(app: App, event: WebhookEvent): Promise<WebhookOutcome> {
  const c = app.connections.findByExternalId('plaid', event.itemId);
  if (!c) return { connectionId: null, did: `ignored: no connection for item ${event.itemId}` };
  if (c.status === 'revoked') return { connectionId: c.id, did: 'ignored: connection was disconnected' };
  const now = app.now().toISOString();
  switch (event.action) {
    case 'sync': {
      const outcome = await syncConnection(app, c.id, { trigger: 'webhook' });
      return { connectionId: c.id, did: `sync ${outcome.status}` };
    }
    case 'needs_reauth':
      app.connections.setStatus(
        c.id,
        'needs_reauth',
        `Plaid reports ${event.reason}. Use Relink in the web app (\`trax serve\`) to log in again; your history is kept.`,
        now,
      );
      return { connectionId: c.id, did: 'marked needs_reauth' };
    case 'consent_expiring':
      if (event.consentExpiresAt) app.connections.setConsentExpiry(c.id, event.consentExpiresAt, now);
      return { connectionId: c.id, did: `consent expires ${event.consentExpiresAt ?? 'soon'}` };
    case 'repaired':
      app.connections.setStatus(c.id, 'active', null, now);
      return { connectionId: c.id, did: 'marked active' };
    case 'ignore':
      return { connectionId: c.id, did: `ignored: ${event.reason}` };
  }
}
