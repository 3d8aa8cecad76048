/**
 * The risk feature vector of one student at one cut-off (the end of a term: the mid-year partial
 * evaluation closes term 1, the end of the school year closes term 2). Every value is known at the cut-off:
 * the term's aggregates, the previous term, the latest year result (pending modules after regularization),
 * the history of temporary leaves, age at entry and the campus's exit rate of the previous school year.
 *
 * Sex, state and other sensitive attributes are not features: they travel beside the vector (RiskSubject)
 * for the fairness audit only.
 */

/** Model inputs, in the order of the vector. */
export const FEATURES = [
  'semester',
  'end_of_year',
  'attendance_pct',
  'attendance_trend',
  'grade_avg',
  'grade_trend',
  'failed_modules',
  'prev_failed_modules',
  'pending_modules',
  'temporary_leaves',
  'over_age',
  'scholarship_delay_months',
  'semester_lag',
  'campus_exit_rate',
] as const;
export type FeatureName = (typeof FEATURES)[number];

export const FEATURE_LABELS: Record<FeatureName, { es: string; en: string }> = {
  semester: { es: 'Semestre', en: 'Semester' },
  end_of_year: { es: 'Corte de fin de ciclo', en: 'End-of-year cut-off' },
  attendance_pct: { es: 'Asistencia', en: 'Attendance' },
  attendance_trend: { es: 'Tendencia de asistencia', en: 'Attendance trend' },
  grade_avg: { es: 'Promedio', en: 'Grade average' },
  grade_trend: { es: 'Tendencia del promedio', en: 'Grade trend' },
  failed_modules: { es: 'Módulos reprobados', en: 'Failed modules' },
  prev_failed_modules: { es: 'Reprobados el periodo anterior', en: 'Failed modules, previous term' },
  pending_modules: { es: 'Regularizaciones pendientes', en: 'Pending regularizations' },
  temporary_leaves: { es: 'Bajas temporales previas', en: 'Previous temporary leaves' },
  over_age: { es: 'Extraedad', en: 'Over-age' },
  scholarship_delay_months: { es: 'Retraso de beca (meses)', en: 'Scholarship delay (months)' },
  semester_lag: { es: 'Rezago de semestres', en: 'Semesters behind' },
  campus_exit_rate: { es: 'Abandono del plantel (ciclo anterior)', en: 'Campus dropout (previous year)' },
};

/** A cut-off: the end of term `term` of the school year starting in `year`. */
export interface Cutoff {
  readonly year: number;
  readonly term: 1 | 2;
}

export const cutoffSchoolYear = (c: Cutoff): string => `${c.year}-${c.year + 1}`;
export const cutoffLabel = (c: Cutoff): string => `${cutoffSchoolYear(c)}/${c.term}`;
/** A sortable index of the cut-off (two per school year). */
export const cutoffIndex = (c: Cutoff): number => c.year * 2 + (c.term - 1);
export const cutoffFromIndex = (i: number): Cutoff => ({
  year: Math.floor(i / 2),
  term: i % 2 === 0 ? 1 : 2,
});

/** Parses "2024-2025/1", "2024/2" or "2024-2025" (the end of the year). */
export function parseCutoff(text: string): Cutoff | null {
  const m = /^(\d{4})(?:-(\d{4}))?(?:\/([12]))?$/.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2] !== undefined && Number(m[2]) !== year + 1) return null;
  return { year, term: m[3] === '1' ? 1 : 2 };
}

/** The raw facts of one student at a cut-off, as the storage query returns them. */
export interface RawRiskRow {
  readonly studentId: number;
  readonly campusId: number;
  readonly sex: string;
  readonly birthDate: string;
  readonly entryYear: number;
  readonly semester: number;
  readonly attendancePct: number;
  readonly gradeAvg: number | null;
  readonly failedModules: number;
  readonly scholarshipDelayDays: number;
  readonly prevAttendancePct: number | null;
  readonly prevGradeAvg: number | null;
  readonly prevFailedModules: number | null;
  /** Pending modules after regularization in the latest year result known at the cut-off. */
  readonly pendingModules: number | null;
  readonly temporaryLeaves: number;
}

/** Who the student is for the audit (never a model input). */
export interface RiskSubject {
  readonly studentId: number;
  readonly campusId: number;
  readonly stateId: number;
  readonly sex: string;
}

/** Age in whole years on 1 August of the entry year; 17 or more is over-age for upper secondary. */
export function ageAtEntry(birthDate: string, entryYear: number): number {
  const y = Number(birthDate.slice(0, 4));
  const md = birthDate.slice(5, 10);
  return entryYear - y - (md > '08-01' ? 1 : 0);
}

const DEFAULT_GRADE = 7;

/** Every CONALEP program (Profesional Técnico Bachiller) lasts six semesters. */
export const PROGRAM_SEMESTERS = 6;

/**
 * The feature vector of one raw row; `campusExitRate` in percent (the national rate when unknown). Written
 * into `out` when given (scoring a quarter of a million students reuses one vector instead of allocating one
 * each).
 */
export function featureVector(
  row: RawRiskRow,
  cutoff: Cutoff,
  campusExitRate: number,
  out?: Float64Array,
): Float64Array {
  const grade = row.gradeAvg ?? DEFAULT_GRADE;
  const expectedSemester = 2 * (cutoff.year - row.entryYear) + cutoff.term;
  const v = out ?? new Float64Array(FEATURES.length);
  v[0] = row.semester;
  v[1] = cutoff.term === 2 ? 1 : 0;
  v[2] = row.attendancePct;
  v[3] = row.prevAttendancePct === null ? 0 : row.attendancePct - row.prevAttendancePct;
  v[4] = grade;
  v[5] = row.prevGradeAvg === null ? 0 : grade - row.prevGradeAvg;
  v[6] = row.failedModules;
  v[7] = row.prevFailedModules ?? 0;
  v[8] = row.pendingModules ?? 0;
  v[9] = row.temporaryLeaves;
  v[10] = ageAtEntry(row.birthDate, row.entryYear) >= 17 ? 1 : 0;
  v[11] = row.scholarshipDelayDays / 30;
  // Behind the generation, capped by the program's length: a student who entered ten years ago and is in
  // semester 2 is four semesters from the end, not eighteen behind (issue 12, finding 8).
  v[12] = Math.max(0, Math.min(expectedSemester, PROGRAM_SEMESTERS) - row.semester);
  v[13] = campusExitRate;
  return v;
}

/** Named view of a vector (for rules and explanations). */
export function namedFeatures(v: ArrayLike<number>): Record<FeatureName, number> {
  const out = {} as Record<FeatureName, number>;
  FEATURES.forEach((f, i) => (out[f] = v[i] ?? 0));
  return out;
}
