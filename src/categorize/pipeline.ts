import type { ProviderId } from '../domain/types.js';
import type { LearnedClassifier } from './learned/index.js';
import { slugFromProvider } from './provider-map.js';
import type { RuleInput, RuleSet } from './rules/engine.js';

export type CategorySource = 'user' | 'rule' | 'learned' | 'provider' | 'default' | 'transfer' | 'none';

/** The learned model speaks only when it earned at least this confidence on held-out folds; below, the next stage decides. */
export const LEARNED_MIN_CONFIDENCE = 0.6;

export interface PipelineContext {
  /** `${accountId}|${dedupeKey}` → category id the user chose. */
  choices: Map<string, number>;
  userRules: RuleSet;
  learned: LearnedClassifier | null;
  defaults: RuleSet;
  slugToId: Map<string, number>;
  /** Category id → its parent's id, to prefer a built-in child over a provider's parent. */
  parentOf: Map<number, number | null>;
  uncategorizedId: number;
}

export interface PipelineInput extends RuleInput {
  dedupeKey: string;
  provider: ProviderId;
  providerClassification: string | null;
}

export interface Decision {
  categoryId: number;
  source: CategorySource;
  confidence: number;
  ruleId: number | null;
  why: string;
}

/**
 * One transaction through the stages, first answer wins: the user's own choice, user rules by
 * priority, the learned model when confident, the provider's hint, built-in merchant rules,
 * then Uncategorized. Every answer says where it came from and how sure it is.
 */
export function decide(ctx: PipelineContext, t: PipelineInput): Decision {
  const chosen = ctx.choices.get(`${t.accountId}|${t.dedupeKey}`);
  if (chosen !== undefined) return { categoryId: chosen, source: 'user', confidence: 1, ruleId: null, why: 'your choice' };

  const rule = ctx.userRules.match(t);
  if (rule) return { categoryId: rule.rule.categoryId, source: 'rule', confidence: 1, ruleId: rule.rule.id, why: rule.why };

  if (ctx.learned) {
    const p = ctx.learned.predict({ description: t.description, merchant: t.merchant, amountMinor: t.amountMinor });
    const id = p ? ctx.slugToId.get(p.category) : undefined;
    // Only a confidence measured on held-out folds may outrank the bank's hint and the built-in
    // rules: a model taught a few corrections is sure of them and knows nothing else.
    if (p && id !== undefined && p.earned !== null && p.earned >= LEARNED_MIN_CONFIDENCE) {
      return {
        categoryId: id,
        source: 'learned',
        confidence: p.earned,
        ruleId: null,
        why: `learned from your history (${p.why.slice(0, 3).join(', ')})`,
      };
    }
  }

  const hinted = slugFromProvider({
    provider: t.provider,
    category: t.providerCategory,
    classification: t.providerClassification,
  });
  const hintedId = hinted ? ctx.slugToId.get(hinted) : undefined;
  const builtIn = ctx.defaults.match({ ...t, description: `${t.merchant ?? ''} ${t.description}` });
  // The bank says "Utilities", the built-in rules know "Thames Water" is Water: take the finer one.
  const finer = builtIn && hintedId !== undefined && ctx.parentOf.get(builtIn.rule.categoryId) === hintedId;
  if (hintedId !== undefined && !finer) {
    return {
      categoryId: hintedId,
      source: 'provider',
      confidence: 0.8,
      ruleId: null,
      why: `${t.provider} says ${t.providerClassification ?? t.providerCategory}`,
    };
  }
  if (builtIn)
    return {
      categoryId: builtIn.rule.categoryId,
      source: 'default',
      confidence: 0.7,
      ruleId: null,
      why: `built-in: ${builtIn.why.replace(/^[^:]*: /, '')}`,
    };

  return { categoryId: ctx.uncategorizedId, source: 'none', confidence: 0, ruleId: null, why: 'nothing matched' };
}
