/**
 * Effect on the treated (ATT) by augmented inverse propensity weighting (AIPW, doubly robust) with cross-fitting,
 * the nuisance models being the project's gradient-boosted trees (ml/gbt.ts), so that no functional form of the
 * assignment or of the outcome has to be known.
 *
 * - Units carry a cluster (the student): folds are drawn by cluster, so that no student is in the training and
 *   the prediction folds at once; standard errors add the influence terms within a group (the campus) first,
 *   since students of a campus share its context and the campus-level covariates come from their outcomes.
 * - In each fold, trees fitted on the other folds give the propensity e(x) = P(treated | x), the outcome of the
 *   untreated m0(x) = P(outcome | untreated, x) and of the treated m1(x) (for the per-unit benefit).
 * - ATT = mean over treated of (y − m0) − Σ_controls w (y − m0) / Σ_controls w (controls' weights
 *   w = e / (1 − e)), consistent when either e or m0 is right.
 * - The estimand is the effect on the treated of receiving the intervention in the first term, the second
 *   term as it happened: controls who receive it later stay controls (their share is reported). A Wald
 *   correction ATT / (1 − crossover) is not applied: it is biased towards zero when those who cross over are
 *   those who benefit most, and its unit-by-unit version is too noisy.
 * - Intervals: ATT ± z·SE, SE from the influence function (nuisances taken as known), clustered by campus.
 * - Repeated cross-fitting (estimateAttDrRepeated; Chernozhukov et al. 2018, "Double/debiased machine learning",
 *   §3.4): the whole estimate over several fold splits, the median ATT, and the variance the median over splits
 *   of se² + (ATT_split − median)², so that the interval carries the split-to-split spread.
 * - Overlap: the propensity of treated and controls in deciles; treated units with e > 1 − trim have no
 *   comparable controls and are left out (the share is reported).
 */
import { fitGbt, type GbtModel } from '../ml/gbt.js';
import { sensitivityOf, type Sensitivity } from './sensitivity.js';

export interface DrUnit {
  readonly treated: 0 | 1;
  readonly outcome: 0 | 1;
  /** For controls: 1 when treated later in the year, 0 when not, null when unknown. */
  readonly crossover: 0 | 1 | null;
  /** Cross-fitting folds by this id (the student): no student is in the training and the prediction folds. */
  readonly cluster: number;
  /** Standard errors add influence terms within this group first (the campus: outcomes share its context). */
  readonly group: number;
  readonly features: Float64Array;
}

export interface DrInterval {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
  readonly se: number;
}

export interface Overlap {
  /** Propensity deciles (0.1 … 0.9) among treated and among controls. */
  readonly treatedDeciles: readonly number[];
  readonly controlDeciles: readonly number[];
  /** Share of treated units left out because their propensity is above 1 − trim. */
  readonly trimmedTreatedShare: number;
  readonly trimmedUnits: number;
  readonly trim: number;
}

export interface DrEstimate {
  readonly units: number;
  readonly treated: number;
  readonly controls: number;
  readonly treatedRate: number;
  readonly controlRate: number;
  /** Treated rate − effect: what the treated would have had without the intervention. */
  readonly weightedControlRate: number;
  readonly naive: DrInterval;
  /** Effect on the treated of receiving the intervention in the first term (later receipt as it happened). */
  readonly att: DrInterval;
  /** Weighted share of comparable controls who received it later in the year (descriptive). */
  readonly crossoverShare: number;
  /** Kish effective number of weighted controls. */
  readonly effectiveControls: number;
  readonly overlap: Overlap;
  readonly sensitivity: Sensitivity;
  readonly folds: number;
  /** Fold splits the estimate is the median of (1: a single cross-fitting). */
  readonly splits: number;
  readonly level: number;
}

export interface DrOptions {
  readonly folds?: number;
  readonly seed?: number;
  readonly level?: number;
  /** Treated units with propensity above 1 − trim are left out; propensities clipped to [trim, 1 − trim]. */
  readonly trim?: number;
  /** Boosting rounds of each nuisance model (default 80, learning rate 0.1). */
  readonly rounds?: number;
  /** Fold splits of estimateAttDrRepeated (default 3). */
  readonly splits?: number;
  /**
   * At most about this many training rows per nuisance model (default TRAIN_MAX): beyond it each model is
   * fitted on a deterministic subsample of its training folds (by student), and predicts for every unit.
   */
  readonly trainMax?: number;
}

