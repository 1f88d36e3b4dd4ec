/**
 * Confidence calibration: Platt scaling of the score margin between the best and second-best
 * category, P(right) = 1 / (1 + exp(-(a * margin + b))). The pairs (margin, right?) come from
 * an internal cross-validation at training time, so the confidence reflects how often a
 * prediction with that margin was right on text the model had not seen.
 */
export interface Platt {
  a: number;
  b: number;
}

export function topTwoMargin(scores: ArrayLike<number>, n: number): { best: number; margin: number } {
  let best = 0;
  for (let c = 1; c < n; c++) if (scores[c]! > scores[best]!) best = c;
  let second = -Infinity;
  for (let c = 0; c < n; c++) if (c !== best && scores[c]! > second) second = scores[c]!;
  return { best, margin: n > 1 ? scores[best]! - second : 1 };
}

export function plattProbability(p: Platt, margin: number): number {
  return 1 / (1 + Math.exp(-(p.a * margin + p.b)));
}

/** Fits a and b by Newton's method on the log loss, with Platt's smoothed targets. */
export function fitPlatt(margins: number[], right: boolean[]): Platt | null {
  const n = margins.length;
  const pos = right.filter(Boolean).length;
  if (n < 10 || pos === 0 || pos === n) return null;
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (n - pos + 2);
  const t = right.map((r) => (r ? hi : lo));
  let a = 1;
  let b = 0;
  for (let iter = 0; iter < 50; iter++) {
    let ga = 0,
      gb = 0,
      haa = 1e-9,
      hab = 0,
      hbb = 1e-9;
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-(a * margins[i]! + b)));
      const d = p - t[i]!;
      const w = p * (1 - p);
      ga += d * margins[i]!;
      gb += d;
      haa += w * margins[i]! * margins[i]!;
      hab += w * margins[i]!;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-12) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-7) break;
  }
  return Number.isFinite(a) && Number.isFinite(b) ? { a, b } : null;
}
