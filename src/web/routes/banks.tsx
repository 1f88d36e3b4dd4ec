import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { chooseCategory } from '../../categorize/choose.js';
import { disconnect } from '../../connections/disconnect.js';
import { isMonth } from '../../domain/dates.js';
import { toMinorUnits } from '../../domain/money.js';
import type { TransactionQuery } from '../../store/transactions.js';
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

const PAGE_SIZE = 100;

/** Filters from the query string; anything malformed is a 400 that names the field. */
function transactionQuery(query: (k: string) => string | undefined) {
  const month = query('month') || undefined;
  if (month && !isMonth(month)) throw new HTTPException(400, { message: `"${month}" is not a month; use YYYY-MM.` });
  const num = (k: string) => {
    const v = query(k);
    if (!v) return undefined;
    if (!/^-?\d+(\.\d{1,2})?$/.test(v))
      throw new HTTPException(400, { message: `"${v}" is not an amount for ${k}; write it like -12.50.` });
    return toMinorUnits(v, 'EUR');
  };
  const account = query('account');
  const page = Math.max(1, Number(query('page') ?? '1') || 1);
  const sort = query('sort') === 'amount' ? ('amount' as const) : ('date' as const);
  const order = query('order') === 'asc' ? ('asc' as const) : ('desc' as const);
  const filters: TransactionQuery = {
    ...(month ? { month } : {}),
    ...(account && /^\d+$/.test(account) ? { accountId: Number(account) } : {}),
    ...(query('category') ? { category: query('category')! } : {}),
    ...(query('merchant') ? { merchant: query('merchant')! } : {}),
    ...(query('q') ? { text: query('q')! } : {}),
    ...(num('min') !== undefined ? { minMinor: num('min')! } : {}),
    ...(num('max') !== undefined ? { maxMinor: num('max')! } : {}),
  };
  return { filters, page, sort, order };
}

banks.get('/transactions', (c) => {
  const { app } = c.get('deps');
  const { filters, page, sort, order } = transactionQuery((k) => c.req.query(k));
  const total = app.transactions.count(filters);
  const rows = app.transactions.list({ ...filters, sort, order, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const params = new URL(c.req.url).searchParams;
  return c.html(
    <TransactionsPage
      session={c.get('session')}
      rows={rows}
      accounts={app.accounts.list()}
      categories={app.categories.list()}
      params={Object.fromEntries(params)}
      total={total}
      page={page}
      pageSize={PAGE_SIZE}
    />,
  );
});

const categoryBody = z.object({ category: z.string().min(1), similar: z.boolean().optional() });

/** Inline category change from the transaction list; "apply to similar" creates a rule. */
banks.post('/transactions/:id/category', async (c) => {
  const id = Number(c.req.param('id'));
  const body = categoryBody.safeParse(await c.req.json().catch(() => null));
  if (!Number.isInteger(id) || !body.success)
    throw new HTTPException(400, { message: 'Send {"category": slug, "similar": boolean}.' });
  const r = chooseCategory(c.get('deps').app, id, body.data.category, { similar: body.data.similar ?? false });
  return c.json({ category: r.category.name, slug: r.category.slug, ruleId: r.ruleId, similar: r.similar });
});

banks.post('/connections/:id/sync', async (c) => {
  const { app } = c.get('deps');
  const outcome = await syncConnection(app, c.req.param('id'), {
    trigger: 'user',
    userIp: userIp(c.req.header('x-forwarded-for'), c.env),
  });
  c.get('session').flash =
    outcome.status === 'done'
      ? {
          kind: 'ok',
          text: `${outcome.institution}: ${outcome.added} new, ${outcome.modified} changed, ${outcome.removed} removed.`,
        }
      : { kind: 'error', text: `${outcome.institution}: ${outcome.error?.message ?? 'sync failed'}` };
  return c.redirect('/', 303);
});

banks.post('/connections/:id/delete', async (c) => {
  const { app } = c.get('deps');
  const form = await c.req.parseBody();
  try {
    const r = await disconnect(app, c.req.param('id'), { purge: form.purge === '1' });
    const revoked = r.revokedAtProvider
      ? 'Access revoked at the provider'
      : `Could not revoke at the provider (${r.revokeProblem ?? 'no tokens'}); revoke it there too`;
    c.get('session').flash = {
      kind: r.revokeProblem ? 'error' : 'ok',
      text: `${r.institution} deleted. ${revoked}. ${r.purged ? 'Its history was deleted.' : 'Its history is kept.'}`,
    };
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
