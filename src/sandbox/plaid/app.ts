import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { Errors, PlaidApiError } from './errors.js';
import { randomPlaidId } from './ids.js';
import type { PlaidApp } from './routes/define.js';
import { institutionRoutes } from './routes/institutions.js';
import { itemRoutes } from './routes/items.js';
import { linkRoutes } from './routes/link.js';
import { oauthRoutes } from './routes/oauth.js';
import { sandboxRoutes } from './routes/sandbox.js';
import { tokenRoutes } from './routes/tokens.js';
import { transactionRoutes } from './routes/transactions.js';
import type { RequestLogEntry, SandboxState } from './state.js';

export function assertNotProduction(): void {
  if (process.env.NODE_ENV === 'production') {
    throw new Error('The Plaid sandbox emulator refuses to run with NODE_ENV=production');
  }
}

/** The emulator as one route table: API endpoints, the Link stand-in and the bank's OAuth page. */
export function createPlaidSandboxApp(state: SandboxState): PlaidApp {
  assertNotProduction();
  const app: PlaidApp = new Hono();

  // Request log: path, status and Plaid error code only. Bodies and headers carry secrets.
  app.use('*', async (c, next) => {
    c.set('requestId', randomPlaidId(15));
    await next();
    const entry: RequestLogEntry = { path: c.req.path, status: c.res.status };
    const code = c.get('errorCode');
    if (code !== undefined) entry.errorCode = code;
    state.requestLog.push(entry);
  });
  app.use('*', state.interrupt.middleware());

  tokenRoutes(app, state);
  itemRoutes(app, state);
  institutionRoutes(app, state);
  transactionRoutes(app, state);
  sandboxRoutes(app, state);
  linkRoutes(app, state);
  oauthRoutes(app, state);

  app.notFound((c) => {
    const err = Errors.notFound();
    c.set('errorCode', err.code);
    return c.json(err.body(c.get('requestId')), 404);
  });
  app.onError((thrown, c) => {
    const err = thrown instanceof PlaidApiError ? thrown : Errors.internal();
    if (!(thrown instanceof PlaidApiError)) console.error('[plaid sandbox] unexpected error', thrown);
    c.set('errorCode', err.code);
    return c.json(err.body(c.get('requestId')), err.status as ContentfulStatusCode);
  });
  return app;
}
