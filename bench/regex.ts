import { RuleSet, type RuleDef, type RuleInput } from '../src/categorize/rules/engine.js';
import { conditionsSchema } from '../src/categorize/rules/schema.js';

/**
 * Rule regexes against hostile bank text. Each catastrophic pattern from the ReDoS literature
 * runs against a 45-character description built to make a backtracking engine explore every
 * split (on V8's engine `(a|aa)+$` took 83 s on such a line); the baseline is a plain
 * `contains` rule on the same text in the same process, so the ratio says what a regex costs
 * over a literal, on any machine. A linear engine keeps every ratio small and flat in length.
 */
const PATTERNS = ['(a|aa)+$', '(a+)+$', '(a*)*b', '(.*a){20}', '([a-zA-Z]+)*$', '(x+x+)+y'];

const txn = (description: string): RuleInput => ({
  description,
  merchant: null,
  counterparty: null,
  counterpartyIban: null,
  providerCategory: null,
  amountMinor: -100,
  accountId: 1,
});

const ruleSet = (when: unknown): RuleSet => {
  const def: RuleDef = { id: 1, priority: 1, name: null, conditions: conditionsSchema.parse(when), categoryId: 1 };
  return new RuleSet([def], { strict: true });
};

/** Microseconds per match, best of three rounds so a GC pause does not decide the figure. */
function usPerMatch(set: RuleSet, input: RuleInput, iterations: number): number {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const t0 = performance.now();
    for (let i = 0; i < iterations; i++) set.match(input);
    best = Math.min(best, ((performance.now() - t0) * 1000) / iterations);
  }
  return best;
}

export function regexBench(iterations = 20_000): object[] {
  const figures: object[] = [];
  for (const [name, text] of [
    ['hostile_45', `${'a'.repeat(44)}!`],
    ['hostile_38', `${'a'.repeat(37)}!`],
    ['hostile_450', `${'a'.repeat(449)}!`],
  ] as const) {
    const input = txn(text);
    const baseline = usPerMatch(ruleSet({ description: { contains: 'tesco' } }), input, iterations);
    for (const pattern of PATTERNS) {
      const value = usPerMatch(ruleSet({ description: { regex: pattern } }), input, iterations);
      figures.push({
        figure: 'rule_regex_us_per_match',
        pattern,
        text: name,
        text_chars: text.length,
        value: +value.toFixed(2),
        unit: 'µs',
        baseline: 'a contains rule on the same text',
        baseline_value: +baseline.toFixed(2),
        ratio: +(value / baseline).toFixed(1),
      });
    }
  }
  return figures;
}
