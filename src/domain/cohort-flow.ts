/**
 * UNESCO UIS reconstructed-cohort method: grade flow rates from two consecutive years of enrolment by
 * grade, repeaters and graduates, then a synthetic cohort followed through the system with those rates
 * held constant. Source: UNESCO Institute for Statistics, Education Indicators Technical Guidelines
 * (promotion, repetition and dropout rates; survival rate by grade; coefficient of efficiency).
 * Generic in the number of grades (CONALEP: 3 grades of two semesters each).
 */
import type { Percent } from './indicators.js';
import type { Result } from './result.js';

declare const rateBrand: unique symbol;
/** A ratio between 0 and 1 (may leave that range on inconsistent data). Never mixed with a Percent. */
export type Rate = number & { readonly [rateBrand]: true };

/** Aggregate counts by grade for school years t and t+1 (arrays indexed by grade − 1). */
export interface GradeFlowInput {
  /** E_{g,t}: enrolment in grade g in year t. */
  readonly enrolment: readonly number[];
  /** E_{g,t+1}: enrolment in grade g in year t+1. */
  readonly enrolmentNext: readonly number[];
  /** R_{g,t+1}: repeaters in grade g in year t+1 (they were in grade g in year t). */
  readonly repeatersNext: readonly number[];
  /** G_t: graduates of the last grade in year t. */
  readonly graduates: number;
}

export interface GradeFlowRates {
  readonly promotion: readonly Rate[];
  readonly repetition: readonly Rate[];
  readonly dropout: readonly Rate[];
}

/**
 * Flow rates per grade g (UIS): repetition r_g = R_{g,t+1} / E_{g,t};
 * promotion p_g = (E_{g+1,t+1} − R_{g+1,t+1}) / E_{g,t}, and for the last grade p = G_t / E_{last,t};
 * dropout d_g = 1 − p_g − r_g. Denominator: enrolment of the grade in year t. Not clamped: a negative
 * dropout rate flags inconsistent counts (or transfers in) and is reported as it is.
 */
export function gradeFlowRates(input: GradeFlowInput): Result<GradeFlowRates> {
  const { enrolment, enrolmentNext, repeatersNext, graduates } = input;
  const n = enrolment.length;
  const issues: string[] = [];
  if (n === 0) issues.push('se necesita al menos un grado');
  if (enrolmentNext.length !== n || repeatersNext.length !== n) {
    issues.push(
      `los datos por grado deben tener la misma longitud (matrícula t: ${n}, matrícula t+1: ` +
        `${enrolmentNext.length}, repetidores t+1: ${repeatersNext.length})`,
    );
  }
  const all = [...enrolment, ...enrolmentNext, ...repeatersNext, graduates];
  if (all.some((x) => !Number.isFinite(x) || x < 0))
    issues.push('los conteos deben ser números no negativos');
  enrolment.forEach((e, g) => {
    if (e === 0) issues.push(`la matrícula del grado ${g + 1} en el año t es cero: no hay tasas de flujo`);
  });
  if (issues.length > 0) return { ok: false, issues };

  const promotion: Rate[] = [];
  const repetition: Rate[] = [];
  const dropout: Rate[] = [];
  for (let g = 0; g < n; g++) {
    const e = enrolment[g] ?? 0;
    const entering = g === n - 1 ? graduates : (enrolmentNext[g + 1] ?? 0) - (repeatersNext[g + 1] ?? 0);
    const p = entering / e;
    const r = (repeatersNext[g] ?? 0) / e;
    promotion.push(p as Rate);
    repetition.push(r as Rate);
    dropout.push((1 - p - r) as Rate);
  }
  return { ok: true, value: { promotion, repetition, dropout } };
}

export interface ReconstructionOptions {
  /** Size of the synthetic cohort entering grade 1 (UIS uses 1000). */
  readonly cohort: number;
  /** Stop when fewer pupils than this remain in the system. */
  readonly epsilon: number;
  /** Stop after this many years even if pupils remain (they are reported as `remaining`). */
  readonly maxYears: number;
}

export const DEFAULT_RECONSTRUCTION: ReconstructionOptions = Object.freeze({
  cohort: 1000,
  epsilon: 1e-9,
  maxYears: 50,
});

