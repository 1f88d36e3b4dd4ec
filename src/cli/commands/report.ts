import type { Command } from 'commander';
import type { App } from '../../app.js';
import { TraxError } from '../../domain/errors.js';
import { buildReport, type CurrencyReport, type Report } from '../../reports/report.js';
import { resolvePeriod, spanOf, labelOf } from '../../reports/period.js';
import { reportCsv, reportJson } from '../../reports/serialize.js';
import { userTimezone } from '../../reports/tz.js';
import { reportByTag } from '../../reports/by-tag.js';
import { out, withApp } from '../context.js';
import { tagReportCsv, tagReportJson, tagReportText } from './report-by-tag.js';
import { clean, colors, json, money, table } from '../output.js';

interface ReportOpts {
  month?: string;
  year?: string;
  from?: string;
  to?: string;
  account?: string;
  includePending?: boolean;
  includeTransfers?: boolean;
  json?: boolean;
  csv?: boolean;
  by?: string;
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('where your money went: spending by category, income, savings, top merchants, budgets')
    .option('--month <YYYY-MM>', 'a calendar month (default: last month)')
    .option('--year <YYYY>', 'a calendar year')
    .option('--from <date>', 'first day, YYYY-MM-DD')
    .option('--to <date>', 'day after the last one, YYYY-MM-DD (exclusive; default: through today)')
    .option('--account <id>', 'only this account (see `trax accounts`)')
    .option('--include-pending', 'count pending transactions too')
    .option('--include-transfers', 'count transfers between your own accounts as spending and income')
    .option('--json', 'print as JSON (amounts as integer minor units and exact decimal strings)')
    .option('--csv', 'print as CSV, one row per line of the report')
    .option('--by <what>', 'category (the default) or tag: what each tag spent and earned (see `trax tx tag`)')
    .addHelpText(
      'after',
      `
Spending is money out in expense categories (and Uncategorized); income is money in in income
categories. Transfers between your own accounts and pending transactions are left out unless
asked. Each currency is reported on its own, never converted. Months follow your time zone
(TRAX_TIMEZONE, else TZ, else the system's). Every line is compared with the previous period
and with the average of the 6 periods before it.

Examples:
  trax report                       last month
  trax report --month 2026-10
  trax report --year 2026 --csv > 2026.csv
  trax report --from 2026-10-01 --to 2026-10-15 --account 2
  trax report --year 2026 --by tag  what each tag (urlaub, work, …) spent in 2026`,
    )
    .action(async (opts: ReportOpts) => {
      if (opts.json && opts.csv) throw new TraxError('usage', 'Choose one of --json or --csv.');
      if (opts.by !== undefined && opts.by !== 'category' && opts.by !== 'tag')
        throw new TraxError('usage', `--by "${opts.by}" is not a grouping; use --by category or --by tag.`);
      const accountId = opts.account === undefined ? undefined : Number(opts.account);
      if (accountId !== undefined && !Number.isInteger(accountId))
        throw new TraxError('usage', `--account "${opts.account}" is not an account id; see \`trax accounts\`.`);
      await withApp((app) => {
        const timezone = userTimezone(process.env);
        const now = app.now();
        const period = resolvePeriod(opts, now, timezone);
        if (accountId !== undefined && !app.accounts.get(accountId))
          throw new TraxError('not_found', `There is no account ${accountId}; run \`trax accounts\` to see the ids.`);
        if (opts.by === 'tag') {
          const filters = { accountId, includePending: opts.includePending, includeTransfers: opts.includeTransfers };
          const lines = reportByTag(app.db, period, timezone, filters);
          if (opts.json) return out(json(tagReportJson(period, timezone, lines)));
          if (opts.csv) return process.stdout.write(tagReportCsv(lines));
          return out(tagReportText(period.label, lines));
        }
        const report = buildReport(
          app.db,
          {
            from: period.from,
            to: period.to,
            accountId,
            includePending: opts.includePending,
            includeTransfers: opts.includeTransfers,
            timezone,
          },
          now,
        );
        if (opts.json) return out(json(reportJson(report)));
        if (opts.csv) return process.stdout.write(reportCsv(report));
        out(reportText(app, report, accountId));
      });
    });
}

const pct = (r: number) => `${Math.round(r * 100)} %`;

/** "+12 %", "−3 %", "new" (nothing before), "—" (nothing either time). */
function changeText(ratio: number | null, spent: number): string {
  if (ratio === null) return spent > 0 ? colors.dim('new') : colors.dim('—');
  const p = Math.round(ratio * 100);
  if (p === 0) return '±0 %';
  // More spending is the thing to notice: red up, green down.
  return p > 0 ? colors.red(`+${p} %`) : colors.green(`−${-p} %`);
}

