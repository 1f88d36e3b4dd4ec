/**
 * One transaction through the categorize stages (src/categorize/pipeline.ts decide): which stage
 * answers, and what the answer tells the user — the category, where it came from, how sure it
 * is, and the "why" line `trax transactions --explain` prints.
 */
import { describe, expect, it } from 'vitest';
import type { LearnedClassifier } from '../../src/categorize/learned/index.js';
import { decide, LEARNED_MIN_CONFIDENCE, type PipelineContext, type PipelineInput } from '../../src/categorize/pipeline.js';
import { RuleSet, type RuleDef } from '../../src/categorize/rules/engine.js';
import { conditionsSchema } from '../../src/categorize/rules/schema.js';

const UNCATEGORIZED = 99;
const GROCERIES = 10;
const UTILITIES = 30;
const WATER = 31;
const EATING_OUT = 20;

const input = (over: Partial<PipelineInput> = {}): PipelineInput => ({
  description: 'THAMES WATER DD 4711',
  merchant: null,
  counterparty: null,
  counterpartyIban: null,
  providerCategory: null,
  providerClassification: null,
  amountMinor: -4200,
  accountId: 1,
  dedupeKey: 'k',
  provider: 'truelayer',
  ...over,
});

const rule = (id: number, contains: string, categoryId: number, name: string | null = null): RuleDef => ({
  id,
  priority: 0,
  name,
  conditions: conditionsSchema.parse({ description: { contains } }),
  categoryId,
});

type Prediction = { category: string; confidence: number; earned: number | null; why: string[] } | null;
const model = (p: Prediction, seen: unknown[] = []) =>
  ({
    predict: (x: unknown) => {
      seen.push(x);
      return p;
    },
  }) as unknown as LearnedClassifier;

const ctx = (over: Partial<PipelineContext> = {}): PipelineContext => ({
  choices: new Map(),
  userRules: new RuleSet([]),
  learned: null,
  defaults: new RuleSet([rule(-1, 'thames water', WATER), rule(-2, 'tesco', GROCERIES, 'Tesco')]),
  slugToId: new Map([
    ['groceries', GROCERIES],
    ['utilities', UTILITIES],
    ['water', WATER],
    ['eating-out', EATING_OUT],
    ['cash', 40],
    ['uncategorized', UNCATEGORIZED],
  ]),
  parentOf: new Map([
    [WATER, UTILITIES],
    [GROCERIES, null],
    [UTILITIES, null],
  ]),
  uncategorizedId: UNCATEGORIZED,
  ...over,
});

describe('the user and their rules', () => {
  it("the user's choice for this row (its account and key) is certain and says so", () => {
    const c = ctx({ choices: new Map([['1|k', 7]]) });
    expect(decide(c, input())).toEqual({ categoryId: 7, source: 'user', confidence: 1, ruleId: null, why: 'your choice' });
    // The same key in another account, or another key in this account, is not that choice.
    expect(decide(c, input({ accountId: 2 })).source).not.toBe('user');
    expect(decide(c, input({ dedupeKey: 'k2' })).source).not.toBe('user');
  });

  it('a matching user rule is certain, names the rule, and outranks the model, the bank and the built-in rules', () => {
    const c = ctx({
      userRules: new RuleSet([rule(5, 'thames', EATING_OUT, 'Water is dinner')]),
      learned: model({ category: 'groceries', confidence: 1, earned: 0.99, why: ['x'] }),
    });
    expect(decide(c, input({ providerClassification: 'Bills and Utilities' }))).toEqual({
      categoryId: EATING_OUT,
      source: 'rule',
      confidence: 1,
      ruleId: 5,
      why: '"Water is dinner": description contains "thames"',
    });
  });
});

