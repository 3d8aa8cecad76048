/**
 * Set-based reads for the 911-style statistics: each one a single grouped query over the records of one
 * school year, restricted to a campus or a state (or none: the nation), the same on SQLite and PostgreSQL.
 * They return small grouped rows; assembling the tables is services/reports' job.
 */
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Database } from './schema.js';

export interface UnitFilter {
  readonly campusId?: number;
  readonly stateId?: number;
}

/** `alias.campus_id` inside the unit. */
function inUnit(alias: string, f: UnitFilter): Expression<SqlBool> {
  const ref = sql.ref(`${alias}.campus_id`);
  if (f.campusId !== undefined) return sql<SqlBool>`${ref} = ${f.campusId}`;
  if (f.stateId !== undefined)
    return sql<SqlBool>`${ref} in (select id from campuses where state_id = ${f.stateId})`;
  return sql<SqlBool>`1 = 1`;
}

export interface StartRow {
  readonly semester: number;
  readonly sex: string;
  /** 1 new entrant (NI1), 2 repeater (enrolled in the same semester in an earlier year), 0 other. */
  readonly status: number;
  readonly birthYear: number;
  /** 1 when the birthday falls after the age cut-off day (the student is one year younger on that day). */
  readonly afterCutoff: number;
  readonly n: number;
}

/**
 * Enrollment at the start of the year (term 1), by semester, sex, entry status and birth year: one pass over
 * the year's term-1 enrollments with the student's birth date and an index probe for earlier enrollments in
 * the same semester. `cutoff` is "MM-DD".
 */
