/**
 * A trained risk model as stored (JSON): the method that scores, the regularized logistic regression that
 * explains (per-student factor contributions in log-odds, relative to the average student of the training
 * data), and a calibration map from the score to a probability.
 */
import { gbtContributions, gbtFromData, type GbtModel, type GbtModelData } from '../ml/gbt.js';
import { FEATURES, FEATURE_LABELS, type FeatureName } from './features.js';

const END_OF_YEAR = FEATURES.indexOf('end_of_year');

export interface Calibration {
  /** Platt scaling on the score (log-odds): p = σ(a·s + b). */
  readonly kind: 'platt';
  readonly a: number;
  readonly b: number;
}

export interface SerializedLogistic {
  readonly coef: number[];
  readonly intercept: number;
  /** Training means of the features (the reference point of contributions). */
  readonly means: number[];
}

export interface SerializedRiskModel {
  readonly method: 'logistic' | 'gbt';
  readonly features: readonly string[];
  readonly logistic: SerializedLogistic;
  readonly gbt?: GbtModelData;
  /** The calibration of models trained before calibration by cut-off kind (and of term-end cut-offs). */
  readonly calibration: Calibration;
  /**
   * One calibration per kind of cut-off, each fitted on a cut-off of its kind (term-end and year-end exits
   * differ in rate): scoring picks by the vector's end_of_year feature (issue 12, finding 7).
   */
  readonly calibrationByCutoff?: { readonly termEnd: Calibration; readonly yearEnd: Calibration };
}

/** The calibration that applies to a vector: its cut-off kind's when the model has one per kind. */
export function calibrationFor(m: SerializedRiskModel, x: ArrayLike<number>): Calibration {
  const c = m.calibrationByCutoff;
  if (!c) return m.calibration;
  return x[END_OF_YEAR] === 1 ? c.yearEnd : c.termEnd;
}

export const sigmoid = (t: number): number => {
  if (t >= 0) return 1 / (1 + Math.exp(-t));
  const e = Math.exp(t);
  return e / (1 + e);
};

export function logisticScore(m: SerializedLogistic, x: ArrayLike<number>): number {
  let s = m.intercept;
  for (let j = 0; j < m.coef.length; j++) s += (m.coef[j] ?? 0) * (x[j] ?? 0);
  return s;
}

// Trees rebuilt from their stored arrays once per parsed model.
const treeCache = new WeakMap<GbtModelData, GbtModel>();
function trees(data: GbtModelData): GbtModel {
  let m = treeCache.get(data);
  if (!m) {
    m = gbtFromData(data);
    treeCache.set(data, m);
  }
  return m;
}

/**
 * All trees in one set of flat typed arrays (node indices global), walked without per-tree objects: scoring
 * every active student is dominated by these walks. Same decisions as gbt.ts (missing values follow
 * missingLeft; x ≤ threshold goes left).
 */
interface FlatTrees {
  readonly base: number;
  readonly roots: Int32Array;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly missingLeft: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
}
const flatCache = new WeakMap<GbtModelData, FlatTrees>();
function flat(data: GbtModelData): FlatTrees {
  let f = flatCache.get(data);
  if (f) return f;
  const total = data.trees.reduce((n, t) => n + t.feature.length, 0);
  f = {
    base: data.baseScore,
    roots: new Int32Array(data.trees.length),
    feature: new Int32Array(total),
    threshold: new Float64Array(total),
    missingLeft: new Uint8Array(total),
    left: new Int32Array(total),
    right: new Int32Array(total),
    value: new Float64Array(total),
  };
  let offset = 0;
  data.trees.forEach((t, k) => {
    f.roots[k] = offset;
    for (let i = 0; i < t.feature.length; i++) {
      f.feature[offset + i] = t.feature[i] ?? -1;
      f.threshold[offset + i] = t.threshold[i] ?? 0;
      f.missingLeft[offset + i] = t.missingLeft[i] ?? 0;
      f.left[offset + i] = offset + (t.left[i] ?? 0);
      f.right[offset + i] = offset + (t.right[i] ?? 0);
      f.value[offset + i] = t.value[i] ?? 0;
    }
    offset += t.feature.length;
  });
  flatCache.set(data, f);
  return f;
}

