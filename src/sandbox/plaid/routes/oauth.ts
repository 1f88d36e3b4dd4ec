import { institutionById } from '../institutions.js';
import { consentErrorPage, consentPage } from '../link/consent-page.js';
import type { SandboxState } from '../state.js';
import type { PlaidApp } from './define.js';

/**
 * The bank side of an OAuth redirect flow. GET shows the consent screen; the form POST records
 * the decision and redirects (302) to the link token's redirect_uri with ?oauth_state_id=…,
 * where the host page re-creates Link with receivedRedirectUri to finish.
 */
export function oauthRoutes(app: PlaidApp, state: SandboxState): void {
  app.get('/oauth/authorize', (c) => {
    const rec = state.oauthStates.get(c.req.query('oauth_state_id') ?? '');
    const lt = rec ? state.linkTokens.get(rec.linkToken) : undefined;
    const inst = rec ? institutionById(rec.institutionId) : undefined;
    if (!rec || !lt || !inst || rec.status !== 'pending')
      return c.html(consentErrorPage('This authorisation link is not valid or was already used.'), 400);
    return c.html(consentPage({ stateId: rec.id, bankName: inst.name, appName: lt.clientName, color: inst.primaryColor }));
  });

  app.post('/oauth/authorize', async (c) => {
    const form = await c.req.parseBody();
    const id = typeof form.oauth_state_id === 'string' ? form.oauth_state_id : '';
    const rec = state.oauthStates.get(id);
    const lt = rec ? state.linkTokens.get(rec.linkToken) : undefined;
    if (!rec || !lt?.redirectUri || rec.status !== 'pending')
      return c.html(consentErrorPage('This authorisation link is not valid or was already used.'), 400);
    rec.status = form.decision === 'authorize' ? 'authorized' : 'denied';
    const target = new URL(lt.redirectUri);
    target.searchParams.set('oauth_state_id', rec.id);
    return c.redirect(target.toString(), 302);
  });
}
