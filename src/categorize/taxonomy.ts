/**
 * The default taxonomy: what a person means by "where did my money go", one level deep.
 * Slugs are stable keys (rules files, provider maps); names are what the user sees and may edit.
 */
export type CategoryKind = 'expense' | 'income' | 'transfer' | 'uncategorized';

export interface CategoryDef {
  slug: string;
  name: string;
  kind: CategoryKind;
  parent?: string;
}

const expense = (slug: string, name: string, parent?: string): CategoryDef => ({
  slug,
  name,
  kind: 'expense',
  ...(parent ? { parent } : {}),
});

export const DEFAULT_TAXONOMY: CategoryDef[] = [
  { slug: 'income', name: 'Income', kind: 'income' },
  { slug: 'salary', name: 'Salary', kind: 'income', parent: 'income' },
  { slug: 'interest', name: 'Interest & dividends', kind: 'income', parent: 'income' },
  { slug: 'refunds', name: 'Refunds', kind: 'income', parent: 'income' },
  expense('groceries', 'Groceries'),
  expense('eating-out', 'Eating out'),
  expense('coffee', 'Coffee & snacks', 'eating-out'),
  expense('transport', 'Transport'),
  expense('public-transport', 'Public transport', 'transport'),
  expense('fuel', 'Fuel', 'transport'),
  expense('taxi', 'Taxi & ride hailing', 'transport'),
  expense('parking', 'Parking & tolls', 'transport'),
  expense('housing', 'Housing & rent'),
  expense('utilities', 'Utilities'),
  expense('energy', 'Energy', 'utilities'),
  expense('water', 'Water', 'utilities'),
  expense('phone-internet', 'Phone & internet', 'utilities'),
  expense('tv-licence', 'TV licence', 'utilities'),
  expense('insurance', 'Insurance'),
  expense('health', 'Health'),
  expense('pharmacy', 'Pharmacy', 'health'),
  expense('fitness', 'Fitness', 'health'),
  expense('shopping', 'Shopping'),
  expense('online-shopping', 'Online shopping', 'shopping'),
  expense('clothing', 'Clothing', 'shopping'),
  expense('electronics', 'Electronics', 'shopping'),
  expense('drugstore', 'Drugstore & personal care', 'shopping'),
  expense('subscriptions', 'Subscriptions'),
  expense('streaming', 'Streaming', 'subscriptions'),
  expense('entertainment', 'Entertainment'),
  expense('travel', 'Travel'),
  expense('cash', 'Cash'),
  expense('fees', 'Fees & charges'),
  expense('taxes', 'Taxes'),
  expense('education', 'Education'),
  expense('gifts', 'Gifts & donations'),
  expense('pets', 'Pets'),
  { slug: 'transfers', name: 'Transfers', kind: 'transfer' },
  { slug: 'uncategorized', name: 'Uncategorized', kind: 'uncategorized' },
];