describe('the learned model', () => {
  it('speaks from its held-out confidence, with its first three reasons', () => {
    const seen: unknown[] = [];
    const c = ctx({ learned: model({ category: 'eating-out', confidence: 1, earned: 0.75, why: ['a', 'b', 'c', 'd'] }, seen) });
    expect(decide(c, input({ merchant: 'Pret', amountMinor: -350 }))).toEqual({
      categoryId: EATING_OUT,
      source: 'learned',
      confidence: 0.75,
      ruleId: null,
      why: 'learned from your history (a, b, c)',
    });
    expect(seen).toEqual([{ description: 'THAMES WATER DD 4711', merchant: 'Pret', amountMinor: -350 }]);
  });

  it('is silent below its threshold, without an answer, or with a category Trax does not have', () => {
    expect(LEARNED_MIN_CONFIDENCE).toBe(0.6);
    for (const p of [
      { category: 'eating-out', confidence: 1, earned: 0.5999, why: [] },
      { category: 'no-such-category', confidence: 1, earned: 0.9, why: [] },
      null,
    ]) {
      expect(decide(ctx({ learned: model(p) }), input())).toMatchObject({ source: 'default', categoryId: WATER });
    }
  });
});

describe("the bank's hint and the built-in rules", () => {
  it("the bank's hint is taken at 0.8, and the why line quotes the classification", () => {
    expect(decide(ctx(), input({ description: 'SOMEWHERE', providerClassification: 'Shopping > Groceries' }))).toEqual({
      categoryId: GROCERIES,
      source: 'provider',
      confidence: 0.8,
      ruleId: null,
      why: 'truelayer says Shopping > Groceries',
    });
  });

  it('without a classification the why line quotes the category', () => {
    expect(
      decide(ctx(), input({ description: 'CASHPOINT', providerCategory: 'ATM', providerClassification: null })),
    ).toMatchObject({
      categoryId: 40,
      source: 'provider',
      why: 'truelayer says ATM',
    });
  });

  it('a hint Trax has no category for is no hint', () => {
    const c = ctx({ slugToId: new Map([['uncategorized', UNCATEGORIZED]]) });
    expect(decide(c, input({ description: 'X', providerClassification: 'Shopping > Groceries' }))).toMatchObject({
      source: 'none',
      categoryId: UNCATEGORIZED,
    });
  });

  it('the built-in rule wins when it names a child of the category the bank hints at (Water within Utilities)', () => {
    expect(decide(ctx(), input({ providerClassification: 'Bills and Utilities' }))).toEqual({
      categoryId: WATER,
      source: 'default',
      confidence: 0.7,
      ruleId: null,
      why: 'built-in: description contains "thames water"',
    });
  });

  it("the bank's hint wins over a built-in rule for an unrelated category", () => {
    expect(decide(ctx(), input({ description: 'TESCO STORES', providerClassification: 'Bills and Utilities' }))).toMatchObject({
      categoryId: UTILITIES,
      source: 'provider',
    });
    // …and over one whose category is the hint's parent, not its child.
    const c = ctx({ parentOf: new Map([[UTILITIES, WATER]]) });
    expect(decide(c, input({ providerClassification: 'Bills and Utilities' }))).toMatchObject({
      categoryId: UTILITIES,
      source: 'provider',
    });
  });

  it('the built-in rules see the merchant before the description, and their why line drops the rule name', () => {
    expect(decide(ctx(), input({ description: 'CARD 1234', merchant: 'Tesco' }))).toEqual({
      categoryId: GROCERIES,
      source: 'default',
      confidence: 0.7,
      ruleId: null,
      why: 'built-in: description contains "tesco"',
    });
    expect(decide(ctx(), input({ description: 'WATER', merchant: 'THAMES' })).categoryId).toBe(WATER);
    expect(decide(ctx(), input({ description: 'THAMES', merchant: 'WATER' })).categoryId).not.toBe(WATER);
  });

  it('nothing matched: Uncategorized, with no confidence', () => {
    expect(decide(ctx(), input({ description: 'UNKNOWN PAYEE' }))).toEqual({
      categoryId: UNCATEGORIZED,
      source: 'none',
      confidence: 0,
      ruleId: null,
      why: 'nothing matched',
    });
  });
});
