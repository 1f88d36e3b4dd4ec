/**
 * Building blocks for rule-engine tests: a REWE card payment as the engine sees it, and rules
 * from plain condition objects (parsed by the real schema), with fresh ids in each test file.
 */
import type { RuleDef, RuleInput } from '../../src/categorize/rules/engine.js';
import { conditionsSchema, type ConditionsInput } from '../../src/categorize/rules/schema.js';

export const txn = (over: Partial<RuleInput> = {}): RuleInput => ({
  description: 'REWE SAGT DANKE 44261234',
  merchant: null,
  counterparty: null,
  counterpartyIban: null,
  providerCategory: null,
  amountMinor: -2351,
  accountId: 1,
  ...over,
});

let nextId = 1;
export const rule = (when: ConditionsInput, over: Partial<RuleDef> = {}): RuleDef => ({
  id: nextId++,
  priority: 100,
  name: null,
  conditions: conditionsSchema.parse(when),
  categoryId: 1,
  ...over,
});
