import type { Command } from 'commander';
import { TraxError } from '../../domain/errors.js';
import { minorToDecimalString, minorUnitDigits, toMinorUnits } from '../../domain/money.js';
import { buildReport } from '../../reports/report.js';
import { resolvePeriod } from '../../reports/period.js';
import { localDate, userTimezone } from '../../reports/tz.js';
import { BudgetStore } from '../../store/budgets.js';
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
        const store = new BudgetStore(app.db);
        const currency = (opts.currency ?? store.mostUsedCurrency() ?? '').toUpperCase();
        if (!currency) throw new TraxError('usage', m.cliBudgetNoCurrency);
        try {
          minorUnitDigits(currency);
        } catch {
          throw new TraxError('usage', m.cliBadCurrency(opts.currency ?? ''));
        }
        let minor: number;
        try {
          minor = toMinorUnits(amountText.trim(), currency);
        } catch {
          throw new TraxError('usage', m.cliBudgetBadAmount(amountText, currency));
        }
        if (minor <= 0) throw new TraxError('usage', m.cliBudgetNotPositive(categoryRef));
        const category = app.categories.resolve(categoryRef);
        if (category.kind !== 'expense' && category.kind !== 'uncategorized') {
          throw new TraxError('usage', m.cliBudgetNotExpense(category.name, category.kind === 'income'));
        }
        const b = store.set(category.id, minor, currency, 'monthly', app.now().toISOString());
        out(m.cliBudgetSet(clean(t.category(category.slug, b.name)), money(b.amountMinor, b.currency)));
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
        if (!rows.length) return out(m.cliNoBudgets);
        const label = t.lang === 'en' ? month.label : formatMonth(month.from.slice(0, 7), t.lang);
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
        const category = app.categories.resolve(categoryRef);
        const n = new BudgetStore(app.db).remove(category.id, opts.currency?.toUpperCase());
        const name = t.category(category.slug, category.name);
        if (n === 0) throw new TraxError('not_found', t.m.cliNoBudgetFor(name, opts.currency?.toUpperCase() ?? null));
        out(t.m.cliBudgetRemoved(clean(name)));
      });
    });
}
