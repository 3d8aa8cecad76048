/** A student in the simulation, their term performance and their yearly exit hazard score. */
import { HAZARD, INTERVENTIONS, PERFORMANCE, SCHOLARSHIP, type InterventionKind } from './parameters.js';
import { assignmentProbability, DEFAULT_SCENARIO, type Scenario } from './scenario.js';
import type { Identity } from './people.js';
import { sigmoid, type Rng } from './random.js';

export interface TermPerformance {
  attendance: number;
  gradeAvg: number;
  failed: number;
  delayDays: number;
  interventions: InterventionKind[];
}

export interface Student {
  readonly id: number;
  readonly sex: 'H' | 'M';
  readonly birthDate: string;
  readonly entryYear: number;
  readonly entryCampusId: number;
  readonly identity: Identity;
  readonly latent: number; // unobserved disadvantage (higher = worse)
  readonly persist: number; // stable absence propensity
  readonly overAge: boolean;
  /** Unrecorded factor of the scenario's unobserved confounding (0 without it). */
  readonly hidden: number;
  campus: number; // index into the active campus list
  programId: number;
  grade: 1 | 2 | 3;
  carried: number; // modules pending from earlier years
  /** How the student came into this year: new entrant, continuing, repeating a grade, readmitted. */
  arrival: 'new' | 'continuing' | 'repeating' | 'readmitted';
  // Per-year scratch, reset by simulateYear.
  terms: TermPerformance[];
  /** The latest enrollment written for the student. */
  last: {
    readonly schoolYear: string;
    readonly term: number;
    readonly semester: number;
    readonly status: string;
  } | null;
  score: number;
  effect: number;
}

/** Standard normal CDF (Abramowitz-Stegun 7.1.26 through erf), accurate to ~1e-7. */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-z * z);
  return x >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/** One term's attendance, grades, failed modules, scholarship delay and interventions. */
export function termPerformance(
  rng: Rng,
  s: Student,
  termIndex: number,
  startYear: number,
  scenario: Scenario = DEFAULT_SCENARIO,
  uptakeShift = 0,
): TermPerformance {
  const P = PERFORMANCE;
  const z = s.latent;
  const absence = sigmoid(
    P.attendanceBase + P.attendanceLatent * z + s.persist + P.attendanceNoise * rng.normal(),
  );
  const attendance = round(100 * (1 - absence), 1);
  const raw =
    P.gradeMean +
    P.gradeLatent * z +
    P.gradeTrendLatent * z * termIndex +
    P.gradeNoise * rng.normal() +
    0.03 * (attendance - 90);
  const gradeAvg = round(Math.min(10, Math.max(5, raw)), 2);
  const failed = rng.binomial(P.modulesPerSemester, normalCdf((P.passingGrade - gradeAvg) / P.moduleSd));
  let delayDays = 0;
  if (startYear >= SCHOLARSHIP.firstYear) {
    delayDays = Math.round(
      -Math.log(1 - rng.next()) * SCHOLARSHIP.meanDelayDays * Math.exp(SCHOLARSHIP.latentDelay * z),
    );
    if (rng.bernoulli(SCHOLARSHIP.longDelayShare)) delayDays += 30 + rng.int(60);
  }
  const interventions: InterventionKind[] = [];
  if (startYear >= INTERVENTIONS.firstYear) {
    const shift = uptakeShift + scenario.unobservedConfounding * s.hidden;
    const semester = s.grade * 2 - 1 + (termIndex % 2);
    for (const [kind, spec] of Object.entries(INTERVENTIONS.kinds) as [
      InterventionKind,
      (typeof INTERVENTIONS.kinds)[InterventionKind],
    ][]) {
      if (
        semester <= spec.maxSemester &&
        rng.bernoulli(assignmentProbability(scenario, kind, attendance, gradeAvg, failed, shift))
      )
        interventions.push(kind);
    }
  }
  return { attendance, gradeAvg, failed, delayDays, interventions };
}

/** Yearly exit hazard score (log-odds without the campus-year intercept) and the interventions' part of it. */
export function hazardScore(
  s: Student,
  t1: TermPerformance,
  t2: TermPerformance,
  scenario: Scenario = DEFAULT_SCENARIO,
): { score: number; effect: number } {
  const H = HAZARD;
  const att = (t1.attendance + t2.attendance) / 2;
  const avg = (t1.gradeAvg + t2.gradeAvg) / 2;
  let effect = 0;
  for (const k of new Set([...t1.interventions, ...t2.interventions])) effect += scenario.effects[k];
  const score =
    (H.grade[s.grade - 1] ?? 0) +
    H.perAbsencePoints * (100 - att) +
    H.perFailedModule * (t1.failed + t2.failed) +
    H.perGradePointBelow8 * Math.max(0, 8 - avg) +
    (s.overAge ? H.overAge : 0) +
    (H.perDelayMonth * (t1.delayDays + t2.delayDays)) / 30 +
    H.latent * s.latent +
    (s.sex === 'H' ? H.male : 0) +
    scenario.unobservedConfounding * s.hidden +
    effect;
  return { score, effect };
}

/** Graduation score of a grade-3 student who completed the year. */
export function graduationScore(s: Student, t1: TermPerformance, t2: TermPerformance): number {
  const avg = (t1.gradeAvg + t2.gradeAvg) / 2;
  const att = (t1.attendance + t2.attendance) / 2;
  return (
    -0.45 * (t1.failed + t2.failed) -
    0.5 * s.carried -
    0.35 * Math.max(0, 7.5 - avg) +
    0.03 * (att - 90) -
    0.3 * s.latent
  );
}
