/**
 * Rule-engine edges the main rule tests leave open (each found as a surviving mutant,
 * docs/mutation.md): the higher-priority rule wins even when its word comes later in the text,
 * a pattern's inner spaces are not word boundaries, and constructs inside a character class or
 * after a plain "(" are text, not lookarounds.
 */
import { describe, expect, it } from 'vitest';
import { compileRegex, RuleSet, type RuleDef, type RuleInput } from '../../src/categorize/rules/engine.js';
import { rule, txn } from '../helpers/rule-fixtures.js';

const category = (defs: RuleDef[], t: RuleInput = txn()) => new RuleSet(defs).match(t)?.rule.categoryId ?? null;

describe('priority, not position in the text', () => {
  it('the higher-priority rule wins when its word comes later in the description', () => {
    const danke = rule({ description: { contains: 'danke' } }, { priority: 1, categoryId: 11 });
    const rewe = rule({ description: { contains: 'rewe' } }, { priority: 2, categoryId: 12 });
    expect(category([rewe, danke])).toBe(11);
    expect(category([danke, rewe])).toBe(11);
  });

  it('also across fields: a merchant rule of higher priority beats an earlier description rule', () => {
    const byMerchant = rule({ merchant: { contains: 'rewe' } }, { priority: 1, categoryId: 21 });
    const byText = rule({ description: { contains: 'rewe' } }, { priority: 2, categoryId: 22 });
    expect(category([byText, byMerchant], txn({ merchant: 'REWE Markt' }))).toBe(21);
  });
});

describe("a pattern's inner spaces", () => {
  it('match inside words on either side: "we sa" is in "REWE SAGT"', () => {
    expect(category([rule({ description: { contains: 'we sa' } }, { categoryId: 5 })])).toBe(5);
    expect(category([rule({ description: { contains: 'we  sa' } }, { categoryId: 5 })])).toBe(5);
  });
});

describe('what is not a lookaround', () => {
  it('a lookahead spelled inside a character class is a set of characters', () => {
    const re = compileRegex('x[a(?=b)]');
    expect(re.test('x=')).toBe(true);
    expect(re.test('xc')).toBe(false);
  });

  it('a group whose second character is "=", "!", "<" or ">" is an ordinary group', () => {
    for (const p of ['(a=b)', '(a!b)', '(a<=b)', '(a<!b)', '(a>b)']) {
      expect(compileRegex(p).test(p.slice(1, -1))).toBe(true);
    }
  });

  it('an escape before "<" is not a named backreference; an escaped "]" first in a class does not end it', () => {
    expect(compileRegex('\\d<').test('1<')).toBe(true);
    expect(compileRegex('[\\]x(?=y)]').test('=')).toBe(true);
    // "?=" after a plain character is an optional character and an "=".
    expect(compileRegex('ab?=c').test('a=c')).toBe(true);
  });
});

describe('refusals carry their kind', () => {
  it('both regex refusals are usage errors', () => {
    for (const p of ['a(?=b)', '(ab']) {
      let code: unknown = 'no error';
      try {
        compileRegex(p);
      } catch (e) {
        code = (e as { code?: unknown }).code;
      }
      expect(code).toBe('usage');
    }
  });
});

describe('a syntax error RE2 cannot place', () => {
  // RE2 reports a trailing backslash without the text it stopped at: the sentence still reads
  // whole, with no "at `...`" part and no crash on the missing text.
  it('a pattern ending in a backslash is refused with the reason alone', () => {
    expect(() => compileRegex('abc\\')).toThrow(
      'The regex /abc\\/ is not valid: trailing backslash at end of expression; fix it or use "contains".',
    );
  });
});
