import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addRule } from '../../src/categorize/apply-rules.js';
import { chooseCategory } from '../../src/categorize/choose.js';
import { loadClassifier, pipelineContext } from '../../src/categorize/context.js';
import { decide, LEARNED_MIN_CONFIDENCE, type PipelineContext, type PipelineInput } from '../../src/categorize/pipeline.js';
import { recategorizeAll } from '../../src/categorize/retrain.js';
import { categorizeTransactions, pipelineInput, rowBatches } from '../../src/categorize/run.js';
import { RuleSet } from '../../src/categorize/rules/engine.js';
import { conditionsSchema } from '../../src/categorize/rules/schema.js';
import type { LearnedClassifier } from '../../src/categorize/learned/index.js';
import { genLedger, insert, openLedger, PROPERTY, snapshotOf } from './categorize-ledger.js';

type Op =
  | { kind: 'choose'; pick: number; slug: string; similar: boolean }
  | { kind: 'rule'; contains: string; slug: string }
  | { kind: 'retrain' };

const SLUGS = ['eating-out', 'groceries', 'gifts', 'treats'];
const genOp: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('choose' as const), pick: fc.nat(), slug: fc.constantFrom(...SLUGS), similar: fc.boolean() }),
  fc.record({
    kind: fc.constant('rule' as const),
    contains: fc.constantFrom('blumen', 'kiosk', 'tesco', 'xj'),
    slug: fc.constantFrom(...SLUGS),
  }),
  fc.constant({ kind: 'retrain' as const }),
);

describe('no category runs away (property)', () => {
  it('after any sequence of choices, rules and retrains, each category holds at most its rule-and-choice share plus what the model earned', () => {
    fc.assert(
      fc.property(genLedger, fc.array(genOp, { minLength: 1, maxLength: 6 }), (rows, ops) => {
        const l = openLedger();
        try {
          l.app.categories.add('Treats', {}, '2026-03-15T00:00:00Z');
          insert(
            l,
            rows.map((r) => snapshotOf(r)),
          );
          categorizeTransactions(l.app, { all: true });
          for (const op of ops) {
            if (op.kind === 'choose') {
              const ids = l.app.db.prepare('SELECT id FROM transactions ORDER BY id').pluck().all() as number[];
              chooseCategory(l.app, ids[op.pick % ids.length]!, op.slug, { similar: op.similar });
            } else if (op.kind === 'rule') {
              addRule(
                l.app,
                {
                  name: null,
                  priority: 100,
                  conditions: { description: { contains: op.contains } },
                  categoryId: l.app.categories.resolve(op.slug).id,
                },
                'prop',
              );
            } else recategorizeAll(l.app);
            // A sync's categorization of nothing new, with whatever model exists now.
            categorizeTransactions(l.app);
          }
          const without = pipelineContext(l.app, { learned: null });
          const model = loadClassifier(l.app);
          const bound = new Map<number, number>();
          const add = (id: number) => bound.set(id, (bound.get(id) ?? 0) + 1);
          const held = new Map<number, number>();
          for (const batch of rowBatches(l.app))
            for (const r of batch) {
              held.set(r.category_id!, (held.get(r.category_id!) ?? 0) + 1);
              const input = pipelineInput(r);
              if (r.category_source === 'transfer') add(r.category_id!);
              else add(decide(without, input).categoryId);
              const p = model?.predict(input);
              const id = p ? without.slugToId.get(p.category) : undefined;
              if (p && id !== undefined && p.earned !== null && p.earned >= LEARNED_MIN_CONFIDENCE) add(id);
            }
          for (const [category, n] of held)
            expect(
              n,
              `category ${category} holds ${n} rows, more than choices, rules, hints and earned predictions give it`,
            ).toBeLessThanOrEqual(bound.get(category) ?? 0);
        } finally {
          l.cleanup();
        }
      }),
      { ...PROPERTY, numRuns: 15 },
    );
  });
});

describe('the order of the stages (property)', () => {
  const input = (description: string): PipelineInput => ({
    description,
    merchant: null,
    counterparty: null,
    counterpartyIban: null,
    providerCategory: null,
    providerClassification: null,
    amountMinor: -1000,
    accountId: 1,
    dedupeKey: description,
    provider: 'truelayer',
  });
  /** A stand-in model: says `slug` with the given earned confidence for every text. */
  const model = (slug: string, earned: number | null) =>
    ({ predict: () => ({ category: slug, confidence: 0.99, earned, why: [] }) }) as unknown as LearnedClassifier;
  const ctx = (o: { choice?: number; rule?: number; learned?: LearnedClassifier | null }): PipelineContext => ({
    choices: new Map(o.choice ? [['1|tesco stores', o.choice]] : []),
    userRules: new RuleSet(
      o.rule
        ? [
            {
              id: 1,
              priority: 1,
              name: null,
              conditions: conditionsSchema.parse({ description: { contains: 'tesco' } }),
              categoryId: o.rule,
            },
          ]
        : [],
    ),
    learned: o.learned ?? null,
    defaults: new RuleSet([
      {
        id: -1,
        priority: 0,
        name: null,
        conditions: conditionsSchema.parse({ description: { contains: 'tesco' } }),
        categoryId: 10,
      },
    ]),
    slugToId: new Map([
      ['learned-cat', 30],
      ['uncategorized', 99],
    ]),
    parentOf: new Map(),
    uncategorizedId: 99,
  });

  it("the user's choice beats rules, rules beat the model, the model speaks only at or above its threshold", () => {
    fc.assert(
      fc.property(
        fc.option(fc.constant(1)),
        fc.option(fc.constant(2)),
        fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
        (choice, rule, earned) => {
          const d = decide(
            ctx({ choice: choice ?? undefined, rule: rule ?? undefined, learned: model('learned-cat', earned) }),
            input('tesco stores'),
          );
          if (choice) expect(d).toMatchObject({ categoryId: 1, source: 'user' });
          else if (rule) expect(d).toMatchObject({ categoryId: 2, source: 'rule' });
          else if (earned !== null && earned >= LEARNED_MIN_CONFIDENCE)
            expect(d).toMatchObject({ categoryId: 30, source: 'learned', confidence: earned });
          else expect(d).toMatchObject({ categoryId: 10, source: 'default' });
        },
      ),
      { ...PROPERTY, numRuns: 300 },
    );
  });
});
