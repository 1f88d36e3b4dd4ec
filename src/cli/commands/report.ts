import type { Command } from 'commander';
import type { App } from '../../app.js';
import { TraxError } from '../../domain/errors.js';
import { buildReport, type CurrencyReport, type Report } from '../../reports/report.js';
import { addMonths, resolvePeriod, spanOf, labelOf, type Range } from '../../reports/period.js';
import { reportCsv, reportJson } from '../../reports/serialize.js';
import { userTimezone } from '../../reports/tz.js';
import { reportByTag } from '../../reports/by-tag.js';
import type { Filters } from '../../reports/aggregate.js';
import { refuseUnsearchable } from '../refuse-unsearchable.js';
import { SavedSearchStore, searchWhere } from '../../store/search.js';
import { out, progress, withApp } from '../context.js';
import { tagReportCsv, tagReportJson, tagReportText } from './report-by-tag.js';
import { formatDay, formatMonth } from '../../i18n/format.js';
import { clean, cliText, colors, json, table, type CliText } from '../output.js';

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
  saved?: string;
  search?: string;
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
    .option('--saved <name>', 'only the transactions a saved search finds (see `trax search save`)')
    .option('--search <query>', 'only the transactions this search finds, in the words of `trax search`')
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
      const t = cliText();
      if (opts.json && opts.csv) throw new TraxError('usage', t.m.cliJsonOrCsv);
      if (opts.by !== undefined && opts.by !== 'category' && opts.by !== 'tag')
        throw new TraxError('usage', `--by "${opts.by}" is not a grouping; use --by category or --by tag.`);
      const accountId = opts.account === undefined ? undefined : Number(opts.account);
      if (accountId !== undefined && !Number.isInteger(accountId))
        throw new TraxError('usage', t.m.cliBadAccount(String(opts.account)));
      await withApp((app) => {
        const query = [opts.saved === undefined ? '' : new SavedSearchStore(app.db).get(opts.saved).query, opts.search ?? '']
          .join(' ')
          .trim();
        const search = reportSearch(app, query);
        const timezone = userTimezone(process.env);
        const now = app.now();
        const period = resolvePeriod(opts, now, timezone);
        if (accountId !== undefined && !app.accounts.get(accountId))
          throw new TraxError('not_found', t.m.cliNoSuchAccount(accountId));
        if (opts.by === 'tag') {
          const filters = { accountId, search, includePending: opts.includePending, includeTransfers: opts.includeTransfers };
          const lines = reportByTag(app.db, period, timezone, filters);
          if (opts.json)
            return out(json({ ...(tagReportJson(period, timezone, lines) as object), ...(query ? { search: query } : {}) }));
          if (opts.csv) return process.stdout.write(tagReportCsv(lines));
          return out(tagReportText(period.label, lines));
        }
        const report = buildReport(
          app.db,
          {
            from: period.from,
            to: period.to,
            accountId,
            search,
            includePending: opts.includePending,
            includeTransfers: opts.includeTransfers,
            timezone,
          },
          now,
        );
        if (opts.json) return out(json({ ...(reportJson(report) as object), ...(query ? { search: query } : {}) }));
        if (opts.csv) return process.stdout.write(reportCsv(report));
        out(reportText(app, report, accountId, t, query));
      });
    });
}

const pct = (r: number) => `${Math.round(r * 100)} %`;

/**
 * The period's name in the terminal's language: English keeps the report's own label
 * ("October 2026"); German writes "Oktober 2026", "2026", "01.10.2026 bis 15.10.2026".
 */
function periodLabel(range: Range, label: string, t: CliText): string {
  if (t.lang === 'en') return label;
  const span = spanOf(range);
  if (span.unit === 'months' && span.count === 1) return formatMonth(range.from.slice(0, 7), t.lang);
  if (span.unit === 'months' && span.count === 12 && range.from.slice(5, 7) === '01') return range.from.slice(0, 4);
  if (span.unit === 'months') {
    const last = addMonths(range.to, -1);
    return `${formatMonth(range.from.slice(0, 7), t.lang)} bis ${formatMonth(last.slice(0, 7), t.lang)}`;
  }
  // Days: the label is "YYYY-MM-DD" or "YYYY-MM-DD to YYYY-MM-DD".
  return label.replace(/\d{4}-\d{2}-\d{2}/g, (d) => formatDay(d, t.lang)).replace(' to ', ' bis ');
}

/** "+12 %", "−3 %", "new" (nothing before), "—" (nothing either time). */
function changeText(ratio: number | null, spent: number, t: CliText): string {
  if (ratio === null) return spent > 0 ? colors.dim(t.m.cliNew) : colors.dim('—');
  const p = Math.round(ratio * 100);
  if (p === 0) return '±0 %';
  // More spending is the thing to notice: red up, green down.
  return p > 0 ? colors.red(`+${p} %`) : colors.green(`−${-p} %`);
}

