import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { requirePlaid } from '../../config/index.js';
import { connectPlaidWithPublicToken, finishPlaidRelink, plaidLinkToken } from '../../connections/connect-plaid.js';
import { applyPlaidWebhook } from '../../connections/plaid-webhook.js';
import { factory } from '../env.js';
import { OAuthReturnPage } from '../views/pages.js';

const linkTokenBody = z.object({ relinkId: z.string().nullable().optional() });
const exchangeBody = z.object({ public_token: z.string().min(1), institution_id: z.string().nullable().optional() });
const relinkedBody = z.object({ connectionId: z.string().min(1) });

async function json<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const parsed = schema.safeParse(await req.json().catch(() => null));
  if (!parsed.success) throw new HTTPException(400, { message: 'The request body is not what this endpoint expects.' });
  return parsed.data;
}

/** Plaid Link's server side, the OAuth return page, and the webhook receiver. */
export const plaid = factory.createApp();

plaid.post('/plaid/link-token', async (c) => {
  const { relinkId } = await json(c.req.raw, linkTokenBody);
  const token = await plaidLinkToken(c.get('deps').app, relinkId ? { relinkId } : {});
  return c.json({ link_token: token });
});

plaid.post('/plaid/exchange', async (c) => {
  const body = await json(c.req.raw, exchangeBody);
  const { connection, firstSync } = await connectPlaidWithPublicToken(
    c.get('deps').app,
    body.public_token,
    body.institution_id ? { institutionId: body.institution_id } : {},
  );
  c.get('session').flash =
    firstSync.status === 'failed'
      ? {
          kind: 'error',
          text: `Connected ${connection.institutionName}, but the first sync failed: ${firstSync.error?.message ?? ''}`,
        }
      : {
          kind: 'ok',
          text: `Connected ${connection.institutionName}: ${firstSync.added} new transactions.${firstSync.warnings.length ? ` ${firstSync.warnings.join(' ')}` : ''}`,
        };
  return c.json({ connectionId: connection.id, status: firstSync.status });
});

plaid.post('/plaid/relinked', async (c) => {
  const { connectionId } = await json(c.req.raw, relinkedBody);
  const outcome = await finishPlaidRelink(c.get('deps').app, connectionId);
  c.get('session').flash =
    outcome.status === 'done'
      ? { kind: 'ok', text: `${outcome.institution} relinked and synced.` }
      : { kind: 'error', text: outcome.error?.message ?? 'Relinked, but the sync failed.' };
  return c.json({ status: outcome.status });
});

plaid.get('/oauth-return', (c) => {
  const cfg = requirePlaid(c.get('deps').app.config);
  return c.html(<OAuthReturnPage session={c.get('session')} plaidScript={cfg.linkScriptUrl} />);
});

/**
 * Verified with Plaid's signature, answered at once; the work (a sync) runs after the reply.
 * A replayed delivery is answered 200 with `duplicate: true` and does nothing.
 */
plaid.post('/webhooks/plaid', async (c) => {
  const deps = c.get('deps');
  if (!deps.plaidVerifier) return c.json({ error: 'Plaid is not configured here.' }, 404);
  const raw = new Uint8Array(await c.req.arrayBuffer());
  const result = await deps.plaidVerifier.verify(c.req.header('plaid-verification'), raw);
  if (!result.ok) {
    deps.log(`Ignored a Plaid webhook that failed verification: ${result.reason}`);
    return c.json({ error: 'verification failed' }, 401);
  }
  if (result.duplicate) {
    // A replay of a delivery already acted on. 200, so a retry by Plaid is not retried again;
    // nothing is done twice.
    deps.log(`Ignored a replayed Plaid webhook for ${result.event.itemId}`);
    return c.json({ received: true, duplicate: true });
  }
  deps.track(
    applyPlaidWebhook(deps.app, result.event).then(
      (o) => deps.log(`Plaid webhook for ${o.connectionId ?? result.event.itemId}: ${o.did}`),
      (e: unknown) => deps.log(`Plaid webhook for ${result.event.itemId} failed: ${(e as Error).message}`),
    ),
  );
  return c.json({ received: true });
});
