/**
 * Reads GET /students/{id} (StudentProfile in the contract: student, terms, years, events, modules,
 * interventions, payments, records in snake_case) into the trajectory timeline. The readers also accept
 * camelCase names, and whatever is missing shows as a dash.
 */
import type { StudentProfile } from '../../api/models';
import type { LineSpec } from '../../components/charts/spec';

type Rec = Readonly<Record<string, unknown>>;

function field(rec: Rec | undefined, ...names: string[]): unknown {
  if (!rec) return undefined;
  for (const n of names) {
    if (rec[n] !== undefined && rec[n] !== null) return rec[n];
  }
  return undefined;
}

export function str(rec: Rec | undefined, ...names: string[]): string | null {
  const v = field(rec, ...names);
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

export function num(rec: Rec | undefined, ...names: string[]): number | null {
  const v = field(rec, ...names);
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

export function bool(rec: Rec | undefined, ...names: string[]): boolean | null {
  const v = field(rec, ...names);
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === 0) return v === 1;
  return null;
}

/** A nested { code, name } or a flat name/code pair, e.g. campus or campusName/campusCct. */
function named(rec: Rec | undefined, prefix: string): { code: string | null; name: string | null } {
  const nested = field(rec, prefix);
  if (typeof nested === 'object' && nested !== null) {
    const n = nested as Rec;
    return { code: str(n, 'cct', 'code', 'id'), name: str(n, 'name') };
  }
  const code = str(
    rec,
    `${prefix}Cct`,
    `${prefix}_cct`,
    `${prefix}Code`,
    `${prefix}_code`,
    ...(prefix === 'campus' ? ['cct'] : []),
  );
  return {
    code: code ?? (typeof nested === 'string' ? nested : null),
    name: str(rec, `${prefix}Name`, `${prefix}_name`),
  };
}

export interface StudentInfo {
  readonly id: string | null;
  readonly name: string | null;
  readonly curp: string | null;
  readonly sex: string | null;
  readonly birthDate: string | null;
  readonly generation: string | null;
  readonly campus: { code: string | null; name: string | null };
  readonly program: { code: string | null; name: string | null };
  readonly status: string | null;
  readonly semester: number | null;
}

export function studentInfo(s: Rec): StudentInfo {
  const parts = [
    str(s, 'givenNames', 'given_names'),
    str(s, 'firstSurname', 'first_surname'),
    str(s, 'secondSurname', 'second_surname'),
  ];
  const joined = parts.filter((p): p is string => p !== null).join(' ');
  const entry = num(s, 'entryYear', 'entry_year');
  return {
    id: str(s, 'id', 'studentId', 'student_id'),
    name: str(s, 'name', 'fullName', 'full_name') ?? (joined || null),
    curp: str(s, 'curp'),
    sex: str(s, 'sex'),
    birthDate: str(s, 'birthDate', 'birth_date'),
    generation: str(s, 'generation') ?? (entry === null ? null : `${entry}-${entry + 3}`),
    campus: named(s, 'campus'),
    program: named(s, 'program'),
    status: str(s, 'status'),
    semester: num(s, 'semester'),
  };
}

export interface EventView {
  readonly date: string | null;
  readonly kind: string | null;
  readonly reason: string | null;
}

export interface InterventionView {
  readonly kind: string | null;
  readonly startDate: string | null;
  readonly endDate: string | null;
  readonly sessions: number | null;
  readonly outcome: string | null;
}

export interface ModuleView {
  readonly code: string | null;
  readonly name: string | null;
  readonly grade: number | null;
  readonly attendancePct: number | null;
  readonly passed: boolean | null;
  readonly regularizationGrade: number | null;
}

export interface TermView {
  readonly key: string;
  readonly schoolYear: string;
  readonly termNo: number | null;
  readonly semester: number | null;
  readonly campus: { code: string | null; name: string | null };
  readonly group: string | null;
  readonly gradeAvg: number | null;
  readonly failedModules: number | null;
  readonly attendancePct: number | null;
  readonly scholarshipDelayDays: number | null;
  readonly status: string | null;
  readonly events: readonly EventView[];
  readonly interventions: readonly InterventionView[];
  readonly modules: readonly ModuleView[];
}

const yearOf = (r: Rec) => str(r, 'schoolYear', 'school_year') ?? '';
const termOf = (r: Rec) => num(r, 'termNo', 'term_no', 'term');
const termKey = (year: string, term: number | null) => `${year}/${term ?? '?'}`;

function groupBy<T>(records: readonly Rec[] | undefined, map: (r: Rec) => T): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of records ?? []) {
    const key = termKey(yearOf(r), termOf(r));
    out.set(key, [...(out.get(key) ?? []), map(r)]);
  }
  return out;
}

export const toEvent = (r: Rec): EventView => ({
  date: str(r, 'date', 'eventDate', 'event_date'),
  kind: str(r, 'kind', 'type'),
  reason: str(r, 'reason'),
});

