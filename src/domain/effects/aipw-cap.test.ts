/**
 * Issue 13, finding 7: at national size the nuisance models are fitted on a subsample of their training folds
 * (DrOptions.trainMax) and predict for every unit, so that the fit's cost stops growing with the data while the
 * estimate and its interval still use every unit.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../ml/random.js';
import { crossFit, estimateAttDr, TRAIN_MAX, type DrUnit } from './aipw.js';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Nonlinear assignment (a threshold and a square) and an effect of −0.6 on the log-odds of leaving. */
function simulate(n: number, seed: number): { units: DrUnit[]; truth: number } {
  const rng = createRng(seed);
  const units: DrUnit[] = [];
  let sum = 0;
  let treated = 0;
  for (let i = 0; i < n; i++) {
    const a = rng.normal();
    const b = rng.normal();
    const t = rng.next() < sigmoid(-1.5 + (a > 0.8 ? 1.8 : 0) + 0.5 * b * b) ? 1 : 0;
    const base = -2 + 0.9 * a + 0.4 * Math.abs(b);
    const p0 = sigmoid(base);
    const p1 = sigmoid(base - 0.6);
    if (t) {
      treated++;
      sum += p1 - p0;
    }
    const y = rng.next() < (t ? p1 : p0) ? 1 : 0;
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

describe('nuisance models fitted on a capped subsample (finding 7)', () => {
  const { units, truth } = simulate(12_000, 3);
  const options = { rounds: 40, seed: 5 };

  it('fits each model on at most about trainMax rows and predicts for every unit', () => {
    const capped = crossFit(units, { ...options, trainMax: 2_000 });
    expect(capped.trainedOn.all).toBeGreaterThan(1_700);
    expect(capped.trainedOn.all).toBeLessThan(2_300);
    expect(capped.trainedOn.controls).toBeLessThan(2_300);
    // Every unit has an out-of-fold prediction (none left at zero by the subsample).
    expect(Math.min(...capped.propensity)).toBeGreaterThan(0);
    expect(Math.min(...capped.m0)).toBeGreaterThan(0);
    // Below the cap nothing changes: the default fits on all of the training folds (about 2/3 of 12,000).
    expect(TRAIN_MAX).toBeGreaterThan(12_000);
    const full = crossFit(units, { ...options, rounds: 2 });
    expect(full.trainedOn.all).toBeGreaterThan(7_500);
    expect(full.trainedOn.all + full.trainedOn.treated).toBeGreaterThan(capped.trainedOn.all * 3);
  });

  it('still covers the true effect on the treated, the interval computed over every unit', () => {
    const opts = { ...options, trainMax: 2_000 };
    const est = estimateAttDr(units, opts, crossFit(units, opts));
    expect(est.units).toBeGreaterThan(11_900);
    expect(est.att.low).toBeLessThanOrEqual(truth);
    expect(est.att.high).toBeGreaterThanOrEqual(truth);
    expect(est.naive.estimate).toBeGreaterThan(est.att.high);
  });

  it('gives about the estimate of the full fit: the cap changes the nuisances, not the answer (issue 12)', () => {
    // At national size (docs/SCALING.md) counseling gave −2.36 points capped and −2.38 with the full fit, both
    // 0.23 points of standard error: the cap was not why that interval missed. Here a quarter of the rows too
    // (0.35 standard errors apart); a cap of 300 rows moves the estimate by 0.62 and fails.
    const capped = estimateAttDr(units, { ...options, trainMax: 2_000 });
    const full = estimateAttDr(units, { ...options, trainMax: Number.POSITIVE_INFINITY });
    expect(Math.abs(capped.att.estimate - full.att.estimate)).toBeLessThan(0.5 * full.att.se);
    expect(capped.att.se / full.att.se).toBeGreaterThan(0.9);
    expect(capped.att.se / full.att.se).toBeLessThan(1.1);
  });
});
