import type { Command } from 'commander';
import { budgetStatus } from '../../budgets/budget-status.js';
import { removeBudget, setBudget } from '../../budgets/set-budget.js';
import { out, withApp } from '../context.js';
import { clean, colors, json, money, table } from '../output.js';
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
      await withApp((app) => {
        const b = setBudget(app, categoryRef, amountText, opts.currency);
        out(`Budget for ${clean(b.name)}: ${money(b.amountMinor, b.currency)} a month.`);
      });
    });

  budget
    .command('list')
    .description("budgets with this month's spent, left and month-end projection")
    .option('--json', 'print as JSON (amounts as integer minor units and exact decimal strings)')
    .action(async (opts: { json?: boolean }) => {
      await withApp((app) => {
        const { month, label, timezone, rows } = budgetStatus(app);
        if (opts.json) return out(json({ month, budgets: rows }));
        if (!rows.length)
          return out('No budgets yet. Set one with `trax budget set groceries 400` (a monthly limit in your main currency).');
        out(colors.bold(label) + colors.dim(` · ${timezone}`));
        out(
          table(
            ['Category', 'Budget', 'Spent', 'Left', 'Projected'],
            rows.map((r) => [
              clean(r.name),
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
      await withApp((app) => {
        const r = removeBudget(app, categoryRef, opts.currency);
        out(`Removed the budget for ${clean(r.name)}.`);
      });
    });
}
