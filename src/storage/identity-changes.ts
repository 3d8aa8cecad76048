/**
 * Identity fields (names) changed by an import, with their values before and after. Personal data: read only
 * through services/imports/audit.ts by audit readers (national; state for their state), never by analysts.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface IdentityChangeRow {
  readonly at: string;
  readonly actor: string;
  readonly importRunId: number | null;
  readonly studentId: number;
  readonly stateId: number | null;
  readonly campusId: number | null;
  readonly before: Readonly<Record<string, string>>;
  readonly after: Readonly<Record<string, string>>;
}

export async function insertIdentityChanges(
  db: Kysely<Database>,
  rows: readonly IdentityChangeRow[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('identity_changes')
      .values(
        rows.slice(i, i + 500).map((r) => ({
          at: r.at,
          actor: r.actor,
          import_run_id: r.importRunId,
          student_id: r.studentId,
          state_id: r.stateId,
          campus_id: r.campusId,
          before_values: JSON.stringify(r.before),
          after_values: JSON.stringify(r.after),
        })),
      )
      .execute();
}

/** The identity changes of an import run, restricted to a state when one is given. */
export async function identityChangesOfRun(
  db: Kysely<Database>,
  runId: number,
  stateId: number | null,
): Promise<IdentityChangeRow[]> {
  let q = db.selectFrom('identity_changes').selectAll().where('import_run_id', '=', runId);
  if (stateId !== null) q = q.where('state_id', '=', stateId);
  const rows = await q.orderBy('id').execute();
  return rows.map((r) => ({
    at: r.at,
    actor: r.actor,
    importRunId: r.import_run_id === null ? null : Number(r.import_run_id),
    studentId: Number(r.student_id),
    stateId: r.state_id === null ? null : Number(r.state_id),
    campusId: r.campus_id === null ? null : Number(r.campus_id),
    before: JSON.parse(r.before_values) as Record<string, string>,
    after: JSON.parse(r.after_values) as Record<string, string>,
  }));
}

/** The state and campus of some students (their current campus). */
export async function placesOf(
  db: Kysely<Database>,
  ids: readonly number[],
): Promise<Map<number, { stateId: number; campusId: number }>> {
  const out = new Map<number, { stateId: number; campusId: number }>();
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db
      .selectFrom('students as s')
      .innerJoin('campuses as c', 'c.id', 's.campus_id')
      .select(['s.id', 's.campus_id', 'c.state_id'])
      .where('s.id', 'in', ids.slice(i, i + 1000))
      .execute();
    for (const r of rows)
      out.set(Number(r.id), { stateId: Number(r.state_id), campusId: Number(r.campus_id) });
  }
  return out;
}

/** Removes the kept name changes of students whose last school year ended before `cutoff` (retention). */
export async function purgeIdentityChanges(db: Kysely<Database>, cutoff: string): Promise<number> {
  const r = await db
    .deleteFrom('identity_changes')
    .where('student_id', 'in', (eb) =>
      eb
        .selectFrom('students as s')
        .innerJoin('school_years as y', 'y.id', 's.last_school_year')
        .select('s.id')
        .where('y.end_date', '<', cutoff),
    )
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
