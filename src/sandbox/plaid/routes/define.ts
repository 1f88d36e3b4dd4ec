import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import { authenticate, parseBody, readJsonBody } from '../request.js';
import type { ItemRecord, SandboxState } from '../state.js';

export interface PlaidEnv {
  Variables: { requestId: string; errorCode: string | undefined };
}
export type PlaidApp = Hono<PlaidEnv>;
export type PlaidContext = Context<PlaidEnv>;

export interface CallArgs<T> {
  c: PlaidContext;
  body: T;
  clientId: string;
}

/**
 * Declares one Plaid API endpoint: POST + JSON, keys checked, body validated, and the handler's
 * result returned with `request_id` (every Plaid response carries one). Errors are thrown as
 * PlaidApiError and rendered by app.onError.
 */
export function plaidPost<S extends z.ZodType>(
  app: PlaidApp,
  state: SandboxState,
  path: string,
  schema: S,
  handler: (args: CallArgs<z.output<S>>) => Record<string, unknown> | Promise<Record<string, unknown>>,
): void {
  app.post(path, async (c) => {
    const raw = await readJsonBody(c);
    const clientId = authenticate(state, c, raw);
    const body = parseBody(schema, raw);
    const result = await handler({ c, body, clientId });
    return c.json({ ...result, request_id: c.get('requestId') });
  });
}

/**
 * The gate in front of every data call: the token must name a live item of this client, then
 * injected faults fire, then (unless the endpoint reports item health itself, like /item/get)
 * an item in error fails the call with that error. Finally the item catches up with the clock.
 */
export function dataItem(
  state: SandboxState,
  c: PlaidContext,
  accessToken: string,
  clientId: string,
  opts: { requireHealthy: boolean },
): ItemRecord {
  const item = state.itemByAccessToken(accessToken, clientId);
  const fault = state.faults.takeForDataCall(c.req.path);
  if (fault) throw fault;
  if (opts.requireHealthy) {
    const err = state.itemError(item);
    if (err) throw err;
  }
  item.ledger.refresh(state.today());
  return item;
}
