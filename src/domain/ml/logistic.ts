/**
 * L2-regularized logistic regression fitted by Newton's method (iteratively reweighted least squares)
 * with a step-halving line search on the penalized log-likelihood.
 *
 * Standardization is done here: each column is centred and scaled to unit (weighted) standard deviation
 * before fitting, so `l2` penalizes coefficients on a common scale and callers pass raw features. The
 * returned `coef` and `intercept` are mapped back to the original units (`predictProba` takes raw rows).
 * Constant columns get a coefficient of 0. The intercept is never penalized.
 *
 * Objective (standardized z): minimize  −Σ wᵢ [yᵢ log pᵢ + (1 − yᵢ) log(1 − pᵢ)] / W + (l2 / 2) ‖β‖²
 * where W = Σ wᵢ, so `l2` is per unit of total weight (the same value works for any sample size).
 */
import { choleskySolve } from './linalg.js';

export interface LogisticOptions {
  /** Ridge penalty on standardized coefficients, per unit of total sample weight. Default 1e-3. */
  l2?: number;
  /** Non-negative weight per row (default 1 each). */
  sampleWeights?: Float64Array;
  /** Newton iterations (default 100). */
  maxIter?: number;
  /**
   * Convergence tolerance (default 1e-8): stop when the largest coefficient change (standardized scale)
   * is below `tol`, or the largest gradient component of the objective below 10 × `tol`.
   */
  tol?: number;
}

export interface LogisticModel {
  /** Coefficients in the original feature units. */
  readonly coef: Float64Array;
  readonly intercept: number;
  predictProba(x: ArrayLike<number>): number;
}

const sigmoid = (t: number): number => {
  if (t >= 0) return 1 / (1 + Math.exp(-t));
  const e = Math.exp(t);
  return e / (1 + e);
};

/** log(1 + e^t) without overflow. */
const softplus = (t: number): number => (t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t)));

/** Σ u[i]·v[i] over the first n entries, unrolled by four (the Hessian's inner loop). */
function dotProduct(u: Float64Array, v: Float64Array, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += u[i]! * v[i]!;
    s1 += u[i + 1]! * v[i + 1]!;
    s2 += u[i + 2]! * v[i + 2]!;
    s3 += u[i + 3]! * v[i + 3]!;
  }
  for (; i < n; i++) s0 += u[i]! * v[i]!;
  return s0 + s1 + s2 + s3;
}

