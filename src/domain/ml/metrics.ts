/**
 * Binary-classification metrics over scores (higher = more likely positive) and 0/1 labels. Ties are
 * handled as scikit-learn does: ROC-AUC counts a tied positive–negative pair as ½; average precision
 * steps only at distinct score thresholds.
 */

/** Indices sorted by score, descending; ties keep index order so results are deterministic. */
function orderDesc(scores: ArrayLike<number>): Int32Array {
  const idx = new Int32Array(scores.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  return idx.sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b);
}

const countPositives = (y: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += y[i] === 1 ? 1 : 0;
  return s;
};

/**
 * Area under the ROC curve = P(score of a random positive > score of a random negative) + ½ P(tie),
 * by the rank-sum (Mann–Whitney U) formula with mid-ranks for ties. NaN when one class is absent.
 */
export function rocAuc(y: ArrayLike<number>, scores: ArrayLike<number>): number {
  const n = y.length;
  const pos = countPositives(y);
  const neg = n - pos;
  if (pos === 0 || neg === 0) return NaN;
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  idx.sort((a, b) => (scores[a] ?? 0) - (scores[b] ?? 0));
  let rankSumPos = 0;
  for (let i = 0; i < n;) {
    let j = i;
    const s = scores[idx[i] ?? 0] ?? 0;
    while (j < n && (scores[idx[j] ?? 0] ?? 0) === s) j++;
    const midRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (y[idx[k] ?? 0] === 1) rankSumPos += midRank;
    i = j;
  }
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

/**
 * Average precision (PR-AUC): AP = Σₙ (Rₙ − Rₙ₋₁) Pₙ over distinct score thresholds, descending, where
 * Pₙ and Rₙ are precision and recall when everything scored ≥ the n-th threshold is flagged
 * (scikit-learn's `average_precision_score`). NaN without positives.
 */
export function averagePrecision(y: ArrayLike<number>, scores: ArrayLike<number>): number {
  const pos = countPositives(y);
  if (pos === 0) return NaN;
  const idx = orderDesc(scores);
  let tp = 0;
  let fp = 0;
  let prevRecall = 0;
  let ap = 0;
  for (let k = 0; k < idx.length;) {
    const s = scores[idx[k] ?? 0] ?? 0;
    while (k < idx.length && (scores[idx[k] ?? 0] ?? 0) === s) {
      if (y[idx[k] ?? 0] === 1) tp++;
      else fp++;
      k++;
    }
    const recall = tp / pos;
    ap += (recall - prevRecall) * (tp / (tp + fp));
    prevRecall = recall;
  }
  return ap;
}

/** Brier score: mean squared difference between the predicted probability and the 0/1 outcome. */
export function brierScore(y: ArrayLike<number>, probs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += ((probs[i] ?? 0) - (y[i] ?? 0)) ** 2;
  return y.length === 0 ? NaN : s / y.length;
}

/** Mean log-loss (natural log), probabilities clipped to [1e-15, 1 − 1e-15]. */
export function logLoss(y: ArrayLike<number>, probs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const p = Math.min(1 - 1e-15, Math.max(1e-15, probs[i] ?? 0));
    s -= y[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return y.length === 0 ? NaN : s / y.length;
}

export interface CalibrationBin {
  /** Bin bounds on the probability scale [lower, upper). */
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
  readonly meanPredicted: number;
  readonly observedRate: number;
}

/**
 * Reliability diagram: predictions grouped into `bins` bins, either equal-width on [0, 1] ('uniform')
 * or with equal counts ('quantile'); empty bins are omitted. For each, the mean prediction and the
 * observed positive rate (a calibrated model lies on the diagonal).
 */
export function calibrationCurve(
  y: ArrayLike<number>,
  probs: ArrayLike<number>,
  bins = 10,
  strategy: 'uniform' | 'quantile' = 'uniform',
): CalibrationBin[] {
  const n = y.length;
  const edges: number[] = [];
  if (strategy === 'uniform') for (let b = 0; b <= bins; b++) edges.push(b / bins);
  else {
    const sorted = Float64Array.from({ length: n }, (_, i) => probs[i] ?? 0).sort();
    for (let b = 0; b <= bins; b++) edges.push(sorted[Math.min(n - 1, Math.floor((b * n) / bins))] ?? 0);
    edges[0] = 0;
    edges[bins] = 1;
  }
  const count = new Float64Array(bins);
  const sumP = new Float64Array(bins);
  const sumY = new Float64Array(bins);
  for (let i = 0; i < n; i++) {
    const p = probs[i] ?? 0;
    let b = 0;
    while (b < bins - 1 && p >= (edges[b + 1] ?? 1)) b++;
    count[b] = (count[b] ?? 0) + 1;
    sumP[b] = (sumP[b] ?? 0) + p;
    sumY[b] = (sumY[b] ?? 0) + (y[i] ?? 0);
  }
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    const c = count[b] ?? 0;
    if (c === 0) continue;
    out.push({
      lower: edges[b] ?? 0,
      upper: edges[b + 1] ?? 1,
      count: c,
      meanPredicted: (sumP[b] ?? 0) / c,
      observedRate: (sumY[b] ?? 0) / c,
    });
  }
  return out;
}

export interface TopK {
  readonly k: number;
  readonly truePositives: number;
  /** Of the k highest-scored, the share that are positive. */
  readonly precision: number;
  /** Of all positives, the share among the k highest-scored. */
  readonly recall: number;
}

/** Precision and recall when the k highest scores are flagged (capacity k; ties broken by index). */
export function precisionRecallAtK(y: ArrayLike<number>, scores: ArrayLike<number>, k: number): TopK {
  const pos = countPositives(y);
  const idx = orderDesc(scores);
  const kk = Math.max(0, Math.min(k, idx.length));
  let tp = 0;
  for (let r = 0; r < kk; r++) if (y[idx[r] ?? 0] === 1) tp++;
  return {
    k: kk,
    truePositives: tp,
    precision: kk === 0 ? NaN : tp / kk,
    recall: pos === 0 ? NaN : tp / pos,
  };
}
