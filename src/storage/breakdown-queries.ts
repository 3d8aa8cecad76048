/**
 * The director's breakdown of one campus: students by semáforo per program and group (from the stored scores of
 * one cut-off) and what the records of that term say about each group (enrolled, dropouts, attendance, grades,
 * failed modules). Aggregates only: no student id leaves this file.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Students of one flag in one group (program, group code, semester) at a cut-off. */
export interface GroupFlagCount {
  readonly programCode: string;
  readonly programName: string;
  readonly groupCode: string;
  readonly semester: number;
  readonly flag: string;
  readonly students: number;
  /** Sum and count of the scores' probabilities (scores without a model have none). */
  readonly probabilitySum: number;
  readonly probabilityCount: number;
}

/** The latest cut-off with stored scores, or null when nothing has been scored. */
export async function latestScoredCutoff(db: Kysely<Database>): Promise<string | null> {
  const row = await db
    .selectFrom('risk_scores')
    .select('cutoff')
    .orderBy('cutoff', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.cutoff ?? null;
}

/**
 * Stored scores of a campus at a cut-off ("2025-2026/2"), counted by the group each student is enrolled in
 * during that term. A scored student without an enrollment in the term (none in the demo) is left out.
 */
export async function riskByGroup(
  db: Kysely<Database>,
  campusId: number,
  cutoff: string,
  term: { readonly schoolYear: string; readonly termNo: number },
): Promise<GroupFlagCount[]> {
  const rows = await db
    .selectFrom('risk_scores as r')
    .innerJoin('enrollments as e', (j) =>
      j
        .onRef('e.student_id', '=', 'r.student_id')
        .onRef('e.campus_id', '=', 'r.campus_id')
        .on('e.school_year', '=', term.schoolYear)
        .on('e.term_no', '=', term.termNo),
    )
    .innerJoin('programs as p', 'p.id', 'e.program_id')
    .select((eb) => [
      'p.code as program_code',
      'p.name as program_name',
      'e.group_code',
      'e.semester',
      'r.flag',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>('r.probability').as('p_sum'),
      eb.fn.count<number>('r.probability').as('p_n'),
    ])
    .where('r.campus_id', '=', campusId)
    .where('r.cutoff', '=', cutoff)
    .groupBy(['p.code', 'p.name', 'e.group_code', 'e.semester', 'r.flag'])
    .execute();
  return rows.map((r) => ({
    programCode: r.program_code,
    programName: r.program_name,
    groupCode: r.group_code,
    semester: Number(r.semester),
    flag: r.flag,
    students: Number(r.n),
    probabilitySum: Number(r.p_sum ?? 0),
    probabilityCount: Number(r.p_n),
  }));
}

/** What the enrollments of one term say about each group of a campus. */
export interface GroupRecord {
  readonly programCode: string;
  readonly programName: string;
  readonly groupCode: string;
  readonly semester: number;
  /** Enrollments in the term (one per student). */
  readonly enrolled: number;
  /** Of them, ended the term as a dropout or a temporary leave. */
  readonly left: number;
  /** Of them, with at least one failed module in the term. */
  readonly withFailed: number;
  readonly meanAttendance: number | null;
  readonly meanGrade: number | null;
}

/** The latest term with enrollments at a campus, or null for a campus without any. */
export async function latestTermOfCampus(
  db: Kysely<Database>,
  campusId: number,
): Promise<{ schoolYear: string; termNo: number } | null> {
  const row = await db
    .selectFrom('enrollments')
    .select(['school_year', 'term_no'])
    .where('campus_id', '=', campusId)
    .orderBy('school_year', 'desc')
    .orderBy('term_no', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { schoolYear: row.school_year, termNo: Number(row.term_no) } : null;
}

export async function groupRecords(
  db: Kysely<Database>,
  campusId: number,
  term: { readonly schoolYear: string; readonly termNo: number },
): Promise<GroupRecord[]> {
  const rows = await db
    .selectFrom('enrollments as e')
    .innerJoin('programs as p', 'p.id', 'e.program_id')
    .select((eb) => [
      'p.code as program_code',
      'p.name as program_name',
      'e.group_code',
      'e.semester',
      eb.fn.countAll<number>().as('enrolled'),
      eb.fn
        .sum<number>(
          eb.case().when('e.end_status', 'in', ['dropout', 'temporary_leave']).then(1).else(0).end(),
        )
        .as('left'),
      eb.fn.sum<number>(eb.case().when('e.failed_modules', '>', 0).then(1).else(0).end()).as('with_failed'),
      eb.fn.avg<number>('e.attendance_pct').as('attendance'),
      eb.fn.avg<number>('e.grade_avg').as('grade'),
    ])
    .where('e.campus_id', '=', campusId)
    .where('e.school_year', '=', term.schoolYear)
    .where('e.term_no', '=', term.termNo)
    .groupBy(['p.code', 'p.name', 'e.group_code', 'e.semester'])
    .execute();
  return rows.map((r) => ({
    programCode: r.program_code,
    programName: r.program_name,
    groupCode: r.group_code,
    semester: Number(r.semester),
    enrolled: Number(r.enrolled),
    left: Number(r.left ?? 0),
    withFailed: Number(r.with_failed ?? 0),
    meanAttendance: r.attendance === null ? null : Number(r.attendance),
    meanGrade: r.grade === null ? null : Number(r.grade),
  }));
}
