import { Hono, type Context } from 'hono';
import { isAuthRequestError, pickAuthFields, validateAuthRequest, type ValidAuthRequest } from './auth-request.js';
import { renderErrorPage, renderFormPost, renderLogin, renderProviderPicker } from './dialog-html.js';
import { checkMockLogin } from './mock-users.js';
import { PROVIDERS } from './providers.js';
import type { SandboxState } from './state.js';

/** The auth host's browser-facing side: dialog, login form, provider list. */
export function authRoutes(state: SandboxState): Hono {
  const app = new Hono();

  app.get('/', (c) => {
    const v = validateAuthRequest(pickAuthFields(c.req.query()), state);
    if (isAuthRequestError(v)) return c.html(renderErrorPage(v.error, v.description), 400);
    const [only] = v.providers;
    if (v.providers.length === 1 && only) return c.html(renderLogin(v.req, only));
    return c.html(renderProviderPicker(v.req, v.providers));
  });

  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const v = validateAuthRequest(pickAuthFields(form), state);
    if (isAuthRequestError(v)) return c.html(renderErrorPage(v.error, v.description), 400);
    const [provider] = v.providers;
    if (v.providers.length !== 1 || !provider) {
      return c.html(renderErrorPage('invalid_request', 'Select a bank first (provider_id missing)'), 400);
    }
    if (form.action === 'cancel') {
      return sendToClient(c, v, { error: 'access_denied' });
    }
    const username = typeof form.username === 'string' ? form.username : '';
    const password = typeof form.password === 'string' ? form.password : '';
    const login = checkMockLogin(username, password);
    // A wrong password re-renders the form (200), as a bank login page does; it is not an OAuth error.
    if (!login.ok) return c.html(renderLogin(v.req, provider, 'Invalid username or password. Please try again.'));
    const cred = state.createCredential({
      clientId: v.clientId,
      providerId: provider.providerId,
      username: username.trim(),
      withIban: login.withIban,
      scopes: v.scopes,
      ...(login.errorCode !== undefined ? { errorCode: login.errorCode } : {}),
    });
    return sendToClient(c, v, { code: state.issueCode(cred, v.redirectUri) });
  });

  app.get('/api/providers', (c) =>
    c.json(
      PROVIDERS.map((p) => ({
        provider_id: p.providerId,
        display_name: p.displayName,
        logo_url: p.listLogoUrl,
        scopes: p.scopes,
      })),
    ),
  );

  return app;
}

/** Back to the client's redirect_uri, as a query string or (response_mode=form_post) a self-submitting form. */
function sendToClient(c: Context, v: ValidAuthRequest, params: Record<string, string>): Response {
  const fields = { ...params, ...(v.req.state !== undefined ? { state: v.req.state } : {}) };
  if (v.formPost) return c.html(renderFormPost(v.redirectUri, fields));
  const url = new URL(v.redirectUri);
  for (const [k, val] of Object.entries(fields)) url.searchParams.set(k, val);
  return c.redirect(url.toString(), 302);
}
