import { budgetStatus } from '../../budgets/budget-status.js';
import { removeBudget, setBudget } from '../../budgets/set-budget.js';
import { BudgetStore } from '../../store/budgets.js';
import { factory } from '../env.js';
import { routeI18n } from '../i18n.js';
import { BudgetsPage } from '../views/budgets.js';

/** /budgets: `trax budget` in the browser, with the report's own spent/left/projection figures. */
export const budgetsRoutes = factory.createApp();

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

budgetsRoutes.get('/budgets', (c) => {
  const { app } = c.get('deps');
  const status = budgetStatus(app);
  return c.html(
    <BudgetsPage
      session={c.get('session')}
      month={status.month}
      rows={status.rows}
      categories={app.categories.list()}
      currency={new BudgetStore(app.db).mostUsedCurrency() ?? ''}
    />,
  );
});

budgetsRoutes.post('/budgets', async (c) => {
  const { app } = c.get('deps');
  const { m, money, category } = routeI18n(c);
  const form = await c.req.parseBody();
  const b = setBudget(app, text(form.category), text(form.amount), text(form.currency), m);
  c.get('session').flash = { kind: 'ok', text: m.budgetSaved(category(b.slug, b.name), money(b.amountMinor, b.currency)) };
  return c.redirect('/budgets', 303);
});

budgetsRoutes.post('/budgets/remove', async (c) => {
  const { app } = c.get('deps');
  const { m, category } = routeI18n(c);
  const form = await c.req.parseBody();
  const r = removeBudget(app, text(form.category), text(form.currency), m, category);
  c.get('session').flash = { kind: 'ok', text: m.budgetRemoved(r.name) };
  return c.redirect('/budgets', 303);
});
