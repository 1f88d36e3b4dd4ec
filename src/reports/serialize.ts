/**
 * Reports for scripts: JSON and CSV with every amount twice, as integer minor units (exact, for
 * arithmetic) and as a decimal string (exact, for reading); never as a float.
 */
import { minorToDecimalString } from '../domain/money.js';
import { csvField } from './export/text.js';
import type { CategoryLine, Report } from './report.js';

/**
 * Adds a decimal string beside every `…Minor` field (`spentMinor: 41230` → `spent: "412.30"`),
 * using the currency of the enclosing currency report.
 */
export function withDecimals<T>(value: T, currency: string): T {
  if (Array.isArray(value)) return value.map((v) => withDecimals(v, currency)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = withDecimals(v, currency);
    if (k.endsWith('Minor') && typeof v === 'number') out[k.slice(0, -'Minor'.length)] = minorToDecimalString(v, currency);
  }
  return out as T;
}

export function reportJson(r: Report): unknown {
  return { ...r, currencies: r.currencies.map((c) => withDecimals(c, c.currency)) };
}

export const REPORT_CSV_COLUMNS = [
  'from', 'to', 'currency', 'section', 'slug', 'name', 'parent', 'amount_minor', 'amount', 'count', 'share',
  'previous_minor', 'change_vs_previous', 'trailing_avg_minor', 'change_vs_trailing', 'limit_minor', 'left_minor', 'projected_minor',
] as const;

/**
 * One table for the whole report. `section` says what a row is: `category` (top-level spending
 * line), `subcategory`, `total`, `income`, `net`, `merchant` or `budget`.
 */
export function reportCsv(r: Report): string {
  const rows: string[] = [REPORT_CSV_COLUMNS.join(',')];
  for (const c of r.currencies) {
    const dec = (minor: number) => minorToDecimalString(minor, c.currency);
    const row = (fields: Partial<Record<(typeof REPORT_CSV_COLUMNS)[number], string | number | null>>) =>
      rows.push(
        REPORT_CSV_COLUMNS.map((col) => {
          const v = ({ from: r.from, to: r.to, currency: c.currency, ...fields } as Record<string, string | number | null | undefined>)[col];
          return csvField(v, col === 'name');
        }).join(','),
      );
    const line = (section: string, l: CategoryLine) =>
      row({
        section, slug: l.slug, name: l.name, parent: l.parentSlug, amount_minor: l.spentMinor, amount: dec(l.spentMinor), count: l.count,
        share: l.share, previous_minor: l.previousMinor, change_vs_previous: l.changeVsPrevious,
        trailing_avg_minor: l.trailingAvgMinor, change_vs_trailing: l.changeVsTrailing,
      });
    for (const l of c.spending) {
      line('category', l);
      for (const ch of l.children ?? []) line('subcategory', ch);
    }
    row({ section: 'total', name: 'Total spending', amount_minor: c.totalSpentMinor, amount: dec(c.totalSpentMinor) });
    row({ section: 'income', name: 'Income', amount_minor: c.incomeMinor, amount: dec(c.incomeMinor) });
    row({ section: 'net', name: 'Net saved', amount_minor: c.netSavedMinor, amount: dec(c.netSavedMinor), share: c.savingsRate });
    for (const m of c.topMerchants) row({ section: 'merchant', name: m.name, amount_minor: m.spentMinor, amount: dec(m.spentMinor), count: m.count });
    for (const b of c.budgets) {
      row({
        section: 'budget', slug: b.slug, name: b.name, amount_minor: b.spentMinor, amount: dec(b.spentMinor),
        limit_minor: b.limitMinor, left_minor: b.leftMinor, projected_minor: b.projectedMinor,
      });
    }
  }
  return `${rows.join('\r\n')}\r\n`;
}
