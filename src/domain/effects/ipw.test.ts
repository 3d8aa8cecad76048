import { describe, expect, it } from 'vitest';
import { estimateAtt, type EffectUnit } from './ipw.js';
import { percentile, seededPrng } from './random.js';

const sigmoid = (t: number) => 1 / (1 + Math.exp(-t));

/** Risky units are treated more often and leave more often; treatment lowers the log-odds by 0.6. */
function simulate(n: number, seed: number, crossoverRate = 0): { units: EffectUnit[]; trueAtt: number } {
  const rng = seededPrng(seed);
  const units: EffectUnit[] = [];
  let sum = 0;
  let treatedN = 0;
  for (let i = 0; i < n; i++) {
    const x = rng.next() * 4 - 2;
    const treated = rng.next() < sigmoid(-1 + 1.5 * x) ? 1 : 0;
    const crossed = treated === 0 && rng.next() < crossoverRate ? 1 : 0;
    const base = -1.5 + 1.2 * x;
    const p = sigmoid(base - 0.6 * (treated || crossed ? 1 : 0));
    if (treated) {
      treatedN++;
      sum += p - sigmoid(base);
    }
    units.push({
      treated,
      outcome: rng.next() < p ? 1 : 0,
      crossover: treated ? null : crossed,
      features: Float64Array.of(x),
    });
  }
  return { units, trueAtt: sum / treatedN };
}

describe('estimateAtt', () => {
  it('recovers the effect on the treated when the naive comparison points the wrong way', () => {
    const { units, trueAtt } = simulate(20_000, 5);
    const r = estimateAtt(units, { reps: 200, seed: 1 });
    expect(trueAtt).toBeLessThan(-0.05);
    expect(r.att.low).toBeLessThanOrEqual(trueAtt);
    expect(r.att.high).toBeGreaterThanOrEqual(trueAtt);
    expect(r.naive.estimate).toBeGreaterThan(0);
    expect(r.crossoverShare).toBe(0);
    expect(r.maxAbsSmdAfter).toBeLessThan(0.05);
    expect(r.maxAbsSmdBefore).toBeGreaterThan(0.5);
  });

  it('corrects the dilution by controls treated later in the year', () => {
    const { units, trueAtt } = simulate(30_000, 9, 0.3);
    const r = estimateAtt(units, { reps: 200, seed: 2 });
    expect(r.crossoverShare).toBeGreaterThan(0.25);
    expect(r.crossoverShare).toBeLessThan(0.35);
    expect(Math.abs(r.itt.estimate)).toBeLessThan(Math.abs(r.att.estimate));
    expect(r.att.low).toBeLessThanOrEqual(trueAtt);
    expect(r.att.high).toBeGreaterThanOrEqual(trueAtt);
  });

  it('gives the same intervals for the same seed and different ones for another seed', () => {
    const { units } = simulate(3_000, 3);
    const a = estimateAtt(units, { reps: 100, seed: 7 });
    const b = estimateAtt(units, { reps: 100, seed: 7 });
    const c = estimateAtt(units, { reps: 100, seed: 8 });
    expect(a.att).toEqual(b.att);
    expect(a.att.estimate).toBe(c.att.estimate);
    expect(a.att.low).not.toBe(c.att.low);
  });

  it('refuses data without treated or without controls', () => {
    const units: EffectUnit[] = [{ treated: 1, outcome: 0, crossover: null, features: Float64Array.of(1) }];
    expect(() => estimateAtt(units)).toThrow(RangeError);
  });
});

describe('seeded PRNG and percentile', () => {
  it('is deterministic, uniform enough, and interpolates percentiles', () => {
    const a = seededPrng(42);
    const b = seededPrng(42);
    const xs = Array.from({ length: 10_000 }, () => a.next());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b.next()));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([1, 2, 3, 4], 0)).toBe(1);
  });
});
