/**
 * The identity-retention repository (services/operations/retention.ts): students whose last school year ended before a
 * date, counted and stripped of what identifies them. Run inside the caller's transaction.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/** A purged CURP: "RET" and the student id (unique, never a valid CURP). */
export const PURGED_CURP_PREFIX = 'RET';

const leftBefore = (db: Kysely<Database>, cutoff: string) =>
  db
    .selectFrom('students as s')
    .innerJoin('school_years as y', 'y.id', 's.last_school_year')
    .select('s.id')
    .where('y.end_date', '<', cutoff);

/** Identities of students who left before `cutoff`, and how many of them are already purged. */
export async function leaverIdentityCounts(
  db: Kysely<Database>,
  cutoff: string,
): Promise<{ total: number; purged: number }> {
  const counts = await db
    .selectFrom('student_identities')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn
        .sum<number>(eb.case().when('curp', 'like', `${PURGED_CURP_PREFIX}%`).then(1).else(0).end())
        .as('purged'),
    ])
    .where('student_id', 'in', leftBefore(db, cutoff))
    .executeTakeFirst();
  return { total: Number(counts?.n ?? 0), purged: Number(counts?.purged ?? 0) };
}

/**
 * Removes the identity of every student who left before `cutoff`: CURP to "RET<id>", names to `surname`, birth
 * date to the middle of the birth year. Records stay, so indicators do not move.
 */
export async function purgeLeaverIdentities(
  db: Kysely<Database>,
  cutoff: string,
  surname: string,
): Promise<void> {
  const left = leftBefore(db, cutoff);
  await db
    .updateTable('student_identities')
    .set({
      curp: sql<string>`${sql.lit(PURGED_CURP_PREFIX)} || cast(student_id as text)`,
      given_names: '',
      first_surname: surname,
      second_surname: '',
      search_key: '',
    })
    .where('student_id', 'in', left)
    .where('curp', 'not like', `${PURGED_CURP_PREFIX}%`)
    .execute();
  await db
    .updateTable('students')
    .set({ birth_date: sql<string>`substr(birth_date, 1, 4) || '-07-01'` })
    .where('id', 'in', left)
    .execute();
}