/**
 * Training rows of a nuisance model beyond which it is fitted on a subsample (crossFit). The trees' fit grows
 * with the rows, and 60,000 rows are enough for 80 rounds of 15 leaves on a handful of covariates; the
 * estimate and its interval still use every unit (out-of-fold predictions for all), so the interval keeps
 * the full sample's precision up to the nuisances' (slightly noisier) fit.
 */
export const TRAIN_MAX = 60_000;

/** Cross-fitted nuisance predictions for each unit (out of fold). */
export interface Nuisance {
  readonly propensity: Float64Array;
  readonly m0: Float64Array;
  readonly m1: Float64Array;
}

/** The most rows any fold's propensity, control-outcome and treated-outcome model was fitted on. */
export interface FitSizes {
  readonly trainedOn: { readonly all: number; readonly controls: number; readonly treated: number };
}

const Z = (level: number) => {
  // Inverse normal CDF for the usual levels (Acklam's rational approximation is overkill here).
  if (Math.abs(level - 0.95) < 1e-9) return 1.959964;
  if (Math.abs(level - 0.9) < 1e-9) return 1.644854;
  if (Math.abs(level - 0.99) < 1e-9) return 2.575829;
  throw new RangeError(`unsupported confidence level ${level}`);
};

/** Fold of a cluster: a seeded integer hash, the same for every unit of the student. */
export function foldOf(cluster: number, folds: number, seed: number): number {
  let h = Math.imul(cluster ^ seed, 0x9e3779b1) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return ((h ^ (h >>> 16)) >>> 0) % folds;
}

function fit(X: Float64Array[], y: Uint8Array, rounds: number, seed: number): GbtModel | number {
  let pos = 0;
  for (const v of y) pos += v;
  // A constant when a class is (nearly) absent: trees cannot learn from it.
  if (pos < 5 || y.length - pos < 5) return (pos + 0.5) / (y.length + 1);
  return fitGbt(X, y, {
    rounds,
    learningRate: 0.1,
    maxLeaves: 15,
    maxDepth: 5,
    minSamplesLeaf: Math.max(20, Math.round(y.length / 500)),
    subsample: 0.7,
    colsample: 0.8,
    l2: 5,
    maxBins: 63,
    seed,
  });
}

const predict = (m: GbtModel | number, x: Float64Array) => (typeof m === 'number' ? m : m.predictProba(x));

/** A seeded hash of a cluster in [0, 1): who of the training folds a capped model is fitted on. */
function shareOf(cluster: number, seed: number): number {
  return foldOf(cluster, 1 << 30, seed ^ 0x5bd1e995) / (1 << 30);
}

/** Out-of-fold propensity and outcome models (trees), folds by cluster; training capped at trainMax rows. */
export function crossFit(units: readonly DrUnit[], options: DrOptions = {}): Nuisance & FitSizes {
  const k = options.folds ?? 3;
  const seed = options.seed ?? 20261128;
  const rounds = options.rounds ?? 80;
  const cap = Math.max(1, options.trainMax ?? TRAIN_MAX);
  const n = units.length;
  const fold = Int32Array.from(units, (u) => foldOf(u.cluster, k, seed));
  const share = Float64Array.from(units, (u) => shareOf(u.cluster, seed));
  const propensity = new Float64Array(n);
  const m0 = new Float64Array(n);
  const m1 = new Float64Array(n);
  const trainedOn = { all: 0, controls: 0, treated: 0 };
  for (let f = 0; f < k; f++) {
    const all: Float64Array[] = [];
    const t: number[] = [];
    const X0: Float64Array[] = [];
    const y0: number[] = [];
    const X1: Float64Array[] = [];
    const y1: number[] = [];
    // Rows of the training folds each model may take (a share of the clusters when they are too many).
    const outside = n - units.reduce((a, _u, i) => a + (fold[i] === f ? 1 : 0), 0);
    const treatedOut = units.reduce((a, u, i) => a + (fold[i] !== f && u.treated === 1 ? 1 : 0), 0);
    const rateAll = Math.min(1, cap / Math.max(1, outside));
    const rate0 = Math.min(1, cap / Math.max(1, outside - treatedOut));
    const rate1 = Math.min(1, cap / Math.max(1, treatedOut));
    units.forEach((u, i) => {
      if (fold[i] === f) return;
      const h = share[i] ?? 0;
      if (h < rateAll) {
        all.push(u.features);
        t.push(u.treated);
      }
      if (h < (u.treated === 1 ? rate1 : rate0)) {
        (u.treated === 1 ? X1 : X0).push(u.features);
        (u.treated === 1 ? y1 : y0).push(u.outcome);
      }
    });
    trainedOn.all = Math.max(trainedOn.all, all.length);
    trainedOn.controls = Math.max(trainedOn.controls, X0.length);
    trainedOn.treated = Math.max(trainedOn.treated, X1.length);
    const e = fit(all, Uint8Array.from(t), rounds, seed + f);
    const f0 = fit(X0, Uint8Array.from(y0), rounds, seed + 100 + f);
    const f1 = fit(X1, Uint8Array.from(y1), rounds, seed + 200 + f);
    units.forEach((u, i) => {
      if (fold[i] !== f) return;
      propensity[i] = predict(e, u.features);
      m0[i] = predict(f0, u.features);
      m1[i] = predict(f1, u.features);
    });
  }
  return { propensity, m0, m1, trainedOn };
}

