import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_RULES_FILE_BYTES, readRulesFile } from '../../src/categorize/rules/file.js';
import { compileRegex, RuleSet, type RuleInput } from '../../src/categorize/rules/engine.js';
import { conditionsSchema } from '../../src/categorize/rules/schema.js';

/**
 * The catastrophic-backtracking set from the ReDoS literature (nested quantifiers, overlapping
 * alternation, exponential repetition). On RE2 they are ordinary patterns: accepted, and they
 * answer what a regex should answer. How fast they answer is measured in bench/regex.ts.
 */
const CATASTROPHIC = ['(a|aa)+$', '(a+)+$', '(a*)*b', '(.*a){20}', '([a-zA-Z]+)*$', '(x+x+)+y'];

const txn = (description: string): RuleInput => ({
  description,
  merchant: null,
  counterparty: null,
  counterpartyIban: null,
  providerCategory: null,
  amountMinor: -100,
  accountId: 1,
});

const ruleFor = (regex: string) =>
  new RuleSet(
    [{ id: 1, priority: 1, name: null, conditions: conditionsSchema.parse({ description: { regex } }), categoryId: 7 }],
    {
      strict: true,
    },
  );

describe('rule regexes on a linear-time engine', () => {
  it('accepts the catastrophic patterns and answers them correctly', () => {
    const re = Object.fromEntries(CATASTROPHIC.map((p) => [p, compileRegex(p)]));
    expect(re['(a|aa)+$']!.test('aaaa')).toBe(true);
    expect(re['(a|aa)+$']!.test('aaab')).toBe(false);
    expect(re['(a+)+$']!.test('baaa')).toBe(true);
    expect(re['(a+)+$']!.test('aaa!')).toBe(false);
    expect(re['(a*)*b']!.test('aaab')).toBe(true);
    expect(re['(a*)*b']!.test('aaaa')).toBe(false);
    expect(re['(.*a){20}']!.test('a'.repeat(20))).toBe(true);
    expect(re['(.*a){20}']!.test('a'.repeat(19))).toBe(false);
    expect(re['([a-zA-Z]+)*$']!.test('abc1')).toBe(true); // the empty repetition matches at the end
    expect(re['(x+x+)+y']!.test('xxy')).toBe(true);
    expect(re['(x+x+)+y']!.test('xy')).toBe(false);
  });

  it('answers a hostile 45-character description against every catastrophic pattern', () => {
    // What the issue saw take 83 s: the pattern almost matches, then fails on the last character.
    const hostile = `${'a'.repeat(44)}!`;
    const verdicts = CATASTROPHIC.map((p) => [p, ruleFor(p).match(txn(hostile))?.rule.categoryId ?? null]);
    expect(Object.fromEntries(verdicts)).toEqual({
      '(a|aa)+$': null,
      '(a+)+$': null,
      '(a*)*b': null,
      '(.*a){20}': 7,
      '([a-zA-Z]+)*$': 7,
      '(x+x+)+y': null,
    });
    expect(ruleFor('(x+x+)+y').match(txn(`${'x'.repeat(44)}y`))?.rule.categoryId).toBe(7);
  });

  it('agrees with JavaScript regexes wherever backtracking is still cheap (short texts)', () => {
    const patterns = fc.constantFrom(...CATASTROPHIC, 'a+b', '^x', 'y$', '(ab|a)(bc|c)', '[^a]+', 'a{2,3}');
    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'x', 'y', 'A', '!', ' '), maxLength: 12 });
    fc.assert(
      fc.property(patterns, text, (p, s) => {
        expect(compileRegex(p).test(s)).toBe(new RegExp(p, 'iu').test(s));
      }),
      { seed: 20260901, numRuns: 2000 },
    );
  });

  it.each([
    ['(a)\\1', /uses a backreference \(\\1\), which Trax's linear-time regex engine \(RE2\) cannot run/],
    ['(?<w>ab)\\k<w>', /uses a named backreference \(\\k<…>\)/],
    ['rewe(?=\\s)', /uses a lookahead \(\(\?=…\)\)/],
    ['rewe(?!markt)', /uses a negative lookahead/],
    ['(?<=visa )tesco', /uses a lookbehind/],
    ['(?<!no )tesco', /uses a negative lookbehind/],
    ['(?>a+)b', /uses an atomic group/],
  ])('refuses %s with a sentence naming the construct', (pattern, reason) => {
    expect(() => compileRegex(pattern)).toThrow(reason);
    expect(() => ruleFor(pattern)).toThrow(reason);
  });

  it('does not mistake escaped or bracketed look-alikes for those constructs', () => {
    expect(compileRegex('\\(\\?=x').test('(?=x')).toBe(true);
    expect(compileRegex('[\\\\1]').test('1')).toBe(true);
    expect(compileRegex('[(?=]+').test('=')).toBe(true);
    expect(compileRegex('\\\\1').test('\\1')).toBe(true);
  });

  it('explains an invalid pattern with where it breaks', () => {
    expect(() => compileRegex('rewe(')).toThrow(/^The regex \/rewe\(\/ is not valid: missing closing \) at `rewe\(`/);
    expect(() => compileRegex('a**')).toThrow(/is not valid: invalid nested repetition operator at `\*\*`/);
  });

  it('keeps JavaScript spellings working: \\u escapes, named groups, accents and case folded', () => {
    expect(compileRegex('caf\\u00e9').test('café')).toBe(true);
    expect(ruleFor('café\\s+kaiser').match(txn('CAFE  KAISER'))?.rule.categoryId).toBe(7);
    expect(ruleFor('(?<shop>tesco) stores').match(txn('VISA TESCO STORES 3012'))?.rule.categoryId).toBe(7);
    expect(ruleFor('^rewe .* \\d{8}$').match(txn('REWE SAGT DANKE 44261234'))?.rule.categoryId).toBe(7);
  });

  it('sets aside a stored rule the engine cannot run instead of failing every sync', () => {
    const stored = conditionsSchema.parse({ description: { regex: 'tesco(?= stores)' } });
    const set = new RuleSet([{ id: 3, priority: 1, name: null, conditions: stored, categoryId: 7 }]);
    expect(set.match(txn('TESCO STORES'))).toBeNull();
    expect(set.unusable).toEqual([{ rule: expect.objectContaining({ id: 3 }), reason: expect.stringMatching(/lookahead/) }]);
  });
});

describe('rules files over 5 MB', () => {
  const tooBig = /larger than 5 MB, more than any rules file needs; nothing was imported/;

  it('are refused from their size, before a byte is read or parsed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'trax-rules-'));
    try {
      const big = path.join(dir, 'big.yaml');
      writeFileSync(big, '');
      truncateSync(big, 100 * 1024 * 1024); // sparse: 100 MB on paper, nothing on disk
      await expect(readRulesFile(big)).rejects.toThrow(tooBig);
      const fine = path.join(dir, 'fine.yaml');
      writeFileSync(fine, 'version: 1\nrules: []\n');
      await expect(readRulesFile(fine)).resolves.toBe('version: 1\nrules: []\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stop reading stdin once it passes the limit', async () => {
    let produced = 0;
    const endless = new Readable({
      read() {
        produced += 64 * 1024;
        this.push(Buffer.alloc(64 * 1024, 0x61));
      },
    });
    await expect(readRulesFile('-', endless)).rejects.toThrow(/stdin is larger than 5 MB/);
    expect(produced).toBeLessThan(MAX_RULES_FILE_BYTES + 1024 * 1024);
    const small = Readable.from([Buffer.from('rules: []\n')]);
    await expect(readRulesFile('-', small)).resolves.toBe('rules: []\n');
  });
});
