/**
 * Effect of an intervention on the treated (ATT) by inverse propensity weighting, next to the naive
 * comparison, with percentile bootstrap intervals from a seeded PRNG.
 *
 * Units are student-years. A unit is treated when it received the intervention in the term of assignment
 * (the first term of the year); its features are measured before or at assignment (pre-intervention risk).
 * The propensity e(x) = P(treated | x) is a regularized logistic regression; controls are weighted by
 * e / (1 − e) so that they resemble the treated, and ATT = mean outcome of the treated − weighted mean of
 * the controls. Controls who receive the intervention later in the year (crossover) dilute the contrast:
 * the intention-to-treat difference is divided by 1 − (weighted share of controls who crossed over), the
 * Wald / complier correction, with the crossover share measured among controls whose later term is known.
 *
 * The bootstrap resamples units with replacement and recomputes every estimate with the propensities of the
 * full-sample fit (the fit is not repeated: a conditional-on-propensity bootstrap, usually conservative
 * for weighting estimators).
 */
import { fitLogistic } from '../ml/logistic.js';
import { percentile, seededPrng } from './random.js';

export interface EffectUnit {
  /** 1 when the unit received the intervention in the assignment term. */
  readonly treated: 0 | 1;
  /** 1 when the outcome happened (the student left). */
  readonly outcome: 0 | 1;
  /** For controls: 1 when they received the intervention later in the year, 0 when not, null when unknown. */
  readonly crossover: 0 | 1 | null;
  /** Pre-intervention features (same length for every unit). */
  readonly features: Float64Array;
}

