import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { HTTPException } from 'hono/http-exception';
import { isProviderError, TraxError } from '../domain/errors.js';
import { factory, type WebDeps } from './env.js';
import { languageFromRequest, routeI18n, errorText } from './i18n.js';
import { neutralizeBidiInPages } from './middleware/bidi.js';
import { bodyLimits, UPLOAD_BODY_LIMIT, WEBHOOK_BODY_LIMIT } from './middleware/body-limits.js';
import { csrf } from './middleware/csrf.js';
import { requireLogin } from './middleware/login.js';
import { hostGuard, sameOrigin } from './middleware/origin-guard.js';
import { securityHeaders } from './middleware/security-headers.js';
import { sessions } from './middleware/session.js';
import { banks } from './routes/banks.js';
import { dashboard } from './routes/dashboard.js';
import { loginRoutes } from './routes/login.js';
import { LoginLimiter } from './login-limiter.js';
import { ServedOrigins } from './served-origins.js';
import { plaid } from './routes/plaid.js';
import { truelayerRoutes } from './routes/truelayer.js';
import { enablebankingRoutes } from './routes/enablebanking.js';
import { SessionStore } from './session.js';
import { reminders } from '../reminders/index.js';
import { history } from './routes/history.js';
import { manual } from './routes/manual.js';
import { IMPORT_UPLOAD_PATH, importRoutes } from './routes/imports.js';
import { ErrorPage } from './views/error-page.js';
import { badgeCount } from '../review/badge.js';
import { reviewRoutes } from './routes/review.js';
import { SavedSearchStore } from '../store/search.js';
import { NOTE_BODY_LIMIT, NOTE_PATH, notesTags } from './routes/notes-tags.js';
import { rulesRoutes } from './routes/rules.js';
import { categoriesRoutes } from './routes/categories.js';
import { budgetsRoutes } from './routes/budgets.js';

const STATIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'static');
const STATIC: Record<string, string> = {
  'app.js': 'text/javascript; charset=utf-8',
  'dashboard.js': 'text/javascript; charset=utf-8',
  'style.css': 'text/css; charset=utf-8',
};
const require = createRequire(import.meta.url);
const WEBHOOK = '/webhooks/plaid';

/** The whole web app as one Hono instance; `trax serve` and the tests both build it here. */
export function createWebApp(deps: WebDeps) {
  const config = deps.app.config;
  const callbackPath = config.truelayer ? new URL(config.truelayer.redirectUri).pathname : '/callback';
  const web = factory.createApp();
  const store = new SessionStore();
  const assets = Object.fromEntries(Object.keys(STATIC).map((f) => [f, readFileSync(path.join(STATIC_DIR, f), 'utf8')]));

  const origins = ServedOrigins.from(config, deps.served ?? { host: '127.0.0.1', port: null, tls: deps.secureCookies });
  const isWebhook = (p: string) => p === WEBHOOK;

  web.use('*', securityHeaders(config));
  // Before anything that routes or reads: which name was asked for, from which site, how big.
  web.use('*', hostGuard(origins));
  web.use('*', sameOrigin(origins, isWebhook));
  web.use(
    '*',
    bodyLimits({ [WEBHOOK]: WEBHOOK_BODY_LIMIT, [IMPORT_UPLOAD_PATH]: UPLOAD_BODY_LIMIT, [NOTE_PATH]: NOTE_BODY_LIMIT }),
  );
  web.use('*', neutralizeBidiInPages());
  web.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  web.use('*', languageFromRequest());
  // Chart.js straight from node_modules: no CDN at run time.
  const chartJs = readFileSync(path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8');
  web.get('/static/vendor/chart.umd.min.js', (c) => c.body(chartJs, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
  web.get('/static/:file', (c) => {
    const file = c.req.param('file');
    const type = STATIC[file];
    if (!type) return c.notFound();
    return c.body(assets[file]!, 200, { 'content-type': type });
  });
  // Plaid's webhook has no browser session: it is authenticated by its signature instead.
  const withSession = sessions(store, deps.secureCookies);
  const loginGate = requireLogin((p) => p === '/login');
  web.use('*', async (c, next) => (isWebhook(c.req.path) ? next() : withSession(c, next)));
  web.use('*', async (c, next) => (isWebhook(c.req.path) ? next() : loginGate(c, next)));
  web.use('*', csrf(isWebhook));
  web.use('*', async (c, next) => {
    const session = c.get('session');
    if (session) session.reminders = reminders(deps.app, deps.app.now());
    // The navigation badge; only pages need it (a capped count, see src/review/badge.ts).
    if (session && c.req.method === 'GET' && !c.req.path.startsWith('/static/')) {
      session.reviewCount = badgeCount(deps.app);
      session.savedSearches = new SavedSearchStore(deps.app.db).list().map((s) => ({ name: s.name, query: s.query }));
    }
    await next();
  });
  web.route('/', loginRoutes(new LoginLimiter(() => deps.app.now().getTime())));
  web.route('/', notesTags);
  web.route('/', banks);
  web.route('/', dashboard);
  web.route('/', history);
  web.route('/', manual);
  web.route('/', importRoutes());
  web.route('/', reviewRoutes);
  web.route('/', rulesRoutes);
  web.route('/', categoriesRoutes);
  web.route('/', budgetsRoutes);
  web.route('/', plaid);
  web.route('/', truelayerRoutes(callbackPath));
  web.route('/', enablebankingRoutes(config));

  web.onError((err, c) => {
    const status =
      err instanceof HTTPException ? err.status : err instanceof TraxError ? (isProviderError(err) ? 502 : 400) : 500;
    const known = err instanceof HTTPException || err instanceof TraxError ? errorText(c, err) : null;
    const message = known ?? routeI18n(c).m.errorUnexpected;
    if (status === 500) deps.log(`Error on ${c.req.method} ${c.req.path}: ${(err as Error).stack ?? String(err)}`);
    const wantsJson = c.req.header('content-type')?.includes('application/json') || c.req.path === WEBHOOK;
    if (wantsJson) return c.json({ error: message }, status as 400);
    const session = c.get('session');
    if (!session) return c.text(message, status as 400);
    return c.html(<ErrorPage session={session} status={status} text={known} />, status as 400);
  });
  return web;
}
