import { sameSecret } from '../../security/same-secret.js';
import { requireTrueLayer } from '../../config/index.js';
import { connectTrueLayerWithCode } from '../../connections/connect-truelayer.js';
import { TraxError } from '../../domain/errors.js';
import { buildAuthLink } from '../../providers/truelayer/index.js';
import { factory } from '../env.js';
import { MessagePage } from '../views/pages.js';

const STATE_TTL_MS = 15 * 60_000;

/** TrueLayer in the browser: redirect to the auth dialog, and finish on the redirect URI's path. */
export function truelayerRoutes(callbackPath: string) {
  const routes = factory.createApp();

  routes.get('/connect/truelayer', (c) => {
    const cfg = requireTrueLayer(c.get('deps').app.config);
    const relinkId = c.req.query('relink') ?? null;
    const auth = buildAuthLink(cfg);
    c.get('session').oauth = { state: auth.state, relinkId, expiresAt: Date.now() + STATE_TTL_MS };
    return c.redirect(auth.url, 302);
  });

  routes.get(callbackPath, async (c) => {
    const session = c.get('session');
    const pending = session.oauth;
    const state = c.req.query('state') ?? '';
    if (!pending || pending.expiresAt < Date.now() || !sameSecret(state, pending.state)) {
      c.get('deps').log(`Rejected a TrueLayer callback: ${pending ? 'state mismatch or expired' : 'no login in progress'}`);
      return c.html(
        <MessagePage
          session={session}
          title="This login was not started here"
          text="The state parameter does not match a bank login this browser started (or it is older than 15 minutes). Nothing was connected. Start again with Link a bank."
        />,
        400,
      );
    }
    session.oauth = null;
    const error = c.req.query('error');
    const code = c.req.query('code');
    if (error || !code) {
      session.flash = {
        kind: 'error',
        text: `The bank login ended without access (${error ?? 'no code'}); nothing was connected.`,
      };
      return c.redirect('/', 303);
    }
    try {
      const { connection, firstSync } = await connectTrueLayerWithCode(
        c.get('deps').app,
        code,
        pending.relinkId ? { relinkId: pending.relinkId } : {},
      );
      session.flash =
        firstSync.status === 'done'
          ? {
              kind: 'ok',
              text: `${pending.relinkId ? 'Relinked' : 'Connected'} ${connection.institutionName ?? 'your bank'}: ${firstSync.added} new transactions.`,
            }
          : {
              kind: 'error',
              text: `Connected ${connection.institutionName ?? 'your bank'}, but the first sync failed: ${firstSync.error?.message ?? ''}`,
            };
    } catch (e) {
      if (!(e instanceof TraxError)) throw e;
      session.flash = { kind: 'error', text: e.message };
    }
    return c.redirect('/', 303);
  });

  return routes;
}
