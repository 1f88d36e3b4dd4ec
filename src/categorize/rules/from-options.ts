import type { App } from '../../app.js';
import { TraxError } from '../../domain/errors.js';
import type { Category } from '../../store/categories.js';
import { RuleSet } from './engine.js';
import { conditionsSchema, type ConditionsInput } from './schema.js';

/** A rule as `trax rules add` flags and the web's rule form give it (every value a string). */
export interface RuleOptions {
  category: string;
  name?: string;
  priority: string;
  descriptionContains?: string;
  descriptionEquals?: string;
  descriptionStartsWith?: string;
  descriptionRegex?: string;
  merchantContains?: string;
  merchantEquals?: string;
  counterpartyContains?: string;
  iban?: string;
  providerCategory?: string;
  amountMin?: string;
  amountMax?: string;
  sign?: string;
  account?: string;
}

export function conditionsFrom(o: RuleOptions): ConditionsInput {
  const c: Record<string, unknown> = {};
  const text = (contains?: string, equals?: string, startsWith?: string, regex?: string) =>
    contains ? { contains } : equals ? { equals } : startsWith ? { startsWith } : regex ? { regex } : undefined;
  const description = text(o.descriptionContains, o.descriptionEquals, o.descriptionStartsWith, o.descriptionRegex);
  if (description) c.description = description;
  const merchant = text(o.merchantContains, o.merchantEquals);
  if (merchant) c.merchant = merchant;
  if (o.counterpartyContains) c.counterparty = { contains: o.counterpartyContains };
  if (o.iban) c.iban = o.iban;
  if (o.providerCategory) c.providerCategory = { equals: o.providerCategory };
  if (o.amountMin || o.amountMax)
    c.amount = { ...(o.amountMin ? { min: o.amountMin } : {}), ...(o.amountMax ? { max: o.amountMax } : {}) };
  if (o.sign) c.sign = o.sign;
  if (o.account) c.account = Number(o.account);
  return c as ConditionsInput;
}

/** A rule checked and ready to store: conditions as written (amounts in major units). */
export interface CheckedRule {
  name: string | null;
  priority: number;
  conditions: ConditionsInput;
  category: Category;
}

/**
 * Checks a rule the way `trax rules add` always has: the conditions' shape, the category, the
 * priority, and every regex compiled on the linear-time engine. Bad input throws one sentence
 * (a TraxError) before anything is written.
 */
export function checkRule(app: App, o: RuleOptions): CheckedRule {
  const raw = conditionsFrom(o);
  const parsed = conditionsSchema.safeParse(raw);
  if (!parsed.success)
    throw new TraxError('usage', (m) =>
      m.errRuleInvalid(parsed.error.issues[0]!.path.join('.') || 'conditions', parsed.error.issues[0]!.message),
    );
  const priority = Number(o.priority);
  if (!Number.isInteger(priority) || priority < 0 || priority > 1_000_000)
    throw new TraxError('usage', (m) => m.errRulePriority(String(o.priority)));
  const category = app.categories.resolve(o.category);
  new RuleSet([{ id: 0, priority, name: null, conditions: parsed.data, categoryId: category.id }], { strict: true }); // validates regexes
  const name = o.name?.trim() ? o.name.trim() : null;
  return { name, priority, conditions: raw, category };
}
