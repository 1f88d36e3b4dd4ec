/**
 * Linear multiclass models over hashed sparse features, trained with SGD:
 * - `perceptron`: averaged multiclass perceptron with a margin (Collins-style averaging),
 * - `hinge`: Crammer–Singer multiclass hinge loss with L2 (a linear SVM, Pegasos-style),
 * - `softmax`: multinomial logistic regression with L2.
 * Weights live in a Map from feature id to one row of per-class weights, so the model stays as
 * sparse as the features it has seen and grows when a new category appears.
 */
import type { FeatureVector } from './features.js';
import { Prng } from '../../util/prng.js';

export type LinearLoss = 'perceptron' | 'hinge' | 'softmax';

export interface LinearOptions {
  loss: LinearLoss;
  epochs: number;
  /** L2 strength (hinge, softmax). */
  lambda: number;
  /** Initial learning rate; decays as eta0 / (1 + eta0 * lambda * t). */
  eta0: number;
  /** Required score margin for perceptron and hinge updates. */
  margin: number;
  /** Scores are multiplied by this before the softmax that turns them into confidences. */
  temperature: number;
  seed: number;
}

export interface TrainItem {
  x: FeatureVector;
  y: number;
}

export interface LinearState {
  nClasses: number;
  bias: number[];
  rows: Array<[number, number[]]>;
}

const EPS = 5e-5;

export class LinearModel {
  private rows = new Map<number, Float64Array>();
  private bias: Float64Array;
  /** True weight = scale * stored weight (lazy L2 shrinkage). */
  private scale = 1;
  /** Averaging: accumulated t-weighted updates, and the step counter. */
  private acc: Map<number, Float64Array> | null = null;
  private accBias: Float64Array | null = null;
  private t = 1;

  constructor(
    readonly opts: LinearOptions,
    private nClasses: number,
  ) {
    this.bias = new Float64Array(Math.max(4, nClasses));
  }

  get classes(): number {
    return this.nClasses;
  }

  addClass(): void {
    this.nClasses++;
    if (this.nClasses > this.bias.length) this.bias = grow(this.bias, this.nClasses);
  }

  private row(map: Map<number, Float64Array>, id: number): Float64Array {
    let r = map.get(id);
    if (!r) {
      r = new Float64Array(this.nClasses);
      map.set(id, r);
    } else if (r.length < this.nClasses) {
      r = grow(r, this.nClasses);
      map.set(id, r);
    }
    return r;
  }

  scores(x: FeatureVector, out: Float64Array = new Float64Array(this.nClasses)): Float64Array {
    const k = this.nClasses;
    for (let c = 0; c < k; c++) out[c] = this.bias[c]!;
    for (let i = 0; i < x.ids.length; i++) {
      const r = this.rows.get(x.ids[i]!);
      if (!r) continue;
      const v = x.vals[i]! * this.scale;
      const n = Math.min(k, r.length);
      for (let c = 0; c < n; c++) out[c]! += v * r[c]!;
    }
    return out;
  }

  /** How much feature i of x pushes toward class c. */
  contribution(x: FeatureVector, i: number, c: number): number {
    const r = this.rows.get(x.ids[i]!);
    return r && c < r.length ? x.vals[i]! * this.scale * r[c]! : 0;
  }

  probabilities(scores: Float64Array): Float64Array {
    const temp = this.opts.loss === 'softmax' ? 1 : this.opts.temperature;
    return softmax(scores, temp);
  }

  fit(data: TrainItem[]): void {
    const rng = new Prng(this.opts.seed);
    const order = data.map((_, i) => i);
    const average = this.opts.loss === 'perceptron';
    if (average) {
      this.acc = new Map();
      this.accBias = new Float64Array(this.bias.length);
    }
    let step = 0;
    const buf = new Float64Array(this.nClasses);
    for (let epoch = 0; epoch < this.opts.epochs; epoch++) {
      rng.shuffle(order);
      for (const idx of order) {
        const item = data[idx]!;
        const eta = this.opts.loss === 'perceptron' ? 1 : this.opts.eta0 / (1 + this.opts.eta0 * this.opts.lambda * step);
        this.sgdStep(item.x, item.y, eta, buf, true);
        step++;
        this.t++;
      }
    }
    if (average) this.finishAverage();
  }