/** Fits the model; throws (a broken invariant, not user input) on mismatched shapes or no weight. */
export function fitLogistic(
  X: readonly Float64Array[],
  y: Uint8Array,
  options: LogisticOptions = {},
): LogisticModel {
  const n = X.length;
  if (n !== y.length) throw new Error(`fitLogistic: ${n} rows but ${y.length} labels`);
  if (n === 0) throw new Error('fitLogistic: no rows');
  const p = X[0]?.length ?? 0;
  const l2 = options.l2 ?? 1e-3;
  const maxIter = options.maxIter ?? 100;
  const tol = options.tol ?? 1e-8;
  const gradTol = tol * 10;
  const w = options.sampleWeights ?? new Float64Array(n).fill(1);
  if (w.length !== n) throw new Error(`fitLogistic: ${n} rows but ${w.length} weights`);

  let totalW = 0;
  for (let i = 0; i < n; i++) totalW += w[i] ?? 0;
  if (!(totalW > 0)) throw new Error('fitLogistic: total sample weight is zero');

  // Column means and standard deviations (weighted); constant columns are dropped from the fit.
  const mean = new Float64Array(p);
  const scale = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const row = X[i] as Float64Array;
    if (row.length !== p) throw new Error(`fitLogistic: row ${i} has ${row.length} features, expected ${p}`);
    const wi = w[i] ?? 0;
    for (let j = 0; j < p; j++) mean[j] = (mean[j] ?? 0) + wi * (row[j] ?? 0);
  }
  for (let j = 0; j < p; j++) mean[j] = (mean[j] ?? 0) / totalW;
  for (let i = 0; i < n; i++) {
    const row = X[i] as Float64Array;
    const wi = w[i] ?? 0;
    for (let j = 0; j < p; j++) {
      const d = (row[j] ?? 0) - (mean[j] ?? 0);
      scale[j] = (scale[j] ?? 0) + wi * d * d;
    }
  }
  const active: number[] = [];
  for (let j = 0; j < p; j++) {
    const sd = Math.sqrt((scale[j] ?? 0) / totalW);
    scale[j] = sd;
    if (sd > 1e-12 * Math.max(1, Math.abs(mean[j] ?? 0))) active.push(j);
  }
  const k = active.length;
  const d = k + 1; // parameters: intercept then active coefficients

  // Standardized design, column-major: Z[a][i] is row i of active column a.
  const Z: Float64Array[] = active.map((j) => {
    const col = new Float64Array(n);
    const m = mean[j] ?? 0;
    const sd = scale[j] ?? 1;
    for (let i = 0; i < n; i++) col[i] = (((X[i] as Float64Array)[j] ?? 0) - m) / sd;
    return col;
  });
  const wn = new Float64Array(n);
  for (let i = 0; i < n; i++) wn[i] = (w[i] ?? 0) / totalW;

  const beta = new Float64Array(d);
  // Start at the weighted base rate so the first step is small.
  let pos = 0;
  for (let i = 0; i < n; i++) pos += (wn[i] ?? 0) * (y[i] ?? 0);
  const clamped = Math.min(1 - 1e-9, Math.max(1e-9, pos));
  beta[0] = Math.log(clamped / (1 - clamped));

  const computeEta = (b: Float64Array, out: Float64Array) => {
    out.fill(b[0] ?? 0);
    for (let a = 0; a < k; a++) {
      const c = b[a + 1] ?? 0;
      if (c === 0) continue;
      const z = Z[a] as Float64Array;
      for (let i = 0; i < n; i++) out[i] = (out[i] ?? 0) + c * (z[i] ?? 0);
    }
  };
  const objective = (b: Float64Array, e: Float64Array): number => {
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const t = e[i] ?? 0;
      loss += (wn[i] ?? 0) * (softplus(t) - (y[i] ?? 0) * t);
    }
    let pen = 0;
    for (let a = 1; a < d; a++) pen += (b[a] ?? 0) ** 2;
    return loss + 0.5 * l2 * pen;
  };

  const eta = new Float64Array(n);
  computeEta(beta, eta);
  let obj = objective(beta, eta);
  const grad = new Float64Array(d);
  const hess = new Float64Array(d * d);
  const trial = new Float64Array(d);
  const trialEta = new Float64Array(n);
  const r = new Float64Array(n);
  const h = new Float64Array(n);
  const hz = new Float64Array(n);
  const dot = (u: Float64Array, v: Float64Array): number => dotProduct(u, v, n);
  for (let iter = 0; iter < maxIter; iter++) {
    for (let i = 0; i < n; i++) {
      const wi = wn[i] ?? 0;
      const pi = sigmoid(eta[i] ?? 0);
      r[i] = wi * (pi - (y[i] ?? 0));
      h[i] = wi * pi * (1 - pi);
    }
    // Gradient and Hessian of the penalized loss: [1 Z]ᵀ r + λβ and [1 Z]ᵀ diag(h) [1 Z] + λI.
    let sr = 0;
    let sh = 0;
    for (let i = 0; i < n; i++) {
      sr += r[i] ?? 0;
      sh += h[i] ?? 0;
    }
    grad[0] = sr;
    hess[0] = sh;
    let gmax = Math.abs(sr);
    for (let a = 0; a < k; a++) {
      const g = dot(r, Z[a] as Float64Array) + l2 * (beta[a + 1] ?? 0);
      grad[a + 1] = g;
      gmax = Math.max(gmax, Math.abs(g));
    }
    // Converged: the penalized loss is flat to within `gradTol` in every standardized direction.
    if (gmax < gradTol) break;
    for (let a = 0; a < k; a++) {
      const za = Z[a] as Float64Array;
      for (let i = 0; i < n; i++) hz[i] = (h[i] ?? 0) * (za[i] ?? 0);
      let s0 = 0;
      for (let i = 0; i < n; i++) s0 += hz[i] ?? 0;
      hess[a + 1] = s0;
      hess[(a + 1) * d] = s0;
      for (let b = 0; b <= a; b++) {
        const v = dot(hz, Z[b] as Float64Array);
        hess[(a + 1) * d + b + 1] = v;
        hess[(b + 1) * d + a + 1] = v;
      }
      hess[(a + 1) * d + a + 1] = (hess[(a + 1) * d + a + 1] ?? 0) + l2;
    }
    // A tiny ridge keeps the system positive definite on separable or collinear data.
    for (let a = 0; a < d; a++) hess[a * d + a] = (hess[a * d + a] ?? 0) + 1e-10;
    const step = choleskySolve(hess, grad, d);

    let t = 1;
    let accepted = false;
    let maxChange = 0;
    for (let half = 0; half < 30; half++) {
      for (let a = 0; a < d; a++) trial[a] = (beta[a] ?? 0) - t * (step[a] ?? 0);
      computeEta(trial, trialEta);
      const trialObj = objective(trial, trialEta);
      if (trialObj <= obj + 1e-15) {
        maxChange = 0;
        for (let a = 0; a < d; a++)
          maxChange = Math.max(maxChange, Math.abs((trial[a] ?? 0) - (beta[a] ?? 0)));
        beta.set(trial);
        eta.set(trialEta);
        obj = trialObj;
        accepted = true;
        break;
      }
      t /= 2;
    }
    if (!accepted || maxChange < tol) break;
  }

  // Back to original units: z_j = (x_j − m_j) / s_j.
  const coef = new Float64Array(p);
  let intercept = beta[0] ?? 0;
  for (let a = 0; a < k; a++) {
    const j = active[a] as number;
    const c = (beta[a + 1] ?? 0) / (scale[j] ?? 1);
    coef[j] = c;
    intercept -= c * (mean[j] ?? 0);
  }
  return {
    coef,
    intercept,
    predictProba(x: ArrayLike<number>): number {
      let s = intercept;
      for (let j = 0; j < p; j++) s += (coef[j] ?? 0) * (x[j] ?? 0);
      return sigmoid(s);
    },
  };
}
