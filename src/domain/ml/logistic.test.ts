import { describe, expect, it } from 'vitest';
import { fitLogistic } from './logistic.js';
import { createRng } from './random.js';

/** n rows of p standard-normal features (column j scaled by scales[j] and shifted by shifts[j]). */
function synthetic(
  n: number,
  coef: number[],
  intercept: number,
  seed: number,
  scales?: number[],
  shifts?: number[],
) {
  const rng = createRng(seed);
  const X: Float64Array[] = [];
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const row = new Float64Array(coef.length);
    let eta = intercept;
    for (let j = 0; j < coef.length; j++) {
      row[j] = rng.normal() * (scales?.[j] ?? 1) + (shifts?.[j] ?? 0);
      eta += (coef[j] ?? 0) * (row[j] ?? 0);
    }
    X.push(row);
    y[i] = rng.next() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  }
  return { X, y };
}

describe('fitLogistic', () => {
  it('recovers known coefficients on seeded synthetic data', () => {
    const truth = [1.5, -2, 0.5, 0];
    const { X, y } = synthetic(20_000, truth, -0.7, 42);
    const m = fitLogistic(X, y, { l2: 0 });
    truth.forEach((c, j) => expect(m.coef[j]).toBeCloseTo(c, 1));
    expect(Math.abs((m.coef[0] ?? 0) - 1.5)).toBeLessThan(0.08);
    expect(Math.abs((m.coef[1] ?? 0) + 2)).toBeLessThan(0.08);
    expect(m.intercept).toBeCloseTo(-0.7, 1);
  });

  it('reports coefficients in the original units when columns have large scales and offsets', () => {
    // x0 ~ N(1000, 100²), x1 ~ N(−2, 0.5²); the true intercept −16 centres the linear predictor near 0.
    const truth = [0.01, -3];
    const { X, y } = synthetic(20_000, truth, -16, 7, [100, 0.5], [1000, -2]);
    const m = fitLogistic(X, y, { l2: 0 });
    expect(Math.abs((m.coef[0] ?? 0) - 0.01)).toBeLessThan(0.001);
    expect(Math.abs((m.coef[1] ?? 0) + 3)).toBeLessThan(0.15);
    expect(Math.abs(m.intercept + 16)).toBeLessThan(1);
    const x = [1100, -2.5];
    const expected = 1 / (1 + Math.exp(-(-16 + 0.01 * 1100 - 3 * -2.5)));
    expect(Math.abs(m.predictProba(x) - expected)).toBeLessThan(0.03);
  });

  it('shrinks coefficients towards zero as l2 grows, never the intercept', () => {
    const { X, y } = synthetic(2_000, [2, -1], 1, 3);
    const loose = fitLogistic(X, y, { l2: 0 });
    const tight = fitLogistic(X, y, { l2: 10 });
    expect(Math.abs(tight.coef[0] ?? 0)).toBeLessThan(Math.abs(loose.coef[0] ?? 0) / 5);
    // With coefficients near zero the intercept is the log-odds of the base rate, not zero.
    const rate = y.reduce((s, v) => s + v, 0) / y.length;
    expect(tight.intercept).toBeCloseTo(Math.log(rate / (1 - rate)), 1);
  });

  it('treats an integer sample weight like repeating the row', () => {
    const { X, y } = synthetic(500, [1, -1], 0, 11);
    const w = new Float64Array(X.length).fill(1);
    const Xr = [...X];
    const yr = Array.from(y);
    for (let i = 0; i < X.length; i += 3) {
      w[i] = 3;
      Xr.push(X[i] as Float64Array, X[i] as Float64Array);
      yr.push(y[i] ?? 0, y[i] ?? 0);
    }
    const weighted = fitLogistic(X, y, { sampleWeights: w, l2: 0.01 });
    const repeated = fitLogistic(Xr, Uint8Array.from(yr), { l2: 0.01 });
    expect(weighted.coef[0]).toBeCloseTo(repeated.coef[0] ?? NaN, 6);
    expect(weighted.coef[1]).toBeCloseTo(repeated.coef[1] ?? NaN, 6);
    expect(weighted.intercept).toBeCloseTo(repeated.intercept, 6);
  });

  it('stays finite on separable data and ignores constant columns', () => {
    const X = [0, 1, 2, 3, 4, 5].map((v) => Float64Array.from([v, 7]));
    const y = Uint8Array.from([0, 0, 0, 1, 1, 1]);
    const m = fitLogistic(X, y, { l2: 1e-4 });
    expect(Number.isFinite(m.coef[0])).toBe(true);
    expect(m.coef[1]).toBe(0);
    expect(m.predictProba([0, 7])).toBeLessThan(0.1);
    expect(m.predictProba([5, 7])).toBeGreaterThan(0.9);
  });
});
