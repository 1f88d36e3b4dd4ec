import type { RuleOptions } from '../categorize/rules/from-options.js';

/** The web's rule form, every field a string as the browser posts it. */
export interface RuleForm {
  name: string;
  category: string;
  priority: string;
  descriptionOp: string;
  description: string;
  merchantOp: string;
  merchant: string;
  counterparty: string;
  iban: string;
  amountMin: string;
  amountMax: string;
  sign: string;
  /** Kept from a stored rule the form has no field for (rules files can set them). */
  providerCategory: string;
  account: string;
}

export const DESCRIPTION_OPS = ['contains', 'equals', 'startsWith', 'regex'] as const;
export const MERCHANT_OPS = ['contains', 'equals'] as const;

export const emptyRuleForm = (category = ''): RuleForm => ({
  name: '',
  category,
  priority: '100',
  descriptionOp: 'contains',
  description: '',
  merchantOp: 'contains',
  merchant: '',
  counterparty: '',
  iban: '',
  amountMin: '',
  amountMax: '',
  sign: '',
  providerCategory: '',
  account: '',
});

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** A posted form body as a RuleForm (unknown fields dropped, missing ones empty). */
export function ruleFormFrom(body: Record<string, unknown>): RuleForm {
  const f = emptyRuleForm();
  for (const k of Object.keys(f) as Array<keyof RuleForm>) if (k in body) f[k] = str(body[k]).trim();
  return f;
}

/** The form as `trax rules add` options, so the CLI's checks and sentences apply unchanged. */
export function ruleOptions(f: RuleForm): RuleOptions {
  const o: RuleOptions = { category: f.category, priority: f.priority || '100' };
  if (f.name) o.name = f.name;
  if (f.description) {
    const op = f.descriptionOp;
    if (op === 'equals') o.descriptionEquals = f.description;
    else if (op === 'startsWith') o.descriptionStartsWith = f.description;
    else if (op === 'regex') o.descriptionRegex = f.description;
    else o.descriptionContains = f.description;
  }
  if (f.merchant) {
    if (f.merchantOp === 'equals') o.merchantEquals = f.merchant;
    else o.merchantContains = f.merchant;
  }
  if (f.counterparty) o.counterpartyContains = f.counterparty;
  if (f.iban) o.iban = f.iban;
  if (f.amountMin) o.amountMin = f.amountMin;
  if (f.amountMax) o.amountMax = f.amountMax;
  if (f.sign === 'in' || f.sign === 'out') o.sign = f.sign;
  if (f.providerCategory) o.providerCategory = f.providerCategory;
  if (f.account) o.account = f.account;
  return o;
}

/** A stored rule (conditions as written) back in the form. */
export function ruleFormOf(rule: { name: string | null; priority: number; conditions: unknown }, categorySlug: string): RuleForm {
  const f = emptyRuleForm(categorySlug);
  f.name = rule.name ?? '';
  f.priority = String(rule.priority);
  const c = (rule.conditions ?? {}) as Record<string, unknown>;
  const text = (v: unknown): [string, string] | null => {
    if (!v || typeof v !== 'object') return null;
    const [op, value] = Object.entries(v as Record<string, unknown>)[0] ?? [];
    return op ? [op, str(value)] : null;
  };
  const d = text(c.description);
  if (d) [f.descriptionOp, f.description] = d;
  const m = text(c.merchant);
  if (m) [f.merchantOp, f.merchant] = m;
  f.counterparty = text(c.counterparty)?.[1] ?? '';
  f.iban = str(c.iban);
  const amount = (c.amount ?? {}) as { min?: unknown; max?: unknown };
  f.amountMin = str(amount.min);
  f.amountMax = str(amount.max);
  f.sign = str(c.sign);
  f.providerCategory = text(c.providerCategory)?.[1] ?? '';
  f.account = str(c.account);
  return f;
}
