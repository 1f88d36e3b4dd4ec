import type { App } from '../app.js';
import { inTransaction } from '../store/db.js';
import { pipelineContext } from './context.js';
import { decide, type PipelineContext } from './pipeline.js';
import { RuleSet, type RuleDef } from './rules/engine.js';
import { keepsTransfer, pipelineInput, rowBatches, saveDecision } from './run.js';

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
