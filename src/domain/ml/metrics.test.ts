import { describe, expect, it } from 'vitest';
import {
  averagePrecision,
  brierScore,
  calibrationCurve,
  logLoss,
  precisionRecallAtK,
  rocAuc,
} from './metrics.js';

describe('rocAuc', () => {
  it('is 1 for a perfect ranking, 0 for a reversed one and ½ for a constant score', () => {
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9])).toBe(1);
    expect(rocAuc([1, 1, 0, 0], [0.1, 0.2, 0.8, 0.9])).toBe(0);
    expect(rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
  });

  it('counts pairs, ties as half (scikit-learn value)', () => {
    // sklearn.metrics.roc_auc_score([0,0,1,1,0,1],[.1,.4,.35,.8,.35,.35]) = 0.6666…
    expect(rocAuc([0, 0, 1, 1, 0, 1], [0.1, 0.4, 0.35, 0.8, 0.35, 0.35])).toBeCloseTo(2 / 3, 12);
    // sklearn.metrics.roc_auc_score([0,0,1,1],[.1,.4,.35,.8]) = 0.75
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.75);
  });

  it('is NaN with one class only', () => {
    expect(rocAuc([1, 1], [0.2, 0.3])).toBeNaN();
  });
});

describe('averagePrecision', () => {
  it('matches scikit-learn average_precision_score', () => {
    // average_precision_score([0,0,1,1],[.1,.4,.35,.8]) = 0.8333…
    expect(averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(5 / 6, 12);
    // with a tie at the top: average_precision_score([1,0,1,0],[.9,.9,.5,.1]) = 0.5·0.5 + 0.5·(2/3) = 0.5833…
    expect(averagePrecision([1, 0, 1, 0], [0.9, 0.9, 0.5, 0.1])).toBeCloseTo(0.25 + 1 / 3, 12);
  });
});

describe('brierScore and logLoss', () => {
  it('are the mean squared error and the mean negative log-likelihood', () => {
    expect(brierScore([1, 0, 1], [0.8, 0.3, 0.5])).toBeCloseTo((0.04 + 0.09 + 0.25) / 3, 12);
    expect(logLoss([1, 0], [0.8, 0.3])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.7)) / 2, 12);
  });
});

describe('calibrationCurve', () => {
  it('groups predictions into bins with their observed rate, skipping empty bins', () => {
    const bins = calibrationCurve([0, 0, 1, 1, 1], [0.05, 0.15, 0.12, 0.95, 0.91], 10);
    expect(bins.map((b) => b.count)).toEqual([1, 2, 2]);
    expect(bins[1]?.observedRate).toBe(0.5);
    expect(bins[1]?.meanPredicted).toBeCloseTo(0.135, 12);
    expect(bins[2]?.lower).toBeCloseTo(0.9, 12);
    expect(bins[2]?.observedRate).toBe(1);
  });

  it('makes bins of equal counts with the quantile strategy', () => {
    const p = Array.from({ length: 100 }, (_, i) => (i * i) / 10_000);
    const y = p.map((v) => (v > 0.5 ? 1 : 0));
    const bins = calibrationCurve(y, p, 4, 'quantile');
    expect(bins.map((b) => b.count)).toEqual([25, 25, 25, 25]);
  });
});

describe('precisionRecallAtK', () => {
  it('flags the k highest scores', () => {
    const r = precisionRecallAtK([1, 0, 1, 0, 1], [0.9, 0.8, 0.7, 0.2, 0.1], 2);
    expect(r).toEqual({ k: 2, truePositives: 1, precision: 0.5, recall: 1 / 3 });
    expect(precisionRecallAtK([1, 0], [0.3, 0.2], 10).k).toBe(2);
  });
});
