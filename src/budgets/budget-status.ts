import type { App } from '../app.js';
import { minorToDecimalString } from '../domain/money.js';
import { buildReport } from '../reports/report.js';
import { resolvePeriod } from '../reports/period.js';
import { localDate, userTimezone } from '../reports/tz.js';
import { BudgetStore } from '../store/budgets.js';

export interface BudgetStatusRow {
  category: string;
  name: string;
  period: string;
  currency: string;
  limitMinor: number;
  limit: string;
  spentMinor: number;
  spent: string;
  leftMinor: number;
  left: string;
  projectedMinor: number;
  projected: string;
}

/**
 * Every budget with this month's spent, left and month-end projection, from the report's own
 * budget figures (`trax budget list` and the web's budgets page).
 */
export function budgetStatus(
  app: App,
  env: NodeJS.ProcessEnv = process.env,
): { month: string; label: string; timezone: string; rows: BudgetStatusRow[] } {
  const budgets = new BudgetStore(app.db).list();
  const timezone = userTimezone(env);
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
  return { month: month.from.slice(0, 7), label: month.label, timezone, rows };
}