function flatMargin(f: FlatTrees, x: ArrayLike<number>): number {
  const { roots, feature, threshold, missingLeft, left, right, value } = f;
  let s = f.base;
  for (let k = 0; k < roots.length; k++) {
    let node = roots[k] as number;
    let j = feature[node] as number;
    while (j >= 0) {
      const v = x[j] as number;
      // A missing value (NaN) fails the comparison and follows missingLeft.
      const goLeft = v <= (threshold[node] as number) || (v !== v && missingLeft[node] === 1);
      node = goLeft ? (left[node] as number) : (right[node] as number);
      j = feature[node] as number;
    }
    s += value[node] as number;
  }
  return s;
}

/** The uncalibrated score of the model's method (log-odds scale). */
export function rawScore(m: SerializedRiskModel, x: ArrayLike<number>): number {
  return m.method === 'gbt' && m.gbt ? flatMargin(flat(m.gbt), x) : logisticScore(m.logistic, x);
}

export function calibrate(c: Calibration, score: number): number {
  return sigmoid(c.a * score + c.b);
}

/** The calibrated probability of leaving in the next term. */
export function predictProbability(m: SerializedRiskModel, x: ArrayLike<number>): number {
  return calibrate(calibrationFor(m, x), rawScore(m, x));
}

export interface Contribution {
  readonly feature: FeatureName;
  /** Log-odds added to the average student's by this student's value of the feature. */
  readonly logOdds: number;
  readonly value: number;
  readonly es: string;
  readonly en: string;
}

/**
 * Per-feature contributions to the score (log-odds) of the model's method, largest in absolute value first:
 * for the logistic regression coef × (value − training mean), for the trees Saabas path attribution.
 */
export function contributions(m: SerializedRiskModel, x: ArrayLike<number>): Contribution[] {
  const values =
    m.method === 'gbt' && m.gbt
      ? gbtContributions(trees(m.gbt), x).values
      : FEATURES.map((_, j) => (m.logistic.coef[j] ?? 0) * ((x[j] ?? 0) - (m.logistic.means[j] ?? 0)));
  const out: Contribution[] = FEATURES.map((f, j) => ({
    feature: f,
    logOdds: values[j] ?? 0,
    value: x[j] ?? 0,
    ...FEATURE_LABELS[f],
  }));
  return out.sort((a, b) => Math.abs(b.logOdds) - Math.abs(a.logOdds));
}

/**
 * The calibrated probability and, in `out` (FEATURES.length long, overwritten), each feature's contribution
 * to the score in log-odds (as `contributions`), from one walk of the trees: scoring every active student
 * with its explanation costs little more than scoring alone.
 */
export function probabilityWithContributions(
  m: SerializedRiskModel,
  x: ArrayLike<number>,
  out: Float64Array,
): number {
  out.fill(0);
  let score: number;
  if (m.method === 'gbt' && m.gbt) score = flatMarginWithContributions(flat(m.gbt), x, out);
  else {
    score = m.logistic.intercept;
    for (let j = 0; j < FEATURES.length; j++) {
      const c = m.logistic.coef[j] ?? 0;
      const v = x[j] ?? 0;
      score += c * v;
      out[j] = c * (v - (m.logistic.means[j] ?? 0));
    }
  }
  return calibrate(calibrationFor(m, x), score);
}

/**
 * The features whose contribution (in `contribs`, as probabilityWithContributions fills it) is at least
 * `min` log-odds, largest first, at most `k`.
 */
export function topPositive(
  contribs: ArrayLike<number>,
  k: number,
  min: number,
): { feature: number; logOdds: number }[] {
  const out: { feature: number; logOdds: number }[] = [];
  for (let j = 0; j < contribs.length; j++) {
    const c = contribs[j] as number;
    if (c < min) continue;
    let i = out.length;
    while (i > 0 && (out[i - 1] as { logOdds: number }).logOdds < c) i--;
    if (i < k) {
      out.splice(i, 0, { feature: j, logOdds: c });
      if (out.length > k) out.pop();
    }
  }
  return out;
}

/** The trees' margin (as flatMargin) with Saabas path attribution (as gbtContributions) added into `out`. */
function flatMarginWithContributions(f: FlatTrees, x: ArrayLike<number>, out: Float64Array): number {
  const { roots, feature, threshold, missingLeft, left, right, value } = f;
  let s = f.base;
  for (let k = 0; k < roots.length; k++) {
    let node = roots[k] as number;
    let j = feature[node] as number;
    while (j >= 0) {
      const v = x[j] as number;
      const goLeft = v <= (threshold[node] as number) || (v !== v && missingLeft[node] === 1);
      const child = goLeft ? (left[node] as number) : (right[node] as number);
      out[j] = (out[j] as number) + (value[child] as number) - (value[node] as number);
      node = child;
      j = feature[node] as number;
    }
    s += value[node] as number;
  }
  return s;
}
