import type { App } from '../app.js';
import { pipelineContext, saveClassifier } from './context.js';
import { LearnedClassifier, type LabeledExample } from './learned/index.js';
import { decide } from './pipeline.js';
import { categorizeTransactions, pipelineInput, rowBatches, type CategorizeResult } from './run.js';
import { recordBulk } from './undo.js';

/** Stages whose answer the model may learn from: the user's and their rules', and the built-in merchant rules'. */
const TEACHERS = new Set(['user', 'rule', 'default']);

/**
 * Trains the model on what the stages without it say: the user's choices, their rules and the
 * built-in merchant rules (the user's choices first, then newest, capped). The labels are
 * recomputed rather than read from the stored categories, so rows a previous model labelled
 * (source `learned`) still teach what the rules say about them: a model never trains on its
 * own guesses, and it never loses the rows it guessed. Transfers are paired by amount and date,
 * not by text, and teach nothing.
 */
export function retrainClassifier(app: App, limit = 50_000): LearnedClassifier {
  const ctx = pipelineContext(app, { learned: null });
  const labelled: Array<LabeledExample & { user: boolean; date: string }> = [];
  const slugOf = new Map([...ctx.slugToId].map(([slug, id]) => [id, slug]));
  for (const rows of rowBatches(app)) {
    for (const r of rows) {
      if (r.category_source === 'transfer') continue;
      const d = decide(ctx, pipelineInput(r));
      const slug = slugOf.get(d.categoryId);
      if (!TEACHERS.has(d.source) || !slug || d.categoryId === ctx.uncategorizedId) continue;
      labelled.push({
        description: r.description,
        merchant: r.merchant,
        amountMinor: r.amount_minor,
        category: slug,
        user: d.source === 'user',
        date: r.booking_date,
      });
    }
  }
  labelled.sort((a, b) => Number(b.user) - Number(a.user) || (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  const model = LearnedClassifier.train(
    labelled
      .slice(0, limit)
      .map((e) => ({ description: e.description, merchant: e.merchant, amountMinor: e.amountMinor, category: e.category })),
  );
  saveClassifier(app, model);
  return model;
}

/**
 * `trax categorize --all`: every row through the stages without the model (so it learns from
 * today's rules), the model retrained, then every row again with it; recorded for `trax undo`.
 */
export function recategorizeAll(
  app: App,
  onRetrain: (examples: number) => void = () => {},
): { result: CategorizeResult; undoId: number | null; rows: number } {
  const { result, undo } = recordBulk(app, { kind: 'categorize-all', summary: 'trax categorize --all' }, () => {
    categorizeTransactions(app, { all: true, ctx: pipelineContext(app, { learned: null }) });
    onRetrain(retrainClassifier(app).size);
    return categorizeTransactions(app, { all: true, ctx: pipelineContext(app) });
  });
  return { result, undoId: undo?.id ?? null, rows: undo?.rows ?? 0 };
}
