import type { App } from '../app.js';
import { TraxError } from '../domain/errors.js';
import { addRule, applyRules, type Move } from './apply-rules.js';
import { pipelineContext } from './context.js';
import type { CheckedRule } from './rules/from-options.js';
import { RuleSet, type RuleDef } from './rules/engine.js';
import { conditionsSchema } from './rules/schema.js';
import { recordBulk } from './undo.js';

/** A rule not stored yet sorts after every stored rule of its priority, as it will once added. */
const PROSPECTIVE_ID = Number.MAX_SAFE_INTEGER;

/** What adding or editing a rule would do, computed with nothing written. */
export interface RulePreview {
  /** Transactions the rule (or, when editing, its old or new form) matches. */
  matched: number;
  /** How many would change category, and the first few of them. */
  moves: number;
  sample: Move[];
}

/** Outcome of a recorded rule change: rows written and the undo record (null when nothing changed). */
export interface RuleChange {
  ruleId: number;
  changed: number;
  undoId: number | null;
}

const defOf = (id: number, r: CheckedRule): RuleDef => ({
  id,
  priority: r.priority,
  name: r.name,
  conditions: conditionsSchema.parse(r.conditions),
  categoryId: r.category.id,
});

function storedDef(app: App, id: number): RuleDef {
  const def = app.rules.list().find((r) => r.id === id);
  if (!def) throw new TraxError('not_found', (m) => m.errNoRule(id));
  return def;
}

/**
 * The count and a sample of the rows a new rule (`editing` undefined) or a changed rule would
 * move, with every stage in its usual order, as the apply will run it. Only rows the rule
 * matches (before or after the edit) are looked at.
 */
export function previewRule(app: App, rule: CheckedRule, editing?: number, sampleSize = 5): RulePreview {
  const old = editing === undefined ? null : storedDef(app, editing);
  const next = defOf(editing ?? PROSPECTIVE_ID, rule);
  const ctx = pipelineContext(app);
  const others = app.rules.list().filter((r) => r.id !== editing);
  ctx.userRules = new RuleSet([...others, next]);
  const effect = applyRules(app, old ? [old, next] : [next], { dryRun: true, ctx });
  return { matched: effect.matched, moves: effect.moves.length, sample: effect.moves.slice(0, sampleSize) };
}

/** Adds a rule and recategorizes what it matches, one recorded bulk change (`trax rules add`'s path). */
export function addCheckedRule(app: App, rule: CheckedRule, summary: string): RuleChange {
  const { category, ...fields } = rule;
  const r = addRule(app, { ...fields, categoryId: category.id }, summary);
  return { ruleId: r.id, changed: r.changed, undoId: r.undoId };
}

/**
 * Replaces a rule and recategorizes the rows its old or new form matches, as one recorded bulk
 * change: undo puts back both the rows and the rule as it was.
 */
export function editRule(app: App, id: number, rule: CheckedRule, summary: string): RuleChange {
  const old = storedDef(app, id);
  const { result, undo } = recordBulk(app, { kind: 'rules-edit', summary }, () => {
    app.rules.update(id, { name: rule.name, priority: rule.priority, conditions: rule.conditions, categoryId: rule.category.id });
    return applyRules(app, [old, storedDef(app, id)]);
  });
  return { ruleId: id, changed: result.changed, undoId: undo?.id ?? null };
}

/** Removes a rule; only the rows it matched are recategorized. Recorded: undo brings the rule back. */
export function removeRule(app: App, id: number, summary: string): RuleChange {
  const old = storedDef(app, id);
  const { result, undo } = recordBulk(app, { kind: 'rules-remove', summary }, () => {
    app.rules.remove(id);
    return applyRules(app, [old]);
  });
  return { ruleId: id, changed: result.changed, undoId: undo?.id ?? null };
}

/**
 * Moves a rule one place earlier (-1) or later (+1) in run order; rows either swapped rule
 * matches are recategorized (the winner may change). Recorded: undo restores the old order.
 */
export function moveRule(app: App, id: number, by: -1 | 1, summary: string): RuleChange {
  const order = app.rules.list();
  const at = order.findIndex((r) => r.id === id);
  if (at < 0) throw new TraxError('not_found', (m) => m.errNoRule(id));
  const other = order[at + by];
  if (!other) return { ruleId: id, changed: 0, undoId: null };
  const { result, undo } = recordBulk(app, { kind: 'rules-reorder', summary }, () => {
    app.rules.move(id, by);
    return applyRules(app, [order[at]!, other]);
  });
  return { ruleId: id, changed: result.changed, undoId: undo?.id ?? null };
}
