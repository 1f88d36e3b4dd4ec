import { HTTPException } from 'hono/http-exception';
import { isMonth } from '../../domain/dates.js';
import { minorUnitDigits } from '../../domain/money.js';
import { buildReport, monthlySeries, resolvePeriod, userTimezone } from '../../reports/index.js';
import { detectRecurring, type RecurringSeries } from '../../reports/recurring.js';
import { factory, type WebDeps } from '../env.js';
import { DashboardPage } from '../views/dashboard.js';

/** JSON inside a <script> element: escape what could end the element or open markup. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const RECURRING_TTL_MS = 10 * 60_000;

/**
 * Recurring detection reads years of history (~2 s at 1M rows): computed once per data version
 * (newest transaction and newest sync run) and at most every 10 minutes, not on every view.
 */
function cachedRecurring(deps: WebDeps, now: Date, timezone: string): RecurringSeries[] {
  const version = deps.app.db
    .prepare(`SELECT (SELECT max(id) FROM transactions) || '|' || (SELECT max(id) FROM sync_runs) || '|' || ?`)
    .pluck()
    .get(timezone) as string;
  const hit = deps.cache.get('recurring');
  if (hit && hit.key === version && Date.now() - hit.at < RECURRING_TTL_MS) return hit.value as RecurringSeries[];
  const value = detectRecurring(deps.app.db, { now, timezone });
  deps.cache.set('recurring', { key: version, at: Date.now(), value });
  return value;
}

export const dashboard = factory.createApp();

dashboard.get('/dashboard', (c) => {
  const { app } = c.get('deps');
  const timezone = userTimezone(process.env);
  const now = app.now();
  const asked = c.req.query('month');
  if (asked && !isMonth(asked)) throw new HTTPException(400, { message: `"${asked}" is not a month; use YYYY-MM.` });
  const period = resolvePeriod(asked ? { month: asked } : {}, now, timezone);
  const month = period.from.slice(0, 7);
  const report = buildReport(app.db, { from: period.from, to: period.to, timezone }, now);
  const series = monthlySeries(app.db, { endMonth: month, months: 12, timezone });
  const currencies = [...new Set([...report.currencies.map((r) => r.currency), ...series.map((s) => s.currency)])];
  const currency = c.req.query('currency') ?? report.currencies[0]?.currency ?? series[0]?.currency ?? null;
  const s = series.find((x) => x.currency === currency);
  const names = new Map(app.categories.list().map((k) => [k.slug, k.name]));
  const slugs = s ? [...new Set(s.months.flatMap((m) => Object.keys(m.byCategory)))] : [];
  const chartData = scriptJson({
    currency,
    digits: currency ? minorUnitDigits(currency) : 2,
    months: s?.months.map((m) => m.month) ?? [],
    categories: slugs.map((slug) => ({ slug, name: names.get(slug) ?? slug })),
    series: Object.fromEntries(slugs.map((slug) => [slug, s!.months.map((m) => m.byCategory[slug] ?? 0)])),
    income: s?.months.map((m) => m.incomeMinor) ?? [],
    spending: s?.months.map((m) => m.spentMinor) ?? [],
  });
  return c.html(
    <DashboardPage
      session={c.get('session')}
      month={month}
      currency={currency}
      currencies={currencies}
      report={report}
      recurring={cachedRecurring(c.get('deps'), now, timezone)}
      chartData={chartData}
    />,
  );
});