export interface ReconstructedCohort {
  readonly rates: GradeFlowRates;
  readonly cohort: number;
  /** Survival to grade k (index k − 1): % of the cohort that ever reaches grade k. Grade 1 is 100. */
  readonly survivalToGradePct: readonly Percent[];
  /** Pupils of the cohort who graduate, at any time. */
  readonly graduates: number;
  /** Pupils of the cohort who drop out, at any time (counted in the year they leave). */
  readonly dropouts: number;
  /** Graduates by the number of years they spent in the system (from the number of grades upward). */
  readonly graduatesByYearsInSystem: readonly { readonly years: number; readonly graduates: number }[];
  /** Years of schooling used by the cohort, the year of dropping out and of graduating included. */
  readonly pupilYears: number;
  /** Coefficient of efficiency: graduates × grades / pupil-years × 100; null with no pupil-years. */
  readonly coefficientOfEfficiencyPct: Percent | null;
  /** Pupil-years per graduate; null with no graduates. */
  readonly yearsPerGraduate: number | null;
  /** Years simulated. */
  readonly years: number;
  /** Pupils still in the system when the simulation stopped (below epsilon unless maxYears was hit). */
  readonly remaining: number;
}

/**
 * Follows a cohort through the grades with constant flow rates and unlimited repetition (UIS
 * reconstructed cohort). Each year, pupils in grade g split into promoted (p_g; from the last grade,
 * graduates), repeaters (r_g) and dropouts (d_g). Survival to grade k counts every pupil ever promoted
 * into k, which with unlimited repetition equals ∏_{j<k} p_j / (1 − r_j).
 */
export function reconstructCohort(
  rates: GradeFlowRates,
  options: ReconstructionOptions = DEFAULT_RECONSTRUCTION,
): ReconstructedCohort {
  if (!(options.cohort > 0)) throw new RangeError('reconstructCohort needs a positive cohort');
  const { promotion, repetition, dropout } = rates;
  const n = promotion.length;
  const reached = Array.from({ length: n }, (_, g) => (g === 0 ? options.cohort : 0));
  let inGrade = reached.slice();
  let graduates = 0;
  let dropouts = 0;
  let pupilYears = 0;
  let years = 0;
  const byYears: { years: number; graduates: number }[] = [];

  while (years < options.maxYears && inGrade.reduce((a, b) => a + b, 0) >= options.epsilon) {
    years++;
    pupilYears += inGrade.reduce((a, b) => a + b, 0);
    const next = inGrade.map((x, g) => x * (repetition[g] ?? 0));
    let graduatedThisYear = 0;
    inGrade.forEach((x, g) => {
      const promoted = x * (promotion[g] ?? 0);
      dropouts += x * (dropout[g] ?? 0);
      if (g === n - 1) {
        graduatedThisYear = promoted;
      } else {
        next[g + 1] = (next[g + 1] ?? 0) + promoted;
        reached[g + 1] = (reached[g + 1] ?? 0) + promoted;
      }
    });
    graduates += graduatedThisYear;
    if (years >= n) byYears.push({ years, graduates: graduatedThisYear });
    inGrade = next;
  }

  return {
    rates,
    cohort: options.cohort,
    survivalToGradePct: reached.map((r) => ((r / options.cohort) * 100) as Percent),
    graduates,
    dropouts,
    graduatesByYearsInSystem: byYears,
    pupilYears,
    coefficientOfEfficiencyPct: pupilYears > 0 ? ((((graduates * n) / pupilYears) * 100) as Percent) : null,
    yearsPerGraduate: graduates > 0 ? pupilYears / graduates : null,
    years,
    remaining: inGrade.reduce((a, b) => a + b, 0),
  };
}

/** Flow rates from the counts, then the reconstructed cohort (see gradeFlowRates and reconstructCohort). */
export function analyzeCohortFlow(
  input: GradeFlowInput,
  options: ReconstructionOptions = DEFAULT_RECONSTRUCTION,
): Result<ReconstructedCohort> {
  if (!(options.cohort > 0)) return { ok: false, issues: ['la cohorte debe ser un número positivo'] };
  const rates = gradeFlowRates(input);
  return rates.ok ? { ok: true, value: reconstructCohort(rates.value, options) } : rates;
}
