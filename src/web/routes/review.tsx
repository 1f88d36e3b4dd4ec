import { HTTPException } from 'hono/http-exception';
import { previewSimilar } from '../../categorize/choose.js';
import { accept, changeCategory, markReviewed, notDuplicate, notTransfer } from '../../review/actions.js';
import { reviewQueue } from '../../review/queue.js';
import { factory } from '../env.js';
import { ReviewPage, SimilarPreviewPage } from '../views/review.js';

/** The web page holds at most this many entries; the count says how many more wait. */
const PAGE_LIMIT = 200;

/** The review inbox page; every answer is a plain form post that redirects back. */
export const reviewRoutes = factory.createApp();

const formText = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

reviewRoutes.get('/review', (c) => {
  const { app } = c.get('deps');
  return c.html(
    <ReviewPage session={c.get('session')} queue={reviewQueue(app, { limit: PAGE_LIMIT })} categories={app.categories.list()} />,
  );
});

reviewRoutes.post('/review/:id{[0-9]+}/accept', (c) => {
  const r = accept(c.get('deps').app, Number(c.req.param('id')));
  c.get('session').flash = {
    kind: 'ok',
    text: `Kept ${r.categoryName} for ${r.transactionIds.map((id) => `#${id}`).join(' and ')}.`,
  };
  return c.redirect('/review', 303);
});

reviewRoutes.post('/review/:id{[0-9]+}/category', async (c) => {
  const { app } = c.get('deps');
  const session = c.get('session');
  const id = Number(c.req.param('id'));
  const form = await c.req.parseBody();
  const category = formText(form.category);
  if (!category) throw new HTTPException(400, { message: 'Choose a category first.' });
  const similar = form.similar === '1';
  // "And similar" shows the rule and what it would move first, as `trax review category --similar` does.
  if (similar && form.confirm !== '1') {
    const names = new Map(app.categories.list().map((k) => [k.id, k.name]));
    return c.html(<SimilarPreviewPage session={session} preview={previewSimilar(app, id, category)} names={names} />);
  }
  const r = changeCategory(app, id, category, { similar });
  session.flash = {
    kind: 'ok',
    text: `#${r.transactionId} is now ${r.category.name}${r.ruleId !== null ? `; a rule moved ${r.similar} similar transactions (Undo with \`trax undo\`)` : ''}.`,
  };
  return c.redirect('/review', 303);
});

reviewRoutes.post('/review/:id{[0-9]+}/not-transfer', async (c) => {
  const form = await c.req.parseBody();
  const r = notTransfer(c.get('deps').app, Number(c.req.param('id')), formText(form.category));
  c.get('session').flash = {
    kind: 'ok',
    text: `Not a transfer: ${r.rows.map((x) => `#${x.id} is ${x.category}`).join(', ')}.`,
  };
  return c.redirect('/review', 303);
});

reviewRoutes.post('/review/duplicate/:id{[0-9]+}/not-duplicate', (c) => {
  const item = notDuplicate(c.get('deps').app, Number(c.req.param('id')));
  c.get('session').flash = { kind: 'ok', text: `${item.row.bookingDate} ${item.row.description} is a booking of its own.` };
  return c.redirect('/review', 303);
});

reviewRoutes.post('/review/done', (c) => {
  markReviewed(c.get('deps').app);
  c.get('session').flash = { kind: 'ok', text: 'Marked reviewed: only what comes in from now on is new.' };
  return c.redirect('/review', 303);
});
