import { DEFAULT_RULES } from '../src/categorize/default-rules.js';
import { LearnedClassifier } from '../src/categorize/learned/index.js';
import { decide, type PipelineContext, type PipelineInput } from '../src/categorize/pipeline.js';
import { fold } from '../src/categorize/rules/fold.js';
import { RuleSet, type RuleDef } from '../src/categorize/rules/engine.js';

/**
 * Categorizing 1,000,000 transactions with 1,000 user rules plus the learned model. The
 * baseline is the obvious implementation in the same process: every rule's substring test in
 * priority order for every transaction.
 */
const WORDS = [
  'rewe',
  'edeka',
  'tesco',
  'db vertrieb',
  'netflix',
  'aral',
  'amazon',
  'starbucks',
  'stadtwerke',
  'vodafone',
  'apotheke',
  'lidl',
  'pret a manger',
  'uber',
  'shell',
];

function inputs(n: number): PipelineInput[] {
  const out: PipelineInput[] = [];
  for (let i = 0; i < n; i++) {
    const shop = i % 3 === 0 ? `shop${(i * 7919) % 1500}` : WORDS[i % WORDS.length]!;
    out.push({
      description: `KARTENZAHLUNG ${shop.toUpperCase()} ${10000 + (i % 9000)} ${(i % 28) + 1}.${(i % 12) + 1}`,
      merchant: i % 4 === 0 ? shop : null,
      counterparty: null,
      counterpartyIban: null,
      providerCategory: i % 5 === 0 ? 'PURCHASE' : null,
      providerClassification: null,
      amountMinor: -((i * 7919) % 20000) - 1,
      accountId: 1 + (i % 3),
      dedupeKey: `k${i}`,
      provider: 'truelayer',
    });
  }
  return out;
}

function userRules(): RuleDef[] {
  return Array.from({ length: 1000 }, (_, i) => ({
    id: i + 1,
    priority: 100 + (i % 10),
    name: null,
    conditions: { description: { contains: `shop${i} ` } },
    categoryId: 1 + (i % 30),
  }));
}

function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

export function categorizePipelineBench(total: number): object[] {
  const rows = inputs(total);
  const rules = userRules();
  const ruleSet = new RuleSet(rules);

  // Baseline: linear scan of the same rules on a sample (it is ~1000x slower; a sample keeps the bench short).
  const sample = rows.slice(0, Math.min(20_000, total));
  const ordered = [...rules]
    .sort((a, b) => a.priority - b.priority || a.id - b.id)
    .map((r) => ({ text: `${fold(r.conditions.description!.contains!)} `, id: r.categoryId }));
  let t0 = performance.now();
  let baseHits = 0;
  for (const r of sample) {
    const d = ` ${fold(r.description)} `;
    for (const rule of ordered) {
      if (d.includes(rule.text)) {
        baseHits++;
        break;
      }
    }
  }
  const baseRate = sample.length / ((performance.now() - t0) / 1000);

  t0 = performance.now();
  let hits = 0;
  for (const r of rows) if (ruleSet.match(r)) hits++;
  const rulesRate = total / ((performance.now() - t0) / 1000);

  const slugs = [
    'groceries',
    'eating-out',
    'public-transport',
    'streaming',
    'fuel',
    'online-shopping',
    'coffee',
    'energy',
    'phone-internet',
    'pharmacy',
  ];
  const learned = LearnedClassifier.train(
    rows
      .slice(0, 5000)
      .filter((_, i) => i % 3 !== 0)
      .map((r, i) => ({
        description: r.description,
        merchant: r.merchant,
        amountMinor: r.amountMinor,
        category: slugs[i % slugs.length]!,
      })),
  );
  const slugToId = new Map([...slugs, 'uncategorized', 'transfers'].map((s, i) => [s, i + 1]));
  const defaults: RuleDef[] = [];
  for (const [slug, patterns] of DEFAULT_RULES)
    for (const p of patterns)
      defaults.push({
        id: -defaults.length - 1,
        priority: defaults.length,
        name: null,
        conditions: { description: { contains: p } },
        categoryId: slugToId.get(slug) ?? 1,
      });
  const ctx: PipelineContext = {
    choices: new Map([['1|k7', 3]]),
    userRules: ruleSet,
    learned,
    defaults: new RuleSet(defaults),
    slugToId,
    parentOf: new Map(),
    uncategorizedId: slugToId.get('uncategorized')!,
  };
  t0 = performance.now();
  const sources = new Map<string, number>();
  for (const r of rows) {
    const d = decide(ctx, r);
    sources.set(d.source, (sources.get(d.source) ?? 0) + 1);
  }
  const fullRate = total / ((performance.now() - t0) / 1000);

  return [
    {
      figure: 'categorize_rules_only_tx_per_s',
      transactions: total,
      rules: 1000,
      value: Math.round(rulesRate),
      unit: 'tx/s',
      target: 500_000,
      baseline: 'linear scan of the same rules',
      baseline_value: Math.round(baseRate),
      ratio: +(rulesRate / baseRate).toFixed(1),
      rule_hits: hits,
      baseline_sample: sample.length,
      baseline_hits: baseHits,
    },
    {
      figure: 'categorize_full_pipeline_tx_per_s',
      transactions: total,
      rules: 1000,
      value: Math.round(fullRate),
      unit: 'tx/s',
      target: 100_000,
      baseline_value: Math.round(baseRate),
      ratio: +(fullRate / baseRate).toFixed(1),
      by_source: Object.fromEntries(sources),
    },
    { figure: 'categorize_peak_rss_mb', transactions: total, value: peakRssMb(), unit: 'MB' },
  ];
}
