import { describe, expect, it } from 'vitest';
import { applyBins, binOf, fitBins, MISSING_BIN } from './binning.js';
import { columnMeans, logisticContributions, topContributions, treeContributions } from './contributions.js';
import { fitGbt, gbtFromData, gbtToData } from './gbt.js';
import { fitLogistic } from './logistic.js';
import { rocAuc } from './metrics.js';
import { createRng } from './random.js';

/** A non-linear target: an interaction and a threshold, plus a noise feature and some missing values. */
function dataset(n: number, seed: number) {
  const rng = createRng(seed);
  const X: Float64Array[] = [];
  const y = new Uint8Array(n);
  const truth = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = rng.normal();
    const b = rng.normal();
    const c = rng.next() < 0.5 ? 1 : 0;
    const noise = rng.normal();
    const eta = 2 * a * c - 1.5 * (b > 0.5 ? 1 : 0) + 0.5;
    X.push(Float64Array.from([a, rng.next() < 0.05 ? NaN : b, c, noise]));
    truth[i] = eta;
    y[i] = rng.next() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  }
  return { X, y, truth };
}

describe('binning', () => {
  it('cuts at midpoints between distinct values and puts NaN in the missing bin', () => {
    const X = [1, 2, 2, 3, NaN].map((v) => Float64Array.of(v));
    const bins = fitBins(X, 255);
    expect(Array.from(bins.edges[0] ?? [])).toEqual([1.5, 2.5]);
    expect(Array.from(applyBins(X, bins).columns[0] ?? [])).toEqual([0, 1, 1, 2, MISSING_BIN]);
  });

  it('uses quantile edges when there are more distinct values than bins', () => {
    const X = Array.from({ length: 1000 }, (_, i) => Float64Array.of(i));
    const edges = fitBins(X, 10).edges[0] ?? new Float64Array();
    expect(edges.length).toBe(9);
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 1000; i++) counts[binOf(edges, i)]! += 1;
    for (const c of counts) expect(c).toBe(100);
  });
});