export interface Interval {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

export interface EffectEstimate {
  readonly units: number;
  readonly treated: number;
  readonly controls: number;
  /** Outcome rate of the treated. */
  readonly treatedRate: number;
  /** Outcome rate of all controls (unweighted). */
  readonly controlRate: number;
  /** Outcome rate of the controls weighted to resemble the treated. */
  readonly weightedControlRate: number;
  /** Treated rate − control rate: the naive comparison (risk difference). */
  readonly naive: Interval;
  /** Weighted difference before the crossover correction (intention to treat). */
  readonly itt: Interval;
  /** ATT on the risk-difference scale: itt / (1 − crossover share). */
  readonly att: Interval;
  readonly crossoverShare: number;
  /** Kish effective sample size of the weighted controls. */
  readonly effectiveControls: number;
  /** Largest |standardized mean difference| of a feature, before and after weighting. */
  readonly maxAbsSmdBefore: number;
  readonly maxAbsSmdAfter: number;
  readonly bootstrapReps: number;
  readonly level: number;
}

export interface EffectOptions {
  /** Bootstrap replicates (default 400). */
  readonly reps?: number;
  readonly seed?: number;
  /** Confidence level (default 0.95). */
  readonly level?: number;
  /** Propensities are clipped to [clip, 1 − clip] (default 0.005). */
  readonly clip?: number;
  /** Ridge penalty of the propensity model (default 1e-4). */
  readonly l2?: number;
}

interface Point {
  readonly treatedRate: number;
  readonly controlRate: number;
  readonly weightedControlRate: number;
  readonly crossover: number;
}

function point(units: readonly EffectUnit[], w: Float64Array, count: Float64Array): Point {
  let tn = 0;
  let ty = 0;
  let cn = 0;
  let cy = 0;
  let wn = 0;
  let wy = 0;
  let xn = 0;
  let xy = 0;
  for (let i = 0; i < units.length; i++) {
    const c = count[i] ?? 0;
    if (c === 0) continue;
    const u = units[i] as EffectUnit;
    if (u.treated === 1) {
      tn += c;
      ty += c * u.outcome;
    } else {
      const cw = c * (w[i] ?? 0);
      cn += c;
      cy += c * u.outcome;
      wn += cw;
      wy += cw * u.outcome;
      if (u.crossover !== null) {
        xn += cw;
        xy += cw * u.crossover;
      }
    }
  }
  return {
    treatedRate: tn > 0 ? ty / tn : Number.NaN,
    controlRate: cn > 0 ? cy / cn : Number.NaN,
    weightedControlRate: wn > 0 ? wy / wn : Number.NaN,
    crossover: xn > 0 ? xy / xn : 0,
  };
}

const attOf = (p: Point) => (p.treatedRate - p.weightedControlRate) / Math.max(0.05, 1 - p.crossover);

/** Largest |SMD| over features, controls weighted by w (1 for unweighted). */
function maxAbsSmd(units: readonly EffectUnit[], w: Float64Array | null): number {
  const k = units[0]?.features.length ?? 0;
  let worst = 0;
  for (let j = 0; j < k; j++) {
    let tn = 0;
    let ts = 0;
    let ts2 = 0;
    let cn = 0;
    let cs = 0;
    let cs2 = 0;
    units.forEach((u, i) => {
      const x = u.features[j] ?? 0;
      if (u.treated === 1) {
        tn++;
        ts += x;
        ts2 += x * x;
      } else {
        const wi = w ? (w[i] ?? 0) : 1;
        cn += wi;
        cs += wi * x;
        cs2 += wi * x * x;
      }
    });
    if (tn === 0 || cn === 0) continue;
    const tm = ts / tn;
    const cm = cs / cn;
    const tv = Math.max(0, ts2 / tn - tm * tm);
    const cv = Math.max(0, cs2 / cn - cm * cm);
    const sd = Math.sqrt((tv + cv) / 2);
    if (sd > 1e-12) worst = Math.max(worst, Math.abs(tm - cm) / sd);
  }
  return worst;
}

/** Propensity-weighted ATT with bootstrap intervals; throws RangeError without treated or controls. */
export function estimateAtt(units: readonly EffectUnit[], options: EffectOptions = {}): EffectEstimate {
  const reps = options.reps ?? 400;
  const level = options.level ?? 0.95;
  const clip = options.clip ?? 0.005;
  const n = units.length;
  const treated = units.reduce((a, u) => a + u.treated, 0);
  if (treated === 0 || treated === n) throw new RangeError('estimateAtt needs treated and control units');

  const y = new Uint8Array(n);
  units.forEach((u, i) => (y[i] = u.treated));
  const model = fitLogistic(
    units.map((u) => u.features),
    y,
    { l2: options.l2 ?? 1e-4, maxIter: 50 },
  );
  const w = new Float64Array(n);
  units.forEach((u, i) => {
    const e = Math.min(1 - clip, Math.max(clip, model.predictProba(u.features)));
    w[i] = u.treated === 1 ? 1 : e / (1 - e);
  });

  const ones = new Float64Array(n).fill(1);
  const full = point(units, w, ones);
  const prng = seededPrng(options.seed ?? 20261128);
  const naive: number[] = [];
  const itt: number[] = [];
  const att: number[] = [];
  const count = new Float64Array(n);
  for (let r = 0; r < reps; r++) {
    count.fill(0);
    for (let i = 0; i < n; i++) {
      const j = prng.int(n);
      count[j] = (count[j] ?? 0) + 1;
    }
    const p = point(units, w, count);
    naive.push(p.treatedRate - p.controlRate);
    itt.push(p.treatedRate - p.weightedControlRate);
    att.push(attOf(p));
  }
  const alpha = (1 - level) / 2;
  const interval = (estimate: number, draws: number[]): Interval => {
    const sorted = draws.filter(Number.isFinite).sort((a, b) => a - b);
    return { estimate, low: percentile(sorted, alpha), high: percentile(sorted, 1 - alpha) };
  };
  let sw = 0;
  let sw2 = 0;
  units.forEach((u, i) => {
    if (u.treated === 0) {
      sw += w[i] ?? 0;
      sw2 += (w[i] ?? 0) ** 2;
    }
  });
  return {
    units: n,
    treated,
    controls: n - treated,
    treatedRate: full.treatedRate,
    controlRate: full.controlRate,
    weightedControlRate: full.weightedControlRate,
    naive: interval(full.treatedRate - full.controlRate, naive),
    itt: interval(full.treatedRate - full.weightedControlRate, itt),
    att: interval(attOf(full), att),
    crossoverShare: full.crossover,
    effectiveControls: sw2 > 0 ? (sw * sw) / sw2 : 0,
    maxAbsSmdBefore: maxAbsSmd(units, null),
    maxAbsSmdAfter: maxAbsSmd(units, w),
    bootstrapReps: reps,
    level,
  };
}
