/**
 * The rule engine as `trax categorize --explain` and `trax rules list` show it: which rule wins,
 * the sentence that says why, word boundaries from a pattern's own spaces, what a regex sees,
 * and the exact refusal for each construct RE2 cannot run.
 */
import { describe, expect, it } from 'vitest';
import { compileRegex, RuleSet, type RuleDef, type RuleInput } from '../../src/categorize/rules/engine.js';
import { rule, txn } from '../helpers/rule-fixtures.js';

const why = (r: RuleDef, t: RuleInput = txn()) => new RuleSet([r]).match(t)?.why ?? null;

describe('why a rule matched', () => {
  it('names the rule (by name, else by id) and every condition, joined by "and"', () => {
    const r = rule(
      {
        description: { contains: 'rewe' },
        merchant: { equals: 'Rewe' },
        counterparty: { startsWith: 'Rewe Markt' },
        providerCategory: { regex: 'food' },
        iban: 'de89 3704 0044 0532 0130 00',
        sign: 'out',
        amount: { min: '-100', max: '-0.5' },
        account: 1,
      },
      { name: 'Groceries' },
    );
    const t = txn({
      merchant: 'REWE',
      counterparty: 'REWE Markt GmbH',
      providerCategory: 'FOOD_AND_DRINK',
      counterpartyIban: 'DE89370400440532013000',
    });
    expect(why(r, t)).toBe(
      '"Groceries": description contains "rewe" and merchant equals "Rewe" and counterparty starts with "Rewe Markt" and ' +
        'providerCategory matches /food/ and counterparty IBAN is DE89370400440532013000 and money out and ' +
        'amount ≥ -100.00 and amount ≤ -0.50 and account 1',
    );
    const unnamed = rule({ sign: 'in' });
    expect(why(unnamed, txn({ amountMinor: 1 }))).toBe(`rule ${unnamed.id}: money in`);
  });
});

describe('conditions at their edges', () => {
  it('amount bounds are inclusive; sign excludes zero both ways', () => {
    const r = rule({ amount: { min: '-23.51', max: '-23.51' } });
    expect(why(r)).not.toBeNull();
    expect(why(r, txn({ amountMinor: -2352 }))).toBeNull();
    expect(why(r, txn({ amountMinor: -2350 }))).toBeNull();
    expect(why(rule({ sign: 'out' }), txn({ amountMinor: 0 }))).toBeNull();
    expect(why(rule({ sign: 'in' }), txn({ amountMinor: 0 }))).toBeNull();
    expect(why(rule({ sign: 'in' }), txn({ amountMinor: -1 }))).toBeNull();
    expect(why(rule({ sign: 'out' }), txn({ amountMinor: 1 }))).toBeNull();
  });

  it('an IBAN condition needs the counterparty IBAN, compared without spaces or case', () => {
    const r = rule({ iban: 'DE89370400440532013000' });
    expect(why(r, txn({ counterpartyIban: 'de89 3704 0044 0532 0130 00' }))).not.toBeNull();
    expect(why(r, txn({ counterpartyIban: null }))).toBeNull();
    expect(why(r, txn({ counterpartyIban: 'DE89370400440532013001' }))).toBeNull();
  });

  it("a pattern's own leading or trailing space is a word boundary", () => {
    expect(why(rule({ description: { contains: 'shop4 ' } }), txn({ description: 'SHOP417' }))).toBeNull();
    expect(why(rule({ description: { contains: 'shop4 ' } }), txn({ description: 'SHOP4' }))).not.toBeNull();
    expect(why(rule({ description: { contains: ' hop4' } }), txn({ description: 'SHOP4' }))).toBeNull();
    expect(why(rule({ description: { contains: ' shop4' } }), txn({ description: 'x shop4' }))).not.toBeNull();
    expect(why(rule({ description: { contains: 'hop' } }), txn({ description: 'SHOP4' }))).not.toBeNull();
    expect(why(rule({ description: { contains: '\tshop4\t' } }), txn({ description: 'shop4' }))).not.toBeNull();
  });

  it('equals and startsWith compare whole words of the field; an empty field matches nothing', () => {
    expect(why(rule({ merchant: { equals: 'Rewe' } }), txn({ merchant: 'Rewe Markt' }))).toBeNull();
    expect(why(rule({ merchant: { startsWith: 'ewe' } }), txn({ merchant: 'Rewe' }))).toBeNull();
    expect(why(rule({ merchant: { contains: 'rewe' } }), txn({ merchant: null }))).toBeNull();
    // A regex sees a missing field as empty text.
    expect(why(rule({ merchant: { regex: '^$' } }), txn({ merchant: null }))).not.toBeNull();
    expect(why(rule({ merchant: { regex: '^$' } }), txn({ merchant: 'x' }))).toBeNull();
  });

  it('a regex sees the folded field without its padding, and only its first 511 characters', () => {
    expect(why(rule({ description: { regex: '^rewe' } }))).not.toBeNull();
    expect(why(rule({ description: { regex: '44261234$' } }))).not.toBeNull();
    expect(why(rule({ description: { regex: '^ ' } }))).toBeNull();
    const long = `${'a'.repeat(510)}Zq${'b'.repeat(10)}`;
    expect(why(rule({ description: { regex: '^a{510}z' } }), txn({ description: long }))).not.toBeNull();
    expect(why(rule({ description: { regex: 'zq' } }), txn({ description: long }))).toBeNull();
    expect(why(rule({ description: { regex: 'z$' } }), txn({ description: long }))).not.toBeNull();
  });
});