export const toIntervention = (r: Rec): InterventionView => ({
  kind: str(r, 'kind', 'type'),
  startDate: str(r, 'startDate', 'start_date'),
  endDate: str(r, 'endDate', 'end_date'),
  sessions: num(r, 'sessions'),
  outcome: str(r, 'outcome'),
});

export const toModule = (r: Rec): ModuleView => {
  const module = named(r, 'module');
  return {
    code: module.code ?? str(r, 'code'),
    name: module.name ?? str(r, 'name'),
    grade: num(r, 'grade'),
    attendancePct: num(r, 'attendancePct', 'attendance_pct', 'attendance'),
    passed: bool(r, 'passed'),
    regularizationGrade: num(r, 'regularizationGrade', 'regularization_grade'),
  };
};

/**
 * The timeline: one entry per term in chronological order, with the status events, interventions and
 * module results of that term attached. Events of a term without an enrollment (e.g. a dropout recorded
 * after the year ended) get an entry of their own.
 */
export function timeline(p: StudentProfile): TermView[] {
  const events = groupBy(p.events, toEvent);
  const interventions = groupBy(p.interventions, toIntervention);
  const modules = groupBy(p.modules, toModule);
  const terms = new Map<string, TermView>();
  for (const r of p.terms ?? []) {
    const schoolYear = yearOf(r);
    const termNo = termOf(r);
    const key = termKey(schoolYear, termNo);
    terms.set(key, {
      key,
      schoolYear,
      termNo,
      semester: num(r, 'semester'),
      campus: named(r, 'campus'),
      group: str(r, 'group', 'groupCode', 'group_code'),
      gradeAvg: num(r, 'gradeAvg', 'grade_avg', 'average'),
      failedModules: num(r, 'failedModules', 'failed_modules'),
      attendancePct: num(r, 'attendancePct', 'attendance_pct', 'attendance'),
      scholarshipDelayDays: num(r, 'scholarshipDelayDays', 'scholarship_delay_days'),
      status: str(r, 'status', 'endStatus', 'end_status'),
      events: events.get(key) ?? [],
      interventions: interventions.get(key) ?? [],
      modules: modules.get(key) ?? [],
    });
  }
  for (const [key, list] of events) {
    if (terms.has(key)) continue;
    const [schoolYear = '', term = ''] = key.split('/');
    terms.set(key, {
      key,
      schoolYear,
      termNo: Number.isFinite(Number(term)) ? Number(term) : null,
      semester: null,
      campus: { code: null, name: null },
      group: null,
      gradeAvg: null,
      failedModules: null,
      attendancePct: null,
      scholarshipDelayDays: null,
      status: null,
      events: list,
      interventions: interventions.get(key) ?? [],
      modules: modules.get(key) ?? [],
    });
  }
  return [...terms.values()].sort(
    (a, b) => a.schoolYear.localeCompare(b.schoolYear) || (a.termNo ?? 0) - (b.termNo ?? 0),
  );
}

/** Grade average by term (0-10 scale, 1 decimal). */
export function gradeSpec(
  terms: readonly TermView[],
  labels: { title: string; categoryLabel: string; valueLabel: string; term: (t: TermView) => string },
): LineSpec {
  const withGrades = terms.filter((t) => t.gradeAvg !== null);
  return {
    kind: 'line',
    title: labels.title,
    categoryLabel: labels.categoryLabel,
    valueLabel: labels.valueLabel,
    format: { kind: 'number', decimals: 1 },
    min: 0,
    max: 10,
    categories: withGrades.map(labels.term),
    series: [{ name: labels.valueLabel, values: withGrades.map((t) => t.gradeAvg) }],
  };
}

export interface YearResultView {
  readonly schoolYear: string;
  readonly semester: number | null;
  readonly passedAll: boolean | null;
  readonly regularized: boolean | null;
  readonly pendingModules: number | null;
  readonly graduated: boolean | null;
}

export function yearResults(p: StudentProfile): YearResultView[] {
  return (p.years ?? [])
    .map((r) => ({
      schoolYear: yearOf(r),
      semester: num(r, 'semester'),
      passedAll: bool(r, 'passedAll', 'passed_all'),
      regularized: bool(r, 'regularized'),
      pendingModules: num(r, 'pendingModules', 'pending_modules'),
      graduated: bool(r, 'graduated'),
    }))
    .sort((a, b) => a.schoolYear.localeCompare(b.schoolYear));
}

/**
 * The student's situation as the profile shows it. The record's last status is that of the latest term,
 * and a term that ended normally is `completed` even in 2nd semester: it shows as "Semestre concluido".
 * Only a graduation (an egreso event or a graduated year result) makes the student "Egresado".
 */
export function studentSituation(p: StudentProfile): string | null {
  const graduated =
    (p.events ?? []).some((e) => ['graduation', 'graduated', 'egreso'].includes(toEvent(e).kind ?? '')) ||
    yearResults(p).some((r) => r.graduated === true);
  if (graduated) return 'graduated';
  return str(p.student, 'status');
}
