import { describe, expect, it } from 'vitest';
import { compileRegex, RuleSet, type RuleDef, type RuleInput } from '../../src/categorize/rules/engine.js';
import { conditionsSchema, type ConditionsInput } from '../../src/categorize/rules/schema.js';
import { rule as baseRule, txn } from '../helpers/rule-fixtures.js';

const rule = (when: ConditionsInput, categoryId: number, priority = 100): RuleDef => baseRule(when, { categoryId, priority });
const match = (rules: RuleDef[], t: RuleInput) => new RuleSet(rules).match(t)?.rule.categoryId ?? null;

describe('rule matching', () => {
  it('contains, equals and startsWith ignore case and accents', () => {
    expect(match([rule({ description: { contains: 'rewe sagt' } }, 1)], txn())).toBe(1);
    expect(match([rule({ description: { contains: 'Café' } }, 1)], txn({ description: 'CAFE KAISER' }))).toBe(1);
    expect(match([rule({ description: { contains: 'strasse' } }, 1)], txn({ description: 'Bäckerei Hauptstraße' }))).toBe(1);
    expect(match([rule({ description: { equals: 'rewe sagt danke 44261234' } }, 1)], txn())).toBe(1);
    expect(match([rule({ description: { equals: 'rewe sagt danke' } }, 1)], txn())).toBeNull();
    expect(match([rule({ description: { startsWith: 'rewe' } }, 1)], txn())).toBe(1);
    expect(match([rule({ description: { startsWith: 'danke' } }, 1)], txn())).toBeNull();
  });

  it('regex runs on folded text', () => {
    expect(match([rule({ description: { regex: '^rewe .* \\d{8}$' } }, 1)], txn())).toBe(1);
    expect(match([rule({ merchant: { regex: 'müller' } }, 1)], txn({ merchant: 'MULLER Drogerie' }))).toBe(1);
  });

  it('combines conditions: all must hold (amount range, sign, account, IBAN, provider category)', () => {
    const r = rule(
      { counterparty: { contains: 'hausverwaltung' }, sign: 'out', amount: { min: '-2000', max: '-500.00' }, account: 1 },
      7,
    );
    const rent = txn({ description: 'Miete', counterparty: 'Hausverwaltung Rheinblick GmbH', amountMinor: -106000 });
    expect(match([r], rent)).toBe(7);
    expect(match([r], { ...rent, amountMinor: -3000 })).toBeNull();
    expect(match([r], { ...rent, amountMinor: 106000 })).toBeNull();
    expect(match([r], { ...rent, accountId: 2 })).toBeNull();
    expect(match([rule({ iban: 'DE89 3704 0044 0532 0130 00' }, 3)], txn({ counterpartyIban: 'DE89370400440532013000' }))).toBe(
      3,
    );
    expect(
      match([rule({ providerCategory: { equals: 'food_and_drink' } }, 4)], txn({ providerCategory: 'FOOD_AND_DRINK' })),
    ).toBe(4);
  });

  it('the lowest priority number wins, then the older rule', () => {
    const a = rule({ description: { contains: 'rewe' } }, 1, 50);
    const b = rule({ description: { contains: 'danke' } }, 2, 10);
    const c = rule({ sign: 'out' }, 3, 60);
    expect(match([a, b, c], txn())).toBe(2);
    expect(match([a, c], txn())).toBe(1);
    expect(match([c, rule({ sign: 'out' }, 9, 60)], txn())).toBe(3);
  });

  it('finds the right rule among a thousand', () => {
    const many = Array.from({ length: 1000 }, (_, i) => rule({ description: { contains: `shop${i} ` } }, i));
    expect(match(many, txn({ description: 'CARD PAYMENT SHOP417 LONDON' }))).toBe(417);
    expect(match(many, txn({ description: 'nothing here' }))).toBeNull();
  });

  it('refuses regexes that need backtracking, and invalid ones, with a reason (more in rule-regex.test.ts)', () => {
    expect(() => compileRegex('(a)\\1')).toThrow(/backreference/);
    expect(() => compileRegex('rewe(?=x)')).toThrow(/lookahead/);
    expect(() => compileRegex('rewe(')).toThrow(/is not valid/);
    // A safe regex on a very long line: bounded input, so it returns (the test timeout guards).
    expect(match([rule({ description: { regex: 'a+b' } }, 1)], txn({ description: 'a'.repeat(100_000) }))).toBeNull();
  });

  it('refuses rules without conditions or with two operators at once', () => {
    expect(conditionsSchema.safeParse({}).success).toBe(false);
    expect(conditionsSchema.safeParse({ description: { contains: 'a', equals: 'b' } }).success).toBe(false);
    expect(conditionsSchema.safeParse({ colour: 'red' }).success).toBe(false);
  });
});
