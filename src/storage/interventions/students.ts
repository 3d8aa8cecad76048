/**
 * What the interventions wing reads about students: who a tutor follows, where a student is now (campus,
 * group, semester), the term a date falls in, and names for the roles that may see them. Every function
 * takes the database or a transaction first; lists of ids are read 500 at a time.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

type Db = Kysely<Database>;

const CHUNK = 500;

/** Ids of the students enrolled in the given groups of a campus in a school year. */
export { studentNames } from '../student-lookups.js';

export async function studentIdsOfGroups(
  db: Db,
  campusId: number,
  schoolYear: string,
  groupCodes: readonly string[],
): Promise<number[]> {
  if (groupCodes.length === 0) return [];
  const rows = await db
    .selectFrom('enrollments')
    .select('student_id')
    .distinct()
    .where('campus_id', '=', campusId)
    .where('school_year', '=', schoolYear)
    .where('group_code', 'in', [...groupCodes])
    .execute();
  return rows.map((r) => Number(r.student_id));
}

/** "Given names first surname second surname" per student id (only for roles that may see identities). */
export interface StudentPlace {
  readonly cct: string;
  readonly campusId: number;
  readonly stateId: number;
  /** The group of the student's last term when that term is in the given school year. */
  readonly group: string | null;
  readonly semester: number | null;
}

/** Campus, state, current group and last semester of each student. */
export async function studentPlaces(
  db: Db,
  ids: readonly number[],
  schoolYear: string,
): Promise<Map<number, StudentPlace>> {
  const out = new Map<number, StudentPlace>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db
      .selectFrom('students as s')
      .innerJoin('campuses as c', 'c.id', 's.campus_id')
      .leftJoin('enrollments as e', (j) =>
        j
          .onRef('e.student_id', '=', 's.id')
          .on('e.school_year', '=', schoolYear)
          .onRef('e.term_no', '=', 's.last_term_no'),
      )
      .select(['s.id', 'c.cct', 'c.id as campus_id', 'c.state_id', 'e.group_code', 's.last_semester'])
      .where('s.id', 'in', ids.slice(i, i + CHUNK))
      .execute();
    for (const r of rows)
      out.set(Number(r.id), {
        cct: r.cct,
        campusId: Number(r.campus_id),
        stateId: Number(r.state_id),
        group: r.group_code ?? null,
        semester: r.last_semester === null ? null : Number(r.last_semester),
      });
  }
  return out;
}

/** A student's campus and latest school year and term; null when there is no such student. */
export async function studentLatest(
  db: Db,
  id: number,
): Promise<{ campusId: number; schoolYear: string | null; termNo: number | null } | null> {
  const r = await db
    .selectFrom('students')
    .select(['campus_id', 'last_school_year', 'last_term_no'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r) return null;
  return {
    campusId: Number(r.campus_id),
    schoolYear: r.last_school_year ?? null,
    termNo: r.last_term_no === null ? null : Number(r.last_term_no),
  };
}

/** The school year and term whose dates contain an ISO date; null outside every term. */
export async function termOfDate(
  db: Db,
  date: string,
): Promise<{ schoolYear: string; termNo: number } | null> {
  const r = await db
    .selectFrom('terms')
    .select(['school_year', 'term_no'])
    .where('start_date', '<=', date)
    .where('end_date', '>=', date)
    .executeTakeFirst();
  return r ? { schoolYear: r.school_year, termNo: Number(r.term_no) } : null;
}

export interface GroupMember {
  readonly studentId: number;
  readonly programCode: string;
  readonly programName: string;
  readonly semester: number;
  /** The end status of the student's latest term in the group that year (completed, dropout …). */
  readonly status: string;
}

/**
 * The students enrolled in a group of a campus in a school year, each with the program, semester and end
 * status of their latest term in it (a group may span both terms of the year).
 */
export async function groupMembers(
  db: Db,
  campusId: number,
  schoolYear: string,
  groupCode: string,
): Promise<GroupMember[]> {
  const rows = await db
    .selectFrom('enrollments as e')
    .innerJoin('programs as p', 'p.id', 'e.program_id')
    .select(['e.student_id', 'e.term_no', 'e.semester', 'e.end_status', 'p.code', 'p.name'])
    .where('e.campus_id', '=', campusId)
    .where('e.school_year', '=', schoolYear)
    .where('e.group_code', '=', groupCode)
    .orderBy('e.student_id')
    .orderBy('e.term_no')
    .execute();
  const latest = new Map<number, GroupMember>();
  for (const r of rows)
    latest.set(Number(r.student_id), {
      studentId: Number(r.student_id),
      programCode: r.code,
      programName: r.name,
      semester: Number(r.semester),
      status: r.end_status,
    });
  return [...latest.values()];
}