const quantiles = (values: number[]) => {
  const s = values.sort((a, b) => a - b);
  return [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9].map((q) =>
    s.length ? (s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0) : Number.NaN,
  );
};

/** Standard error of Σφ / n, adding φ within a group (campus) first. */
function clusteredSe(units: readonly DrUnit[], phi: Float64Array, keep: Uint8Array, n: number): number {
  const sums = new Map<number, number>();
  units.forEach((u, i) => {
    if (keep[i]) sums.set(u.group, (sums.get(u.group) ?? 0) + (phi[i] ?? 0));
  });
  let ss = 0;
  for (const v of sums.values()) ss += v * v;
  return Math.sqrt(ss) / n;
}

/** AIPW effect on the treated with cross-fitted trees; throws RangeError without treated or controls. */
export function estimateAttDr(
  units: readonly DrUnit[],
  options: DrOptions = {},
  nuisance: Nuisance = crossFit(units, options),
): DrEstimate {
  const level = options.level ?? 0.95;
  const trim = options.trim ?? 0.01;
  const z = Z(level);
  const n0 = units.length;
  const treatedAll = units.reduce((a, u) => a + u.treated, 0);
  if (treatedAll === 0 || treatedAll === n0)
    throw new RangeError('estimateAttDr needs treated and control units');
  const { propensity, m0 } = nuisance;

  const keep = new Uint8Array(n0);
  let trimmedTreated = 0;
  let trimmed = 0;
  units.forEach((u, i) => {
    const out = (propensity[i] ?? 0) > 1 - trim;
    keep[i] = out ? 0 : 1;
    if (out) {
      trimmed++;
      if (u.treated === 1) trimmedTreated++;
    }
  });
  let n = 0;
  let n1 = 0;
  let y1 = 0;
  let y0 = 0;
  let sw = 0;
  let sw2 = 0;
  let xw = 0;
  let xy = 0;
  const w = new Float64Array(n0);
  units.forEach((u, i) => {
    if (!keep[i]) return;
    n++;
    if (u.treated === 1) {
      n1++;
      y1 += u.outcome;
    } else {
      y0 += u.outcome;
      const e = Math.min(1 - trim, Math.max(trim, propensity[i] ?? 0));
      const wi = e / (1 - e);
      w[i] = wi;
      sw += wi;
      sw2 += wi * wi;
      if (u.crossover !== null) {
        xw += wi;
        xy += wi * u.crossover;
      }
    }
  });
  const nc = n - n1;
  if (n1 === 0 || nc === 0 || sw === 0) throw new RangeError('estimateAttDr: no overlap after trimming');
  const p1 = n1 / n;
  const scale = n1 / sw; // controls' weights sum to the treated count
  let aTreated = 0;
  let aControls = 0;
  units.forEach((u, i) => {
    if (!keep[i]) return;
    const r = u.outcome - (m0[i] ?? 0);
    if (u.treated === 1) aTreated += r;
    else aControls += scale * (w[i] ?? 0) * r;
  });
  const att = (aTreated - aControls) / n1;
  const c = xw > 0 ? xy / xw : 0;
  const treatedRate = y1 / n1;
  const controlRate = y0 / nc;
  const naive = treatedRate - controlRate;

  const phiAtt = new Float64Array(n0);
  const phiNaive = new Float64Array(n0);
  units.forEach((u, i) => {
    if (!keep[i]) return;
    const r = u.outcome - (m0[i] ?? 0);
    const wi = scale * (w[i] ?? 0);
    phiAtt[i] = u.treated === 1 ? (r - att) / p1 : (-wi * r) / p1;
    phiNaive[i] = u.treated === 1 ? (u.outcome - treatedRate) / p1 : -(u.outcome - controlRate) / (1 - p1);
  });
  const interval = (estimate: number, phi: Float64Array): DrInterval => {
    const se = clusteredSe(units, phi, keep, n);
    return { estimate, low: estimate - z * se, high: estimate + z * se, se };
  };
  const attInterval = interval(att, phiAtt);
  const eT: number[] = [];
  const eC: number[] = [];
  units.forEach((u, i) => (u.treated === 1 ? eT : eC).push(propensity[i] ?? 0));
  return {
    units: n,
    treated: n1,
    controls: nc,
    treatedRate,
    controlRate,
    weightedControlRate: treatedRate - att,
    naive: interval(naive, phiNaive),
    att: attInterval,
    crossoverShare: c,
    effectiveControls: sw2 > 0 ? (sw * sw) / sw2 : 0,
    overlap: {
      treatedDeciles: quantiles(eT),
      controlDeciles: quantiles(eC),
      trimmedTreatedShare: trimmedTreated / treatedAll,
      trimmedUnits: trimmed,
      trim,
    },
    sensitivity: sensitivityOf(treatedRate, att, attInterval.low, attInterval.high),
    folds: options.folds ?? 3,
    splits: 1,
    level,
  };
}