describe('fitGbt', () => {
  const train = dataset(4000, 1);
  const test = dataset(2000, 2);

  it('learns an interaction that a linear model cannot', () => {
    const gbt = fitGbt(train.X, train.y, { rounds: 150, learningRate: 0.1, seed: 3 });
    const lin = fitLogistic(
      train.X.map((r) => r.map((v) => (Number.isNaN(v) ? 0 : v))),
      train.y,
    );
    const pg = test.X.map((x) => gbt.predictProba(x));
    const pl = test.X.map((x) => lin.predictProba(x.map((v) => (Number.isNaN(v) ? 0 : v))));
    // Close to the best possible ranking (the true log-odds), far above the linear model.
    expect(rocAuc(test.y, pg)).toBeGreaterThan(rocAuc(test.y, test.truth) - 0.02);
    expect(rocAuc(test.y, pg)).toBeGreaterThan(rocAuc(test.y, pl) + 0.05);
    // The noise feature earns less gain than each real continuous one (the binary switch c can be split
    // only once per path, so its total gain is not comparable).
    const [a = 0, b = 0, , noise = 0] = gbt.gainImportance;
    expect(noise).toBeLessThan(0.6 * Math.min(a, b));
  });

  it('is deterministic for a seed and changes with it', () => {
    const a = fitGbt(train.X, train.y, { rounds: 20, seed: 7 });
    const b = fitGbt(train.X, train.y, { rounds: 20, seed: 7 });
    const c = fitGbt(train.X, train.y, { rounds: 20, seed: 8 });
    const x = test.X[0] as Float64Array;
    expect(a.predictMargin(x)).toBe(b.predictMargin(x));
    expect(a.predictMargin(x)).not.toBe(c.predictMargin(x));
  });

  it('respects the leaf and depth limits', () => {
    const m = fitGbt(train.X, train.y, { rounds: 5, maxLeaves: 4, maxDepth: 10, minSamplesLeaf: 50 });
    for (const t of m.trees) expect(Array.from(t.feature).filter((f) => f < 0).length).toBeLessThanOrEqual(4);
    const stumps = fitGbt(train.X, train.y, { rounds: 5, maxDepth: 1 });
    for (const t of stumps.trees) expect(t.feature.length).toBe(3);
  });

  it('stops early on the validation split and keeps the best round', () => {
    const m = fitGbt(train.X, train.y, {
      rounds: 2000,
      learningRate: 0.3,
      earlyStopping: { validationFraction: 0.2, patience: 10 },
    });
    expect(m.rounds).toBeLessThan(500);
    expect(m.rounds).toBeGreaterThan(3);
  });

  it('holds out a validation split of several hundred thousand rows (no argument-spread overflow)', () => {
    const n = 300_000;
    const X = Array.from({ length: n }, (_, i) => Float64Array.of(i % 7));
    const y = Uint8Array.from({ length: n }, (_, i) => (i % 7 > 4 ? 1 : 0));
    const m = fitGbt(X, y, { rounds: 3, earlyStopping: { validationFraction: 0.2, patience: 2 } });
    expect(m.predictProba(Float64Array.of(6))).toBeGreaterThan(m.predictProba(Float64Array.of(0)));
  });

  it('copes with tiny inputs: fewer rows than two leaves, no features', () => {
    const few = fitGbt(train.X.slice(0, 10), train.y.slice(0, 10), { rounds: 3 });
    expect(few.trees.every((t) => t.feature.length === 1)).toBe(true);
    const rate = train.y.slice(0, 10).reduce((s, v) => s + v, 0) / 10;
    expect(few.predictProba(train.X[0] as Float64Array)).toBeCloseTo(rate, 1);
    const none = fitGbt(
      train.X.slice(0, 50).map(() => new Float64Array(0)),
      train.y.slice(0, 50),
      { rounds: 2 },
    );
    expect(Number.isFinite(none.predictMargin([]))).toBe(true);
  });

  it('sends missing values to a learned side', () => {
    const m = fitGbt(train.X, train.y, { rounds: 30 });
    const x = Float64Array.from([0.3, NaN, 1, 0]);
    expect(Number.isFinite(m.predictProba(x))).toBe(true);
  });

  it('round-trips through its serializable form', () => {
    const m = fitGbt(train.X, train.y, { rounds: 10 });
    const back = gbtFromData(JSON.parse(JSON.stringify(gbtToData(m))) as ReturnType<typeof gbtToData>);
    for (const x of test.X.slice(0, 50)) expect(back.predictMargin(x)).toBe(m.predictMargin(x));
  });

  it('has Saabas contributions that add up to the log-odds', () => {
    const m = fitGbt(train.X, train.y, { rounds: 50, seed: 2 });
    for (const x of test.X.slice(0, 20)) {
      const c = treeContributions(m, x);
      const sum = c.values.reduce((s, v) => s + v, c.bias);
      expect(sum).toBeCloseTo(m.predictMargin(x), 9);
    }
    // With a large a, the interaction switch c pushes the risk up when on and down when off.
    const on = treeContributions(m, Float64Array.from([2, 0, 1, 0]));
    const off = treeContributions(m, Float64Array.from([2, 0, 0, 0]));
    expect(on.values[2]).toBeGreaterThan(0);
    expect(off.values[2]).toBeLessThan(0);
    expect(topContributions(on, 2).map((e) => e.feature)).toContain(0);
  });
});

describe('logisticContributions', () => {
  it('adds up to the log-odds and is zero at the reference', () => {
    const { X, y } = dataset(1000, 4);
    const clean = X.map((r) => r.map((v) => (Number.isNaN(v) ? 0 : v)));
    const m = fitLogistic(clean, y);
    const ref = columnMeans(clean);
    const x = clean[0] as Float64Array;
    const c = logisticContributions(m, x, ref);
    const p = 1 / (1 + Math.exp(-c.values.reduce((s, v) => s + v, c.bias)));
    expect(p).toBeCloseTo(m.predictProba(x), 12);
    expect(Array.from(logisticContributions(m, ref, ref).values).every((v) => v === 0)).toBe(true);
  });
});
