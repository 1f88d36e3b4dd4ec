/**
 * Multinomial naive Bayes over the same hashed features (fractional counts allowed), with
 * Laplace smoothing. Kept as a comparison model (bench/categorize-eval.ts): it learns in one
 * pass and updates exactly, but was less accurate than the linear SVM on every evaluation set.
 */
import type { FeatureVector } from './features.js';
import type { TrainItem } from './linear.js';

export interface NaiveBayesOptions {
  alpha: number;
  /** Scores are multiplied by this before the softmax (NB log-odds are famously overconfident). */
  temperature: number;
  /** Complement NB (Rennie et al. 2003): estimate each class from all other classes' counts. */
  complement: boolean;
}

export interface NaiveBayesState {
  nClasses: number;
  docs: number[];
  totals: number[];
  rows: Array<[number, number[]]>;
}

export class NaiveBayes {
  private counts = new Map<number, Float64Array>();
  private docs: Float64Array;
  private totals: Float64Array;
  private grand = 0;

  constructor(
    readonly opts: NaiveBayesOptions,
    private nClasses: number,
  ) {
    this.docs = new Float64Array(Math.max(4, nClasses));
    this.totals = new Float64Array(Math.max(4, nClasses));
  }

  get classes(): number {
    return this.nClasses;
  }

  addClass(): void {
    this.nClasses++;
    if (this.nClasses > this.docs.length) {
      this.docs = grow(this.docs, this.nClasses);
      this.totals = grow(this.totals, this.nClasses);
    }
  }

  fit(data: TrainItem[]): void {
    for (const d of data) this.learnOne(d.x, d.y);
  }

  learnOne(x: FeatureVector, y: number): void {
    this.docs[y]! += 1;
    for (let i = 0; i < x.ids.length; i++) {
      const id = x.ids[i]!;
      let r = this.counts.get(id);
      if (!r || r.length < this.nClasses) {
        const n = new Float64Array(this.nClasses);
        if (r) n.set(r);
        r = n;
        this.counts.set(id, r);
      }
      const v = x.vals[i]!;
      r[y]! += v;
      this.totals[y]! += v;
      this.grand += v;
    }
  }

  private logTheta(id: number, c: number): number {
    const r = this.counts.get(id);
    const vocab = this.counts.size;
    const a = this.opts.alpha;
    if (this.opts.complement) {
      const own = r && c < r.length ? r[c]! : 0;
      let all = 0;
      if (r) for (let k = 0; k < r.length; k++) all += r[k]!;
      return -Math.log((all - own + a) / (this.grand - this.totals[c]! + a * vocab));
    }
    const n = r && c < r.length ? r[c]! : 0;
    return Math.log((n + a) / (this.totals[c]! + a * vocab));
  }

  scores(x: FeatureVector, out = new Float64Array(this.nClasses)): Float64Array {
    let docs = 0;
    for (let c = 0; c < this.nClasses; c++) docs += this.docs[c]!;
    for (let c = 0; c < this.nClasses; c++) {
      let s = this.opts.complement ? 0 : Math.log((this.docs[c]! + 1) / (docs + this.nClasses));
      for (let i = 0; i < x.ids.length; i++) {
        if (!this.counts.has(x.ids[i]!)) continue;
        s += x.vals[i]! * this.logTheta(x.ids[i]!, c);
      }
      out[c] = s;
    }
    return out;
  }

  contribution(x: FeatureVector, i: number, c: number): number {
    const id = x.ids[i]!;
    if (!this.counts.has(id)) return 0;
    let mean = 0;
    for (let k = 0; k < this.nClasses; k++) mean += this.logTheta(id, k);
    mean /= this.nClasses;
    return x.vals[i]! * (this.logTheta(id, c) - mean);
  }

  probabilities(scores: Float64Array): Float64Array {
    const p = new Float64Array(scores.length);
    let max = -Infinity;
    for (const v of scores) if (v > max) max = v;
    let sum = 0;
    for (let c = 0; c < scores.length; c++) sum += p[c] = Math.exp((scores[c]! - max) * this.opts.temperature);
    for (let c = 0; c < scores.length; c++) p[c]! /= sum;
    return p;
  }

  toState(): NaiveBayesState {
    const rows: Array<[number, number[]]> = [];
    for (const [id, r] of this.counts) {
      const flat: number[] = [];
      for (let c = 0; c < r.length; c++) if (r[c] !== 0) flat.push(c, Math.round(r[c]! * 1e6) / 1e6);
      rows.push([id, flat]);
    }
    return {
      nClasses: this.nClasses,
      docs: Array.from(this.docs.subarray(0, this.nClasses)),
      totals: Array.from(this.totals.subarray(0, this.nClasses)),
      rows,
    };
  }

  static fromState(opts: NaiveBayesOptions, s: NaiveBayesState): NaiveBayes {
    const m = new NaiveBayes(opts, s.nClasses);
    s.docs.forEach((v, c) => (m.docs[c] = v));
    s.totals.forEach((v, c) => {
      m.totals[c] = v;
      m.grand += v;
    });
    for (const [id, flat] of s.rows) {
      const r = new Float64Array(s.nClasses);
      for (let i = 0; i + 1 < flat.length; i += 2) if (flat[i]! < s.nClasses) r[flat[i]!] = flat[i + 1]!;
      m.counts.set(id, r);
    }
    return m;
  }
}

function grow(a: Float64Array, n: number): Float64Array {
  const b = new Float64Array(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}
