/**
 * Hashed sparse features of a transaction: word unigrams and bigrams, character n-grams inside
 * word boundaries, merchant words, the amount's sign and a coarse magnitude bucket. Every
 * feature remembers which word (or bigram, or amount bucket) produced it, so a prediction can
 * say why in words a person recognizes.
 */
import { compoundParts, tokens, type NormalizeOptions } from '../normalize.js';
import type { ClassifierInput } from './types.js';

export interface FeatureConfig {
  /** Feature ids are hashes masked to this many bits. */
  dimBits: number;
  wordWeight: number;
  bigramWeight: number;
  charWeight: number;
  charMin: number;
  charMax: number;
  merchantWeight: number;
  amountWeight: number;
  /** Scale features by smoothed inverse document frequency, as TF-IDF does. */
  idf: boolean;
  /**
   * German compounds: `split` uses only the parts ("rundfunk", "beitrag"), `whole` only the word,
   * `both` the word plus its parts as extra word features. Overrides normalize.splitCompounds.
   */
  compounds: 'split' | 'whole' | 'both';
  normalize: NormalizeOptions;
}

export const DEFAULT_FEATURES: FeatureConfig = {
  dimBits: 20,
  wordWeight: 1,
  bigramWeight: 0.6,
  charWeight: 1,
  charMin: 3,
  charMax: 5,
  merchantWeight: 1,
  amountWeight: 0.6,
  idf: true,
  compounds: 'both',
  // Booking-type words ("pos purchase", "kartenzahlung") are kept for the classifier: they
  // separate purchases from fees and transfers, and the model learns how much to trust them.
  normalize: { dropNoise: false },
};

/** A sparse vector; `src[i]` indexes `sources`, the human-readable origin of feature i. */
export interface FeatureVector {
  ids: number[];
  vals: number[];
  src: number[];
  sources: string[];
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function step(h: number, code: number): number {
  return Math.imul(h ^ code, FNV_PRIME) >>> 0;
}

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashString(seed: number, s: string): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = step(h, s.charCodeAt(i));
  return h;
}

const SEED_WORD = hashString(FNV_OFFSET, 'w|');
const SEED_BIGRAM = hashString(FNV_OFFSET, 'b|');
const SEED_CHAR = hashString(FNV_OFFSET, 'c|');
const SEED_MERCHANT = hashString(FNV_OFFSET, 'm|');
const SEED_AMOUNT = hashString(FNV_OFFSET, 'a|');
const BOUNDARY = 0x5e; // '^' marks both word ends in character n-grams

/** Coarse amount bucket: sign and decade of the major-unit amount ("out 10-100"). */
export function amountBucket(amountMinor: number | null | undefined): string | null {
  if (amountMinor === null || amountMinor === undefined || !Number.isFinite(amountMinor)) return null;
  const dir = amountMinor < 0 ? 'out' : 'in';
  const major = Math.abs(amountMinor) / 100;
  if (major < 1) return `${dir} <1`;
  const decade = Math.min(5, Math.floor(Math.log10(major)));
  return `${dir} ${10 ** decade}-${10 ** (decade + 1)}`;
}

class Builder {
  readonly ids: number[] = [];
  readonly vals: number[] = [];
  readonly src: number[] = [];
  readonly sources: string[] = [];
  private readonly index = new Map<number, number>();
  private groupStart = 0;
  constructor(private readonly mask: number) {}

  source(label: string): number {
    this.sources.push(label);
    return this.sources.length - 1;
  }

  add(hash: number, src: number): void {
    const id = mix(hash) & this.mask;
    const at = this.index.get(id);
    if (at !== undefined && at >= this.groupStart) {
      this.vals[at]! += 1;
      return;
    }
    this.index.set(id, this.ids.length);
    this.ids.push(id);
    this.vals.push(1);
    this.src.push(src);
  }

  /** Closes a feature group: IDF-scale, then L2-normalize it to `weight`. */
  endGroup(weight: number, idf: ((id: number) => number) | null): void {
    let sq = 0;
    for (let i = this.groupStart; i < this.ids.length; i++) {
      let v = this.vals[i]!;
      if (idf) v *= idf(this.ids[i]!);
      this.vals[i] = v;
      sq += v * v;
    }
    if (sq > 0) {
      const k = weight / Math.sqrt(sq);
      for (let i = this.groupStart; i < this.ids.length; i++) this.vals[i]! *= k;
    }
    this.groupStart = this.ids.length;
  }
}

