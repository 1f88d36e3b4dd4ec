import type { App } from '../app.js';
import { TraxError } from '../domain/errors.js';
import { inTransaction } from '../store/db.js';
import { UndoStore, type BulkKind, type CategoryBefore, type ChoiceBefore, type UndoBatch } from '../store/undo.js';

/**
 * Runs a bulk recategorization as one transaction and records what it changed — every row's
 * category, the rules and choices it created, the model it replaced — so `trax undo` can put it
 * back exactly. Returns the change's result and its undo record (null when nothing changed).
 */
export function recordBulk<T>(
  app: App,
  what: {
    kind: BulkKind;
    summary: string;
    /** A merge: the category it took away, as the change read it (see CategoryBefore). */
    categoriesBefore?: (result: T) => CategoryBefore;
  },
  change: () => T,
): { result: T; undo: UndoBatch | null } {
  const store = new UndoStore(app.db);
  return inTransaction(app.db, 'recategorize', () => {
    store.snapshot();
    const choices = store.choices();
    const maxRule = store.maxRuleId();
    const rules = store.rules();
    const model = store.classifier();
    const result = change();
    const after = store.choices();
    const choicesBefore: ChoiceBefore[] = [];
    for (const [key, now] of after) {
      const was = choices.get(key);
      if (!was || was.categoryId !== now.categoryId || was.createdAt !== now.createdAt)
        choicesBefore.push(was ?? { ...now, categoryId: null, createdAt: null });
    }
    const rulesAfter = store.rules();
    const rulesBefore = [...rules.values()].filter((r) => {
      const now = rulesAfter.get(r.id);
      return !now || JSON.stringify(now) !== JSON.stringify(r);
    });
    const modelAfter = store.classifier();
    const undo = store.record({
      kind: what.kind,
      summary: what.summary,
      ...(what.categoriesBefore ? { categoriesBefore: what.categoriesBefore(result) } : {}),
      createdAt: app.now().toISOString(),
      rulesAdded: store.ruleIdsAbove(maxRule),
      rulesBefore,
      choicesBefore,
      classifierBefore: modelAfter?.model === model?.model ? undefined : model,
    });
    return { result, undo };
  });
}

/**
 * Undoes the newest bulk change (or `id`, which must be the newest: undoing an older one would
 * overwrite what came after it).
 */
export function undoBulk(app: App, id?: number): UndoBatch & { restored: number; kept: number; rulesRemoved: number } {
  const store = new UndoStore(app.db);
  return inTransaction(app.db, 'undo', () => {
    const latest = store.latest();
    if (!latest)
      throw new TraxError('not_found', 'There is no bulk recategorization to undo; `trax undo --list` shows what was recorded.');
    if (id !== undefined && id !== latest.id) {
      const asked = store.get(id);
      throw new TraxError(
        'usage',
        asked?.undoneAt
          ? `Change ${id} was already undone.`
          : `Change ${id} is not the newest one; undo "${latest.summary}" (change ${latest.id}) first with \`trax undo\`.`,
      );
    }
    return { ...latest, ...store.undo(latest.id, app.now().toISOString()) };
  });
}

export function undoHistory(app: App): UndoBatch[] {
  return new UndoStore(app.db).list();
}
