/**
 * The learned stage of categorization: trained on the user's own labelled transactions
 * (corrections plus high-confidence rule hits) and corrected one example at a time.
 *
 * Two parts:
 * - a linear model over hashed word, bigram, character n-gram and amount features
 *   (a linear SVM trained by SGD by default, chosen by measurement — docs/categorization-model.md),
 * - a memory of normalized texts already labelled: once a text was labelled, the same text
 *   (up to dates, store numbers, card numbers) gets that label back, the latest one winning ties.
 */
import {
  amountBucket,
  DEFAULT_FEATURES,
  extractFeatures,
  featuresFromTokens,
  inputTokens,
  type FeatureConfig,
  type FeatureVector,
} from './features.js';
import { LinearModel, type LinearLoss, type LinearOptions, type TrainItem } from './linear.js';
import { NaiveBayes, type NaiveBayesOptions } from './naive-bayes.js';
import { isBoilerplate } from '../normalize.js';
import { fitPlatt, plattProbability, topTwoMargin, type Platt } from './calibration.js';
import { Prng } from '../../util/prng.js';
import { classifierStateSchema, type ClassifierState } from './schema.js';
import type { ClassifierInput, LabeledExample, Prediction } from './types.js';

export type ModelKind = LinearLoss | 'nb';

export interface TrainOptions {
  model?: ModelKind;
  features?: Partial<FeatureConfig>;
  linear?: Partial<Omit<LinearOptions, 'loss'>>;
  nb?: Partial<NaiveBayesOptions>;
  /** Exact-text memory on/off (on by default). */
  memory?: boolean;
  /** Calibrate confidence by internal 3-fold cross-validation (on by default; needs ≥ 30 examples). */
  calibrate?: boolean;
}

export const DEFAULT_MODEL: ModelKind = 'hinge';
const DEFAULT_LINEAR: Omit<LinearOptions, 'loss'> = {
  epochs: 12,
  lambda: 1e-3,
  eta0: 0.5,
  margin: 1,
  temperature: 3,
  seed: 1,
};
const DEFAULT_NB: NaiveBayesOptions = { alpha: 0.1, temperature: 0.2, complement: true };
const CACHE_LIMIT = 50_000;
const FORMAT = 'trax-learned-classifier';
/** Bump when normalization or feature hashing changes meaning: old JSON then fails to load and Trax retrains. */
export const FEATURE_VERSION = 1;

type Model = LinearModel | NaiveBayes;
type Tokens = { words: string[]; merchantWords: string[] };

interface Settings {
  model: ModelKind;
  features: FeatureConfig;
  linear: Omit<LinearOptions, 'loss'>;
  nb: NaiveBayesOptions;
  memory: boolean;
  calibrate: boolean;
}

export class LearnedClassifier {
  private readonly classes: string[] = [];
  private readonly classIndex = new Map<string, number>();
  private readonly df = new Map<number, number>();
  private docs = 0;
  /** normalized text -> per-class counts, and the class labelled last. */
  private readonly memo = new Map<string, { counts: Map<number, number>; last: number }>();
  private readonly cache = new Map<string, Prediction | null>();
  private model: Model;
  private calibration: Platt | null = null;
  /** Per class index: [held-out predictions of it, how many were right], from the calibration folds. */
  private heldOut: Array<[number, number]> = [];
  private seen = 0;

  private constructor(private readonly settings: Settings) {
    this.model = makeModel(settings, 0);
  }

  /** Examples seen (trained on plus updates). */
  get size(): number {
    return this.seen;
  }

  /** The category names the model knows, in index order. */
  get categories(): readonly string[] {
    return this.classes;
  }

