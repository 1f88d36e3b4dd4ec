/**
 * Grouped k-fold splits: every row with the same group key (by default the exact, trimmed
 * description) lands in the same fold, so a test row never has a verbatim twin in training.
 */
import { Prng } from '../../util/prng.js';

export function groupedFolds<T>(rows: readonly T[], k: number, seed: number, groupOf: (row: T) => string): number[] {
  const groups = [...new Set(rows.map(groupOf))].sort();
  new Prng(seed).shuffle(groups);
  const foldOf = new Map(groups.map((g, i) => [g, i % k]));
  return rows.map((r) => foldOf.get(groupOf(r))!);
}

export function splitFold<T>(rows: readonly T[], folds: readonly number[], fold: number): { train: T[]; test: T[] } {
  const train: T[] = [];
  const test: T[] = [];
  rows.forEach((r, i) => (folds[i] === fold ? test : train).push(r));
  return { train, test };
}
