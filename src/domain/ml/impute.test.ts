import { describe, expect, it } from 'vitest';
import { applyImputer, fitImputer } from './impute.js';

describe('fitImputer', () => {
  it('fills NaN with the fitting rows’ mean and appends a missing indicator per affected column', () => {
    const imp = fitImputer([Float64Array.of(1, 5), Float64Array.of(3, NaN), Float64Array.of(NaN, 7)]);
    expect(Array.from(imp.means)).toEqual([2, 6]);
    expect(imp.indicatorColumns).toEqual([0, 1]);
    expect(Array.from(applyImputer(imp, [NaN, 4]))).toEqual([2, 4, 1, 0]);
    const complete = fitImputer([Float64Array.of(1, 2)]);
    expect(Array.from(applyImputer(complete, [NaN, 2]))).toEqual([1, 2]);
  });
});
