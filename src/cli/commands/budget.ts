import type { Command } from 'commander';
import { budgetStatus } from '../../budgets/budget-status.js';
import { removeBudget, setBudget } from '../../budgets/set-budget.js';
import { out, withApp } from '../context.js';
import { formatMonth } from '../../i18n/format.js';
import { clean, cliText, colors, json, table } from '../output.js';
export function registerBudget(program: Command): void {
  const budget = program
    .command('budget')
    .description('monthly spending limits per category: set, list, remove')
    .addHelpText(
      'after',
      `
A budget on a top-level category (e.g. transport) covers its subcategories (fuel, taxi, …).
\`trax budget list\` and \`trax report\` show spent, left and the month-end projection.

Examples:
  trax budget set groceries 400
  trax budget set eating-out 150.50 --currency GBP
  trax budget list
  trax budget rm groceries`,
    );

  budget
    .command('set')
    .description('set (or change) the monthly budget of a category')
    .argument('<category>', 'category slug or name (see `trax categories list`)')
    .argument('<amount>', 'the monthly limit, e.g. 400 or 150.50')
    .option('--monthly', 'per calendar month (the default and, for now, the only period)')
    .option('--currency <code>', 'ISO currency (default: the one most of your transactions are in)')
    .action(async (categoryRef: string, amountText: string, opts: { monthly?: boolean; currency?: string }) => {
      const t = cliText();
      const { m, money } = t;
      await withApp((app) => {
        const b = setBudget(app, categoryRef, amountText, opts.currency, m);
        out(m.cliBudgetSet(clean(t.category(b.slug, b.name)), money(b.amountMinor, b.currency)));
      });
    });

  budget
    .command('list')
    .description("budgets with this month's spent, left and month-end projection")
    .option('--json', 'print as JSON (amounts as integer minor units and exact decimal strings)')
    .action(async (opts: { json?: boolean }) => {
      const t = cliText();
      const { m, money } = t;
      await withApp((app) => {
        const { month, label: english, timezone, rows } = budgetStatus(app);
        if (opts.json) return out(json({ month, budgets: rows }));
        if (!rows.length) return out(m.cliNoBudgets);
        const label = t.lang === 'en' ? english : formatMonth(month, t.lang);
        out(colors.bold(label) + colors.dim(` · ${timezone}`));
        out(
          table(
            [m.cliCategory, m.cliBudgetColumn, m.cliSpent, m.cliLeft, m.cliProjected],
            rows.map((r) => [
              clean(t.category(r.category, r.name)),
              money(r.limitMinor, r.currency),
              money(r.spentMinor, r.currency),
              money(r.leftMinor, r.currency),
              r.projectedMinor > r.limitMinor
                ? colors.red(money(r.projectedMinor, r.currency))
                : money(r.projectedMinor, r.currency),
            ]),
          ),
        );
      });
    });

  budget
    .command('rm')
    .description('remove the budget of a category')
    .argument('<category>', 'category slug or name')
    .option('--currency <code>', "only the budget in this currency (default: all of the category's budgets)")
    .action(async (categoryRef: string, opts: { currency?: string }) => {
      const t = cliText();
      await withApp((app) => {
        const r = removeBudget(app, categoryRef, opts.currency, t.m, t.category);
        out(t.m.cliBudgetRemoved(clean(t.category(r.slug, r.name))));
      });
    });
}