  static train(examples: LabeledExample[], opts: TrainOptions = {}): LearnedClassifier {
    const settings: Settings = {
      model: opts.model ?? DEFAULT_MODEL,
      features: {
        ...DEFAULT_FEATURES,
        ...opts.features,
        normalize: { ...DEFAULT_FEATURES.normalize, ...opts.features?.normalize },
      },
      linear: { ...DEFAULT_LINEAR, ...opts.linear },
      nb: { ...DEFAULT_NB, ...opts.nb },
      memory: opts.memory ?? true,
      calibrate: opts.calibrate ?? true,
    };
    const c = new LearnedClassifier(settings);
    const usable = examples.filter((e) => typeof e.category === 'string' && e.category.length > 0);
    for (const e of usable) c.classId(e.category);
    // Pass 1: document frequencies (IDF needs the whole corpus before any vector is final).
    if (settings.features.idf) for (const e of usable) c.countDf(extractFeatures(e, settings.features, null));
    const data: TrainItem[] = usable.map((e) => ({ x: c.features(e), y: c.classIndex.get(e.category)! }));
    c.model.fit(data);
    if (settings.calibrate) {
      const groups = usable.map((e) => c.memoKeyOf(inputTokens(e, settings.features)));
      const cal = calibrate(settings, data, groups, c.classes.length);
      c.calibration = cal?.platt ?? null;
      c.heldOut = cal?.platt ? cal.perClass : [];
    }
    for (const e of usable) c.remember(e, c.classIndex.get(e.category)!);
    c.seen = usable.length;
    return c;
  }

  /** One correction: cheap, and the corrected text is predicted as corrected right away. */
  update(example: LabeledExample): void {
    if (!example.category) return;
    const y = this.classId(example.category);
    if (this.settings.features.idf) this.countDf(extractFeatures(example, this.settings.features, null));
    this.model.learnOne(this.features(example), y);
    this.remember(example, y);
    this.seen++;
    this.cache.clear();
  }

  predict(input: ClassifierInput): Prediction | null {
    // Two cache levels: the raw input (no work at all), then the normalized text, so the same
    // merchant with a new date, store or card number costs one normalization.
    const bucket = amountBucket(input.amountMinor) ?? '';
    const rawKey = `${input.description}\u0001${input.merchant ?? ''}\u0001${bucket}`;
    const hit = this.cache.get(rawKey);
    if (hit !== undefined) return hit;
    const t = inputTokens(input, this.settings.features);
    const key = `\u0002${this.memoKeyOf(t)}\u0001${bucket}`;
    let p = this.cache.get(key);
    if (p === undefined) {
      p = this.predictTokens(t, input.amountMinor);
      this.remember_(key, p);
    }
    this.remember_(rawKey, p);
    return p;
  }

