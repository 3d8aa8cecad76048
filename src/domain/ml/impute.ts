/**
 * Missing-value handling for models that need complete rows (logistic regression): each column's NaN
 * is replaced by the column mean over the fitting rows, and every column that had a missing value in
 * those rows gets a 0/1 "was missing" indicator appended, so the model can learn what missingness means.
 */
export interface Imputer {
  readonly means: Float64Array;
  /** Columns that get an indicator, in the order the indicators are appended. */
  readonly indicatorColumns: readonly number[];
  /** Width of a transformed row. */
  readonly width: number;
}

export function fitImputer(X: readonly Float64Array[]): Imputer {
  const p = X[0]?.length ?? 0;
  const sum = new Float64Array(p);
  const count = new Float64Array(p);
  const missing = new Uint8Array(p);
  for (const row of X) {
    for (let j = 0; j < p; j++) {
      const v = row[j] ?? NaN;
      if (Number.isNaN(v)) missing[j] = 1;
      else {
        sum[j] = (sum[j] ?? 0) + v;
        count[j] = (count[j] ?? 0) + 1;
      }
    }
  }
  const means = new Float64Array(p);
  for (let j = 0; j < p; j++) means[j] = (count[j] ?? 0) > 0 ? (sum[j] ?? 0) / (count[j] ?? 1) : 0;
  const indicatorColumns: number[] = [];
  for (let j = 0; j < p; j++) if (missing[j] === 1) indicatorColumns.push(j);
  return { means, indicatorColumns, width: p + indicatorColumns.length };
}

export function applyImputer(imp: Imputer, x: ArrayLike<number>): Float64Array {
  const p = imp.means.length;
  const out = new Float64Array(imp.width);
  for (let j = 0; j < p; j++) {
    const v = x[j] ?? NaN;
    out[j] = Number.isNaN(v) ? (imp.means[j] ?? 0) : v;
  }
  imp.indicatorColumns.forEach((j, k) => (out[p + k] = Number.isNaN(x[j] ?? NaN) ? 1 : 0));
  return out;
}
