import type { Conditions, TextMatch } from './schema.js';

/**
 * A stored rule's conditions, read back from its JSON column without zod: the rule store is
 * opened by every command, and importing zod cost a read command more than its query. Rules were
 * validated by schema.ts when written; this reads them the same way (amounts in major units
 * become minor units) and refuses anything schema.ts would refuse.
 * test/property/rules-stored.test.ts holds it to schema.ts's verdict and output.
 */
export function decodeStoredConditions(raw: unknown): Conditions {
  const c = plainObject(raw, [
    'description',
    'merchant',
    'counterparty',
    'iban',
    'providerCategory',
    'amount',
    'sign',
    'account',
  ]);
  const out: Conditions = {};
  for (const key of ['description', 'merchant', 'counterparty', 'providerCategory'] as const) {
    if (c[key] !== undefined) out[key] = textMatch(c[key]);
  }
  if (c.iban !== undefined) {
    if (typeof c.iban !== 'string' || [...c.iban].length < 5) refuse('iban');
    out.iban = c.iban;
  }
  if (c.amount !== undefined) {
    const a = plainObject(c.amount, ['min', 'max']);
    const amount: { min?: number; max?: number } = {};
    if (a.min !== undefined) amount.min = decimal(a.min);
    if (a.max !== undefined) amount.max = decimal(a.max);
    out.amount = amount;
  }
  if (c.sign !== undefined) {
    if (c.sign !== 'in' && c.sign !== 'out') refuse('sign');
    out.sign = c.sign;
  }
  if (c.account !== undefined) {
    if (typeof c.account !== 'number' || !Number.isSafeInteger(c.account) || c.account <= 0) refuse('account');
    out.account = c.account;
  }
  if (Object.keys(c).length === 0) refuse('a rule needs at least one condition');
  return out;
}

function textMatch(raw: unknown): TextMatch {
  const m = plainObject(raw, ['contains', 'equals', 'startsWith', 'regex']);
  const out: TextMatch = {};
  for (const key of ['contains', 'equals', 'startsWith', 'regex'] as const) {
    const v = m[key];
    if (v === undefined) continue;
    if (typeof v !== 'string' || [...v].length < 1) refuse(key);
    if (key === 'regex' && [...v].length > 200) refuse('a regex may be at most 200 characters');
    out[key] = v;
  }
  if (Object.keys(m).length !== 1) refuse('give exactly one of contains, equals, startsWith, regex');
  return out;
}

/** schema.ts's `decimal`: a number or a string like -12.50, to signed minor units. */
function decimal(v: unknown): number {
  if (typeof v !== 'number' && typeof v !== 'string') refuse('amount');
  if (typeof v === 'number' && !Number.isFinite(v)) refuse('amount');
  const s = String(v).trim();
  if (!/^-?\d+(\.\d{1,2})?$/.test(s)) refuse(`"${s}" is not an amount like -12.50`);
  const [whole = '', frac = ''] = s.replace('-', '').split('.');
  const minor = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return s.startsWith('-') ? -minor : minor;
}

/** A strict object: only the known keys, each present key not undefined-valued. */
function plainObject(raw: unknown, keys: string[]): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) refuse('not an object');
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!keys.includes(k)) refuse(`unknown key ${k}`);
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function refuse(what: string): never {
  throw new RangeError(`A stored rule's conditions are not valid (${what}); remove the rule and add it again.`);
}
