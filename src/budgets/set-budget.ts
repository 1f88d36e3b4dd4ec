import type { App } from '../app.js';
import { TraxError } from '../domain/errors.js';
import { minorUnitDigits, toMinorUnits } from '../domain/money.js';
import { messages, type Messages } from '../i18n/index.js';
import { BudgetStore, type Budget } from '../store/budgets.js';

/**
 * `trax budget set` and the web's budget form: checks the currency, the amount and the
 * category's kind, each refusal one sentence (in the caller's language) before anything is
 * written, then sets (or changes) the monthly limit. `currency` empty means the one most
 * transactions are in.
 */
export function setBudget(
  app: App,
  categoryRef: string,
  amountText: string,
  currencyText?: string,
  m: Messages = messages('en'),
): Budget {
  const store = new BudgetStore(app.db);
  const currency = (currencyText?.trim() || store.mostUsedCurrency() || '').toUpperCase();
  if (!currency) throw new TraxError('usage', m.cliBudgetNoCurrency);
  try {
    minorUnitDigits(currency);
  } catch {
    throw new TraxError('usage', m.cliBadCurrency(currencyText ?? ''));
  }
  let minor: number;
  try {
    minor = toMinorUnits(amountText.trim(), currency);
  } catch {
    throw new TraxError('usage', m.cliBudgetBadAmount(amountText, currency));
  }
  if (minor <= 0) throw new TraxError('usage', m.cliBudgetNotPositive(categoryRef));
  const category = app.categories.resolve(categoryRef);
  if (category.kind !== 'expense' && category.kind !== 'uncategorized') {
    throw new TraxError('usage', m.cliBudgetNotExpense(category.name, category.kind === 'income'));
  }
  return store.set(category.id, minor, currency, 'monthly', app.now().toISOString());
}

/** `trax budget rm`: removes a category's budgets (one currency or all); a sentence when there was none. */
export function removeBudget(
  app: App,
  categoryRef: string,
  currency?: string,
  m: Messages = messages('en'),
  /** The category's name as the caller shows it (the CLI and the web translate built-in names). */
  label: (slug: string, name: string) => string = (_slug, name) => name,
): { slug: string; name: string } {
  const category = app.categories.resolve(categoryRef);
  const code = currency?.trim().toUpperCase() || undefined;
  const n = new BudgetStore(app.db).remove(category.id, code);
  if (n === 0) throw new TraxError('not_found', m.cliNoBudgetFor(label(category.slug, category.name), code ?? null));
  return { slug: category.slug, name: category.name };
}
