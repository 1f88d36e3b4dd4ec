import { TraxError } from '../../domain/errors.js';
import { factory } from '../env.js';
import { routeI18n } from '../i18n.js';
import { CategoriesPage } from '../views/categories.js';

/** /categories: the taxonomy through CategoryStore, exactly what `trax categories` does. */
export const categoriesRoutes = factory.createApp();

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

categoriesRoutes.get('/categories', (c) => {
  const { app } = c.get('deps');
  const ask = c.req.query('remove');
  const asking = ask ? (app.categories.bySlug(ask) ?? null) : null;
  return c.html(
    <CategoriesPage
      session={c.get('session')}
      categories={app.categories.list()}
      usage={app.categories.usage()}
      asking={asking}
    />,
  );
});

categoriesRoutes.post('/categories', async (c) => {
  const { app } = c.get('deps');
  const { m, category } = routeI18n(c);
  const form = await c.req.parseBody();
  const name = text(form.name);
  const parent = text(form.parent);
  const added = app.categories.add(
    name,
    { ...(parent ? { parent } : {}), ...(form.income === '1' ? { kind: 'income' as const } : {}) },
    app.now().toISOString(),
  );
  c.get('session').flash = { kind: 'ok', text: m.categoryAdded(category(added.slug, added.name)) };
  return c.redirect('/categories', 303);
});

categoriesRoutes.post('/categories/:slug/rename', async (c) => {
  const { app } = c.get('deps');
  const { m } = routeI18n(c);
  const name = text((await c.req.parseBody()).name);
  if (!name) throw new TraxError('usage', 'A category needs a name.');
  const renamed = app.categories.rename(c.req.param('slug'), name);
  c.get('session').flash = { kind: 'ok', text: m.categoryRenamed(renamed.name) };
  return c.redirect('/categories', 303);
});

/** Removes an unused category; one in use asks where its rows go, then merges (`trax categories merge`). */
categoriesRoutes.post('/categories/:slug/delete', async (c) => {
  const { app } = c.get('deps');
  const { m, category } = routeI18n(c);
  const session = c.get('session');
  const from = app.categories.resolve(c.req.param('slug'));
  const into = text((await c.req.parseBody()).into);
  if (into) {
    const target = app.categories.resolve(into);
    const r = app.categories.merge(from.slug, target.slug);
    session.flash = {
      kind: 'ok',
      text: m.categoryMerged(category(from.slug, from.name), category(target.slug, target.name), r.moved),
    };
    return c.redirect('/categories', 303);
  }
  const use = app.categories.usage().get(from.id);
  if (use && use.transactions + use.other > 0 && from.slug !== 'uncategorized' && from.slug !== 'transfers')
    return c.redirect(`/categories?remove=${encodeURIComponent(from.slug)}`, 303);
  app.categories.remove(from.slug);
  session.flash = { kind: 'ok', text: m.categoryRemoved(category(from.slug, from.name)) };
  return c.redirect('/categories', 303);
});
