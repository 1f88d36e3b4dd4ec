import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { apiAuthRoutes, hostedAuthRoutes } from './auth-routes.js';
import { dataRoutes } from './data-routes.js';
import { ebError } from './errors.js';
import { checkAppJwt, type RegisteredApp } from './jwt-check.js';
import type { EbSandboxState } from './state.js';

export function assertNotProduction(): void {
  if (process.env.NODE_ENV === 'production') {
    throw new Error('The Enable Banking sandbox emulator refuses to run with NODE_ENV=production');
  }
}

/** One origin serves the API and the hosted authorisation page; clients only swap the base URL. */
export function createEnableBankingSandboxApp(state: EbSandboxState): Hono<{ Variables: { app: RegisteredApp } }> {
  assertNotProduction();
  const app = new Hono<{ Variables: { app: RegisteredApp } }>();

  app.use('*', async (c, next) => {
    const at = state.clock.now().toISOString();
    await next();
    c.header('x-request-id', randomUUID());
    const headers: Record<string, string> = { ...c.req.header() };
    if (headers.authorization !== undefined) headers.authorization = '[REDACTED]';
    state.requestLog.push({
      at,
      method: c.req.method,
      path: c.req.path,
      query: { ...c.req.query() },
      status: c.res.status,
      headers,
    });
  });

  app.use('*', state.interrupt.middleware());
  app.route('/', hostedAuthRoutes(state));

  const api = new Hono<{ Variables: { app: RegisteredApp } }>();
  api.use('*', async (c, next) => {
    const check = await checkAppJwt(c.req.header('authorization'), state.apps, state.clock.now());
    if (!check.ok) return ebError(c, 401, check.error, check.message);
    c.set('app', check.app);
    await next();
  });
  api.route('/', apiAuthRoutes(state));
  api.route('/', dataRoutes(state));
  app.route('/', api);

  app.notFound((c) => ebError(c, 404, 'NOT_FOUND', 'Not found'));
  app.onError((err, c) => ebError(c, 500, 'INTERNAL_ERROR', `Emulator error: ${err.message}`));
  return app;
}
