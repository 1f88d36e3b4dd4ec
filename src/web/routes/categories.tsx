import { TraxError } from '../../domain/errors.js';
import type { Context } from 'hono';
import type { Category } from '../../store/categories.js';
import { mergeCategories } from '../../categorize/category-changes.js';
import { factory, type WebEnv } from '../env.js';
import { formFields } from '../form-fields.js';
import { routeI18n, errorText } from '../i18n.js';
import { CategoriesPage } from '../views/categories.js';

/** /categories: the taxonomy through CategoryStore, exactly what `trax categories` does. */
export const categoriesRoutes = factory.createApp();

type Problem = { text: string; form: Record<string, string> } | null;

function page(c: Context<WebEnv>, asking: Category | null, problem: Problem = null, undoId: number | null = null) {
  const { app } = c.get('deps');
  return c.html(
    <CategoriesPage
      session={c.get('session')}
      categories={app.categories.list()}
      usage={app.categories.usage()}
      asking={asking}
      problem={problem}
      undoId={undoId}
    />,
    problem ? 422 : 200,
  );
}

/**
 * Runs a change; a refusal (a taken name, an empty one, a category that is gone) shows the page
 * again with the store's sentence and what was typed (422), not an error page. `run` answers with
 * the flash sentence, or with a path to go to instead.
 */
async function attempt(
  c: Context<WebEnv>,
  run: (form: Record<string, string>) => { flash: string } | { to: string },
  /** The add form shows what was typed again; a row's rename or delete has no form to refill. */
  refill = false,
): Promise<Response> {
  const form = await formFields(c);
  try {
    const r = run(form);
    if ('to' in r) return c.redirect(r.to, 303);
    c.get('session').flash = { kind: 'ok', text: r.flash };
    return c.redirect('/categories', 303);
  } catch (e) {
    if (!(e instanceof TraxError)) throw e;
    return page(c, null, { text: errorText(c, e), form: refill ? form : {} });
  }
}

categoriesRoutes.get('/categories', (c) => {
  const { app } = c.get('deps');
  const ask = c.req.query('remove');
  // The Undo button for a merge just made lives only on the page that follows it.
  const session = c.get('session');
  const undoId = session.lastUndo ?? null;
  session.lastUndo = null;
  return page(c, ask ? (app.categories.bySlug(ask) ?? null) : null, null, undoId);
});

categoriesRoutes.post('/categories', async (c) => {
  const { app } = c.get('deps');
  const { m, category } = routeI18n(c);
  return attempt(
    c,
    (form) => {
      const parent = form.parent ?? '';
      const added = app.categories.add(
        form.name ?? '',
        { ...(parent ? { parent } : {}), ...(form.income === '1' ? { kind: 'income' as const } : {}) },
        app.now().toISOString(),
      );
      return { flash: m.categoryAdded(category(added.slug, added.name)) };
    },
    true,
  );
});

categoriesRoutes.post('/categories/:slug/rename', async (c) => {
  const { app } = c.get('deps');
  const { m } = routeI18n(c);
  return attempt(c, (form) => {
    if (!form.name) throw new TraxError('usage', m.categoryNeedsName);
    return { flash: m.categoryRenamed(app.categories.rename(c.req.param('slug'), form.name).name) };
  });
});

/** Removes an unused category; one in use asks where its rows go, then merges (`trax categories merge`). */
categoriesRoutes.post('/categories/:slug/delete', async (c) => {
  const { app } = c.get('deps');
  const { m, category } = routeI18n(c);
  return attempt(c, (form) => {
    const from = app.categories.resolve(c.req.param('slug'));
    if (form.into) {
      const target = app.categories.resolve(form.into);
      const r = mergeCategories(app, from.slug, target.slug, `web: category ${from.slug} merged into ${target.slug}`);
      c.get('session').lastUndo = r.undoId;
      return { flash: m.categoryMerged(category(from.slug, from.name), category(target.slug, target.name), r.moved) };
    }
    const use = app.categories.usage().get(from.id);
    if (use && use.transactions + use.other > 0 && from.slug !== 'uncategorized' && from.slug !== 'transfers')
      return { to: `/categories?remove=${encodeURIComponent(from.slug)}` };
    app.categories.remove(from.slug);
    return { flash: m.categoryRemoved(category(from.slug, from.name)) };
  });
});
