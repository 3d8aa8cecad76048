/**
 * Stratified k-fold assignment with a fixed seed: each class is shuffled (seeded) and dealt round-robin
 * to the folds, so every fold has the class balance of the whole (counts differ by at most one per class).
 */
import { createRng } from './random.js';

/** Fold number (0..k-1) of each row. Throws if a class has fewer rows than folds. */
export function stratifiedKFold(y: ArrayLike<number>, k: number, seed: number): Int32Array {
  if (!Number.isInteger(k) || k < 2) throw new Error(`stratifiedKFold: k must be an integer ≥ 2, got ${k}`);
  const fold = new Int32Array(y.length);
  const rng = createRng(seed);
  const classes = [...new Set(Array.from({ length: y.length }, (_, i) => y[i] ?? 0))].sort((a, b) => a - b);
  // Continue the round-robin across classes so fold sizes stay balanced overall.
  let next = 0;
  for (const cls of classes) {
    const idx: number[] = [];
    for (let i = 0; i < y.length; i++) if (y[i] === cls) idx.push(i);
    if (idx.length < k)
      throw new Error(`stratifiedKFold: class ${cls} has ${idx.length} rows, fewer than ${k} folds`);
    for (let i = idx.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const t = idx[i] ?? 0;
      idx[i] = idx[j] ?? 0;
      idx[j] = t;
    }
    for (const i of idx) {
      fold[i] = next;
      next = (next + 1) % k;
    }
  }
  return fold;
}

/** Training and test row indices of fold `f`. */
export function foldSplit(fold: Int32Array, f: number): { train: Int32Array; test: Int32Array } {
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < fold.length; i++) (fold[i] === f ? test : train).push(i);
  return { train: Int32Array.from(train), test: Int32Array.from(test) };
}