/**
 * Builds the feature vector. `idf` (when the config asks for it) maps a feature id to its
 * weight; pass null while collecting document frequencies.
 */
export function extractFeatures(input: ClassifierInput, cfg: FeatureConfig, idf: ((id: number) => number) | null): FeatureVector {
  const t = inputTokens(input, cfg);
  return featuresFromTokens(t.words, t.merchantWords, input.amountMinor, cfg, idf);
}

/** The normalized words of description and merchant, as the features see them. */
export function inputTokens(input: ClassifierInput, cfg: FeatureConfig): { words: string[]; merchantWords: string[] } {
  const norm = { ...cfg.normalize, splitCompounds: cfg.compounds === 'split' };
  return {
    words: tokens(input.description ?? '', norm),
    merchantWords: input.merchant ? tokens(input.merchant, norm) : [],
  };
}

export function featuresFromTokens(
  words: string[],
  merchantWords: string[],
  amountMinor: number | null | undefined,
  cfg: FeatureConfig,
  idf: ((id: number) => number) | null,
): FeatureVector {
  const b = new Builder((1 << cfg.dimBits) - 1);
  const scale = cfg.idf ? idf : null;
  const all = merchantWords.length > 0 ? words.concat(merchantWords) : words;
  const wordSrc = all.map((w) => b.source(w));

  if (cfg.wordWeight > 0) {
    for (let i = 0; i < all.length; i++) {
      b.add(hashString(SEED_WORD, all[i]!), wordSrc[i]!);
      if (cfg.compounds === 'both' && all[i]!.length >= 7) {
        const parts = compoundParts(all[i]!);
        if (parts.length > 1) for (const p of parts) b.add(hashString(SEED_WORD, p), wordSrc[i]!);
      }
    }
    b.endGroup(cfg.wordWeight, scale);
  }
  if (cfg.bigramWeight > 0) {
    // Bigrams within the description and within the merchant, never across the two.
    for (const [from, to] of [
      [0, words.length],
      [words.length, all.length],
    ] as const) {
      for (let i = from; i + 1 < to; i++) {
        const a = all[i]!;
        const c = all[i + 1]!;
        const h = hashString(step(hashString(SEED_BIGRAM, a), 0x20), c);
        b.add(h, b.source(`${a} ${c}`));
      }
    }
    b.endGroup(cfg.bigramWeight, scale);
  }
  if (cfg.charWeight > 0) {
    for (let i = 0; i < all.length; i++) addCharGrams(b, all[i]!, wordSrc[i]!, cfg.charMin, cfg.charMax);
    b.endGroup(cfg.charWeight, scale);
  }
  if (cfg.merchantWeight > 0 && merchantWords.length > 0) {
    const m = merchantWords.join(' ');
    b.add(hashString(SEED_MERCHANT, m), b.source(`merchant "${m}"`));
    b.endGroup(cfg.merchantWeight, scale);
  }
  const bucket = cfg.amountWeight > 0 ? amountBucket(amountMinor) : null;
  if (bucket) {
    const s = b.source(`amount ${bucket}`);
    b.add(hashString(SEED_AMOUNT, bucket), s);
    b.add(hashString(SEED_AMOUNT, bucket.startsWith('in') ? 'in' : 'out'), s);
    b.endGroup(cfg.amountWeight, scale);
  }
  return { ids: b.ids, vals: b.vals, src: b.src, sources: b.sources };
}

/** Character n-grams of "^word^" for n in [min, max], hashed without building substrings. */
function addCharGrams(b: Builder, w: string, src: number, min: number, max: number): void {
  const len = w.length + 2;
  const at = (i: number) => (i === 0 || i === len - 1 ? BOUNDARY : w.charCodeAt(i - 1));
  if (len < min) {
    let h = SEED_CHAR;
    for (let i = 0; i < len; i++) h = step(h, at(i));
    b.add(h, src);
    return;
  }
  for (let start = 0; start + min <= len; start++) {
    let h = SEED_CHAR;
    const stop = Math.min(len, start + max);
    for (let j = start; j < stop; j++) {
      h = step(h, at(j));
      if (j - start + 1 >= min) b.add(h, src);
    }
  }
}
