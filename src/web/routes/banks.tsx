import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { chooseCategory, previewSimilar } from '../../categorize/choose.js';
import { undoBulk } from '../../categorize/undo.js';
import { disconnect } from '../../connections/disconnect.js';
import { isMonth } from '../../domain/dates.js';
import { formatMoney, toMinorUnits } from '../../domain/money.js';
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
      enablebankingEnabled={app.config.enablebanking !== null}
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

function categoryRequest(id: string, body: unknown) {
  const parsed = categoryBody.safeParse(body);
  if (!/^\d+$/.test(id) || !parsed.success)
    throw new HTTPException(400, { message: 'Send {"category": slug, "similar": boolean}.' });
  return { id: Number(id), ...parsed.data };
}

/** What "apply to similar" would change: the rule, the count and a sample, before anything moves. */
banks.post('/transactions/:id/category/preview', async (c) => {
  const { app } = c.get('deps');
  const req = categoryRequest(c.req.param('id'), await c.req.json().catch(() => null));
  const p = previewSimilar(app, req.id, req.category);
  const names = new Map(app.categories.list().map((k) => [k.id, k.name]));
  return c.json({
    rule: p.rule,
    category: p.category.name,
    matched: p.matched,
    moves: p.moves,
    sample: p.sample.map((m) => ({
      date: m.bookingDate,
      description: m.merchant ?? m.description,
      amount: formatMoney(m.amountMinor, m.currency),
      from: m.fromCategoryId === null ? 'Uncategorized' : (names.get(m.fromCategoryId) ?? ''),
    })),
  });
});

/** Inline category change from the transaction list; "apply to similar" creates a rule (the page previews it first). */
banks.post('/transactions/:id/category', async (c) => {
  const req = categoryRequest(c.req.param('id'), await c.req.json().catch(() => null));
  const r = chooseCategory(c.get('deps').app, req.id, req.category, { similar: req.similar ?? false });
  return c.json({ category: r.category.name, slug: r.category.slug, ruleId: r.ruleId, similar: r.similar, undoId: r.undoId });
});

/** The Undo button after a bulk change: only the newest change can be undone. */
banks.post('/undo/:id', (c) => {
  const id = c.req.param('id');
  if (!/^\d+$/.test(id)) throw new HTTPException(400, { message: 'Send the number of the change to undo.' });
  try {
    const r = undoBulk(c.get('deps').app, Number(id));
    return c.json({ summary: r.summary, restored: r.restored, kept: r.kept, rulesRemoved: r.rulesRemoved });
  } catch (e) {
    if (e instanceof TraxError) return c.json({ error: e.message }, e.code === 'usage' ? 409 : 404);
    throw e;
  }
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
