import { describe, expect, it } from 'vitest';
import { foldSplit, stratifiedKFold } from './folds.js';

describe('stratifiedKFold', () => {
  const y = Uint8Array.from({ length: 103 }, (_, i) => (i % 4 === 0 ? 1 : 0));

  it('keeps the class balance in every fold and is fixed by the seed', () => {
    const fold = stratifiedKFold(y, 5, 42);
    const positives = y.reduce((s, v) => s + v, 0);
    for (let f = 0; f < 5; f++) {
      const { train, test } = foldSplit(fold, f);
      expect(train.length + test.length).toBe(103);
      const pos = Array.from(test).filter((i) => y[i] === 1).length;
      expect(Math.abs(pos - positives / 5)).toBeLessThanOrEqual(1);
      expect(Math.abs(test.length - 103 / 5)).toBeLessThanOrEqual(1);
    }
    expect(stratifiedKFold(y, 5, 42)).toEqual(fold);
    expect(stratifiedKFold(y, 5, 43)).not.toEqual(fold);
  });

  it('refuses a class smaller than the number of folds', () => {
    expect(() => stratifiedKFold(Uint8Array.from([1, 0, 0, 0, 0, 0]), 2, 1)).toThrow(/fewer than 2 folds/);
  });
});
