import type { App } from '../app.js';
import { inTransaction } from '../store/db.js';
import { pipelineContext } from './context.js';
import { decide, type PipelineContext } from './pipeline.js';
import { RuleSet, type RuleDef } from './rules/engine.js';
import { keepsTransfer, pipelineInput, rowBatches, saveDecision } from './run.js';
import { recordBulk } from './undo.js';

/** One transaction whose category a rule changes (or would change). */
export interface Move {
  id: number;
  bookingDate: string;
  description: string;
  merchant: string | null;
  amountMinor: number;
  currency: string;
  fromCategoryId: number | null;
  toCategoryId: number;
}

export interface RuleEffect {
  /** Transactions the rules' conditions match. */
  matched: number;
  /** Of those, the ones whose category changes (choices the user made and earlier rules keep theirs). */
  moves: Move[];
  /** Rows written (a category or only where it came from). */
  changed: number;
}

/**
 * Recategorizes only the transactions that `rules` match, with every stage in its usual order
 * (so the user's own choices and higher-priority rules still win). Nothing else is touched:
 * adding a rule cannot move a row its conditions do not match, whatever the learned model
 * thinks of it today. With `dryRun`, computes the same effect and writes nothing: what
 * "similar" shows before it asks. `ctx` must already know the rules (they are user rules).
 */
export function applyRules(app: App, rules: RuleDef[], opts: { dryRun?: boolean; ctx?: PipelineContext } = {}): RuleEffect {
  const only = new RuleSet(rules);
  const ctx = opts.ctx ?? pipelineContext(app);
  const effect: RuleEffect = { matched: 0, moves: [], changed: 0 };
  for (const rows of rowBatches(app)) {
    const step = () => {
      for (const r of rows) {
        const input = pipelineInput(r);
        if (!only.match(input)) continue;
        effect.matched++;
        const d = decide(ctx, input);
        if (keepsTransfer(r, d)) continue;
        if (d.categoryId !== r.category_id)
          effect.moves.push({
            id: r.id,
            bookingDate: r.booking_date,
            description: r.description,
            merchant: r.merchant,
            amountMinor: r.amount_minor,
            currency: r.currency,
            fromCategoryId: r.category_id,
            toCategoryId: d.categoryId,
          });
        if (!opts.dryRun && saveDecision(app, r.id, d)) effect.changed++;
      }
    };
    if (opts.dryRun) step();
    else inTransaction(app.db, 'save categories', step);
  }
  return effect;
}

/** The context the pipeline would have with `extra` rules added to the user's. */
export function contextWithRules(app: App, extra: RuleDef[]): PipelineContext {
  const ctx = pipelineContext(app);
  return { ...ctx, userRules: new RuleSet([...app.rules.list(), ...extra]) };
}

/**
 * `trax rules add`: stores the rule and recategorizes what it matches, recorded for `trax undo`.
 * `conditions` are stored as the user wrote them (amounts in major units).
 */
export function addRule(
  app: App,
  rule: { name: string | null; priority: number; conditions: unknown; categoryId: number },
  summary: string,
): RuleEffect & { id: number; undoId: number | null } {
  const { result, undo } = recordBulk(app, { kind: 'rules-add', summary }, () => {
    const id = app.rules.add(rule, app.now().toISOString());
    return {
      id,
      ...applyRules(
        app,
        app.rules.list().filter((r) => r.id === id),
      ),
    };
  });
  return { ...result, undoId: undo?.id ?? null };
}

/** `trax rules import`: `store` adds the rules; what they match is recategorized, recorded for `trax undo`. */
export function importAndApply<T>(
  app: App,
  summary: string,
  store: () => T,
): { result: T; effect: RuleEffect; undoId: number | null } {
  const { result, undo } = recordBulk(app, { kind: 'rules-import', summary }, () => {
    const before = new Set(app.rules.list().map((r) => r.id));
    const result = store();
    return {
      result,
      effect: applyRules(
        app,
        app.rules.list().filter((r) => !before.has(r.id)),
      ),
    };
  });
  return { ...result, undoId: undo?.id ?? null };
}
