/**
 * Sensitivity to unmeasured confounding: the E-value (VanderWeele & Ding, Ann Intern Med 2017). For a risk
 * ratio RR (taken as 1/RR when below 1), E = RR + √(RR (RR − 1)): the minimum strength of association, on the
 * risk-ratio scale, that an unmeasured confounder would need with both the treatment and the outcome to explain
 * the estimate away. The E-value of the confidence limit nearer to 1 is 1 when the interval contains 1.
 */

/** E-value of a risk ratio. */
export function eValue(rr: number): number {
  if (!(rr > 0) || !Number.isFinite(rr)) return Number.NaN;
  const r = rr < 1 ? 1 / rr : rr;
  return r + Math.sqrt(r * (r - 1));
}

export interface Sensitivity {
  /** Outcome rate of the treated and the rate they would have had without the intervention (rate − effect). */
  readonly riskRatio: number;
  readonly eValue: number;
  /** E-value of the confidence limit nearer to no effect (1 when the interval contains 0). */
  readonly eValueLimit: number;
  /** True when eValueLimit is below `threshold`: modest unmeasured confounding could explain the estimate. */
  readonly fragile: boolean;
  readonly threshold: number;
}

/**
 * Fragile below this E-value of the confidence limit: an unrecorded factor that raised both the chance of being
 * treated and the risk of leaving by half (motivation, family events: plausible in school data) could explain the
 * estimate away.
 */
export const FRAGILE_BELOW = 1.5;

/**
 * Sensitivity of a risk-difference effect on the treated: `treatedRate` observed among the treated, `effect`
 * and its limits on the risk-difference scale.
 */
export function sensitivityOf(
  treatedRate: number,
  effect: number,
  low: number,
  high: number,
  threshold = FRAGILE_BELOW,
): Sensitivity {
  const rrOf = (d: number) => {
    const without = Math.min(0.999, Math.max(1e-4, treatedRate - d));
    return Math.max(1e-4, treatedRate) / without;
  };
  const riskRatio = rrOf(effect);
  const crosses = low <= 0 && high >= 0;
  const limit = crosses ? 1 : eValue(rrOf(effect < 0 ? high : low));
  return {
    riskRatio,
    eValue: eValue(riskRatio),
    eValueLimit: limit,
    fragile: !(limit >= threshold),
    threshold,
  };
}
