import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { chooseCategory } from '../../categorize/choose.js';
import { disconnect } from '../../connections/disconnect.js';
import { isMonth } from '../../domain/dates.js';
import { TraxError } from '../../domain/errors.js';
import { syncConnection } from '../../sync/engine.js';
import { factory } from '../env.js';
import { HomePage } from '../views/home.js';
import { TransactionsPage } from '../views/pages.js';

/** The Banks page, the transaction list, and the per-connection buttons. */
export const banks = factory.createApp();

banks.get('/', (c) => {
  const { app } = c.get('deps');
  return c.html(
    <HomePage
      session={c.get('session')}
      now={app.now()}
      connections={app.connections.list()}
      accounts={app.accounts.list()}
      balances={app.balances.latest()}
      plaidEnabled={app.config.plaid !== null}
      truelayerEnabled={app.config.truelayer !== null}
      plaidScript={app.config.plaid?.linkScriptUrl ?? null}
    />,
  );
});

banks.get('/transactions', (c) => {
  const { app } = c.get('deps');
  const account = c.req.query('account');
  const month = c.req.query('month');
  const accountId = account && /^\d+$/.test(account) ? Number(account) : null;
  if (month && !isMonth(month)) throw new HTTPException(400, { message: `"${month}" is not a month; use YYYY-MM.` });
  const rows = app.transactions.list({ ...(accountId !== null ? { accountId } : {}), ...(month ? { month } : {}), limit: 500 });
  return c.html(<TransactionsPage session={c.get('session')} rows={rows} accounts={app.accounts.list()} categories={app.categories.list()} accountId={accountId} month={month ?? null} />);
});

const categoryBody = z.object({ category: z.string().min(1), similar: z.boolean().optional() });

/** Inline category change from the transaction list; "apply to similar" creates a rule. */
banks.post('/transactions/:id/category', async (c) => {
  const id = Number(c.req.param('id'));
  const body = categoryBody.safeParse(await c.req.json().catch(() => null));
  if (!Number.isInteger(id) || !body.success) throw new HTTPException(400, { message: 'Send {"category": slug, "similar": boolean}.' });
  const r = chooseCategory(c.get('deps').app, id, body.data.category, { similar: body.data.similar ?? false });
  return c.json({ category: r.category.name, slug: r.category.slug, ruleId: r.ruleId, similar: r.similar });
});

banks.post('/connections/:id/sync', async (c) => {
  const { app } = c.get('deps');
  const outcome = await syncConnection(app, c.req.param('id'), { trigger: 'user', userIp: userIp(c.req.header('x-forwarded-for'), c.env) });
  c.get('session').flash =
    outcome.status === 'done'
      ? { kind: 'ok', text: `${outcome.institution}: ${outcome.added} new, ${outcome.modified} changed, ${outcome.removed} removed.` }
      : { kind: 'error', text: `${outcome.institution}: ${outcome.error?.message ?? 'sync failed'}` };
  return c.redirect('/', 303);
});

banks.post('/connections/:id/delete', async (c) => {
  const { app } = c.get('deps');
  const form = await c.req.parseBody();
  try {
    const r = await disconnect(app, c.req.param('id'), { purge: form.purge === '1' });
    const revoked = r.revokedAtProvider ? 'Access revoked at the provider' : `Could not revoke at the provider (${r.revokeProblem ?? 'no tokens'}); revoke it there too`;
    c.get('session').flash = { kind: r.revokeProblem ? 'error' : 'ok', text: `${r.institution} deleted. ${revoked}. ${r.purged ? 'Its history was deleted.' : 'Its history is kept.'}` };
  } catch (e) {
    if (!(e instanceof TraxError)) throw e;
    c.get('session').flash = { kind: 'error', text: e.message };
  }
  return c.redirect('/', 303);
});

/**
 * The user's address for banks' PSD2 "user present" exemption. Only a direct peer address is
 * trusted: behind no proxy, a forwarded header could claim anything.
 */
function userIp(_forwarded: string | undefined, env: unknown): string | null {
  const incoming = (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  const ip = incoming?.socket?.remoteAddress ?? null;
  return ip && ip !== '127.0.0.1' && ip !== '::1' && ip !== '::ffff:127.0.0.1' ? ip : null;
}
