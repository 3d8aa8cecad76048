/**
 * Targeting by benefit. Each unit's benefit is the cross-fitted T-learner uplift m0(x) − m1(x): the estimated
 * reduction in its probability of leaving if it receives the intervention. A capacity curve tells, for each
 * number of students reached, how many exits the reached students would be spared, for three orderings: the
 * institution's rule (flagged students first), risk (m0, the exit probability without the intervention) and
 * benefit (the uplift).
 *
 * The curve is scored with doubly robust scores, not with the model's own uplift (which would flatter the
 * benefit ordering): Γ = m0 − m1 + (1 − T)(y − m0)/(1 − e) − T(y − m1)/e, whose mean over any set chosen
 * from out-of-fold predictions estimates the exits prevented in that set (Athey & Wager 2021).
 */

export interface CapacityPoint {
  /** Share of the units reached (0-1) and their number. */
  readonly share: number;
  readonly reached: number;
  /** Exits prevented among the reached, by ordering (doubly robust estimate). */
  readonly rule: number;
  readonly risk: number;
  readonly benefit: number;
}

export interface CapacityInput {
  readonly treated: ArrayLike<number>;
  readonly outcome: ArrayLike<number>;
  readonly propensity: ArrayLike<number>;
  readonly m0: ArrayLike<number>;
  readonly m1: ArrayLike<number>;
  /** 1 when the institution's rule flags the unit. */
  readonly flagged: ArrayLike<number>;
}

/** Per-unit uplift: estimated reduction in the probability of leaving (positive = fewer exits). */
export function upliftOf(m0: ArrayLike<number>, m1: ArrayLike<number>): Float64Array {
  return Float64Array.from({ length: m0.length }, (_, i) => (m0[i] ?? 0) - (m1[i] ?? 0));
}

/** Doubly robust score of exits prevented per unit (propensities clipped to [clip, 1 − clip]). */
export function preventionScores(input: CapacityInput, clip = 0.02): Float64Array {
  const n = input.m0.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const e = Math.min(1 - clip, Math.max(clip, input.propensity[i] ?? 0));
    const m0 = input.m0[i] ?? 0;
    const m1 = input.m1[i] ?? 0;
    const y = input.outcome[i] ?? 0;
    const t = input.treated[i] ?? 0;
    out[i] = m0 - m1 + ((1 - t) * (y - m0)) / (1 - e) - (t * (y - m1)) / e;
  }
  return out;
}

/** Capacity curve at the given shares (default 5 %, 10 %, 20 %, 30 %, 50 %, 100 %). */
export function capacityCurve(
  input: CapacityInput,
  shares: readonly number[] = [0.05, 0.1, 0.2, 0.3, 0.5, 1],
): CapacityPoint[] {
  const n = input.m0.length;
  const score = preventionScores(input);
  const uplift = upliftOf(input.m0, input.m1);
  const order = (key: (i: number) => number) =>
    Array.from({ length: n }, (_, i) => i).sort((a, b) => key(b) - key(a) || a - b);
  const byRule = order((i) => input.flagged[i] ?? 0);
  const byRisk = order((i) => input.m0[i] ?? 0);
  const byBenefit = order((i) => uplift[i] ?? 0);
  const prefix = (idx: number[]) => {
    const p = new Float64Array(n + 1);
    idx.forEach((i, k) => (p[k + 1] = (p[k] ?? 0) + (score[i] ?? 0)));
    return p;
  };
  const [pr, pk, pb] = [prefix(byRule), prefix(byRisk), prefix(byBenefit)];
  return shares.map((share) => {
    const reached = Math.round(share * n);
    return { share, reached, rule: pr[reached] ?? 0, risk: pk[reached] ?? 0, benefit: pb[reached] ?? 0 };
  });
}
