import { z } from 'zod';

/**
 * A rule as users write it (CLI flags, YAML/JSON files) and as it is stored (JSON column).
 * Text operators are case- and accent-insensitive. Amounts are in major units, signed
 * (negative = money out), as strings or numbers with at most two decimals.
 */
const text = z
  .strictObject({
    contains: z.string().min(1).optional(),
    equals: z.string().min(1).optional(),
    startsWith: z.string().min(1).optional(),
    regex: z.string().min(1).max(200, 'a regex may be at most 200 characters').optional(),
  })
  .refine((m) => Object.keys(m).length === 1, { message: 'give exactly one of contains, equals, startsWith, regex' });
export type TextMatch = z.infer<typeof text>;

const decimal = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const s = String(v).trim();
  if (!/^-?\d+(\.\d{1,2})?$/.test(s)) {
    ctx.addIssue({ code: 'custom', message: `"${s}" is not an amount like -12.50` });
    return z.NEVER;
  }
  const [whole, frac = ''] = s.replace('-', '').split('.');
  const minor = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return s.startsWith('-') ? -minor : minor;
});

export const conditionsSchema = z
  .strictObject({
    description: text.optional(),
    merchant: text.optional(),
    counterparty: text.optional(),
    iban: z.string().min(5).optional(),
    providerCategory: text.optional(),
    amount: z.strictObject({ min: decimal.optional(), max: decimal.optional() }).optional(),
    sign: z.enum(['in', 'out']).optional(),
    account: z.number().int().positive().optional(),
  })
  .refine((c) => Object.keys(c).length > 0, { message: 'a rule needs at least one condition' });
export type Conditions = z.output<typeof conditionsSchema>;
export type ConditionsInput = z.input<typeof conditionsSchema>;

/** One rule in a rules file. */
export const ruleFileEntry = z.strictObject({
  name: z.string().optional(),
  priority: z.number().int().min(0).max(1_000_000).default(100),
  category: z.string().min(1),
  when: conditionsSchema,
});

export const rulesFile = z.strictObject({
  version: z.literal(1).default(1),
  rules: z.array(ruleFileEntry),
});
