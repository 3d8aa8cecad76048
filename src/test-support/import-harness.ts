/**
 * The one set-up of import tests (services/imports, services/analyses/inputs, api/import-busy): a small demo
 * world per suite on both dialects, files written as a campus system would send them, the rows of the world
 * exported the way an import file names them (CURP, CCT, school year, term, module code; payments;
 * interventions; attendance files changing every row), and the import's
 * summary reduced to what a test compares (issue lines, counts).
 */
import { sql } from 'kysely';
import { beforeAll } from 'vitest';
import type { RecordImportSummary } from '../services/imports/index.js';
import type { Store } from '../storage/db.js';
import { loadDemoFixture } from './demo-fixtures.js';
import { describeEachDialect, type DialectContext } from './stores.js';

/** The scale of an import suite's world: a few hundred students over the demo's years. */
export const IMPORT_WORLD_SCALE = 0.003;

/**
 * Declares `name` on both dialects (describeEachDialect) with the demo world of `seed` loaded before the suite's
 * own hooks run (copied from the run's fixture: generated once per seed and scale).
 */
export function describeImports(
  name: string,
  seed: number,
  fn: (ctx: DialectContext) => void,
  scale = IMPORT_WORLD_SCALE,
): void {
  describeEachDialect(name, (ctx) => {
    beforeAll(async () => {
      await loadDemoFixture(ctx.store(), { seed, scale });
    }, 120_000);
    fn(ctx);
  });
}

/** A CSV file of whole lines (written as given), as importRecords takes it. */
export const csvLines = (lines: readonly string[]) => ({
  bytes: Buffer.from(`${lines.join('\n')}\n`, 'utf8'),
});

export type CsvValue = string | number | null;