  /**
   * One correction, applied at once: repeat small updates on this example until it wins by the
   * margin (bounded), without L2 shrinkage, so the user's latest word counts immediately.
   */
  learnOne(x: FeatureVector, y: number): void {
    const buf = new Float64Array(this.nClasses);
    const eta = this.opts.loss === 'perceptron' ? 1 : this.opts.eta0;
    for (let i = 0; i < 20; i++) {
      const s = this.scores(x, buf);
      let best = -Infinity;
      for (let c = 0; c < this.nClasses; c++) if (c !== y && s[c]! > best) best = s[c]!;
      if (s[y]! - best >= Math.max(this.opts.margin, 0.5)) {
        if (this.opts.loss !== 'softmax' || this.probabilities(s)[y]! >= 0.6) return;
      }
      this.sgdStep(x, y, eta, buf, false);
    }
  }

  private sgdStep(x: FeatureVector, y: number, eta: number, buf: Float64Array, regularize: boolean): void {
    const k = this.nClasses;
    const s = this.scores(x, buf);
    const loss = this.opts.loss;
    if (loss === 'softmax') {
      const p = softmax(s, 1);
      if (regularize && this.opts.lambda > 0) this.shrink(eta);
      for (let c = 0; c < k; c++) {
        const g = p[c]! - (c === y ? 1 : 0);
        if (Math.abs(g) < 1e-3) continue;
        this.addTo(x, c, -eta * g);
      }
      return;
    }
    let rival = -1;
    let best = -Infinity;
    for (let c = 0; c < k; c++) {
      if (c !== y && s[c]! > best) {
        best = s[c]!;
        rival = c;
      }
    }
    const violated = rival >= 0 && s[y]! - best < this.opts.margin;
    if (regularize && loss === 'hinge' && this.opts.lambda > 0) this.shrink(eta);
    if (!violated) return;
    this.addTo(x, y, eta);
    this.addTo(x, rival, -eta);
  }

  private addTo(x: FeatureVector, c: number, amount: number): void {
    const d = amount / this.scale;
    for (let i = 0; i < x.ids.length; i++) {
      const id = x.ids[i]!;
      this.row(this.rows, id)[c]! += d * x.vals[i]!;
      if (this.acc) this.row(this.acc, id)[c]! += this.t * d * x.vals[i]!;
    }
    this.bias[c]! += amount * 0.1;
    if (this.accBias) this.accBias[c]! += this.t * amount * 0.1;
  }

  private shrink(eta: number): void {
    this.scale *= 1 - eta * this.opts.lambda;
    if (this.scale < 1e-6) this.rescale();
  }

  private rescale(): void {
    for (const r of this.rows.values()) for (let c = 0; c < r.length; c++) r[c]! *= this.scale;
    this.scale = 1;
  }

  /** Averaged weights: w - acc / t (the standard lazy-averaging identity). */
  private finishAverage(): void {
    if (!this.acc || !this.accBias) return;
    const t = this.t;
    for (const [id, a] of this.acc) {
      const r = this.row(this.rows, id);
      for (let c = 0; c < a.length; c++) r[c]! -= a[c]! / t;
    }
    for (let c = 0; c < this.nClasses; c++) this.bias[c]! -= this.accBias[c]! / t;
    this.acc = null;
    this.accBias = null;
  }

  toState(): LinearState {
    this.rescale();
    const rows: Array<[number, number[]]> = [];
    for (const [id, r] of this.rows) {
      // Sparse row: [class, weight, class, weight, ...], tiny weights dropped.
      const flat: number[] = [];
      for (let c = 0; c < r.length; c++) if (Math.abs(r[c]!) >= EPS) flat.push(c, round(r[c]!));
      if (flat.length > 0) rows.push([id, flat]);
    }
    return { nClasses: this.nClasses, bias: Array.from(this.bias.subarray(0, this.nClasses), round), rows };
  }

  static fromState(opts: LinearOptions, s: LinearState): LinearModel {
    const m = new LinearModel(opts, s.nClasses);
    s.bias.forEach((b, c) => (m.bias[c] = b));
    for (const [id, flat] of s.rows) {
      const r = new Float64Array(s.nClasses);
      for (let i = 0; i + 1 < flat.length; i += 2) {
        const c = flat[i]!;
        if (c < s.nClasses) r[c] = flat[i + 1]!;
      }
      m.rows.set(id, r);
    }
    return m;
  }
}

/** Four decimals: weights are O(0.01..1), so the JSON stays small and predictions do not change. */
function round(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}

function grow(a: Float64Array, n: number): Float64Array {
  const b = new Float64Array(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}

export function softmax(s: Float64Array, temperature: number): Float64Array {
  const p = new Float64Array(s.length);
  let max = -Infinity;
  for (const v of s) if (v > max) max = v;
  let sum = 0;
  for (let c = 0; c < s.length; c++) {
    const e = Math.exp((s[c]! - max) * temperature);
    p[c] = e;
    sum += e;
  }
  for (let c = 0; c < s.length; c++) p[c]! /= sum;
  return p;
}
