import { categoryName } from '../../i18n/categories.js';
import { requestLang } from '../../i18n/lang.js';
import { HTTPException } from 'hono/http-exception';
import { isMonth } from '../../domain/dates.js';
import { minorUnitDigits } from '../../domain/money.js';
import { buildReport, monthlySeries, resolvePeriod, userTimezone } from '../../reports/index.js';
import { RecurringIndex, type RecurringSeries } from '../../reports/recurring.js';
import { factory, type WebDeps } from '../env.js';
import { NotesTagsStore } from '../../store/notes-tags.js';
import { SavedSearchStore, searchWhere } from '../../store/search.js';
import { DashboardPage } from '../views/dashboard.js';

/** JSON inside a <script> element: escape what could end the element or open markup. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Recurring detection reads years of history (~2 s at 1M rows), so the server keeps one index
 * per time zone and each view applies only the rows changed since the last one (the change log
 * of migration 008): the first view after a sync re-examines just the payees the sync touched.
 */
function recurring(deps: WebDeps, now: Date, timezone: string): RecurringSeries[] {
  const hit = deps.cache.get('recurring');
  let index = hit?.key === timezone ? (hit.value as RecurringIndex) : undefined;
  if (!index) {
    index = new RecurringIndex(timezone);
    deps.cache.set('recurring', { key: timezone, at: now.getTime(), value: index });
  }
  return index.series(deps.app.db, now);
}

/** The transaction-list query that shows the rows behind the narrowed view: tag and search ANDed. */
function listQuery(tag: string | undefined, search: string | undefined): string | null {
  const parts = [tag ? `tag:${tag}` : '', search ?? ''].filter(Boolean);
  return parts.length ? parts.join(' ') : null;
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
  const tags = new NotesTagsStore(app.db).allTags();
  // Only a tag in use narrows the view; any other text would match nothing and hide the data.
  const tag = tags.find((t) => t === c.req.query('tag')?.trim().toLowerCase());
  // A saved search narrows the view the way `trax report --saved NAME` does; like the tag, only a
  // name that exists counts, and a saved query with nothing searchable in it narrows nothing.
  const saved = new SavedSearchStore(app.db).list();
  const chosen = saved.find((s) => s.name === c.req.query('saved'));
  const search = chosen ? searchWhere(app.db, chosen.query).where : undefined;
  const report = buildReport(app.db, { from: period.from, to: period.to, timezone, tag, search }, now);
  const series = monthlySeries(app.db, { endMonth: month, months: 12, timezone, tag, search });
  const currencies = [...new Set([...report.currencies.map((r) => r.currency), ...series.map((s) => s.currency)])];
  // Opens on the currency the user books most in over the year shown, not this month's busiest:
  // a week in London should not turn an ING customer's dashboard into pounds.
  const mostBooked = [...series].sort((a, b) => b.bookings - a.bookings || a.currency.localeCompare(b.currency))[0]?.currency;
  const currency = c.req.query('currency') ?? mostBooked ?? report.currencies[0]?.currency ?? null;
  const s = series.find((x) => x.currency === currency);
  const lang = requestLang(process.env, c.req.header('accept-language'));
  const names = new Map(app.categories.list().map((k) => [k.slug, categoryName(k.slug, k.name, lang)]));
  const slugs = s ? [...new Set(s.months.flatMap((m) => Object.keys(m.byCategory)))] : [];
  const chartData = scriptJson({
    currency,
    digits: currency ? minorUnitDigits(currency) : 2,
    months: s?.months.map((m) => m.month) ?? [],
    categories: slugs.map((slug) => ({ slug, name: names.get(slug) ?? slug })),
    series: Object.fromEntries(slugs.map((slug) => [slug, s!.months.map((m) => m.byCategory[slug] ?? 0)])),
    income: s?.months.map((m) => m.incomeMinor) ?? [],
    spending: s?.months.map((m) => m.spentMinor) ?? [],
    // A bar opens the transaction list narrowed the same way.
    query: listQuery(tag, search ? chosen?.query : undefined),
  });
  return c.html(
    <DashboardPage
      session={c.get('session')}
      month={month}
      currency={currency}
      currencies={currencies}
      tags={tags}
      tag={tag ?? null}
      savedSearches={saved.map((x) => x.name)}
      saved={search ? chosen!.name : null}
      listQuery={listQuery(tag, search ? chosen?.query : undefined)}
      report={report}
      recurring={recurring(c.get('deps'), now, timezone)}
      chartData={chartData}
    />,
  );
});
