export { LearnedClassifier, DEFAULT_MODEL, FEATURE_VERSION, type ModelKind, type TrainOptions } from './classifier.js';
export type { ClassifierInput, LabeledExample, Prediction } from './types.js';
export { DEFAULT_FEATURES, amountBucket, type FeatureConfig } from './features.js';
