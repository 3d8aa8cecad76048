import { describe, expect, it } from 'vitest';
import { fitIsotonic, fitPlatt } from './calibration.js';
import { createRng } from './random.js';

/** Scores that are over-confident: the true probability is σ(logit(s) / 2). */
function overconfident(n: number, seed: number) {
  const rng = createRng(seed);
  const s = new Float64Array(n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const z = rng.normal() * 3;
    s[i] = 1 / (1 + Math.exp(-z));
    y[i] = rng.next() < 1 / (1 + Math.exp(-z / 2)) ? 1 : 0;
  }
  return { s, y };
}

describe('fitPlatt', () => {
  it('recovers the slope of over-confident scores', () => {
    const { s, y } = overconfident(20_000, 5);
    const c = fitPlatt(s, y);
    expect(c.a).toBeCloseTo(0.5, 1);
    expect(Math.abs(c.b)).toBeLessThan(0.1);
    expect(c.apply(0.9)).toBeCloseTo(1 / (1 + Math.exp(-Math.log(9) / 2)), 1);
  });
});

describe('fitIsotonic', () => {
  it('pools adjacent violators into a non-decreasing step function', () => {
    const c = fitIsotonic([0.1, 0.2, 0.3, 0.4], Uint8Array.from([0, 1, 0, 1]));
    expect(Array.from(c.values)).toEqual([0, 0.5, 0.5, 1]);
    expect(Array.from(c.thresholds)).toEqual([0.1, 0.2, 0.3, 0.4]);
    // scikit-learn: IsotonicRegression(out_of_bounds='clip').fit([.1,.2,.3,.4],[0,1,0,1])
    //   .predict([.05,.25,.325,.99]) = [0, 0.5, 0.625, 1]
    expect(c.apply(0.05)).toBe(0);
    expect(c.apply(0.25)).toBe(0.5);
    expect(c.apply(0.325)).toBeCloseTo(0.625, 12);
    expect(c.apply(0.99)).toBe(1);
  });

  it('brings over-confident scores close to the truth', () => {
    const { s, y } = overconfident(20_000, 9);
    const c = fitIsotonic(s, y);
    const truth = (p: number) => 1 / (1 + Math.exp(-Math.log(p / (1 - p)) / 2));
    for (const p of [0.1, 0.5, 0.9]) expect(Math.abs(c.apply(p) - truth(p))).toBeLessThan(0.05);
    for (let k = 1; k < c.values.length; k++)
      expect(c.values[k]).toBeGreaterThanOrEqual(c.values[k - 1] ?? 0);
  });
});
