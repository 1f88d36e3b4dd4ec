import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { authRoutes } from './auth-routes.js';
import { dataRoutes } from './data-routes.js';
import { tlError } from './errors.js';
import { tokenRoutes } from './token-routes.js';
import type { SandboxState } from './state.js';

export function assertNotProduction(): void {
  if (process.env.NODE_ENV === 'production') {
    throw new Error('The TrueLayer sandbox emulator refuses to run with NODE_ENV=production');
  }
}

/**
 * One app serves both hosts: real TrueLayer splits auth.* and api.*, but the paths do not
 * overlap, so a single origin keeps tests and the demo simple (clients only swap base URLs).
 */
export function createTrueLayerSandboxApp(state: SandboxState): Hono {
  assertNotProduction();
  const app = new Hono();

  app.use('*', async (c, next) => {
    const correlationId = randomUUID();
    const at = state.clock.now().toISOString();
    await next();
    c.header('X-TL-Correlation-Id', correlationId);
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

  app.route('/', authRoutes(state));
  app.route('/', tokenRoutes(state));
  app.route('/data/v1', dataRoutes(state));

  app.notFound((c) => tlError(c, 404, 'not_found', 'Not found'));
  app.onError((err, c) => tlError(c, 500, 'internal_server_error', `Emulator error: ${err.message}`));
  return app;
}