function comparisonLabels(r: Report): { previous: string; trailing: string } {
  const span = spanOf(r);
  const trailing =
    span.unit === 'months' ? (span.count === 12 ? '6-yr avg' : span.count === 1 ? '6-mo avg' : '6-period avg') : '6-period avg';
  const prev =
    span.unit === 'months' && span.count === 1
      ? `vs ${labelOf(r.previous).replace(/^(\w{3})\w*/, '$1')}`
      : span.unit === 'months' && span.count === 12
        ? `vs ${r.previous.from.slice(0, 4)}`
        : 'vs previous';
  return { previous: prev, trailing: `vs ${trailing}` };
}

export function reportText(app: App, r: Report, accountId?: number): string {
  const total = app.db.prepare('SELECT count(*) FROM transactions').pluck().get() as number;
  if (total === 0) {
    return 'No transactions yet, so there is nothing to report. Connect a bank with `trax connect truelayer` (or link one in `trax serve`), run `trax sync`, then `trax report` shows where your money went.';
  }
  const active = r.currencies.filter((c) => c.spending.some((l) => l.spentMinor > 0) || c.incomeMinor > 0);
  const scope = accountId === undefined ? 'all accounts' : `account ${accountId} (${clean(app.accounts.get(accountId)?.name)})`;
  const lines: string[] = [colors.bold(`${r.label}`) + colors.dim(` · ${scope} · ${r.timezone}`)];
  if (!active.length) {
    const span = app.db
      .prepare<[], { a: string; b: string }>('SELECT min(booking_date) AS a, max(booking_date) AS b FROM transactions')
      .get()!;
    lines.push(
      `Nothing was spent or earned in ${r.label}. Your transactions run from ${span.a} to ${span.b}; try \`trax report --month ${span.b.slice(0, 7)}\`.`,
    );
    return lines.join('\n');
  }
  const labels = comparisonLabels(r);
  for (const c of r.currencies) lines.push('', currencyText(c, labels));
  lines.push(
    '',
    colors.dim(
      `Compared with ${labelOf(r.previous)} and the average of the 6 periods before ${r.label}. Transfers and pending excluded unless asked; --json or --csv for scripts.`,
    ),
  );
  return lines.join('\n');
}

function currencyText(c: CurrencyReport, labels: { previous: string; trailing: string }): string {
  const parts: string[] = [];
  const shown = c.spending.filter((l) => l.spentMinor > 0 || l.previousMinor > 0 || l.trailingAvgMinor > 0);
  if (shown.length) {
    parts.push(
      table(
        [`Spending (${c.currency})`, 'Spent', 'Share', labels.previous, labels.trailing],
        [
          ...shown.map((l) => [
            clean(l.name),
            money(l.spentMinor, c.currency),
            pct(l.share),
            changeText(l.changeVsPrevious, l.spentMinor),
            changeText(l.changeVsTrailing, l.spentMinor),
          ]),
          [colors.bold('Total'), colors.bold(money(c.totalSpentMinor, c.currency)), '', '', ''],
        ],
      ),
    );
  }
  const net =
    c.netSavedMinor < 0 ? colors.red(money(c.netSavedMinor, c.currency)) : colors.green(money(c.netSavedMinor, c.currency));
  parts.push(
    `Income ${money(c.incomeMinor, c.currency)} · net saved ${net}` +
      (c.savingsRate === null ? '' : ` · savings rate ${pct(c.savingsRate)}`),
  );
  if (c.topMerchants.length) {
    parts.push(
      `Top merchants: ${c.topMerchants
        .slice(0, 5)
        .map((m) => `${clean(m.name).slice(0, 28)} ${money(m.spentMinor, c.currency)}${m.count > 1 ? ` (${m.count}×)` : ''}`)
        .join(' · ')}`,
    );
  }
  if (c.budgets.length) {
    parts.push(
      table(
        [`Budget (${c.currency})`, 'Limit', 'Spent', 'Left', 'Projected'],
        c.budgets.map((b) => [
          clean(b.name),
          money(b.limitMinor, c.currency),
          money(b.spentMinor, c.currency),
          b.leftMinor < 0 ? colors.red(money(b.leftMinor, c.currency)) : money(b.leftMinor, c.currency),
          b.projectedMinor > b.limitMinor ? colors.red(money(b.projectedMinor, c.currency)) : money(b.projectedMinor, c.currency),
        ]),
      ),
    );
  }
  return parts.join('\n');
}
