import type { App } from '../app.js';
import { UndoStore } from '../store/undo.js';
import { recordBulk } from './undo.js';

/**
 * Merges one category into another (`trax categories merge`, the Categories page's "move the rows
 * to") as one recorded bulk change: `trax undo` (or Undo) brings the category back with its id,
 * and its transactions, rules, choices, split parts, subcategories and budgets with it.
 */
export function mergeCategories(
  app: App,
  fromRef: string,
  intoRef: string,
  summary: string,
): { moved: number; undoId: number | null } {
  const from = app.categories.resolve(fromRef);
  const store = new UndoStore(app.db);
  const { result, undo } = recordBulk(app, { kind: 'categories-merge', summary, categoriesBefore: (r) => r.before }, () => {
    const before = store.categoryBefore(from.id);
    const r = app.categories.merge(fromRef, intoRef);
    return { moved: r.moved, before: { ...before, budgetsMovedTo: r.budgetsMoved } };
  });
  return { moved: result.moved, undoId: undo?.id ?? null };
}