  private remember_(key: string, p: Prediction | null): void {
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, p);
  }

  private predictTokens(t: Tokens, amountMinor: number | null | undefined): Prediction | null {
    if (this.classes.length === 0) return null;
    const x = this.vector(t, amountMinor);
    const known = this.settings.memory ? this.recall(this.memoKeyOf(t)) : null;
    if (x.ids.length === 0 && !known) return null;
    const scores = this.model.scores(x);
    const top = topTwoMargin(scores, this.classes.length);
    let best = top.best;
    let confidence = this.calibration
      ? plattProbability(this.calibration, top.margin)
      : this.model.probabilities(scores.subarray(0, this.classes.length))[best]!;
    const earned = this.earned(best, top.margin);
    if (known) {
      // The same text was labelled before: that label, with confidence from how consistent it was.
      const agree = known.cls === best;
      best = known.cls;
      confidence = Math.max(agree ? confidence : 0, (known.count + 1) / (known.total + 2));
      return {
        category: this.classes[best]!,
        confidence: round3(confidence),
        // The memory is never tested on held-out text (the folds group by text), so only the
        // linear model's agreement carries a measured confidence.
        earned: agree && earned !== null ? round3(earned) : null,
        why: [`same text labelled before (${known.count}/${known.total})`, ...this.explain(x, best)].slice(0, 4),
      };
    }
    return {
      category: this.classes[best]!,
      confidence: round3(confidence),
      earned: earned === null ? null : round3(earned),
      why: this.explain(x, best),
    };
  }

  /**
   * The confidence a prediction of class `c` earned on text the model had not seen: the
   * calibrated probability for this margin, capped by how often the held-out folds were right
   * when they predicted `c` (Laplace-smoothed, so a class with no held-out record gets at most ½).
   * Null without calibration: a model fitted on too few examples has not earned any.
   */
  private earned(c: number, margin: number): number | null {
    if (!this.calibration || this.heldOut.length === 0) return null;
    const [predicted, right] = this.heldOut[c] ?? [0, 0];
    return Math.min(plattProbability(this.calibration, margin), (right + 1) / (predicted + 2));
  }

  toJSON(): ClassifierState {
    return {
      format: FORMAT,
      version: FEATURE_VERSION,
      settings: this.settings,
      classes: [...this.classes],
      size: this.seen,
      docs: this.docs,
      df: [...this.df],
      calibration: this.calibration,
      heldOut: this.heldOut.map(([n, r]) => [n, r]),
      memory: [...this.memo].map(([text, m]) => [text, [...m.counts].flat(), m.last]),
      model:
        this.model instanceof LinearModel ? { kind: 'linear', ...this.model.toState() } : { kind: 'nb', ...this.model.toState() },
    };
  }

  static fromJSON(data: unknown): LearnedClassifier {
    const parsed = classifierStateSchema.safeParse(data);
    if (!parsed.success)
      throw new Error(
        `learned classifier JSON is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    const s = parsed.data;
    if (s.version !== FEATURE_VERSION)
      throw new Error(`learned classifier JSON has feature version ${s.version}, this Trax uses ${FEATURE_VERSION}: retrain`);
    const c = new LearnedClassifier(s.settings as Settings);
    for (const name of s.classes) c.classId(name);
    c.docs = s.docs;
    for (const [id, n] of s.df) c.df.set(id, n);
    for (const [text, flat, last] of s.memory) {
      const counts = new Map<number, number>();
      for (let i = 0; i + 1 < flat.length; i += 2) counts.set(flat[i]!, flat[i + 1]!);
      c.memo.set(text, { counts, last });
    }
    const linear = s.settings.model === 'nb' ? null : { ...s.settings.linear, loss: s.settings.model };
    if (s.model.kind === 'linear' && linear) c.model = LinearModel.fromState(linear, s.model);
    else if (s.model.kind === 'nb' && !linear) c.model = NaiveBayes.fromState(s.settings.nb, s.model);
    else throw new Error('learned classifier JSON is invalid: model kind does not match settings');
    if (s.model.nClasses !== s.classes.length) throw new Error('learned classifier JSON is invalid: class count mismatch');
    c.calibration = s.calibration;
    // A model saved before held-out records existed has no measured confidence until retrained.
    c.heldOut = s.heldOut ?? [];
    c.seen = s.size;
    return c;
  }

  private classId(name: string): number {
    let id = this.classIndex.get(name);
    if (id === undefined) {
      id = this.classes.length;
      this.classes.push(name);
      this.classIndex.set(name, id);
      if (id >= this.model.classes) this.model.addClass();
    }
    return id;
  }

  private countDf(x: FeatureVector): void {
    this.docs++;
    const seen = new Set<number>();
    for (const id of x.ids) {
      if (seen.has(id)) continue;
      seen.add(id);
      this.df.set(id, (this.df.get(id) ?? 0) + 1);
    }
  }

  private features(input: ClassifierInput): FeatureVector {
    return this.vector(inputTokens(input, this.settings.features), input.amountMinor);
  }

  private vector(t: Tokens, amountMinor: number | null | undefined): FeatureVector {
    const cfg = this.settings.features;
    if (!cfg.idf) return featuresFromTokens(t.words, t.merchantWords, amountMinor, cfg, null);
    const n = this.docs;
    const x = featuresFromTokens(t.words, t.merchantWords, amountMinor, cfg, (id) => {
      const d = this.df.get(id);
      // Unseen features get weight 0, as a fitted TF-IDF vocabulary ignores unknown terms.
      return d === undefined ? 0 : Math.log((1 + n) / (1 + d)) + 1;
    });
    return dropZeros(x);
  }

  /** The memory's notion of "same text": the words without booking boilerplate, as normalizeText sees them. */
  private memoKeyOf(t: Tokens): string {
    const d = t.words.filter((w) => !isBoilerplate(w)).join(' ');
    return t.merchantWords.length > 0 ? `${d}|${t.merchantWords.filter((w) => !isBoilerplate(w)).join(' ')}` : d;
  }

  private remember(e: LabeledExample, y: number): void {
    const key = this.memoKeyOf(inputTokens(e, this.settings.features));
    if (key.length === 0) return;
    let m = this.memo.get(key);
    if (!m) {
      m = { counts: new Map(), last: y };
      this.memo.set(key, m);
    }
    m.counts.set(y, (m.counts.get(y) ?? 0) + 1);
    m.last = y;
  }

  private recall(key: string): { cls: number; count: number; total: number } | null {
    const m = this.memo.get(key);
    if (!m) return null;
    let cls = m.last;
    let total = 0;
    for (const [c, n] of m.counts) {
      total += n;
      if (n > (m.counts.get(cls) ?? 0)) cls = c;
    }
    return { cls, count: m.counts.get(cls) ?? 0, total };
  }

  /** Top contributing sources (words, bigrams, amount bucket), strongest first. */
  private explain(x: FeatureVector, c: number): string[] {
    const bySource = new Float64Array(x.sources.length);
    for (let i = 0; i < x.ids.length; i++) bySource[x.src[i]!]! += this.model.contribution(x, i, c);
    const order = [...bySource.keys()].filter((i) => bySource[i]! > 0).sort((a, b) => bySource[b]! - bySource[a]!);
    const out: string[] = [];
    for (const i of order) {
      const s = x.sources[i]!;
      const label = s.startsWith('amount ') || s.startsWith('merchant ') ? s : `"${s}"`;
      if (!out.includes(label)) out.push(label);
      if (out.length === 3) break;
    }
    return out;
  }
}

function makeModel(s: Settings, nClasses: number): Model {
  return s.model === 'nb' ? new NaiveBayes(s.nb, nClasses) : new LinearModel({ ...s.linear, loss: s.model }, nClasses);
}

/**
 * Internal 3-fold cross-validation grouped by normalized text: (margin, right?) pairs for texts
 * the fold's model never saw (exact repeats are the memory's job), then Platt scaling.
 */
function calibrate(
  s: Settings,
  data: TrainItem[],
  groups: string[],
  nClasses: number,
): { platt: Platt | null; perClass: Array<[number, number]> } | null {
  if (data.length < 30 || nClasses < 2) return null;
  const K = 3;
  const unique = new Prng(s.linear.seed + 7).shuffle([...new Set(groups)].sort());
  if (unique.length < K * 3) return null;
  const foldOf = new Map(unique.map((g, i) => [g, i % K]));
  const margins: number[] = [];
  const right: boolean[] = [];
  const perClass: Array<[number, number]> = Array.from({ length: nClasses }, () => [0, 0]);
  for (let k = 0; k < K; k++) {
    const model = makeModel(s, nClasses);
    model.fit(data.filter((_, i) => foldOf.get(groups[i]!) !== k));
    data.forEach((item, i) => {
      if (foldOf.get(groups[i]!) !== k) return;
      const top = topTwoMargin(model.scores(item.x), nClasses);
      margins.push(top.margin);
      right.push(top.best === item.y);
      perClass[top.best]![0]++;
      if (top.best === item.y) perClass[top.best]![1]++;
    });
  }
  return { platt: fitPlatt(margins, right), perClass };
}

function dropZeros(x: FeatureVector): FeatureVector {
  if (!x.vals.includes(0)) return x;
  const out: FeatureVector = { ids: [], vals: [], src: [], sources: x.sources };
  for (let i = 0; i < x.ids.length; i++) {
    if (x.vals[i] === 0) continue;
    out.ids.push(x.ids[i]!);
    out.vals.push(x.vals[i]!);
    out.src.push(x.src[i]!);
  }
  return out;
}

/** Three decimals, never a claim of certainty. */
function round3(v: number): number {
  return Math.min(0.999, Math.round(v * 1000) / 1000);
}
