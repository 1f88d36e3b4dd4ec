import { HTTPException } from 'hono/http-exception';
import { previewSimilar } from '../../categorize/choose.js';
import { accept, changeCategory, markReviewed, notDuplicate, notTransfer } from '../../review/actions.js';
import { reviewQueue } from '../../review/queue.js';
import { categoryName } from '../../i18n/categories.js';
import { formatDay } from '../../i18n/format.js';
import { messages } from '../../i18n/index.js';
import { requestLang } from '../../i18n/lang.js';
import type { App } from '../../app.js';
import { factory } from '../env.js';
import { ReviewPage, SimilarPreviewPage } from '../views/review.js';

/**
 * A page holds this many transaction entries (each carries a category picker: 200 made a 570 KB
 * page); Older/Newer links page through the rest. The count stops at COUNT_CAP ("At least 1000").
 */
const PAGE_LIMIT = 50;
const COUNT_CAP = 1_000;

/** The review inbox page; every answer is a plain form post that redirects back. */
export const reviewRoutes = factory.createApp();

/** The flash sentences in the request's language (they are shown on the page redirected to). */
function say(app: App, acceptLanguage: string | undefined) {
  const lang = requestLang(process.env, acceptLanguage);
  const names = new Map(app.categories.list().map((k) => [k.slug, categoryName(k.slug, k.name, lang)]));
  return {
    m: messages(lang),
    day: (d: string) => formatDay(d, lang),
    category: (slug: string) => names.get(slug) ?? slug,
  };
}

const formText = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

reviewRoutes.get('/review', (c) => {
  const { app } = c.get('deps');
  const page = Math.max(1, Math.min(1_000_000, Number.parseInt(c.req.query('page') ?? '1', 10) || 1));
  const queue = reviewQueue(app, { limit: PAGE_LIMIT, offset: (page - 1) * PAGE_LIMIT, countCap: COUNT_CAP });
  // Past the end (the last entries answered from the last page): back to the start.
  if (page > 1 && !queue.items.some((i) => i.kind !== 'duplicate')) return c.redirect('/review', 303);
  return c.html(
    <ReviewPage
      session={c.get('session')}
      queue={queue}
      page={{ number: page, size: PAGE_LIMIT }}
      categories={app.categories.list()}
    />,
  );
});

reviewRoutes.post('/review/:id{[0-9]+}/accept', (c) => {
  const { app } = c.get('deps');
  const { m, category } = say(app, c.req.header('accept-language'));
  const r = accept(app, Number(c.req.param('id')));
  const ids = r.transactionIds.map((id) => `#${id}`).join(` ${m.reviewAnd} `);
  c.get('session').flash = { kind: 'ok', text: m.reviewKept(category(r.category), ids) };
  return c.redirect('/review', 303);
});

reviewRoutes.post('/review/:id{[0-9]+}/category', async (c) => {
  const { app } = c.get('deps');
  const { m, category: nameOf } = say(app, c.req.header('accept-language'));
  const session = c.get('session');
  const id = Number(c.req.param('id'));
  const form = await c.req.parseBody();
  const category = formText(form.category);
  if (!category) throw new HTTPException(400, { message: m.reviewChooseFirst });
  const similar = form.similar === '1';
  // "And similar" shows the rule and what it would move first, as `trax review category --similar` does.
  if (similar && form.confirm !== '1') {
    return c.html(
      <SimilarPreviewPage session={session} preview={previewSimilar(app, id, category)} categories={app.categories.list()} />,
    );
  }
  const r = changeCategory(app, id, category, { similar });
  session.flash = {
    kind: 'ok',
    text: m.reviewNowIn(r.transactionId, nameOf(r.category.slug), r.ruleId !== null ? r.similar : null),
  };
  return c.redirect('/review', 303);
});

reviewRoutes.post('/review/:id{[0-9]+}/not-transfer', async (c) => {
  const { app } = c.get('deps');
  const { m, category } = say(app, c.req.header('accept-language'));
  const form = await c.req.parseBody();
  const r = notTransfer(app, Number(c.req.param('id')), formText(form.category));
  const rows = r.rows.map((x) => m.reviewRowIs(x.id, category(x.category))).join(', ');
  c.get('session').flash = { kind: 'ok', text: m.reviewUnpaired(rows) };
  return c.redirect('/review', 303);
});

reviewRoutes.post('/review/duplicate/:id{[0-9]+}/not-duplicate', (c) => {
  const { app } = c.get('deps');
  const { m, day } = say(app, c.req.header('accept-language'));
  const item = notDuplicate(app, Number(c.req.param('id')));
  c.get('session').flash = { kind: 'ok', text: m.reviewOwnBooking(day(item.row.bookingDate), item.row.description) };
  return c.redirect('/review', 303);
});

reviewRoutes.post('/review/done', (c) => {
  const { m } = say(c.get('deps').app, c.req.header('accept-language'));
  markReviewed(c.get('deps').app);
  c.get('session').flash = { kind: 'ok', text: m.reviewMarked };
  return c.redirect('/review', 303);
});
