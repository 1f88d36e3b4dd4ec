import { formatMoney } from '../../domain/money.js';
import type { RecurringSeries } from '../../reports/recurring.js';
import type { CurrencyReport, Report } from '../../reports/index.js';
import type { Session } from '../session.js';
import { Layout } from './layout.js';

export interface DashboardProps {
  session: Session;
  month: string;
  currency: string | null;
  currencies: string[];
  report: Report;
  recurring: RecurringSeries[];
  /** Serialized for the chart script: months, stacked series, income and spending. */
  chartData: string;
}

const pct = (r: number | null) => (r === null ? '—' : `${r > 0 ? '+' : ''}${Math.round(r * 100)}%`);

export function DashboardPage(p: DashboardProps) {
  const cur: CurrencyReport | undefined = p.report.currencies.find((c) => c.currency === p.currency) ?? p.report.currencies[0];
  const link = (params: Record<string, string>) => `/transactions?${new URLSearchParams({ month: p.month, ...params })}`;
  return (
    <Layout title="Dashboard" session={p.session} scripts={['/static/vendor/chart.umd.min.js', '/static/dashboard.js']}>
      <form method="get" action="/dashboard" class="filters">
        <h1>Where the money went</h1>
        <input type="month" name="month" value={p.month} aria-label="Month" />
        {p.currencies.length > 1 && (
          <select name="currency" aria-label="Currency">
            {p.currencies.map((c) => (
              <option value={c} selected={c === cur?.currency}>
                {c}
              </option>
            ))}
          </select>
        )}
        <button type="submit">Show</button>
      </form>
      {!cur ? (
        <p class="empty">
          No transactions in {p.report.label} yet. Link a bank on the Banks page (or run <code>npm run demo</code>); its history
          shows up here right after.
        </p>
      ) : (
        <>
          <section class="kpis">
            <div class="kpi">
              <span>Spent in {p.report.label}</span>
              <strong data-kpi="spent">{formatMoney(cur.totalSpentMinor, cur.currency)}</strong>
            </div>
            <div class="kpi">
              <span>Income</span>
              <strong data-kpi="income">{formatMoney(cur.incomeMinor, cur.currency)}</strong>
            </div>
            <div class="kpi">
              <span>Net saved</span>
              <strong data-kpi="net" class={cur.netSavedMinor < 0 ? 'negative' : ''}>
                {formatMoney(cur.netSavedMinor, cur.currency)}
              </strong>
            </div>
            <div class="kpi">
              <span>Savings rate</span>
              <strong data-kpi="rate">{cur.savingsRate === null ? '—' : `${Math.round(cur.savingsRate * 100)}%`}</strong>
            </div>
          </section>
          <section class="panel">
            <h2>Last 12 months by category</h2>
            <canvas id="chart-months" height="110" aria-label="Spending per month, stacked by category"></canvas>
          </section>
          <div class="grid">
            <section class="panel">
              <h2>Categories in {p.report.label}</h2>
              <table class="breakdown">
                <tbody>
                  {cur.spending.map((c) => (
                    <tr>
                      <td>
                        <a href={link({ category: c.slug })} data-category-link={c.slug}>
                          {c.name}
                        </a>
                        <div class="bar">
                          <span style={`width:${Math.max(1, Math.round(c.share * 100))}%`}></span>
                        </div>
                      </td>
                      <td class="amount">{formatMoney(c.spentMinor, cur.currency)}</td>
                      <td class="muted" title="vs previous month">
                        {pct(c.changeVsPrevious)}
                      </td>
                      <td class="muted" title="vs 6-month average">
                        {pct(c.changeVsTrailing)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section class="panel">
              <h2>Income vs spending</h2>
              <canvas id="chart-trend" height="200" aria-label="Income and spending per month"></canvas>
            </section>
            <section class="panel">
              <h2>Top merchants</h2>
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
              <h2>Budgets</h2>
              {cur.budgets.length === 0 ? (
                <p class="hint">
                  No budgets yet. Set one with <code>trax budget set groceries 400</code>.
                </p>
              ) : (
                cur.budgets.map((b) => (
                  <div class="budget" data-budget={b.slug}>
                    <div class="budget-head">
                      <a href={link({ category: b.slug })}>{b.name}</a>
                      <span class={b.leftMinor < 0 ? 'negative' : 'muted'}>
                        {formatMoney(b.spentMinor, cur.currency)} of {formatMoney(b.limitMinor, cur.currency)} ·{' '}
                        {b.leftMinor < 0
                          ? `${formatMoney(-b.leftMinor, cur.currency)} over`
                          : `${formatMoney(b.leftMinor, cur.currency)} left`}{' '}
                        · projected {formatMoney(b.projectedMinor, cur.currency)}
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
              <h2>Recurring payments</h2>
              {p.recurring.length === 0 ? (
                <p class="hint">No recurring payments found yet; they show up after a few months of history.</p>
              ) : (
                <table>
                  <tbody>
                    {p.recurring.slice(0, 12).map((r) => (
                      <tr>
                        <td>
                          {r.name}
                          {r.priceRose ? <span class="badge">price rose</span> : null}
                        </td>
                        <td class="muted">{r.cadence}</td>
                        <td class="muted">next {r.nextDate}</td>
                        <td class="amount">{formatMoney(r.annualMinor, r.currency)}/yr</td>
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