function comparisonLabels(r: Report, t: CliText): { previous: string; trailing: string } {
  const { m } = t;
  const span = spanOf(r);
  const trailing =
    span.unit === 'months'
      ? span.count === 12
        ? m.cli6YrAvg
        : span.count === 1
          ? m.cli6MoAvg
          : m.cli6PeriodAvg
      : m.cli6PeriodAvg;
  const prev =
    span.unit === 'months' && span.count === 1
      ? m.cliVs(periodLabel(r.previous, labelOf(r.previous), t).replace(/^(\p{L}{3})\p{L}*/u, '$1'))
      : span.unit === 'months' && span.count === 12
        ? m.cliVs(r.previous.from.slice(0, 4))
        : m.cliVsPrevious;
  return { previous: prev, trailing: m.cliVs(trailing) };
}

/**
 * A report over a search: the query compiled as `trax search` compiles it; words it does not
 * understand are named on stderr, as there, and the rest still narrows the report.
 */
function reportSearch(app: App, query: string): NonNullable<Filters['search']> | undefined {
  if (!query) return undefined;
  const t = cliText();
  refuseUnsearchable(query);
  const { where, warnings } = searchWhere(app.db, query);
  for (const w of warnings) progress(colors.yellow(t.m.cliWarning(w)));
  return where;
}

export function reportText(app: App, r: Report, accountId?: number, t: CliText = cliText(), search = ''): string {
  const { m } = t;
  const total = app.db.prepare('SELECT count(*) FROM transactions').pluck().get() as number;
  if (total === 0) return m.cliReportEmpty;
  const active = r.currencies.filter((c) => c.spending.some((l) => l.spentMinor > 0) || c.incomeMinor > 0);
  const scope =
    accountId === undefined ? m.cliAllAccounts : m.cliAccountScope(accountId, clean(app.accounts.get(accountId)?.name));
  const label = periodLabel(r, r.label, t);
  const over = search ? ` · ${m.cliReportOverSearch(clean(search))}` : '';
  const lines: string[] = [colors.bold(`${label}`) + colors.dim(` · ${scope}${over} · ${r.timezone}`)];
  if (!active.length) {
    const span = app.db
      .prepare<[], { a: string; b: string }>('SELECT min(booking_date) AS a, max(booking_date) AS b FROM transactions')
      .get()!;
    lines.push(m.cliNothingIn(label, t.day(span.a), t.day(span.b), span.b.slice(0, 7)));
    return lines.join('\n');
  }
  const labels = comparisonLabels(r, t);
  for (const c of r.currencies) lines.push('', currencyText(c, labels, t));
  lines.push('', colors.dim(m.cliComparedWith(periodLabel(r.previous, labelOf(r.previous), t), label)));
  return lines.join('\n');
}

function currencyText(c: CurrencyReport, labels: { previous: string; trailing: string }, t: CliText): string {
  const { m } = t;
  const money = (minor: number, currency: string) => t.money(minor, currency);
  const parts: string[] = [];
  const shown = c.spending.filter((l) => l.spentMinor > 0 || l.previousMinor > 0 || l.trailingAvgMinor > 0);
  if (shown.length) {
    parts.push(
      table(
        [m.cliSpending(c.currency), m.cliSpent, m.cliShare, labels.previous, labels.trailing],
        [
          ...shown.map((l) => [
            clean(t.category(l.slug, l.name)),
            money(l.spentMinor, c.currency),
            pct(l.share),
            changeText(l.changeVsPrevious, l.spentMinor, t),
            changeText(l.changeVsTrailing, l.spentMinor, t),
          ]),
          [colors.bold(m.cliTotal), colors.bold(money(c.totalSpentMinor, c.currency)), '', '', ''],
        ],
      ),
    );
  }
  const net =
    c.netSavedMinor < 0 ? colors.red(money(c.netSavedMinor, c.currency)) : colors.green(money(c.netSavedMinor, c.currency));
  parts.push(
    m.cliIncomeLine(money(c.incomeMinor, c.currency), net) + (c.savingsRate === null ? '' : m.cliSavingsRate(pct(c.savingsRate))),
  );
  if (c.topMerchants.length) {
    parts.push(
      m.cliTopMerchants +
        c.topMerchants
          .slice(0, 5)
          .map((x) => `${clean(x.name).slice(0, 28)} ${money(x.spentMinor, c.currency)}${x.count > 1 ? ` (${x.count}×)` : ''}`)
          .join(' · '),
    );
  }
  if (c.budgets.length) {
    parts.push(
      table(
        [m.cliBudget(c.currency), m.cliLimit, m.cliSpent, m.cliLeft, m.cliProjected],
        c.budgets.map((b) => [
          clean(t.category(b.slug, b.name)),
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
