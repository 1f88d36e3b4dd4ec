import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { chooseCategory, previewSimilar } from '../../categorize/choose.js';
import { undoBulk } from '../../categorize/undo.js';
import { disconnect } from '../../connections/disconnect.js';
import { isMonth } from '../../domain/dates.js';
import type { Db } from '../../store/db.js';
import { searchWhere } from '../../store/search.js';
import { NotesTagsStore } from '../../store/notes-tags.js';
import { amountToken } from './amount-filter.js';
import type { TransactionQuery } from '../../store/transactions.js';
import { TraxError } from '../../domain/errors.js';
import { syncConnection } from '../../sync/engine.js';
import { factory } from '../env.js';
import { routeI18n, errorText } from '../i18n.js';
import type { Messages } from '../../i18n/index.js';
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

/**
 * Filters from the query string; anything malformed is a 400 that names the field. `q` is the
 * search language of `trax search` (src/search/parse.ts): what it cannot read comes back as
 * warnings for the page, and the rest is still searched.
 */
function transactionQuery(db: Db, query: (k: string) => string | undefined, m: Messages) {
  const month = query('month') || undefined;
  if (month && !isMonth(month)) throw new HTTPException(400, { message: m.notAMonth(month) });
  // The amount fields speak the search language's amounts (src/search/parse.ts): a bare "50"
  // compares the size, so it finds a -60.04 payment as ">50" does; "-50" or "+50" is signed.
  const amount = (k: string) => {
    const v = query(k)?.trim();
    if (!v) return undefined;
    if (!/^[+-]?\d{1,12}([.,]\d{1,2})?$/.test(v)) throw new HTTPException(400, { message: m.notAnAmount(v, k) });
    return v;
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
  };
  const search = searchWhere(db, [amountToken(amount('min'), amount('max')), query('q') ?? ''].join(' '));
  if (search.where) filters.where = search.where;
  return { filters, page, sort, order, warnings: search.warnings };
}

banks.get('/transactions', (c) => {
  const { app } = c.get('deps');
  const { filters, page, sort, order, warnings } = transactionQuery(app.db, (k) => c.req.query(k), routeI18n(c).m);
  const total = app.transactions.count(filters);
  const totals = app.transactions.totalsByCurrency(filters);
  const rows = app.transactions.list({ ...filters, sort, order, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const params = new URL(c.req.url).searchParams;
  const notes = new NotesTagsStore(app.db);
  const ids = rows.map((r) => r.id);
  return c.html(
    <TransactionsPage
      session={c.get('session')}
      rows={rows}
      accounts={app.accounts.list()}
      categories={app.categories.list()}
      params={Object.fromEntries(params)}
      total={total}
      totals={totals}
      notes={notes.notesOf(ids)}
      tags={notes.tagsOf(ids)}
      page={page}
      pageSize={PAGE_SIZE}
      warnings={warnings}
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
  // What the page shows the user, in the page's language (this JSON feeds the page, not scripts).
  const t = routeI18n(c);
  const names = new Map(app.categories.list().map((k) => [k.id, t.category(k.slug, k.name)]));
  return c.json({
    rule: p.rule,
    category: t.category(p.category.slug, p.category.name),
    matched: p.matched,
    moves: p.moves,
    sample: p.sample.map((m) => ({
      date: t.day(m.bookingDate),
      description: m.merchant ?? m.description,
      amount: t.money(m.amountMinor, m.currency),
      from: m.fromCategoryId === null ? t.m.uncategorized : (names.get(m.fromCategoryId) ?? ''),
    })),
  });
});

/** Inline category change from the transaction list; "apply to similar" creates a rule (the page previews it first). */
banks.post('/transactions/:id/category', async (c) => {
  const req = categoryRequest(c.req.param('id'), await c.req.json().catch(() => null));
  const r = chooseCategory(c.get('deps').app, req.id, req.category, { similar: req.similar ?? false });
  const name = routeI18n(c).category(r.category.slug, r.category.name);
  return c.json({ category: name, slug: r.category.slug, ruleId: r.ruleId, similar: r.similar, undoId: r.undoId });
});

/** The Undo button after a bulk change: only the newest change can be undone. */
banks.post('/undo/:id', (c) => {
  const id = c.req.param('id');
  if (!/^\d+$/.test(id)) throw new HTTPException(400, { message: 'Send the number of the change to undo.' });
  try {
    const r = undoBulk(c.get('deps').app, Number(id));
    return c.json({ summary: r.summary, restored: r.restored, kept: r.kept, rulesRemoved: r.rulesRemoved });
  } catch (e) {
    if (e instanceof TraxError) return c.json({ error: errorText(c, e) }, e.code === 'usage' ? 409 : 404);
    throw e;
  }
});

banks.post('/connections/:id/sync', async (c) => {
  const { app } = c.get('deps');
  const outcome = await syncConnection(app, c.req.param('id'), {
    trigger: 'user',
    userIp: userIp(c.req.header('x-forwarded-for'), c.env),
  });
  const { m } = routeI18n(c);
  c.get('session').flash =
    outcome.status === 'done'
      ? { kind: 'ok', text: m.syncDone(outcome.institution, outcome.added, outcome.modified, outcome.removed) }
      : { kind: 'error', text: `${outcome.institution}: ${outcome.error?.message ?? m.syncFailed}` };
  return c.redirect('/', 303);
});

banks.post('/connections/:id/delete', async (c) => {
  const { app } = c.get('deps');
  const form = await c.req.parseBody();
  const { m } = routeI18n(c);
  try {
    const r = await disconnect(app, c.req.param('id'), { purge: form.purge === '1' });
    const revoked = r.revokedAtProvider ? m.revokedAtProvider : m.notRevoked(r.revokeProblem ?? m.noTokens);
    c.get('session').flash = {
      kind: r.revokeProblem ? 'error' : 'ok',
      text: `${m.deleted(r.institution)} ${revoked}. ${r.purged ? m.historyDeleted : m.historyKept}`,
    };
  } catch (e) {
    if (!(e instanceof TraxError)) throw e;
    c.get('session').flash = { kind: 'error', text: errorText(c, e) };
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
