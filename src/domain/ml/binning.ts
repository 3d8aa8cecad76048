/**
 * Feature binning for histogram-based trees: each column is cut into at most `maxBins` value bins at
 * midpoints between distinct values (all of them when there are few, quantiles otherwise), plus one bin
 * for missing values (NaN). Bin b holds values v with edges[b − 1] < v ≤ edges[b]; the last value bin
 * has no upper edge.
 */

/** The code of the missing-value bin in every column. */
export const MISSING_BIN = 255;

export interface FeatureBins {
  /** Upper edges per feature: `edges[f].length + 1` value bins. */
  readonly edges: readonly Float64Array[];
}

export interface BinnedData {
  /** Column-major bin codes: `columns[f][i]` is row i's bin for feature f (MISSING_BIN for NaN). */
  readonly columns: readonly Uint8Array[];
  readonly rows: number;
}

/** Learns bin edges from the rows given (all of X when `rows` is omitted). */
export function fitBins(X: readonly Float64Array[], maxBins = 255, rows?: Int32Array): FeatureBins {
  if (maxBins < 2 || maxBins > 255) throw new Error(`fitBins: maxBins must be in 2..255, got ${maxBins}`);
  const p = X[0]?.length ?? 0;
  const n = rows ? rows.length : X.length;
  const edges: Float64Array[] = [];
  const values = new Float64Array(n);
  for (let f = 0; f < p; f++) {
    let m = 0;
    for (let k = 0; k < n; k++) {
      const v = (X[rows ? (rows[k] ?? 0) : k] as Float64Array)[f] ?? NaN;
      if (!Number.isNaN(v)) values[m++] = v;
    }
    const sorted = values.subarray(0, m).slice().sort();
    // Distinct values with their counts.
    const distinct: number[] = [];
    const counts: number[] = [];
    for (let k = 0; k < m; k++) {
      const v = sorted[k] ?? 0;
      if (distinct.length > 0 && distinct[distinct.length - 1] === v) counts[counts.length - 1]! += 1;
      else {
        distinct.push(v);
        counts.push(1);
      }
    }
    const cuts: number[] = [];
    if (distinct.length <= maxBins) {
      for (let k = 0; k + 1 < distinct.length; k++)
        cuts.push(midpoint(distinct[k] ?? 0, distinct[k + 1] ?? 0));
    } else {
      // Quantile edges over the distinct values weighted by their counts.
      let cum = 0;
      let nextQ = 1;
      for (let k = 0; k + 1 < distinct.length && cuts.length < maxBins - 1; k++) {
        cum += counts[k] ?? 0;
        if (cum >= (nextQ * m) / maxBins) {
          cuts.push(midpoint(distinct[k] ?? 0, distinct[k + 1] ?? 0));
          while (cum >= (nextQ * m) / maxBins) nextQ++;
        }
      }
    }
    edges.push(Float64Array.from(cuts));
  }
  return { edges };
}

const midpoint = (a: number, b: number): number => {
  const m = a + (b - a) / 2;
  // Guard rounding so that a ≤ edge < b always holds.
  return m < b ? m : a;
};

/** The bin of value v for a column with these upper edges. */
export function binOf(edges: Float64Array, v: number): number {
  if (Number.isNaN(v)) return MISSING_BIN;
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v <= (edges[mid] ?? Infinity)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Applies learned bins to rows. */
export function applyBins(X: readonly Float64Array[], bins: FeatureBins): BinnedData {
  const n = X.length;
  const columns = bins.edges.map((e, f) => {
    const col = new Uint8Array(n);
    for (let i = 0; i < n; i++) col[i] = binOf(e, (X[i] as Float64Array)[f] ?? NaN);
    return col;
  });
  return { columns, rows: n };
}
