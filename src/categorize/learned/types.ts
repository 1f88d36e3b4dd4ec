/** The learned classifier's public shapes; other parts of Trax code against these. */

export interface LabeledExample {
  description: string;
  merchant?: string | null;
  /** Signed integer minor units; negative is money out. */
  amountMinor?: number | null;
  category: string;
}

export interface ClassifierInput {
  description: string;
  merchant?: string | null;
  amountMinor?: number | null;
}

export interface Prediction {
  category: string;
  /** 0..1; at ≥ 0.6 the prediction is usually right (measured in docs/categorization-model.md). */
  confidence: number;
  /**
   * The confidence this prediction earned on held-out folds at training time (calibrated, and
   * capped by how often the folds were right about this category); null when it earned none:
   * too few examples to calibrate, a category learned only from corrections since, or an answer
   * that comes from the exact-text memory alone.
   */
  earned: number | null;
  /** Top contributing features, human readable: `"rewe" (word)`, `amount out 10-100`. */
  why: string[];
}
