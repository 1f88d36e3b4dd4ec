import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addRule } from '../../src/categorize/apply-rules.js';
import { chooseCategory, previewSimilar, similarConditions } from '../../src/categorize/choose.js';
import { pipelineInput, rowBatches, categorizeTransactions } from '../../src/categorize/run.js';
import { RuleSet } from '../../src/categorize/rules/engine.js';
import { conditionsSchema } from '../../src/categorize/rules/schema.js';
import { undoBulk } from '../../src/categorize/undo.js';
import type { App } from '../../src/app.js';
import { categoryState, fullState, genLedger, insert, MERCHANTS, openLedger, PROPERTY, snapshotOf } from './categorize-ledger.js';

const SLUGS = ['groceries', 'eating-out', 'coffee', 'travel', 'gifts', 'streaming', 'salary'];

/** Row ids the conditions match, by the rules engine itself. */
function matching(app: App, conditions: unknown): Set<number> {
  const only = new RuleSet([{ id: 1, priority: 0, name: null, conditions: conditionsSchema.parse(conditions), categoryId: 1 }]);
  const ids = new Set<number>();
  for (const rows of rowBatches(app)) for (const r of rows) if (only.match(pipelineInput(r))) ids.add(r.id);
  return ids;
}

const changedIds = (before: ReturnType<typeof categoryState>, after: ReturnType<typeof categoryState>) =>
  after.filter((r, i) => JSON.stringify(r) !== JSON.stringify(before[i])).map((r) => r.id);

const genCondition = fc.oneof(
  fc.record({
    description: fc.record({ contains: fc.constantFrom('tesco', 'sagt danke', 'amazon', 'db vertrieb', 'kiosk', 'xj') }),
  }),
  fc.record({
    description: fc.record({ contains: fc.constantFrom('rewe', 'blumen', 'netflix', 'miete') }),
    sign: fc.constantFrom('in' as const, 'out' as const),
  }),
  fc.record({ merchant: fc.record({ equals: fc.constantFrom('Amazon', 'Starbucks') }) }),
);

describe('a rule moves only what it matches (property)', () => {
  it('adding a rule never changes a row its conditions do not match, and undo puts every row back exactly', () => {
    fc.assert(
      fc.property(
        genLedger,
        genCondition,
        fc.constantFrom(...SLUGS),
        fc.integer({ min: 0, max: 200 }),
        (rows, when, slug, priority) => {
          const l = openLedger();
          try {
            insert(
              l,
              rows.map((r) => snapshotOf(r)),
            );
            categorizeTransactions(l.app, { all: true });
            const before = fullState(l.app);
            const matched = matching(l.app, when);
            const r = addRule(
              l.app,
              { name: null, priority, conditions: when, categoryId: l.app.categories.resolve(slug).id },
              'prop',
            );
            const moved = changedIds(before.rows, categoryState(l.app));
            for (const id of moved)
              expect(matched.has(id), `row ${id} moved without matching ${JSON.stringify(when)}`).toBe(true);
            expect(r.changed).toBe(moved.length);
            expect(r.matched).toBe(matched.size);
            undoBulk(l.app);
            expect(fullState(l.app)).toEqual(before);
          } finally {
            l.cleanup();
          }
        },
      ),
      PROPERTY,
    );
  });

  it('one choice with "similar" moves exactly the rows its preview named, all matched by its rule; undo restores all', () => {
    fc.assert(
      fc.property(genLedger, fc.nat(), fc.constantFrom(...SLUGS), fc.boolean(), (rows, pick, slug, trained) => {
        const l = openLedger();
        try {
          insert(
            l,
            rows.map((r) => snapshotOf(r)),
          );
          categorizeTransactions(l.app, { all: true });
          // Half the cases start from a model that already learned a few corrections.
          if (trained) for (const id of [1, 2, 3]) chooseCategory(l.app, id, 'gifts');
          const ids = categoryState(l.app).map((r) => r.id);
          const id = ids[pick % ids.length]!;
          const t = l.app.db.prepare('SELECT description, merchant, amount_minor FROM transactions WHERE id = ?').get(id) as {
            description: string;
            merchant: string | null;
            amount_minor: number;
          };
          const matched = matching(l.app, similarConditions(t));
          const before = fullState(l.app);
          const preview = previewSimilar(l.app, id, slug);
          expect(fullState(l.app)).toEqual(before); // the preview writes nothing
          const r = chooseCategory(l.app, id, slug, { similar: true });
          const after = categoryState(l.app);
          const moved = changedIds(before.rows, after);
          for (const m of moved) expect(matched.has(m), `row ${m} moved without matching the similar rule`).toBe(true);
          const target = l.app.categories.resolve(slug).id;
          const categoryMoves = after.filter((a, i) => a.id !== id && a.category_id !== before.rows[i]!.category_id);
          const movedIds = new Set(categoryMoves.map((a) => a.id));
          for (const m of preview.sample) expect(movedIds.has(m.id)).toBe(true);
          expect(categoryMoves.length).toBe(preview.moves);
          expect(r.similar).toBe(preview.moves);
          for (const a of categoryMoves) expect(a.category_id).toBe(target);
          expect(preview.matched).toBe(matched.size);
          undoBulk(l.app);
          expect(fullState(l.app)).toEqual(before);
        } finally {
          l.cleanup();
        }
      }),
      PROPERTY,
    );
  });
});

// Keeps the generator honest: the merchant list holds a money-in and a money-out row of one payee.
it('the generated ledgers include one payee both ways', () => {
  const amazon = MERCHANTS.filter(([d]) => d.startsWith('AMAZON'));
  expect(amazon.map((m) => m[3]).sort()).toEqual([false, true]);
});
