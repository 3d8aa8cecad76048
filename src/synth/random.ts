/** A small, fast, seeded PRNG (mulberry32) with the draws the generator needs. Deterministic per seed. */
export class Rng {
  private state: number;
  private spare: number | null = null;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Standard normal (Marsaglia polar method). */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    let u: number, v: number, s: number;
    do {
      u = this.next() * 2 - 1;
      v = this.next() * 2 - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * m;
    return u * m;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** Index drawn with probability proportional to weights (cumulative weights given). */
  pickCumulative(cumulative: Float64Array): number {
    const total = cumulative[cumulative.length - 1] ?? 0;
    const x = this.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Binomial(n, p) for small n. */
  binomial(n: number, p: number): number {
    let k = 0;
    for (let i = 0; i < n; i++) if (this.next() < p) k++;
    return k;
  }

  /** A child generator with an independent stream. */
  fork(salt: number): Rng {
    return new Rng((Math.imul(this.state ^ salt, 0x85ebca6b) + salt) >>> 0);
  }
}

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
export const logit = (p: number): number => Math.log(p / (1 - p));

/**
 * Solve for the intercept a such that Σ sigmoid(a + s_i) = target (Newton's method, bisection fallback).
 * This is how each campus-year is calibrated to its target count while each student keeps their own risk.
 */
export function solveIntercept(scores: Float64Array, count: number, target: number): number {
  if (count === 0) return 0;
  const t = Math.min(Math.max(target, 1e-6), count - 1e-6);
  let mean = 0;
  for (let i = 0; i < count; i++) mean += scores[i] ?? 0;
  mean /= count;
  let a = logit(t / count) - mean;
  for (let iter = 0; iter < 30; iter++) {
    let f = -t;
    let d = 0;
    for (let i = 0; i < count; i++) {
      const p = sigmoid(a + (scores[i] ?? 0));
      f += p;
      d += p * (1 - p);
    }
    if (Math.abs(f) < 1e-7 * count) break;
    const step = d > 1e-12 ? f / d : Math.sign(f);
    a -= Math.max(-3, Math.min(3, step));
  }
  return a;
}
