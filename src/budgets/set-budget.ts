import type { App } from '../app.js';
import { TraxError } from '../domain/errors.js';
import { minorUnitDigits, toMinorUnits } from '../domain/money.js';
import { BudgetStore, type Budget } from '../store/budgets.js';

/**
 * `trax budget set` and the web's budget form: checks the currency, the amount and the
 * category's kind, each refusal one sentence before anything is written, then sets (or changes)
 * the monthly limit. `currency` empty means the one most transactions are in.
 */
export function setBudget(app: App, categoryRef: string, amountText: string, currencyText?: string): Budget {
  const store = new BudgetStore(app.db);
  const currency = (currencyText?.trim() || store.mostUsedCurrency() || '').toUpperCase();
  if (!currency)
    throw new TraxError(
      'usage',
      'Trax cannot tell your currency yet (no accounts or transactions); add --currency, e.g. --currency EUR.',
    );
  try {
    minorUnitDigits(currency);
  } catch {
    throw new TraxError('usage', `--currency "${currencyText}" is not an ISO 4217 currency code; use e.g. EUR, GBP or USD.`);
  }
  let minor: number;
  try {
    minor = toMinorUnits(amountText.trim(), currency);
  } catch {
    throw new TraxError('usage', `"${amountText}" is not an amount in ${currency}; write the monthly limit like 400 or 150.50.`);
  }
  if (minor <= 0)
    throw new TraxError('usage', `A budget must be more than zero; to drop one, run \`trax budget rm ${categoryRef}\`.`);
  const category = app.categories.resolve(categoryRef);
  if (category.kind !== 'expense' && category.kind !== 'uncategorized') {
    throw new TraxError(
      'usage',
      `"${category.name}" is ${category.kind === 'income' ? 'an income' : 'a transfer'} category; budgets limit spending, so pick an expense category (see \`trax categories list\`).`,
    );
  }
  return store.set(category.id, minor, currency, 'monthly', app.now().toISOString());
}

/** `trax budget rm`: removes a category's budgets (one currency or all); a sentence when there was none. */
export function removeBudget(app: App, categoryRef: string, currency?: string): { name: string } {
  const category = app.categories.resolve(categoryRef);
  const code = currency?.trim().toUpperCase() || undefined;
  const n = new BudgetStore(app.db).remove(category.id, code);
  if (n === 0)
    throw new TraxError(
      'not_found',
      `There is no budget for ${category.name}${code ? ` in ${code}` : ''}; see \`trax budget list\`.`,
    );
  return { name: category.name };
}
