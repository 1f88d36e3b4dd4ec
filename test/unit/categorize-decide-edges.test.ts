/**
 * What the built-in rules see when a row has no merchant (found as a surviving mutant,
 * docs/mutation.md): the description alone, so a rule anchored at the start of the text
 * (startsWith, equals) still matches it, and a merchant-less row is not read as "null …".
 */
import { describe, expect, it } from 'vitest';
import { decide, type PipelineContext, type PipelineInput } from '../../src/categorize/pipeline.js';
import { RuleSet } from '../../src/categorize/rules/engine.js';
import { conditionsSchema, type ConditionsInput } from '../../src/categorize/rules/schema.js';

const WATER = 31;
const UNCATEGORIZED = 99;

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

const withDefault = (when: ConditionsInput): PipelineContext => ({
  choices: new Map(),
  userRules: new RuleSet([]),
  learned: null,
  defaults: new RuleSet([{ id: -1, priority: 0, name: null, conditions: conditionsSchema.parse(when), categoryId: WATER }]),
  slugToId: new Map([['uncategorized', UNCATEGORIZED]]),
  parentOf: new Map(),
  uncategorizedId: UNCATEGORIZED,
});

describe('built-in rules on a row without a merchant', () => {
  it('see the description from its first word', () => {
    expect(decide(withDefault({ description: { startsWith: 'thames water' } }), input())).toMatchObject({
      categoryId: WATER,
      source: 'default',
      why: 'built-in: description starts with "thames water"',
    });
    expect(decide(withDefault({ description: { equals: 'thames water dd 4711' } }), input()).categoryId).toBe(WATER);
  });

  it('with a merchant, see it first and then the description', () => {
    const c = withDefault({ description: { equals: 'thames water thames water dd 4711' } });
    expect(decide(c, input({ merchant: 'Thames Water' })).categoryId).toBe(WATER);
    expect(decide(c, input()).categoryId).toBe(UNCATEGORIZED);
  });
});
