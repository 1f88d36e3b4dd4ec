/** Offline evaluation of the learned classifier: load labelled CSVs, train, score. */
import { LearnedClassifier, type TrainOptions } from '../learned/classifier.js';
import type { LabeledExample } from '../learned/types.js';
import { scorePredictions, type EvalReport } from './metrics.js';

export { loadEvalCsv, parseEvalCsv, parseAmountMinor, type EvalCsv } from './load.js';
export { parseCsv, csvField } from './csv.js';
export {
  scorePredictions,
  formatEvalReport,
  NO_PREDICTION,
  type EvalReport,
  type CategoryScore,
  type Confusion,
} from './metrics.js';
export { groupedFolds, splitFold } from './folds.js';

/** Trains on `train`, predicts every row of `test`, and scores it (a null prediction is wrong). */
export function evaluate(train: LabeledExample[], test: LabeledExample[], opts?: TrainOptions): EvalReport {
  const model = LearnedClassifier.train(train, opts);
  return scorePredictions(
    test.map((t) => t.category),
    test.map((t) => model.predict(t)?.category ?? null),
  );
}
