import type { Command } from 'commander';
import { slugLabel } from '../../i18n/categories.js';
import { detectRecurring, type RecurringSeries } from '../../reports/recurring.js';
import { withDecimals } from '../../reports/serialize.js';
import { localDate, userTimezone } from '../../reports/tz.js';
import { out, withApp } from '../context.js';
import { clean, cliText, colors, json, table, type CliText } from '../output.js';

export function registerRecurring(program: Command): void {
  program
    .command('recurring')
    .description('subscriptions and other recurring payments, with the next date and the cost per year')
    .option('--json', 'print as JSON (amounts as integer minor units and exact decimal strings)')
    .addHelpText(
      'after',
      `
A recurring payment is money out to the same payee at a steady price, weekly, monthly, quarterly
or yearly (a few days either way for weekends). Payments that stopped (the next one overdue by
a whole period, or 45 days) are left out. "price rose" marks one whose last payment was higher
than the one before (by more than 5 %).

Examples:
  trax recurring
  trax recurring --json | jq '.[] | select(.priceRose)'`,
    )
    .action(async (opts: { json?: boolean }) => {
      await withApp((app) => {
        const timezone = userTimezone(process.env);
        const series = detectRecurring(app.db, { now: app.now(), timezone });
        if (opts.json) return out(json(series.map((s) => withDecimals(s, s.currency))));
        if (!series.length) {
          const any = app.db.prepare('SELECT count(*) FROM transactions').pluck().get() as number;
          const { m } = cliText();
          return out(any ? m.cliNoRecurring : m.cliNoRecurringNoData);
        }
        out(recurringText(series, localDate(app.now(), timezone)));
      });
    });
}

export function recurringText(series: RecurringSeries[], today: string, t: CliText = cliText()): string {
  const { m, money } = t;
  const rose = series.some((s) => s.priceRose);
  const lines = [
    table(
      [
        m.recurringPayee,
        m.recurringCadence,
        m.cliAmount,
        m.cliLast,
        m.recurringNext,
        m.recurringPerYear,
        m.cliCategory,
        ...(rose ? [''] : []),
      ],
      series.map((s) => [
        clean(s.name).slice(0, 32),
        m.cadence(s.cadence),
        money(s.lastMinor, s.currency),
        t.day(s.lastDate),
        s.nextDate < today ? colors.yellow(m.cliDue(t.day(s.nextDate))) : t.day(s.nextDate),
        money(s.annualMinor, s.currency),
        slugLabel(s.categorySlug, t.lang),
        ...(rose
          ? [
              s.priceRose && s.previousMinor !== undefined
                ? colors.red(m.cliPriceRoseFrom(money(s.previousMinor, s.currency)))
                : '',
            ]
          : []),
      ]),
    ),
  ];
  const totals = new Map<string, number>();
  for (const s of series) totals.set(s.currency, (totals.get(s.currency) ?? 0) + s.annualMinor);
  lines.push(m.cliPerYearTotal([...totals].map(([c, minor]) => money(minor, c)).join(' · ')));
  return lines.join('\n');
}
