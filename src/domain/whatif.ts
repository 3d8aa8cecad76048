/**
 * What-if projections of a generation with the UNESCO reconstructed-cohort model (cohort-flow.ts): grade
 * flow rates from the records, a scenario that changes the dropout of given semesters, and the projected
 * terminal efficiency and dropout in SEP terms. Pure.
 *
 * A grade (school year) holds two semesters. Its dropout rate d_g splits into the students who leave during
 * its first semester (odd) and those who leave during its second semester or do not return after it (even).
 * A scenario change c on a semester (−0.2 = −20 %) moves c × that semester's part of d_g: students kept
 * in school are promoted or repeat in the grade's current proportions (and the reverse for c > 0).
 */
import {
  reconstructCohort,
  type GradeFlowRates,
  type Rate,
  type ReconstructedCohort,
} from './cohort-flow.js';
import type { Percent } from './indicators.js';

/** Per grade (index g − 1): the share of its dropout rate that leaves during its first semester. */
export type FirstSemesterShare = readonly number[];

export interface SemesterChange {
  /** 1-6. */
  readonly semester: number;
  /** Relative change of that semester's dropout: −0.2 is −20 %; at least −1. */
  readonly change: number;
}

export function scenarioIssues(changes: readonly SemesterChange[], grades: number): string[] {
  const issues: string[] = [];
  for (const c of changes) {
    if (!Number.isInteger(c.semester) || c.semester < 1 || c.semester > grades * 2)
      issues.push(`semestre fuera de rango: ${c.semester} (1 a ${grades * 2})`);
    if (!Number.isFinite(c.change) || c.change < -1 || c.change > 5)
      issues.push(
        `cambio fuera de rango en el semestre ${c.semester}: ${c.change * 100} % (de −100 % a +500 %)`,
      );
  }
  return issues;
}

/** The rates under the scenario; rates of grades without a change are returned as they are. */
export function applyScenario(
  rates: GradeFlowRates,
  firstShare: FirstSemesterShare,
  changes: readonly SemesterChange[],
): GradeFlowRates {
  const promotion = [...rates.promotion] as number[];
  const repetition = [...rates.repetition] as number[];
  const dropout = [...rates.dropout] as number[];
  for (const c of changes) {
    const g = Math.ceil(c.semester / 2) - 1;
    const d = dropout[g] ?? 0;
    if (d <= 0) continue;
    const share = Math.min(1, Math.max(0, firstShare[g] ?? 0.5));
    const part = c.semester % 2 === 1 ? share * d : (1 - share) * d;
    const p = promotion[g] ?? 0;
    const r = repetition[g] ?? 0;
    // Students kept in school (moved > 0) or lost (moved < 0), never more than the others can give back.
    const moved = Math.max(-(p + r), Math.min(part, -c.change * part));
    const pr = p + r;
    const pShare = pr > 0 ? p / pr : 1;
    promotion[g] = p + moved * pShare;
    repetition[g] = r + moved * (1 - pShare);
    dropout[g] = d - moved;
  }
  return {
    promotion: promotion as Rate[],
    repetition: repetition as Rate[],
    dropout: dropout as Rate[],
  };
}

export interface GenerationProjection {
  readonly entrants: number;
  /** Graduates within the normal duration (number of grades, in years). */
  readonly graduatesOnTime: number;
  /** ET of the generation: on-time graduates / entrants × 100 (SEP eficiencia terminal, cohort form). */
  readonly eficienciaTerminal: Percent;
  /** Entrants who ever graduate (late ones included) / entrants × 100. */
  readonly graduationEventual: Percent;
  /** Entrants who leave without graduating / entrants × 100. */
  readonly dropoutPct: Percent;
  /** Survival to each grade, % of entrants. */
  readonly survivalToGradePct: readonly Percent[];
  readonly coefficientOfEfficiencyPct: Percent | null;
  readonly cohort: ReconstructedCohort;
}

/** Projects `entrants` through the grades with the rates (reconstructed cohort). */
export function projectGeneration(rates: GradeFlowRates, entrants: number): GenerationProjection {
  const n = rates.promotion.length;
  const cohort = reconstructCohort(rates, { cohort: 1000, epsilon: 1e-9, maxYears: 50 });
  const onTime = cohort.graduatesByYearsInSystem.find((g) => g.years === n)?.graduates ?? 0;
  const scale = entrants / 1000;
  return {
    entrants,
    graduatesOnTime: onTime * scale,
    eficienciaTerminal: ((onTime / 1000) * 100) as Percent,
    graduationEventual: ((cohort.graduates / 1000) * 100) as Percent,
    dropoutPct: ((cohort.dropouts / 1000) * 100) as Percent,
    survivalToGradePct: cohort.survivalToGradePct,
    coefficientOfEfficiencyPct: cohort.coefficientOfEfficiencyPct,
    cohort,
  };
}

/**
 * Yearly dropout (abandono) implied by the rates for an enrolment by grade: Σ d_g E_g / Σ E_g × 100, the
 * share of the year's enrolment that leaves, as SEP's abandono counts it without readmissions.
 */
export function impliedAbandono(rates: GradeFlowRates, enrolment: readonly number[]): Percent | null {
  let num = 0;
  let den = 0;
  enrolment.forEach((e, g) => {
    num += e * (rates.dropout[g] ?? 0);
    den += e;
  });
  return den > 0 ? (((num / den) * 100) as Percent) : null;
}
