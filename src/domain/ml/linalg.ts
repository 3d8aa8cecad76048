/** Small dense linear algebra for the model fits: row-major square matrices in Float64Array. */

/**
 * Solves A x = b for a symmetric positive-definite A (d × d, row-major) by Cholesky factorization.
 * A non-positive pivot (numerically singular A) is replaced by a tiny value so the solve still returns
 * a finite direction; the callers add a ridge, so this only guards rounding.
 */
export function choleskySolve(A: Float64Array, b: Float64Array, d: number): Float64Array {
  return choleskySolveFactored(choleskyFactor(A, d), b, d);
}

/** The lower-triangular L with A = L Lᵀ (row-major d × d); see choleskySolve for singular A. */
export function choleskyFactor(A: Float64Array, d: number): Float64Array {
  const L = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * d + j] ?? 0;
      for (let k = 0; k < j; k++) s -= (L[i * d + k] ?? 0) * (L[j * d + k] ?? 0);
      if (i === j) L[i * d + i] = Math.sqrt(s > 1e-300 ? s : 1e-300);
      else L[i * d + j] = s / (L[j * d + j] ?? 1);
    }
  }
  return L;
}

/** Solves L Lᵀ x = b given the factor from choleskyFactor. */
export function choleskySolveFactored(L: Float64Array, b: Float64Array, d: number): Float64Array {
  const z = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = b[i] ?? 0;
    for (let k = 0; k < i; k++) s -= (L[i * d + k] ?? 0) * (z[k] ?? 0);
    z[i] = s / (L[i * d + i] ?? 1);
  }
  const x = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let s = z[i] ?? 0;
    for (let k = i + 1; k < d; k++) s -= (L[k * d + i] ?? 0) * (x[k] ?? 0);
    x[i] = s / (L[i * d + i] ?? 1);
  }
  return x;
}
