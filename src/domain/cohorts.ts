/**
 * True-cohort survival of one generation (generación), by semester, from student records. Unlike the
 * apparent indicators (indicators.ts), which compare different students' counts across years, this follows
 * the same students: who entered, how far each got, who graduated and when.
 */
import { eficienciaTerminalCohorte, type Percent } from './indicators.js';
import type { Result } from './result.js';

export const SEMESTERS = 6;

export type PathStatus = 'enrolled' | 'graduated' | 'dropout' | 'temporary_leave' | 'transferred';

/** One entrant's path through the program, as of the observation cut-off. */
export interface StudentPath {
  /** Highest semester (1-6) the student ever enrolled in. */
  readonly semesterReached: number;
  /** Graduated by the generation's normal end (July of its third school year). */
  readonly graduatedOnTime: boolean;
  /** Graduated after the normal end, by the cut-off. */
  readonly graduatedLate: boolean;
  readonly status: PathStatus;
}

/** Aggregate counts of one generation. */
export interface CohortCounts {
  /** First-time entrants to semester 1 of the generation (its NI1); repeaters of other generations excluded. */
  readonly entrants: number;
  /** Index k − 1: entrants who ever enrolled in semester k by the cut-off (6 values, non-increasing). */
  readonly reachedBySemester: readonly number[];
  /** Entrants who graduated by the generation's normal end. */
  readonly graduatedOnTime: number;
  /** Entrants who graduated by the cut-off, on time or late. */
  readonly graduatedBy: number;
}

export interface CohortSurvival {
  /** Index k − 1: reached semester k / entrants × 100. Semester 1 is 100 by definition. */
  readonly survivalBySemester: readonly (Percent | null)[];
  /** ETC: eficiencia terminal de cohorte, graduated on time / entrants × 100. */
  readonly eficienciaTerminalCohorte: Percent | null;
  /** Graduated by the cut-off (on time or late) / entrants × 100. */
  readonly graduationByCutoff: Percent | null;
}

/**
 * Aggregates entrants' paths into counts. Transfers and temporary leaves keep the semester they reached:
 * at the system level a transfer between campuses is not a dropout, and a student on leave may return.
 */
export function cohortCountsFromPaths(paths: readonly StudentPath[]): CohortCounts {
  const reachedBySemester = Array.from(
    { length: SEMESTERS },
    (_, k) => paths.filter((p) => p.semesterReached >= k + 1).length,
  );
  return {
    entrants: paths.length,
    reachedBySemester,
    graduatedOnTime: paths.filter((p) => p.graduatedOnTime).length,
    graduatedBy: paths.filter((p) => p.graduatedOnTime || p.graduatedLate).length,
  };
}

/** Path counts by status, for the table shown beside the survival curve. */
export function countByStatus(paths: readonly StudentPath[]): Readonly<Record<PathStatus, number>> {
  const counts: Record<PathStatus, number> = {
    enrolled: 0,
    graduated: 0,
    dropout: 0,
    temporary_leave: 0,
    transferred: 0,
  };
  for (const p of paths) counts[p.status]++;
  return counts;
}

/** Checks that the counts describe one cohort: whoever reaches a semester reached every earlier one. */
function checkCounts(c: CohortCounts): string[] {
  const issues: string[] = [];
  const all = [c.entrants, ...c.reachedBySemester, c.graduatedOnTime, c.graduatedBy];
  if (all.some((x) => !Number.isInteger(x) || x < 0))
    issues.push('los conteos deben ser enteros no negativos');
  if (c.reachedBySemester.length !== SEMESTERS) {
    issues.push(`se esperan ${SEMESTERS} conteos por semestre (hay ${c.reachedBySemester.length})`);
  }
  if ((c.reachedBySemester[0] ?? 0) !== c.entrants) {
    issues.push('todos los alumnos de nuevo ingreso cursan el semestre 1: debe coincidir con el ingreso');
  }
  c.reachedBySemester.forEach((n, k) => {
    if (k > 0 && n > (c.reachedBySemester[k - 1] ?? 0)) {
      issues.push(`llegan más alumnos al semestre ${k + 1} que al ${k}`);
    }
  });
  if (c.graduatedOnTime > c.graduatedBy) {
    issues.push('los egresados en tiempo no pueden superar a los egresados al corte');
  }
  if (c.graduatedBy > (c.reachedBySemester[SEMESTERS - 1] ?? 0)) {
    issues.push(`los egresados no pueden superar a quienes llegaron al semestre ${SEMESTERS}`);
  }
  return issues;
}

/**
 * Survival by semester k = entrants who ever reached semester k / entrants × 100, and the true-cohort
 * graduation efficiency ETC = graduated by the normal end / entrants × 100 (eficienciaTerminalCohorte).
 * Denominator: the generation's entrants. Null for every rate when there are no entrants.
 */
export function cohortSurvival(counts: CohortCounts): Result<CohortSurvival> {
  const issues = checkCounts(counts);
  if (issues.length > 0) return { ok: false, issues };
  const { entrants } = counts;
  return {
    ok: true,
    value: {
      survivalBySemester: counts.reachedBySemester.map((n) =>
        entrants === 0 ? null : (((n / entrants) * 100) as Percent),
      ),
      eficienciaTerminalCohorte: eficienciaTerminalCohorte(counts.graduatedOnTime, entrants),
      // Same ratio as ETC with a later cut-off: late graduates count too.
      graduationByCutoff: eficienciaTerminalCohorte(counts.graduatedBy, entrants),
    },
  };
}