/** A CSV cell: null empty; quoted when it holds a comma, a quote or a line break. */
export const csvCell = (v: CsvValue): string => {
  const t = v === null ? '' : String(v);
  return /[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
};

/** A CSV file of a header and rows of values (cells quoted where needed). */
export const csvFile = (header: string, rows: readonly (readonly CsvValue[])[]) =>
  csvLines([header, ...rows.map((r) => r.map(csvCell).join(','))]);

/** The enrollments file's header (the record import's column names). */
export const ENROLLMENTS_HEADER =
  'curp,cct,program_code,school_year,term_no,semester,group_code,new_entry,grade_avg,failed_modules,attendance_pct,scholarship_delay_days,end_status';

/** A stored enrollment's fields, as a test reads them back (with the student's CURP and program code). */
export interface EnrollmentFields {
  readonly curp: CsvValue;
  readonly code: CsvValue;
  readonly school_year: CsvValue;
  readonly term_no: CsvValue;
  readonly semester: CsvValue;
  readonly group_code: CsvValue;
  readonly new_entry: CsvValue;
  readonly grade_avg: CsvValue;
  readonly failed_modules: CsvValue;
  readonly attendance_pct: CsvValue;
  readonly scholarship_delay_days: CsvValue;
  readonly end_status: CsvValue;
}

/**
 * The enrollments of the students who transferred (a `transfer` status event), by student, school year and term,
 * with every field an enrollments file names (enrollmentFile), the campus (id and CCT) and the student's campus now.
 */
export const enrollmentsOfTransferred = (store: Store) =>
  store.db
    .selectFrom('enrollments as e')
    .innerJoin('student_identities as i', 'i.student_id', 'e.student_id')
    .innerJoin('campuses as c', 'c.id', 'e.campus_id')
    .innerJoin('programs as p', 'p.id', 'e.program_id')
    .innerJoin('students as s', 's.id', 'e.student_id')
    .select([
      'e.id',
      'e.student_id',
      'i.curp',
      'c.cct',
      'e.campus_id',
      's.campus_id as campus_now',
      'p.code',
      'e.school_year',
      'e.term_no',
      'e.semester',
      'e.group_code',
      'e.new_entry',
      'e.grade_avg',
      'e.failed_modules',
      'e.attendance_pct',
      'e.scholarship_delay_days',
      'e.end_status',
    ])
    .where(
      'e.student_id',
      'in',
      store.db.selectFrom('status_events').select('student_id').where('kind', '=', 'transfer'),
    )
    .orderBy('e.student_id')
    .orderBy('e.school_year')
    .orderBy('e.term_no')
    .execute();

/** An enrollments file of one row: `e` as the campus `cct` exports it. */
export const enrollmentFile = (e: EnrollmentFields, cct: string) =>
  csvFile(ENROLLMENTS_HEADER, [
    [
      e.curp,
      cct,
      e.code,
      e.school_year,
      e.term_no,
      e.semester,
      e.group_code,
      e.new_entry,
      e.grade_avg,
      e.failed_modules,
      e.attendance_pct,
      e.scholarship_delay_days,
      e.end_status,
    ],
  ]);

/** Each issue of an import as `line|column|value|message` (without the value when `withValue` is false). */
export const issueLines = (s: RecordImportSummary, withValue = true): string[] =>
  s.issues.map((i) =>
    withValue
      ? `${i.line}|${i.column ?? ''}|${i.value ?? ''}|${i.message}`
      : `${i.line}|${i.column ?? ''}|${i.message}`,
  );

/** [inserted, updated, unchanged] of an import. */
export const changeCounts = (s: RecordImportSummary) => [s.inserted, s.updated, s.unchanged];

/** The header of a module-results file with the mandatory columns. */
export const MODULE_RESULTS_HEADER = 'curp,cct,ciclo_escolar,periodo,clave_modulo,calificacion,asistencia';

/**
 * Module results of the world in id order (newest first with `newestFirst`), with what a module-results file
 * names them by (CURP, CCT, school year, term, module code) and their values; only term 1 when `termOne`, only
 * grades below `gradeBelow` or at least `gradeAtLeast`, only one campus's with `campusId`, only every n-th id
 * (ids divisible by `everyNthId`: rows spread over students, campuses and years).
 */
export function moduleResultRows(
  store: Store,
  o: {
    readonly limit: number;
    readonly termOne?: boolean;
    readonly gradeBelow?: number;
    readonly gradeAtLeast?: number;
    readonly campusId?: number;
    readonly everyNthId?: number;
    readonly newestFirst?: boolean;
  },
) {
  let q = store.db
    .selectFrom('module_results as r')
    .innerJoin('student_identities as i', 'i.student_id', 'r.student_id')
    .innerJoin('campuses as c', 'c.id', 'r.campus_id')
    .innerJoin('modules as m', 'm.id', 'r.module_id')
    .select([
      'r.id',
      'i.curp',
      'c.cct',
      'r.school_year',
      'r.term_no',
      'm.code',
      'r.grade',
      'r.attendance_pct',
      'r.regularization_grade',
      'r.student_id',
      'r.module_id',
    ]);
  if (o.termOne) q = q.where('r.term_no', '=', 1);
  if (o.campusId !== undefined) q = q.where('r.campus_id', '=', o.campusId);
  if (o.gradeBelow !== undefined) q = q.where('r.grade', 'is not', null).where('r.grade', '<', o.gradeBelow);
  if (o.gradeAtLeast !== undefined) q = q.where('r.grade', '>=', o.gradeAtLeast);
  if (o.everyNthId !== undefined) q = q.where(sql<boolean>`r.id % ${sql.lit(o.everyNthId)} = 0`);
  return q
    .orderBy('r.id', o.newestFirst ? 'desc' : 'asc')
    .limit(o.limit)
    .execute();
}

/** The header of an attendance file. */
export const ATTENDANCE_HEADER = 'curp,cct,ciclo_escolar,periodo,asistencia';

/** Another attendance than `a`: 50 where it was 99 or more, else one point more (so every row changes). */
export const otherAttendance = (a: number) => (a >= 99 ? 50 : Math.round(a) + 1);

/** The world's enrollments in id order (only one campus's with `campusId`), as an attendance file names them. */
export function enrollmentAttendance(
  store: Store,
  o: { readonly limit: number; readonly campusId?: number },
) {
  let q = store.db
    .selectFrom('enrollments as e')
    .innerJoin('student_identities as i', 'i.student_id', 'e.student_id')
    .innerJoin('campuses as c', 'c.id', 'e.campus_id')
    .select(['e.id', 'i.curp', 'c.cct', 'e.school_year', 'e.term_no', 'e.attendance_pct']);
  if (o.campusId !== undefined) q = q.where('e.campus_id', '=', o.campusId);
  return q.orderBy('e.id').limit(o.limit).execute();
}

/** An attendance file giving each enrollment (as a file names it) another attendance (otherAttendance). */
export const attendanceFile = (
  rows: readonly {
    readonly curp: string;
    readonly cct: string;
    readonly school_year: string;
    readonly term_no: number;
    readonly attendance_pct: number;
  }[],
) =>
  csvFile(
    ATTENDANCE_HEADER,
    rows.map((e) => [e.curp, e.cct, e.school_year, e.term_no, otherAttendance(e.attendance_pct)]),
  );

/** The world's first `limit` scholarship payments in id order, with what a payments file names them by. */
export const paymentRows = (store: Store, limit: number) =>
  store.db
    .selectFrom('scholarship_payments as p')
    .innerJoin('student_identities as i', 'i.student_id', 'p.student_id')
    .innerJoin('campuses as c', 'c.id', 'p.campus_id')
    .select([
      'p.id',
      'i.curp',
      'c.cct',
      'p.school_year',
      'p.term_no',
      'p.period',
      'p.amount',
      'p.due_date',
      'p.paid_date',
      'p.delay_days',
    ])
    .orderBy('p.id')
    .limit(limit)
    .execute();

/** The world's first `limit` interventions in id order, with what an interventions file names them by. */
export const interventionRows = (store: Store, limit: number) =>
  store.db
    .selectFrom('interventions as v')
    .innerJoin('student_identities as i', 'i.student_id', 'v.student_id')
    .innerJoin('campuses as c', 'c.id', 'v.campus_id')
    .select([
      'v.id',
      'v.student_id',
      'i.curp',
      'c.cct',
      'v.school_year',
      'v.term_no',
      'v.kind',
      'v.start_date',
      'v.end_date',
      'v.sessions',
      'v.outcome',
      'v.notes',
    ])
    .orderBy('v.id')
    .limit(limit)
    .execute();

/** The first row of each (CURP, kind, start date): the key an interventions file may name only once. */
export const onePerInterventionKey = <
  T extends { readonly curp: string; readonly kind: string; readonly start_date: string },
>(
  rows: readonly T[],
): T[] => {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const k = `${r.curp}|${r.kind}|${r.start_date}`;
    return !seen.has(k) && seen.add(k);
  });
};