export async function startOfYearRows(
  db: Kysely<Database>,
  year: string,
  cutoff: string,
  f: UnitFilter,
): Promise<StartRow[]> {
  const inner = db
    .selectFrom('enrollments as e')
    .innerJoin('students as s', 's.id', 'e.student_id')
    .select(['e.semester', 'e.sex'])
    .select([
      // Nuevo ingreso is to first semester (NI1); an entrant into semester 3 or 5 from another subsystem is neither
      // new to first grade nor a repeater.
      sql<number>`case when e.new_entry = 1 and e.semester = 1 then 1 when e.new_entry = 1 then 0 when exists (select 1 from enrollments p
        where p.student_id = e.student_id and p.semester = e.semester and p.school_year < e.school_year)
        then 2 else 0 end`.as('status'),
      sql<string>`substr(s.birth_date, 1, 4)`.as('birth_year'),
      sql<number>`case when substr(s.birth_date, 6, 5) > ${cutoff} then 1 else 0 end`.as('after_cutoff'),
    ])
    .where('e.school_year', '=', year)
    .where(sql<SqlBool>`e.term_no = 1`)
    .where(inUnit('e', f));
  const rows = await db
    .selectFrom(inner.as('t'))
    .select(['t.semester', 't.sex', 't.status', 't.birth_year', 't.after_cutoff'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy(['t.semester', 't.sex', 't.status', 't.birth_year', 't.after_cutoff'])
    .execute();
  return rows.map((r) => ({
    semester: Number(r.semester),
    sex: String(r.sex),
    status: Number(r.status),
    birthYear: Number(r.birth_year),
    afterCutoff: Number(r.after_cutoff),
    n: Number(r.n),
  }));
}

export interface InitialRow {
  readonly semester: number;
  readonly sex: string;
  readonly n: number;
}

/** Enrollment at the start of the year (term 1) by semester and sex (read from the flow index alone). */
export async function initialRows(db: Kysely<Database>, year: string, f: UnitFilter): Promise<InitialRow[]> {
  const rows = await db
    .selectFrom('enrollments as e')
    .select(['e.semester', 'e.sex'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('e.school_year', '=', year)
    .where(sql<SqlBool>`e.term_no = 1`)
    .where(inUnit('e', f))
    .groupBy(['e.semester', 'e.sex'])
    .execute();
  return rows.map((r) => ({ semester: Number(r.semester), sex: String(r.sex), n: Number(r.n) }));
}

export interface EndRow {
  readonly semester: number;
  readonly sex: string;
  readonly ex: number;
  readonly ap: number;
  readonly reg: number;
  readonly eg: number;
}

/** Year results (existencia, aprobados, regularizados, egresados) by semester completed and sex. */
export async function endOfYearRows(db: Kysely<Database>, year: string, f: UnitFilter): Promise<EndRow[]> {
  const rows = await db
    .selectFrom('year_results as y')
    .select(['y.semester', 'y.sex'])
    .select((eb) => [
      eb.fn.countAll<number>().as('ex'),
      eb.fn.sum<number>('y.passed_all').as('ap'),
      eb.fn.sum<number>('y.regularized').as('reg'),
      eb.fn.sum<number>('y.graduated').as('eg'),
    ])
    .where('y.school_year', '=', year)
    .where('y.semester', '>', 0)
    .where(inUnit('y', f))
    .groupBy(['y.semester', 'y.sex'])
    .execute();
  return rows.map((r) => ({
    semester: Number(r.semester),
    sex: String(r.sex),
    ex: Number(r.ex),
    ap: Number(r.ap ?? 0),
    reg: Number(r.reg ?? 0),
    eg: Number(r.eg ?? 0),
  }));
}

export interface GraduateAgeRow {
  readonly sex: string;
  readonly birthYear: number;
  readonly afterCutoff: number;
  readonly n: number;
}

/** Graduates of the year by sex and birth year (for their age at the cut-off of the year). */
export async function graduateAgeRows(
  db: Kysely<Database>,
  year: string,
  cutoff: string,
  f: UnitFilter,
): Promise<GraduateAgeRow[]> {
  const inner = db
    .selectFrom('year_results as y')
    .innerJoin('students as s', 's.id', 'y.student_id')
    .select('y.sex')
    .select([
      sql<string>`substr(s.birth_date, 1, 4)`.as('birth_year'),
      sql<number>`case when substr(s.birth_date, 6, 5) > ${cutoff} then 1 else 0 end`.as('after_cutoff'),
    ])
    .where('y.school_year', '=', year)
    .where('y.graduated', '=', 1)
    .where(inUnit('y', f));
  const rows = await db
    .selectFrom(inner.as('t'))
    .select(['t.sex', 't.birth_year', 't.after_cutoff'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy(['t.sex', 't.birth_year', 't.after_cutoff'])
    .execute();
  return rows.map((r) => ({
    sex: String(r.sex),
    birthYear: Number(r.birth_year),
    afterCutoff: Number(r.after_cutoff),
    n: Number(r.n),
  }));
}

export interface LeaveRow {
  readonly kind: string; // dropout | temporary_leave
  readonly reason: string | null;
  readonly sex: string;
  readonly n: number;
}

/** Dropouts and temporary leaves recorded in the year, by reason and sex. */
export async function leaveRows(db: Kysely<Database>, year: string, f: UnitFilter): Promise<LeaveRow[]> {
  const rows = await db
    .selectFrom('status_events as ev')
    .innerJoin('students as s', 's.id', 'ev.student_id')
    .select(['ev.kind', 'ev.reason', 's.sex'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ev.school_year', '=', year)
    .where('ev.kind', 'in', ['dropout', 'temporary_leave'])
    .where(inUnit('ev', f))
    .groupBy(['ev.kind', 'ev.reason', 's.sex'])
    .execute();
  return rows.map((r) => ({ kind: r.kind, reason: r.reason, sex: r.sex, n: Number(r.n) }));
}

export interface GroupRow {
  readonly semester: number;
  readonly groups: number;
}

/** Distinct groups by semester in one term of the year (group codes are unique within a campus and year). */
export async function groupRows(
  db: Kysely<Database>,
  year: string,
  term: 1 | 2,
  f: UnitFilter,
): Promise<GroupRow[]> {
  const inner = db
    .selectFrom('enrollments as e')
    .select(['e.campus_id', 'e.semester', 'e.group_code'])
    .distinct()
    .where('e.school_year', '=', year)
    .where(term === 1 ? sql<SqlBool>`e.term_no = 1` : sql<SqlBool>`e.term_no = 2`)
    .where(inUnit('e', f));
  const rows = await db
    .selectFrom(inner.as('g'))
    .select('g.semester')
    .select((eb) => eb.fn.countAll<number>().as('groups'))
    .groupBy('g.semester')
    .execute();
  return rows.map((r) => ({ semester: Number(r.semester), groups: Number(r.groups) }));
}

export interface TeacherRow {
  readonly sex: string;
  readonly degree: string;
  readonly n: number;
}

/** Teachers hired by the start of the year, by sex and highest degree. */
export async function teacherRows(
  db: Kysely<Database>,
  startYear: number,
  f: UnitFilter,
): Promise<TeacherRow[]> {
  const rows = await db
    .selectFrom('teachers as t')
    .select(['t.sex', 't.degree'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('t.hired_year', '<=', startYear)
    .where(inUnit('t', f))
    .groupBy(['t.sex', 't.degree'])
    .execute();
  return rows.map((r) => ({ sex: r.sex, degree: r.degree, n: Number(r.n) }));
}
