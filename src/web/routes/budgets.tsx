import { budgetStatus } from '../../budgets/budget-status.js';
import { removeBudget, setBudget } from '../../budgets/set-budget.js';
import { BudgetStore } from '../../store/budgets.js';
import type { Context } from 'hono';
import { TraxError } from '../../domain/errors.js';
import { factory, type WebEnv } from '../env.js';
import { formFields } from '../form-fields.js';
import { routeI18n, errorText } from '../i18n.js';
import { BudgetsPage } from '../views/budgets.js';

/** /budgets: `trax budget` in the browser, with the report's own spent/left/projection figures. */
export const budgetsRoutes = factory.createApp();

type Problem = { text: string; form: Record<string, string> } | null;

function page(c: Context<WebEnv>, problem: Problem = null) {
  const { app } = c.get('deps');
  const status = budgetStatus(app);
  return c.html(
    <BudgetsPage
      session={c.get('session')}
      month={status.month}
      rows={status.rows}
      categories={app.categories.list()}
      currency={new BudgetStore(app.db).mostUsedCurrency() ?? ''}
      problem={problem}
    />,
    problem ? 422 : 200,
  );
}

/** A refusal shows the page again with its sentence and what was typed (422), not an error page. */
async function attempt(c: Context<WebEnv>, run: (form: Record<string, string>) => string): Promise<Response> {
  const form = await formFields(c);
  try {
    c.get('session').flash = { kind: 'ok', text: run(form) };
    return c.redirect('/budgets', 303);
  } catch (e) {
    if (!(e instanceof TraxError)) throw e;
    return page(c, { text: errorText(c, e), form });
  }
}

budgetsRoutes.get('/budgets', (c) => page(c));

budgetsRoutes.post('/budgets', async (c) => {
  const { app } = c.get('deps');
  const { m, money, category } = routeI18n(c);
  return attempt(c, (form) => {
    const b = setBudget(app, form.category ?? '', form.amount ?? '', form.currency ?? '', m);
    return m.budgetSaved(category(b.slug, b.name), money(b.amountMinor, b.currency));
  });
});

budgetsRoutes.post('/budgets/remove', async (c) => {
  const { app } = c.get('deps');
  const { m, category } = routeI18n(c);
  return attempt(c, (form) => m.budgetRemoved(removeBudget(app, form.category ?? '', form.currency ?? '', m, category).name));
});
