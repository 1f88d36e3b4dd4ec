/**
 * Scores category predictions. Macro-F1 follows scikit-learn's `f1_score(average='macro')`
 * with its default label set: the union of the categories in the test set (y_true) and the
 * categories predicted (y_pred), each weighted equally, F1 = 0 where precision and recall are
 * both 0. A null prediction ("nothing to say") counts as wrong for its true category but is not
 * itself a category, so it never enters the label set.
 */
export interface CategoryScore {
  category: string;
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Confusion {
  actual: string;
  /** "(none)" when the classifier returned null. */
  predicted: string;
  count: number;
}

export interface EvalReport {
  n: number;
  accuracy: number;
  macro_f1: number;
  perCategory: CategoryScore[];
  /** Most frequent mistakes, largest first (at most 10). */
  confusions: Confusion[];
}

export const NO_PREDICTION = '(none)';

export function scorePredictions(actual: readonly string[], predicted: readonly (string | null)[]): EvalReport {
  if (actual.length !== predicted.length)
    throw new Error(`scorePredictions: ${actual.length} labels but ${predicted.length} predictions`);
  const tp = new Map<string, number>();
  const support = new Map<string, number>();
  const predictedCount = new Map<string, number>();
  const mistakes = new Map<string, Confusion>();
  const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  let correct = 0;
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i]!;
    const p = predicted[i] ?? null;
    inc(support, y);
    if (p !== null) inc(predictedCount, p);
    if (p === y) {
      correct++;
      inc(tp, y);
      continue;
    }
    const key = `${y}\u0000${p ?? NO_PREDICTION}`;
    const c = mistakes.get(key) ?? { actual: y, predicted: p ?? NO_PREDICTION, count: 0 };
    c.count++;
    mistakes.set(key, c);
  }
  const labels = [...new Set([...support.keys(), ...predictedCount.keys()])].sort();
  const perCategory = labels.map((category) => {
    const t = tp.get(category) ?? 0;
    const s = support.get(category) ?? 0;
    const pc = predictedCount.get(category) ?? 0;
    const precision = pc > 0 ? t / pc : 0;
    const recall = s > 0 ? t / s : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { category, support: s, precision, recall, f1 };
  });
  const n = actual.length;
  return {
    n,
    accuracy: n > 0 ? correct / n : 0,
    macro_f1: perCategory.length > 0 ? perCategory.reduce((a, c) => a + c.f1, 0) / perCategory.length : 0,
    perCategory,
    confusions: [...mistakes.values()]
      .sort((a, b) => b.count - a.count || a.actual.localeCompare(b.actual) || a.predicted.localeCompare(b.predicted))
      .slice(0, 10),
  };
}

/** Terminal rendering: one overall line, a per-category table, the top confusions. */
export function formatEvalReport(r: EvalReport): string {
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  const lines = [`n=${r.n}  accuracy ${pct(r.accuracy)}  macro-F1 ${r.macro_f1.toFixed(3)}`, ''];
  const width = Math.max(8, ...r.perCategory.map((c) => c.category.length));
  lines.push(`${'category'.padEnd(width)}  support  precision  recall     f1`);
  const rows = [...r.perCategory].sort((a, b) => b.support - a.support || a.category.localeCompare(b.category));
  for (const c of rows) {
    lines.push(
      `${c.category.padEnd(width)}  ${String(c.support).padStart(7)}  ${pct(c.precision).padStart(9)}  ${pct(c.recall).padStart(6)}  ${c.f1.toFixed(3).padStart(5)}`,
    );
  }
  if (r.confusions.length > 0) {
    lines.push('', 'top confusions (actual -> predicted):');
    for (const c of r.confusions) lines.push(`  ${String(c.count).padStart(4)}  ${c.actual} -> ${c.predicted}`);
  }
  return lines.join('\n');
}
