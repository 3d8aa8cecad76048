/**
 * Reads and writes of record imports (services/imports/kinds/), inside the import's transaction: the catalog
 * keys, the largest ids, the rows a batch's students already have, and updates by id. Lookups by student come
 * in chunks of 1,000 ids; `memberOf` binds them as one parameter (a JSON array on SQLite, an array on PostgreSQL).
 */
import type { Kysely, Selectable, Updateable } from 'kysely';
import { memberOf, type ImportTarget } from '../import-writes.js';
import type {
  CertificationsTable,
  Database,
  EnrollmentsTable,
  ScholarshipPaymentsTable,
  StudentIdentitiesTable,
  StudentsTable,
} from '../schema.js';

type Db = Kysely<Database>;

/** The tables record imports write, each with an integer id. */
export type RecordTable =
  | 'module_results'
  | 'enrollments'
  | 'students'
  | 'status_events'
  | 'scholarship_payments'
  | 'interventions'
  | 'certifications'
  | 'programs';

const CHUNK = 1000;

async function chunked<T, R>(items: readonly T[], f: (part: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(...(await f(items.slice(i, i + CHUNK))));
  return out;
}

/** The largest id of a table (0 when empty). */
export async function maxRecordId(db: Db, table: RecordTable): Promise<number> {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(r?.id ?? 0);
}

/** Campus ids by CCT and program ids by code (upper case). */
export async function catalogKeys(db: Db) {
  const campuses = await db.selectFrom('campuses').select(['id', 'cct']).execute();
  const programs = await db.selectFrom('programs').select(['id', 'code']).execute();
  return {
    campuses: new Map(campuses.map((c) => [c.cct, Number(c.id)])),
    programs: new Map(programs.map((p) => [p.code.toUpperCase(), Number(p.id)])),
  };
}

/** Every module by code (upper case): id, program and semester. */
export async function moduleKeys(db: Db) {
  const rows = await db.selectFrom('modules').select(['id', 'code', 'program_id', 'semester']).execute();
  return new Map(
    rows.map((m) => [m.code.toUpperCase(), { id: m.id, programId: m.program_id, semester: m.semester }]),
  );
}

/** The program catalog by code (upper case). */
export async function programsByCode(db: Db) {
  const rows = await db.selectFrom('programs').select(['id', 'code', 'name', 'area']).execute();
  return new Map(rows.map((p) => [p.code.toUpperCase(), p]));
}

/** Enrollments of some students in one school year and term. */
export function enrollmentsInTerm(
  db: Db,
  store: ImportTarget,
  ids: readonly number[],
  year: string,
  term: number,
) {
  return chunked(ids, (part) =>
    db
      .selectFrom('enrollments')
      .select(['id', 'student_id', 'school_year', 'term_no', 'campus_id', 'program_id', 'semester'])
      .select('attendance_pct')
      .where(memberOf(store, 'student_id', part, 'int'))
      .where('school_year', '=', year)
      .where('term_no', '=', term)
      .execute(),
  );
}

/** Module results of some students in one school year and term. */
export function moduleResultsInTerm(
  db: Db,
  store: ImportTarget,
  ids: readonly number[],
  year: string,
  term: number,
) {
  return chunked(ids, (part) =>
    db
      .selectFrom('module_results')
      .select([
        'id',
        'student_id',
        'campus_id',
        'module_id',
        'school_year',
        'term_no',
        'grade',
        'attendance_pct',
        'passed',
        'regularization_grade',
      ])
      .where(memberOf(store, 'student_id', part, 'int'))
      .where('school_year', '=', year)
      .where('term_no', '=', term)
      .execute(),
  );
}

/** Students by id (every column). */
export function studentsByIds(db: Db, ids: readonly number[]): Promise<Selectable<StudentsTable>[]> {
  return chunked(ids, (part) => db.selectFrom('students').selectAll().where('id', 'in', part).execute());
}

/** Identities (names, CURP) of some students: for the identity audit and name updates only. */
export function identitiesOf(db: Db, ids: readonly number[]): Promise<Selectable<StudentIdentitiesTable>[]> {
  return chunked(ids, (part) =>
    db.selectFrom('student_identities').selectAll().where('student_id', 'in', part).execute(),
  );
}

/** Every enrollment of some students. */
export function enrollmentsOf(db: Db, ids: readonly number[]): Promise<Selectable<EnrollmentsTable>[]> {
  return chunked(ids, (part) =>
    db.selectFrom('enrollments').selectAll().where('student_id', 'in', part).execute(),
  );
}

/** The readmissions of some students (school year and term). */
export function readmissionsOf(db: Db, ids: readonly number[]) {
  return chunked(ids, (part) =>
    db
      .selectFrom('status_events')
      .select(['student_id', 'school_year', 'term_no'])
      .where('student_id', 'in', part)
      .where('kind', '=', 'readmission')
      .execute(),
  );
}

/** The status events of some students. */
export function statusEventsOf(db: Db, ids: readonly number[]) {
  return chunked(ids, (part) =>
    db
      .selectFrom('status_events')
      .select(['id', 'student_id', 'school_year', 'event_date', 'kind', 'reason', 'campus_id'])
      .where('student_id', 'in', part)
      .execute(),
  );
}

/** The highest semester each student has been enrolled in. */
export async function maxSemesterOf(db: Db, ids: readonly number[]): Promise<Map<number, number>> {
  const rows = await chunked(ids, (part) =>
    db
      .selectFrom('enrollments')
      .select(['student_id', (eb) => eb.fn.max('semester').as('s')])
      .where('student_id', 'in', part)
      .groupBy('student_id')
      .execute(),
  );
  return new Map(rows.map((r) => [r.student_id, Number(r.s)]));
}

/** The campuses each student has belonged to: enrollments, entry and current campus. */
export async function campusesOfStudents(
  db: Db,
  store: ImportTarget,
  ids: readonly number[],
): Promise<Map<number, Set<number>>> {
  const out = new Map<number, Set<number>>();
  const add = (student: number, campus: number) => {
    let set = out.get(student);
    if (!set) out.set(student, (set = new Set()));
    set.add(campus);
  };
  for (const r of await chunked(ids, (part) =>
    db
      .selectFrom('enrollments')
      .select(['student_id', 'campus_id'])
      .distinct()
      .where(memberOf(store, 'student_id', part, 'int'))
      .execute(),
  ))
    add(r.student_id, r.campus_id);
  for (const r of await chunked(ids, (part) =>
    db
      .selectFrom('students')
      .select(['id', 'campus_id', 'entry_campus_id'])
      .where(memberOf(store, 'id', part, 'int'))
      .execute(),
  )) {
    add(r.id, r.campus_id);
    add(r.id, r.entry_campus_id);
  }
  return out;
}

/** Birth dates of some students, by id. */
export async function birthDatesOf(
  db: Db,
  store: ImportTarget,
  ids: readonly number[],
): Promise<Map<number, string>> {
  const rows = await chunked(ids, (part) =>
    db
      .selectFrom('students')
      .select(['id', 'birth_date'])
      .where(memberOf(store, 'id', part, 'int'))
      .execute(),
  );
  return new Map(rows.map((s) => [s.id, s.birth_date]));
}

/** Scholarship payments of some students. */
export function paymentsOf(
  db: Db,
  store: ImportTarget,
  ids: readonly number[],
): Promise<Selectable<ScholarshipPaymentsTable>[]> {
  return db
    .selectFrom('scholarship_payments')
    .selectAll()
    .where(memberOf(store, 'student_id', ids, 'int'))
    .execute();
}

/** Interventions of some students (without the assigning user and timestamps). */
export function interventionsOf(db: Db, store: ImportTarget, ids: readonly number[]) {
  return db
    .selectFrom('interventions')
    .select([
      'id',
      'student_id',
      'campus_id',
      'school_year',
      'term_no',
      'kind',
      'start_date',
      'end_date',
      'sessions',
      'notes',
      'outcome',
    ])
    .where(memberOf(store, 'student_id', ids, 'int'))
    .execute();
}

/** Certifications of some students. */
export function certificationsOf(
  db: Db,
  store: ImportTarget,
  ids: readonly number[],
): Promise<Selectable<CertificationsTable>[]> {
  return db
    .selectFrom('certifications')
    .selectAll()
    .where(memberOf(store, 'student_id', ids, 'int'))
    .execute();
}

/** Sets some columns of one row of a record table. */
export async function updateRecord(
  db: Db,
  table: RecordTable,
  id: number,
  changes: Readonly<Record<string, unknown>>,
): Promise<void> {
  await db
    .updateTable(table)
    .set(changes as never)
    .where('id', '=', id)
    .execute();
}

/** Sets the names (and their search key) of a student's identity. */
export async function updateIdentity(
  db: Db,
  studentId: number,
  names: Updateable<StudentIdentitiesTable>,
): Promise<void> {
  await db.updateTable('student_identities').set(names).where('student_id', '=', studentId).execute();
}