const median = (values: readonly number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] ?? Number.NaN) : ((s[m - 1] ?? Number.NaN) + (s[m] ?? Number.NaN)) / 2;
};

/**
 * AIPW effect on the treated over `splits` fold splits (seeds apart): the median ATT with the median-adjusted
 * standard error √median(se_s² + (ATT_s − ATT)²) (Chernozhukov et al. 2018, §3.4), the other figures from the
 * split whose ATT is nearest the median; the nuisance predictions averaged over the splits (for the per-unit
 * benefit). One cross-fitting's interval ignores how much the estimate moves with the split alone.
 */
export function estimateAttDrRepeated(
  units: readonly DrUnit[],
  options: DrOptions = {},
): { estimate: DrEstimate; nuisance: Nuisance } {
  const splits = Math.max(1, Math.round(options.splits ?? 3));
  const seed = options.seed ?? 20261128;
  const z = Z(options.level ?? 0.95);
  const n = units.length;
  const propensity = new Float64Array(n);
  const m0 = new Float64Array(n);
  const m1 = new Float64Array(n);
  const estimates: DrEstimate[] = [];
  for (let s = 0; s < splits; s++) {
    const opts = { ...options, seed: seed + 7919 * s };
    const nu = crossFit(units, opts);
    estimates.push(estimateAttDr(units, opts, nu));
    for (let i = 0; i < n; i++) {
      propensity[i] = (propensity[i] ?? 0) + (nu.propensity[i] ?? 0) / splits;
      m0[i] = (m0[i] ?? 0) + (nu.m0[i] ?? 0) / splits;
      m1[i] = (m1[i] ?? 0) + (nu.m1[i] ?? 0) / splits;
    }
  }
  const att = median(estimates.map((e) => e.att.estimate));
  const se = Math.sqrt(median(estimates.map((e) => e.att.se ** 2 + (e.att.estimate - att) ** 2)));
  const nearest = estimates.reduce((a, b) =>
    Math.abs(b.att.estimate - att) < Math.abs(a.att.estimate - att) ? b : a,
  );
  const interval = { estimate: att, low: att - z * se, high: att + z * se, se };
  return {
    estimate: {
      ...nearest,
      att: interval,
      weightedControlRate: nearest.treatedRate - att,
      sensitivity: sensitivityOf(nearest.treatedRate, att, interval.low, interval.high),
      splits,
    },
    nuisance: { propensity, m0, m1 },
  };
}
