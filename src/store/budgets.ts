import type { Db } from './db.js';

export type BudgetPeriod = 'monthly';

export interface Budget {
  id: number;
  categoryId: number;
  slug: string;
  name: string;
  /** The category's parent; a budget on a top-level category covers its children too. */
  parentId: number | null;
  amountMinor: number;
  currency: string;
  period: BudgetPeriod;
}

interface Row {
  id: number;
  category_id: number;
  slug: string;
  name: string;
  parent_id: number | null;
  amount_minor: number;
  currency: string;
  period: BudgetPeriod;
}

const fromRow = (r: Row): Budget => ({
  id: r.id,
  categoryId: r.category_id,
  slug: r.slug,
  name: r.name,
  parentId: r.parent_id,
  amountMinor: r.amount_minor,
  currency: r.currency,
  period: r.period,
});

/** Monthly spending limits per category and currency (table `budgets`, migration 003). */
export class BudgetStore {
  constructor(private readonly db: Db) {}

  /** Creates or replaces the budget of a category in a currency; returns it. */
  set(categoryId: number, amountMinor: number, currency: string, period: BudgetPeriod, now: string): Budget {
    this.db
      .prepare(
        `INSERT INTO budgets (category_id, amount_minor, currency, period, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (category_id, currency, period) DO UPDATE SET amount_minor = excluded.amount_minor, updated_at = excluded.updated_at`,
      )
      .run(categoryId, amountMinor, currency, period, now, now);
    return this.list().find((b) => b.categoryId === categoryId && b.currency === currency && b.period === period)!;
  }

  list(): Budget[] {
    return this.db
      .prepare<[], Row>(
        `SELECT b.id, b.category_id, c.slug, c.name, c.parent_id, b.amount_minor, b.currency, b.period
         FROM budgets b JOIN categories c ON c.id = b.category_id
         ORDER BY b.currency, c.name`,
      )
      .all()
      .map(fromRow);
  }

  /** Removes a category's budgets (one currency, or all of them); returns how many went. */
  remove(categoryId: number, currency?: string): number {
    if (currency)
      return this.db.prepare('DELETE FROM budgets WHERE category_id = ? AND currency = ?').run(categoryId, currency).changes;
    return this.db.prepare('DELETE FROM budgets WHERE category_id = ?').run(categoryId).changes;
  }

  /**
   * The currency most of the user's transactions are in: the default for a new budget, since
   * most people have one home currency. Null before the first sync.
   */
  mostUsedCurrency(): string | null {
    const row = this.db
      .prepare<[], { currency: string }>(
        'SELECT currency FROM transactions GROUP BY currency ORDER BY count(*) DESC, currency LIMIT 1',
      )
      .get();
    if (row) return row.currency;
    const acct = this.db
      .prepare<[], { currency: string }>(
        'SELECT currency FROM accounts GROUP BY currency ORDER BY count(*) DESC, currency LIMIT 1',
      )
      .get();
    return acct?.currency ?? null;
  }
}