describe('which rule wins', () => {
  it('lower priority first, then the lower id, across rules with and without a literal', () => {
    const sign = rule({ sign: 'out' }, { priority: 5, categoryId: 50 });
    const text = rule({ description: { contains: 'rewe' } }, { priority: 4, categoryId: 40 });
    const regex = rule({ description: { regex: 'rewe' } }, { priority: 4, categoryId: 41 });
    const later = rule({ description: { contains: 'danke' } }, { priority: 6, categoryId: 60 });
    const cat = (defs: RuleDef[], t = txn()) => new RuleSet(defs).match(t)?.rule.categoryId ?? null;
    expect(cat([later, sign, regex, text])).toBe(40);
    expect(cat([later, sign, regex])).toBe(41);
    expect(cat([later, sign])).toBe(50);
    expect(cat([later])).toBe(60);
    expect(cat([later, sign], txn({ amountMinor: 5 }))).toBe(60);
    // Same priority: the older (lower id) rule.
    const a = rule({ description: { contains: 'sagt' } }, { priority: 1, categoryId: 1 });
    const b = rule({ sign: 'out' }, { priority: 1, categoryId: 2 });
    expect(cat([b, a])).toBe(1);
    const c = rule({ sign: 'out' }, { priority: 1, categoryId: 3 });
    const d = rule({ description: { contains: 'sagt' } }, { priority: 1, categoryId: 4 });
    expect(cat([d, c])).toBe(3);
  });

  it('a rule is indexed by its first literal but all its conditions must hold', () => {
    const r = rule({ description: { contains: 'rewe' }, merchant: { contains: 'lidl' } });
    expect(why(r, txn({ merchant: 'Lidl' }))).not.toBeNull();
    expect(why(r, txn({ merchant: 'Aldi' }))).toBeNull();
    // Two rules on one field: each found by its own literal.
    const set = new RuleSet([
      rule({ merchant: { contains: 'aldi' } }, { categoryId: 7 }),
      rule({ merchant: { equals: 'lidl' } }, { categoryId: 8 }),
    ]);
    expect(set.match(txn({ merchant: 'LIDL' }))?.rule.categoryId).toBe(8);
    expect(set.match(txn({ merchant: 'ALDI Sued' }))?.rule.categoryId).toBe(7);
    expect(set.match(txn({ merchant: 'Edeka' }))).toBeNull();
    expect(set.size).toBe(2);
  });

  it('the same rules answer the same on every call', () => {
    const set = new RuleSet([rule({ description: { contains: 'rewe' } }, { categoryId: 9 })]);
    for (let i = 0; i < 3; i++) expect(set.match(txn())?.rule.categoryId).toBe(9);
    expect(set.match(txn({ description: 'EDEKA' }))).toBeNull();
    expect(new RuleSet([]).match(txn())).toBeNull();
    expect(new RuleSet([]).size).toBe(0);
  });
});

describe('regexes RE2 cannot run', () => {
  it.each([
    ['rewe\\1', 'a backreference (\\1)'],
    ['(a)\\9', 'a backreference (\\9)'],
    ['(?<n>a)\\k<n>', 'a named backreference (\\k<…>)'],
    ['a(?=b)', 'a lookahead ((?=…))'],
    ['a(?!b)', 'a negative lookahead ((?!…))'],
    ['(?<=a)b', 'a lookbehind ((?<=…))'],
    ['(?<!a)b', 'a negative lookbehind ((?<!…))'],
    ['(?>a+)b', 'an atomic group ((?>…))'],
  ])('refuses %s by name', (pattern, construct) => {
    expect(() => compileRegex(pattern)).toThrow(
      `The regex /${pattern}/ uses ${construct}, which Trax's linear-time regex engine (RE2) cannot run; match the text directly or split it into two conditions.`,
    );
  });

  it('looks inside character classes correctly: a leading ] or ^] is literal, escapes stay escapes', () => {
    // Inside the class, so not a backreference (whatever RE2 then says of the class).
    expect(() => compileRegex('[]\\1]')).not.toThrow(/backreference/);
    expect(() => compileRegex('[^]\\1]')).not.toThrow(/backreference/);
    expect(() => compileRegex('[a]\\1')).toThrow(/backreference/);
    expect(() => compileRegex('[]](?=x)')).toThrow(/a lookahead/);
    expect(() => compileRegex('[^]](?=x)')).toThrow(/a lookahead/);
    expect(() => compileRegex('[a](?!x)')).toThrow(/a negative lookahead/);
    expect(compileRegex('\\k').test('k')).toBe(true);
    expect(compileRegex('(?:ab)').test('ab')).toBe(true);
    expect(compileRegex('(?i)ab').test('AB')).toBe(true);
  });

  it('an invalid pattern says why, without the case flag Trax added', () => {
    expect(() => compileRegex('(ab')).toThrow(
      'The regex /(ab/ is not valid: missing closing ) at `(ab`; fix it or use "contains".',
    );
  });

  it('strict rule sets refuse such a rule; stored ones set it aside, named', () => {
    const bad = rule({ description: { regex: 'a(?=b)' } }, { id: 999 });
    expect(() => new RuleSet([bad], { strict: true })).toThrow(/a lookahead/);
    const set = new RuleSet([bad, rule({ description: { contains: 'ab' } }, { categoryId: 5 })]);
    expect(set.match(txn({ description: 'ab' }))?.rule.categoryId).toBe(5);
    expect(set.unusable.map((u) => u.rule.id)).toEqual([999]);
    expect(new RuleSet([bad]).match(txn({ description: 'ab' }))).toBeNull();
  });
});
