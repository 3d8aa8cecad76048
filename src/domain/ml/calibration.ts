/**
 * Probability calibration fitted on held-out scores: Platt scaling (a logistic curve on the score's
 * log-odds) and isotonic regression (pool-adjacent-violators, a non-decreasing step function).
 */
import { fitLogistic } from './logistic.js';

export interface Calibrator {
  readonly method: 'platt' | 'isotonic';
  /** Calibrated probability for a raw probability. */
  apply(p: number): number;
}

const logit = (p: number): number => {
  const q = Math.min(1 - 1e-12, Math.max(1e-12, p));
  return Math.log(q / (1 - q));
};

/**
 * Platt scaling: P(y = 1 | p) = σ(a · logit(p) + b), fitted by maximum likelihood (a tiny ridge keeps
 * separable inputs finite). Monotone when a > 0; preserves ranking, so ROC-AUC is unchanged.
 */
export function fitPlatt(probs: ArrayLike<number>, y: Uint8Array): Calibrator & { a: number; b: number } {
  const X = Array.from({ length: y.length }, (_, i) => Float64Array.of(logit(probs[i] ?? 0)));
  const m = fitLogistic(X, y, { l2: 1e-6 });
  const a = m.coef[0] ?? 0;
  const b = m.intercept;
  return { method: 'platt', a, b, apply: (p) => 1 / (1 + Math.exp(-(a * logit(p) + b))) };
}

export interface IsotonicCalibrator extends Calibrator {
  /** Interpolation knots: the ends of each pooled block of scores (ascending) and their probability. */
  readonly thresholds: Float64Array;
  readonly values: Float64Array;
}

/**
 * Isotonic regression by pool-adjacent-violators over scores sorted ascending (tied scores pooled
 * first). Prediction is flat inside a pooled block, linear between blocks and flat beyond the ends, as
 * scikit-learn's IsotonicRegression(out_of_bounds='clip') predicts.
 */
export function fitIsotonic(
  probs: ArrayLike<number>,
  y: Uint8Array,
  weights?: Float64Array,
): IsotonicCalibrator {
  const n = y.length;
  if (n === 0) throw new Error('fitIsotonic: no rows');
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => (probs[a] ?? 0) - (probs[b] ?? 0));
  // Blocks: lowest and highest score, weighted mean outcome, weight.
  const lo: number[] = [];
  const hi: number[] = [];
  const by: number[] = [];
  const bw: number[] = [];
  for (let k = 0; k < n;) {
    const x = probs[idx[k] ?? 0] ?? 0;
    let sw = 0;
    let sy = 0;
    while (k < n && (probs[idx[k] ?? 0] ?? 0) === x) {
      const i = idx[k] ?? 0;
      const wi = weights?.[i] ?? 1;
      sw += wi;
      sy += wi * (y[i] ?? 0);
      k++;
    }
    lo.push(x);
    hi.push(x);
    by.push(sy / sw);
    bw.push(sw);
    // Pool while the last two blocks violate monotonicity.
    while (by.length >= 2 && (by[by.length - 2] ?? 0) > (by[by.length - 1] ?? 0)) {
      const w2 = bw.pop() ?? 0;
      const y2 = by.pop() ?? 0;
      const h2 = hi.pop() ?? 0;
      lo.pop();
      const last = by.length - 1;
      const w1 = bw[last] ?? 0;
      by[last] = ((by[last] ?? 0) * w1 + y2 * w2) / (w1 + w2);
      bw[last] = w1 + w2;
      hi[last] = h2;
    }
  }
  // Each block contributes its two ends (one when it holds a single score), so interpolation is flat
  // inside a block and linear between blocks, as scikit-learn's IsotonicRegression predicts.
  const tx: number[] = [];
  const ty: number[] = [];
  for (let b = 0; b < by.length; b++) {
    tx.push(lo[b] ?? 0);
    ty.push(by[b] ?? 0);
    if ((hi[b] ?? 0) > (lo[b] ?? 0)) {
      tx.push(hi[b] ?? 0);
      ty.push(by[b] ?? 0);
    }
  }
  const thresholds = Float64Array.from(tx);
  const values = Float64Array.from(ty);
  const apply = (p: number): number => {
    const m = thresholds.length;
    if (p <= (thresholds[0] ?? 0)) return values[0] ?? 0;
    if (p >= (thresholds[m - 1] ?? 0)) return values[m - 1] ?? 0;
    let lo = 0;
    let hi = m - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if ((thresholds[mid] ?? 0) <= p) lo = mid;
      else hi = mid;
    }
    const x0 = thresholds[lo] ?? 0;
    const x1 = thresholds[hi] ?? 0;
    const t = x1 > x0 ? (p - x0) / (x1 - x0) : 0;
    return (values[lo] ?? 0) + t * ((values[hi] ?? 0) - (values[lo] ?? 0));
  };
  return { method: 'isotonic', thresholds, values, apply };
}
