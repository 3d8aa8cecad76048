/**
 * The set-up of the API suites about a tutor's work (api/interventions, api/exports-english): the harness's demo
 * world and app, with the demo tutor following every group of their campus in the current school year (at the
 * harness's scale a group holds one student or two, so that the tutor's work queue is not empty).
 */
import { createHarness, type Harness } from '../api/test-helpers.js';
import type { Store } from '../storage/db.js';

/** The API harness over `store`, its tutor following every group of the tutor's campus this school year. */
export async function createTutorHarness(store: Store): Promise<Harness> {
  const h = await createHarness(store);
  const db = store.db;
  const t = await db
    .selectFrom('users')
    .select(['id', 'campus_id'])
    .where('username', '=', 'tutor')
    .executeTakeFirstOrThrow();
  const groups = await db
    .selectFrom('enrollments')
    .select('group_code')
    .distinct()
    .where('campus_id', '=', t.campus_id ?? -1)
    .where('school_year', '=', h.deps.currentYear)
    .execute();
  await db
    .insertInto('tutor_groups')
    .values(groups.map((g) => ({ user_id: t.id, campus_id: t.campus_id ?? -1, group_code: g.group_code })))
    .onConflict((oc) => oc.doNothing())
    .execute();
  return h;
}
