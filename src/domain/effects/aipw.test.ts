import { describe, expect, it } from 'vitest';
import { createRng } from '../ml/random.js';
import { crossFit, estimateAttDr, estimateAttDrRepeated, type DrUnit } from './aipw.js';
import { capacityCurve } from './capacity.js';
import { eValue, sensitivityOf } from './sensitivity.js';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * Students with two pre-treatment measures; treatment goes to a bent region (a threshold and a square, which a
 * linear propensity model misses); the effect on the log-odds of leaving is -0.6, larger for the riskier.
 */
function simulate(n: number, seed: number): { units: DrUnit[]; truth: number } {
  const rng = createRng(seed);
  const units: DrUnit[] = [];
  let sum = 0;
  let treated = 0;
  for (let i = 0; i < n; i++) {
    const a = rng.normal();
    const b = rng.normal();
    const pt = sigmoid(-1.5 + (a > 0.8 ? 1.8 : 0) + 0.5 * b * b);
    const t = rng.next() < pt ? 1 : 0;
    const base = -2 + 0.9 * a + 0.4 * Math.abs(b);
    const p0 = sigmoid(base);
    const p1 = sigmoid(base - 0.6);
    const y = rng.next() < (t ? p1 : p0) ? 1 : 0;
    if (t) {
      treated++;
      sum += p1 - p0;
    }
    units.push({
      treated: t,
      outcome: y,
      crossover: null,
      cluster: i,
      group: i % 50,
      features: Float64Array.from([a, b]),
    });
  }
  return { units, truth: sum / treated };
}

describe('doubly robust effect on the treated with cross-fitted trees', () => {
  it('covers the true effect under a nonlinear assignment, where the naive comparison is far off', () => {
    const { units, truth } = simulate(12_000, 3);
    const est = estimateAttDr(units, { rounds: 60 });
    expect(est.att.low).toBeLessThanOrEqual(truth);
    expect(est.att.high).toBeGreaterThanOrEqual(truth);
    expect(est.naive.estimate).toBeGreaterThan(est.att.high);
    expect(est.overlap.treatedDeciles[4]).toBeGreaterThan(est.overlap.controlDeciles[4] ?? 1);
  });

  it('repeats the cross-fitting over fold splits: median estimate, variance with the split-to-split spread', () => {
    const { units } = simulate(4_000, 7);
    const options = { rounds: 20, seed: 11 };
    const one = estimateAttDrRepeated(units, { ...options, splits: 1 });
    expect(one.estimate.att).toEqual(estimateAttDr(units, options).att);
    expect(one.estimate.splits).toBe(1);
    const each = [0, 1, 2].map((s) => {
      const opts = { ...options, seed: 11 + 7919 * s };
      return estimateAttDr(units, opts, crossFit(units, opts)).att;
    });
    const three = estimateAttDrRepeated(units, { ...options, splits: 3 }).estimate;
    const att = [...each.map((e) => e.estimate)].sort((a, b) => a - b)[1]!;
    const v = each.map((e) => e.se ** 2 + (e.estimate - att) ** 2).sort((a, b) => a - b)[1]!;
    expect(new Set(each.map((e) => e.estimate)).size).toBe(3);
    expect(three.splits).toBe(3);
    expect(three.att.estimate).toBe(att);
    expect(three.att.se).toBeCloseTo(Math.sqrt(v), 12);
    expect(three.att.high - three.att.low).toBeCloseTo(2 * 1.959964 * Math.sqrt(v), 9);
  });

  it('orders by benefit at least as well as by risk on the capacity curve', () => {
    const { units } = simulate(6_000, 5);
    const m0 = units.map((u) =>
      sigmoid(-2 + 0.9 * (u.features[0] ?? 0) + 0.4 * Math.abs(u.features[1] ?? 0)),
    );
    const m1 = m0.map((p) => sigmoid(Math.log(p / (1 - p)) - 0.6));
    const curve = capacityCurve({
      treated: units.map((u) => u.treated),
      outcome: units.map((u) => u.outcome),
      propensity: units.map(() => 0.3),
      m0,
      m1,
      flagged: units.map((u) => ((u.features[0] ?? 0) > 0.8 ? 1 : 0)),
    });
    const at20 = curve.find((p) => p.share === 0.2);
    expect(at20?.reached).toBe(1200);
    expect(at20?.benefit).toBeGreaterThanOrEqual((at20?.rule ?? 0) - 1e-9);
    expect(curve.at(-1)?.benefit).toBeCloseTo(curve.at(-1)?.risk ?? NaN, 9);
  });
});

describe('E-value', () => {
  it('matches VanderWeele and Ding (RR 0.5 → 3.41; RR 2 → 3.41; RR 1 → 1)', () => {
    expect(eValue(0.5)).toBeCloseTo(2 + Math.SQRT2, 9);
    expect(eValue(2)).toBeCloseTo(2 + Math.SQRT2, 9);
    expect(eValue(1)).toBe(1);
  });

  it('is 1 at the limit and fragile when the interval contains no effect', () => {
    const s = sensitivityOf(0.1, -0.02, -0.05, 0.01);
    expect(s.eValueLimit).toBe(1);
    expect(s.fragile).toBe(true);
    const strong = sensitivityOf(0.05, -0.1, -0.12, -0.08);
    expect(strong.fragile).toBe(false);
  });
});
