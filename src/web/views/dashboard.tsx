import type { RecurringSeries } from '../../reports/recurring.js';
import type { CurrencyReport, Report } from '../../reports/index.js';
import type { Session } from '../session.js';
import { useI18n } from '../i18n.js';
import { Layout } from './layout.js';

export interface DashboardProps {
  session: Session;
  month: string;
  currency: string | null;
  currencies: string[];
  /** Tags in use, and the one the view is narrowed to (null: all rows). */
  tags: string[];
  tag: string | null;
  /** Saved searches by name, and the one the view is narrowed to (null: none). */
  savedSearches: string[];
  saved: string | null;
  /** The list query behind the narrowed view (tag and search), for the links; null: not narrowed. */
  listQuery: string | null;
  report: Report;
  recurring: RecurringSeries[];
  /** Serialized for the chart script: months, stacked series, income and spending. */
  chartData: string;
}

export function DashboardPage(p: DashboardProps) {
  const cur: CurrencyReport | undefined = p.report.currencies.find((c) => c.currency === p.currency) ?? p.report.currencies[0];
  const { m, money: formatMoney, month, percent, day, category } = useI18n();
  const pct = (r: number | null) => (r === null ? '—' : percent(r, true));
  // The report's own label is English ("May 2026"); a month period is named in the page's language.
  const period = /^\d{4}-\d{2}$/.test(p.month) ? month(p.month) : p.report.label;
  const link = (params: Record<string, string>) =>
    `/transactions?${new URLSearchParams({ month: p.month, ...(p.listQuery ? { q: p.listQuery } : {}), ...params })}`;
  return (
    <Layout title={m.dashboardTitle} session={p.session} scripts={['/static/vendor/chart.umd.min.js', '/static/dashboard.js']}>
      <form method="get" action="/dashboard" class="filters">
        <h1>{m.dashboardHeading}</h1>
        <input type="month" name="month" value={p.month} aria-label={m.month} />
        {p.currencies.length > 1 && (
          <select name="currency" aria-label={m.currency}>
            {p.currencies.map((c) => (
              <option value={c} selected={c === cur?.currency}>
                {c}
              </option>
            ))}
          </select>
        )}
        {p.tags.length > 0 && (
          <select name="tag" aria-label={m.dashboardTag} data-tag-filter>
            <option value="">{m.dashboardAllTags}</option>
            {p.tags.map((t) => (
              <option value={t} selected={t === p.tag}>
                #{t}
              </option>
            ))}
          </select>
        )}
        {p.savedSearches.length > 0 && (
          <select name="saved" aria-label={m.dashboardSaved} data-saved-filter>
            <option value="">{m.dashboardNoSaved}</option>
            {p.savedSearches.map((n) => (
              <option value={n} selected={n === p.saved}>
                {n}
              </option>
            ))}
          </select>
        )}
        <button type="submit">{m.show}</button>
      </form>
      {!cur ? (
        <p class="empty">{m.dashboardEmpty(period)}</p>
      ) : (
        <>
          <section class="kpis">
            <div class="kpi">
              <span>{m.spentIn(period)}</span>
              <strong data-kpi="spent">{formatMoney(cur.totalSpentMinor, cur.currency)}</strong>
            </div>
            <div class="kpi">
              <span>{m.income}</span>
              <strong data-kpi="income">{formatMoney(cur.incomeMinor, cur.currency)}</strong>
            </div>
            <div class="kpi">
              <span>{m.netSaved}</span>
              <strong data-kpi="net" class={cur.netSavedMinor < 0 ? 'negative' : ''}>
                {formatMoney(cur.netSavedMinor, cur.currency)}
              </strong>
            </div>
            <div class="kpi">
              <span>{m.savingsRate}</span>
              <strong data-kpi="rate">{cur.savingsRate === null ? '—' : percent(cur.savingsRate)}</strong>
            </div>
          </section>
          <section class="panel">
            <h2>{m.last12Months}</h2>
            <canvas id="chart-months" height="110" aria-label={m.last12MonthsChart}></canvas>
          </section>
          <div class="grid">
            <section class="panel">
              <h2>{m.categoriesIn(period)}</h2>
              <table class="breakdown">
                <tbody>
                  {cur.spending.map((c) => (
                    <tr>
                      <td>
                        <a href={link({ category: c.slug })} data-category-link={c.slug}>
                          {category(c.slug, c.name)}
                        </a>
                        <div class="bar">
                          <span style={`width:${Math.max(1, Math.round(c.share * 100))}%`}></span>
                        </div>
                      </td>
                      <td class="amount">{formatMoney(c.spentMinor, cur.currency)}</td>
                      <td class="muted" title={m.vsPrevious}>
                        {pct(c.changeVsPrevious)}
                      </td>
                      <td class="muted" title={m.vsTrailing}>
                        {pct(c.changeVsTrailing)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section class="panel">
              <h2>{m.incomeVsSpending}</h2>
              <canvas id="chart-trend" height="200" aria-label={m.incomeVsSpendingChart}></canvas>
            </section>
            <section class="panel">
              <h2>{m.topMerchants}</h2>
              <table>
                <tbody>
                  {cur.topMerchants.map((m) => (
                    <tr>
                      <td>
                        <a href={link({ q: m.name })}>{m.name}</a>
                      </td>
                      <td class="muted">{m.count}×</td>
                      <td class="amount">{formatMoney(m.spentMinor, cur.currency)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section class="panel">
              <h2>{m.budgets}</h2>
              {cur.budgets.length === 0 ? (
                <p class="hint">
                  {m.noBudgets} <code>trax budget set groceries 400</code>.
                </p>
              ) : (
                cur.budgets.map((b) => (
                  <div class="budget" data-budget={b.slug}>
                    <div class="budget-head">
                      <a href={link({ category: b.slug })}>{category(b.slug, b.name)}</a>
                      <span class={b.leftMinor < 0 ? 'negative' : 'muted'}>
                        {m.budgetLine(formatMoney(b.spentMinor, cur.currency), formatMoney(b.limitMinor, cur.currency))} ·{' '}
                        {b.leftMinor < 0
                          ? m.budgetOver(formatMoney(-b.leftMinor, cur.currency))
                          : m.budgetLeft(formatMoney(b.leftMinor, cur.currency))}{' '}
                        · {m.budgetProjected(formatMoney(b.projectedMinor, cur.currency))}
                      </span>
                    </div>
                    <progress
                      max={String(b.limitMinor)}
                      value={String(Math.min(b.spentMinor, b.limitMinor))}
                      class={b.projectedMinor > b.limitMinor ? 'over' : ''}
                    ></progress>
                  </div>
                ))
              )}
            </section>
            <section class="panel">
              <h2>{m.recurringPayments}</h2>
              {p.recurring.length === 0 ? (
                <p class="hint">{m.noRecurring}</p>
              ) : (
                <table class="recurring stack">
                  <thead>
                    <tr>
                      <th scope="col">{m.recurringPayee}</th>
                      <th scope="col">{m.recurringCadence}</th>
                      <th scope="col">{m.recurringNext}</th>
                      <th scope="col" class="amount">
                        {m.recurringPerYear}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.recurring.slice(0, 12).map((r) => (
                      <tr>
                        <td data-label={m.recurringPayee}>
                          {r.name}
                          {r.priceRose ? <span class="badge">{m.priceRose}</span> : null}
                        </td>
                        <td data-label={m.recurringCadence} class="muted">
                          {m.cadence(r.cadence)}
                        </td>
                        <td data-label={m.recurringNext} class="muted">
                          {day(r.nextDate)}
                        </td>
                        <td data-label={m.recurringPerYear} class="amount">
                          {formatMoney(r.annualMinor, r.currency)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          </div>
          {/* JSON for the chart script; `<` escaped so bank text cannot close the element. */}
          <script type="application/json" id="dashboard-data" dangerouslySetInnerHTML={{ __html: p.chartData }}></script>
        </>
      )}
    </Layout>
  );
}
