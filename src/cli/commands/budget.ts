import type { Command } from 'commander';
import { TraxError } from '../../domain/errors.js';
import { minorToDecimalString, minorUnitDigits, toMinorUnits } from '../../domain/money.js';
import { buildReport } from '../../reports/report.js';
import { resolvePeriod } from '../../reports/period.js';
import { localDate, userTimezone } from '../../reports/tz.js';
import { BudgetStore } from '../../store/budgets.js';
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
        const store = new BudgetStore(app.db);
        const currency = (opts.currency ?? store.mostUsedCurrency() ?? '').toUpperCase();
        if (!currency)
          throw new TraxError(
            'usage',
            'Trax cannot tell your currency yet (no accounts or transactions); add --currency, e.g. --currency EUR.',
          );
        try {
          minorUnitDigits(currency);
        } catch {
          throw new TraxError(
            'usage',
            `--currency "${opts.currency}" is not an ISO 4217 currency code; use e.g. EUR, GBP or USD.`,
          );
        }
        let minor: number;
        try {
          minor = toMinorUnits(amountText.trim(), currency);
        } catch {
          throw new TraxError(
            'usage',
            `"${amountText}" is not an amount in ${currency}; write the monthly limit like 400 or 150.50.`,
          );
        }
        if (minor <= 0)
          throw new TraxError('usage', `A budget must be more than zero; to drop one, run \`trax budget rm ${categoryRef}\`.`);
        const category = app.categories.resolve(categoryRef);
        if (category.kind !== 'expense' && category.kind !== 'uncategorized') {
          throw new TraxError(
            'usage',
            `"${category.name}" is ${category.kind === 'income' ? 'an income' : 'a transfer'} category; budgets limit spending, so pick an expense category (see \`trax categories list\`).`,
          );
        }
        const b = store.set(category.id, minor, currency, 'monthly', app.now().toISOString());
        out(`Budget for ${clean(b.name)}: ${money(b.amountMinor, b.currency)} a month.`);
      });
    });

  budget
    .command('list')
    .description("budgets with this month's spent, left and month-end projection")
    .option('--json', 'print as JSON (amounts as integer minor units and exact decimal strings)')
    .action(async (opts: { json?: boolean }) => {
      await withApp((app) => {
        const budgets = new BudgetStore(app.db).list();
        const timezone = userTimezone(process.env);
        const now = app.now();
        // Budgets are about the month you are in (the report defaults to the last complete one).
        const month = resolvePeriod({ month: localDate(now, timezone).slice(0, 7) }, now, timezone);
        const report = buildReport(app.db, { from: month.from, to: month.to, timezone }, now);
        const status = new Map(report.currencies.flatMap((c) => c.budgets.map((b) => [`${c.currency}:${b.slug}`, b] as const)));
        const rows = budgets.map((b) => {
          const s = status.get(`${b.currency}:${b.slug}`);
          const dec = (m: number) => minorToDecimalString(m, b.currency);
          return {
            category: b.slug,
            name: b.name,
            period: b.period,
            currency: b.currency,
            limitMinor: b.amountMinor,
            limit: dec(b.amountMinor),
            spentMinor: s?.spentMinor ?? 0,
            spent: dec(s?.spentMinor ?? 0),
            leftMinor: s?.leftMinor ?? b.amountMinor,
            left: dec(s?.leftMinor ?? b.amountMinor),
            projectedMinor: s?.projectedMinor ?? 0,
            projected: dec(s?.projectedMinor ?? 0),
          };
        });
        if (opts.json) return out(json({ month: month.from.slice(0, 7), budgets: rows }));
        if (!rows.length)
          return out('No budgets yet. Set one with `trax budget set groceries 400` (a monthly limit in your main currency).');
        out(colors.bold(month.label) + colors.dim(` · ${timezone}`));
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
        const category = app.categories.resolve(categoryRef);
        const n = new BudgetStore(app.db).remove(category.id, opts.currency?.toUpperCase());
        if (n === 0)
          throw new TraxError(
            'not_found',
            `There is no budget for ${category.name}${opts.currency ? ` in ${opts.currency.toUpperCase()}` : ''}; see \`trax budget list\`.`,
          );
        out(`Removed the budget for ${clean(category.name)}.`);
      });
    });
}
