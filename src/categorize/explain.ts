import type { App } from '../app.js';
import { toMinorUnits } from '../domain/money.js';
import { pipelineContext } from './context.js';
import { decide, LEARNED_MIN_CONFIDENCE, type CategorySource } from './pipeline.js';

/** What each stage says about one statement line, and which one wins: `trax rules test` and the web's rule tester. */
export interface Explanation {
  rule: { ruleId: number; name: string | null; slug: string; why: string } | null;
  learned:
    | { state: 'untrained' }
    | { state: 'no-opinion' }
    | { state: 'opinion'; slug: string; earned: number | null; confident: boolean; why: string[] };
  builtIn: { slug: string; why: string } | null;
  winner: { slug: string; source: CategorySource | 'none'; ruleId: number | null };
}

export { LEARNED_MIN_CONFIDENCE };

/** `amount` is signed decimal text (negative = money out), as the CLI's --amount takes it. */
export function explainCategory(app: App, text: string, opts: { merchant?: string | null; amount?: string } = {}): Explanation {
  const ctx = pipelineContext(app);
  const merchant = opts.merchant?.trim() ? opts.merchant.trim() : null;
  const input = {
    description: text,
    merchant,
    counterparty: null,
    counterpartyIban: null,
    providerCategory: null,
    providerClassification: null,
    amountMinor: toMinorUnits(opts.amount ?? '-10.00', 'EUR'),
    accountId: 0,
    dedupeKey: '',
    provider: 'truelayer' as const,
  };
  const slugs = new Map(app.categories.list().map((c) => [c.id, c.slug]));
  const slug = (id: number) => slugs.get(id) ?? '?';
  const rule = ctx.userRules.match(input);
  const p = ctx.learned?.predict({ description: text, merchant, amountMinor: input.amountMinor }) ?? null;
  const builtIn = ctx.defaults.match({ ...input, description: `${merchant ?? ''} ${text}` });
  const d = decide(ctx, input);
  return {
    rule: rule ? { ruleId: rule.rule.id, name: rule.rule.name, slug: slug(rule.rule.categoryId), why: rule.why } : null,
    learned: !ctx.learned
      ? { state: 'untrained' }
      : !p
        ? { state: 'no-opinion' }
        : {
            state: 'opinion',
            slug: p.category,
            earned: p.earned,
            confident: p.earned !== null && p.earned >= LEARNED_MIN_CONFIDENCE,
            why: p.why.slice(0, 4),
          },
    builtIn: builtIn ? { slug: slug(builtIn.rule.categoryId), why: builtIn.why.replace(/^[^:]*: /, '') } : null,
    winner: { slug: slug(d.categoryId), source: d.source, ruleId: d.ruleId },
  };
}
