/** Small lookups of students by id: group membership, names (identities), the id range. Executor first. */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

const CHUNK = 500;

/** Of the students given, those enrolled in one of the groups in the school year (a tutor's students). */
export async function studentsInGroups(
  db: Kysely<Database>,
  studentIds: readonly number[],
  schoolYear: string,
  groupCodes: readonly string[],
): Promise<Set<number>> {
  if (studentIds.length === 0 || groupCodes.length === 0) return new Set();
  const rows = await db
    .selectFrom('enrollments')
    .select('student_id')
    .where('student_id', 'in', studentIds as number[])
    .where('school_year', '=', schoolYear)
    .where('group_code', 'in', groupCodes as string[])
    .execute();
  return new Set(rows.map((r) => Number(r.student_id)));
}

/** Full names ("given first second") of the students given, for callers allowed to see identities. */
export async function studentNames(
  db: Kysely<Database>,
  ids: readonly number[],
): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await db
      .selectFrom('student_identities')
      .select(['student_id', 'given_names', 'first_surname', 'second_surname'])
      .where('student_id', 'in', unique.slice(i, i + CHUNK))
      .execute();
    for (const r of rows)
      out.set(Number(r.student_id), `${r.given_names} ${r.first_surname} ${r.second_surname}`.trim());
  }
  return out;
}

/** The lowest and highest student ids (0, 0 when there are none): ids are assigned in sequence. */
export async function studentIdBounds(db: Kysely<Database>): Promise<{ min: number; max: number }> {
  const r = await db
    .selectFrom('students')
    .select((eb) => [eb.fn.min('id').as('min'), eb.fn.max('id').as('max')])
    .executeTakeFirst();
  return { min: Number(r?.min ?? 0), max: Number(r?.max ?? 0) };
}
