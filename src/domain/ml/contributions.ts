/**
 * Per-prediction feature contributions on the log-odds scale, for both model kinds: each explanation
 * has a `bias` (the prediction for a reference case) and one value per feature; bias + Σ values is the
 * model's log-odds for the row, so the parts add up to the score shown.
 */
import { gbtContributions, type GbtModel } from './gbt.js';
import type { LogisticModel } from './logistic.js';

export interface Contributions {
  readonly bias: number;
  readonly values: Float64Array;
}

/**
 * Logistic regression: value_j = coef_j × (x_j − reference_j), bias = log-odds at the reference row
 * (usually the training means, so a contribution says how far this student's value moves the risk away
 * from an average student's).
 */
export function logisticContributions(
  model: LogisticModel,
  x: ArrayLike<number>,
  reference: ArrayLike<number>,
): Contributions {
  const p = model.coef.length;
  const values = new Float64Array(p);
  let bias = model.intercept;
  for (let j = 0; j < p; j++) {
    const c = model.coef[j] ?? 0;
    bias += c * (reference[j] ?? 0);
    values[j] = c * ((x[j] ?? 0) - (reference[j] ?? 0));
  }
  return { bias, values };
}

/** Gradient-boosted trees: Saabas path attribution (see gbt.ts). */
export function treeContributions(model: GbtModel, x: ArrayLike<number>): Contributions {
  return gbtContributions(model, x);
}

/** Column means of X (the usual reference row for logisticContributions). */
export function columnMeans(X: readonly ArrayLike<number>[]): Float64Array {
  const p = X[0]?.length ?? 0;
  const m = new Float64Array(p);
  for (const row of X) for (let j = 0; j < p; j++) m[j] = (m[j] ?? 0) + (row[j] ?? 0);
  for (let j = 0; j < p; j++) m[j] = (m[j] ?? 0) / Math.max(1, X.length);
  return m;
}

/** The k features with the largest absolute contribution, largest first. */
export function topContributions(c: Contributions, k: number): { feature: number; value: number }[] {
  return Array.from(c.values, (value, feature) => ({ feature, value }))
    .filter((e) => e.value !== 0)
    .sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || a.feature - b.feature)
    .slice(0, k);
}
