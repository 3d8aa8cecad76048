/**
 * Calibration where it is used: how well the probabilities match the outcomes that followed, at each kind of
 * cut-off the model scores (term-end and year-end, each calibrated on its own kind), by group (sex, state,
 * campus size) and, for the scores stored by past scoring runs, once their outcome is known (drift).
 */
import { calibrationCurve, rocAuc, type CalibrationBin } from '../ml/metrics.js';

export type CutoffKind = 'termEnd' | 'yearEnd';

/** Probabilities against outcomes at one cut-off. */
export interface CalibrationCheck {
  readonly cutoff: string;
  readonly kind: CutoffKind;
  readonly n: number;
  readonly positives: number;
  readonly rocAuc: number | null;
  /** Mean probability and observed rate; observed / predicted (1 is perfect calibration in the large). */
  readonly predicted: number;
  readonly observed: number;
  readonly ratio: number | null;
  /** Deciles of probability. */
  readonly bins: readonly CalibrationBin[];
}

export const cutoffKind = (label: string): CutoffKind => (label.endsWith('/2') ? 'yearEnd' : 'termEnd');

export function calibrationCheck(
  cutoff: string,
  y: ArrayLike<number>,
  probs: ArrayLike<number>,
): CalibrationCheck {
  const n = y.length;
  let pos = 0;
  let sp = 0;
  for (let i = 0; i < n; i++) {
    pos += y[i] ?? 0;
    sp += probs[i] ?? 0;
  }
  const predicted = n > 0 ? sp / n : 0;
  const observed = n > 0 ? pos / n : 0;
  const auc = pos > 0 && pos < n ? rocAuc(y, probs) : NaN;
  return {
    cutoff,
    kind: cutoffKind(cutoff),
    n,
    positives: pos,
    rocAuc: Number.isFinite(auc) ? auc : null,
    predicted,
    observed,
    ratio: predicted > 0 ? observed / predicted : null,
    bins: n > 0 ? calibrationCurve(y, probs, 10, 'quantile') : [],
  };
}

export interface GroupCalibration {
  readonly dimension: string;
  readonly groups: readonly {
    readonly group: string;
    readonly n: number;
    readonly predicted: number;
    readonly observed: number;
    readonly ratio: number | null;
  }[];
  /**
   * The lowest and highest observed / predicted among groups with at least MIN_GROUP cases and MIN_EXPECTED
   * predicted exits (below that a ratio is noise).
   */
  readonly ratioRange: readonly [number, number] | null;
}

const MIN_GROUP = 30;
const MIN_EXPECTED = 10;

/** Calibration in the large by group: mean probability against the observed rate in each group. */
export function calibrationByGroup(
  dimension: string,
  y: ArrayLike<number>,
  probs: ArrayLike<number>,
  groupOf: readonly string[],
): GroupCalibration {
  const acc = new Map<string, { n: number; p: number; y: number }>();
  for (let i = 0; i < groupOf.length; i++) {
    const g = groupOf[i] as string;
    const a = acc.get(g) ?? { n: 0, p: 0, y: 0 };
    a.n++;
    a.p += probs[i] ?? 0;
    a.y += y[i] ?? 0;
    acc.set(g, a);
  }
  const groups = [...acc.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([group, a]) => ({
      group,
      n: a.n,
      predicted: a.p / a.n,
      observed: a.y / a.n,
      ratio: a.p > 0 ? a.y / a.p : null,
    }));
  const ratios = groups
    .filter((g) => g.n >= MIN_GROUP && g.predicted * g.n >= MIN_EXPECTED && g.ratio !== null)
    .map((g) => g.ratio as number);
  return {
    dimension,
    groups,
    ratioRange: ratios.length > 0 ? [Math.min(...ratios), Math.max(...ratios)] : null,
  };
}

/** The stored scores of one past cut-off, back-tested against the outcomes that followed. */
export interface DriftCheck extends CalibrationCheck {
  readonly modelVersions: readonly number[];
  /** Stored scores whose student has no outcome row (should be 0: counted, never dropped silently). */
  readonly unmatched: number;
}
