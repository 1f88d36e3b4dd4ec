import type { App } from '../app.js';
import { TraxError } from '../domain/errors.js';
import { DEFAULT_RULES } from './default-rules.js';
import { LearnedClassifier } from './learned/index.js';
import type { PipelineContext } from './pipeline.js';
import { RuleSet, type RuleDef } from './rules/engine.js';

/** Built-in rules as RuleDefs; negative ids keep them apart from user rules. */
function defaultRuleDefs(slugToId: Map<string, number>): RuleDef[] {
  const defs: RuleDef[] = [];
  let id = -1;
  for (const [slug, patterns, sign] of DEFAULT_RULES) {
    const categoryId = slugToId.get(slug);
    if (categoryId === undefined) continue; // the user merged that category away
    for (const p of patterns)
      defs.push({
        id: id--,
        priority: defs.length,
        name: null,
        conditions: { description: { contains: p }, ...(sign ? { sign } : {}) },
        categoryId,
      });
  }
  return defs;
}

export function loadClassifier(app: App): LearnedClassifier | null {
  const row = app.db.prepare<[], { model: string }>('SELECT model FROM classifier WHERE id = 1').get();
  if (!row) return null;
  try {
    return LearnedClassifier.fromJSON(JSON.parse(row.model));
  } catch {
    // A model from an older version: retrained on the next `trax categorize --all`.
    return null;
  }
}

export function saveClassifier(app: App, model: LearnedClassifier): void {
  app.db
    .prepare(
      'INSERT INTO classifier (id, model, examples, updated_at) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET model = excluded.model, examples = excluded.examples, updated_at = excluded.updated_at',
    )
    .run(JSON.stringify(model.toJSON()), model.size, app.now().toISOString());
}

/** Everything the pipeline needs, read once per run. */
export function pipelineContext(app: App, opts: { learned?: LearnedClassifier | null } = {}): PipelineContext {
  const categories = app.categories.list();
  const slugToId = new Map(categories.map((c) => [c.slug, c.id]));
  const uncategorizedId = slugToId.get('uncategorized');
  if (uncategorizedId === undefined)
    throw new TraxError('database_error', 'The "uncategorized" category is missing from the database; restore it from a backup.');
  return {
    choices: app.choices.all(),
    userRules: new RuleSet(app.rules.list()),
    learned: opts.learned === undefined ? loadClassifier(app) : opts.learned,
    defaults: new RuleSet(defaultRuleDefs(slugToId)),
    slugToId,
    parentOf: new Map(categories.map((c) => [c.id, c.parentId])),
    uncategorizedId,
  };
}
