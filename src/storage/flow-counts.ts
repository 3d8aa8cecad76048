/**
 * The flow-count table (MT, NI1, EX, AP, REG, EG per school year × campus × program × sex × semester) is derived
 * from the records: MT and NI1 from term-1 enrollments (NI1: `new_entry` in semester 1 only; docs/INDICATORS.md),
 * EX/AP/REG/EG from year results. Indicators read only it.
 */
import { sql, type Kysely } from 'kysely';
import { dialectAdapter, dialectOf } from './dialect.js';
import { sumsOf } from './flow-queries.js';
import type { Database } from './schema.js';

const KEYS = ['school_year', 'campus_id', 'program_id', 'sex', 'semester'] as const;
/** The tables a rebuild writes: a full one empties them first (TRUNCATE on PostgreSQL: dialect.ts). */
const TABLES = ['flow_counts', 'flow_counts_campus', 'flow_counts_program'] as const;

/**
 * Rebuilds flow counts from the records, for every year or only the given school years, and within them for
 * every campus or only the given campuses (what an import touched); returns the rows of that scope. Two
 * grouped passes, each reading a covering index in group order (storage/indexes.ts: school year, then campus),
 * the second merged into the first with an upsert, so neither dialect has to sort the union of both record
 * sets. With campuses, the state × program roll-up is rebuilt for their states (it sums over campuses).
 */
export async function rebuildFlowCounts(
  db: Kysely<Database>,
  years?: readonly string[],
  campuses?: readonly number[],
): Promise<number> {
  const only = years && years.length > 0 ? years : null;
  const at = campuses ? [...new Set(campuses)] : null;
  if (at?.length === 0) return 0;
  if (!only && !at) await dialectAdapter(dialectOf(db)).emptyTables(db, [...TABLES]);
  else {
    let del = db.deleteFrom('flow_counts');
    if (only) del = del.where('school_year', 'in', only);
    if (at) del = del.where('campus_id', 'in', at);
    await del.execute();
  }

  let starts = db
    .selectFrom('enrollments')
    .select(KEYS)
    .select((eb) => [
      eb.fn.countAll<number>().as('mt'),
      // NI1 is first grade: an entrant into a later semester (from another subsystem) is in MT, not NI1.
      sql<number>`sum(case when semester = 1 then new_entry else 0 end)`.as('ni1'),
      sql<number>`0`.as('ex'),
      sql<number>`0`.as('ap'),
      sql<number>`0`.as('reg'),
      sql<number>`0`.as('eg'),
    ])
    // A literal, not a bound parameter, so that both planners can use the partial index (term_no = 1).
    .where(sql<boolean>`term_no = 1`)
    .groupBy(KEYS);
  // The WHERE also keeps SQLite's parser from reading the upsert's ON as a join constraint.
  let ends = db
    .selectFrom('year_results')
    .select(KEYS)
    .select((eb) => [
      sql<number>`0`.as('mt'),
      sql<number>`0`.as('ni1'),
      eb.fn.countAll<number>().as('ex'),
      eb.fn.sum<number>('passed_all').as('ap'),
      eb.fn.sum<number>('regularized').as('reg'),
      eb.fn.sum<number>('graduated').as('eg'),
    ])
    .where('semester', '>', 0)
    .groupBy(KEYS);
  if (only) {
    starts = starts.where('school_year', 'in', only);
    ends = ends.where('school_year', 'in', only);
  }
  if (at) {
    starts = starts.where('campus_id', 'in', at);
    ends = ends.where('campus_id', 'in', at);
  }
  const columns = [...KEYS, 'mt', 'ni1', 'ex', 'ap', 'reg', 'eg'] as const;
  await db.insertInto('flow_counts').columns(columns).expression(starts).execute();
  await db
    .insertInto('flow_counts')
    .columns(columns)
    .expression(ends)
    .onConflict((oc) =>
      oc.columns(KEYS).doUpdateSet((eb) => ({
        ex: eb.ref('excluded.ex'),
        ap: eb.ref('excluded.ap'),
        reg: eb.ref('excluded.reg'),
        eg: eb.ref('excluded.eg'),
      })),
    )
    .execute();
  await rebuildRollups(db, only, at);
  let count = db.selectFrom('flow_counts').select((eb) => eb.fn.countAll<number>().as('n'));
  if (only) count = count.where('school_year', 'in', only);
  if (at) count = count.where('campus_id', 'in', at);
  return Number((await count.executeTakeFirstOrThrow()).n);
}

const COUNTS = ['mt', 'ni1', 'ex', 'ap', 'reg', 'eg'] as const;

/**
 * The roll-ups follow flow_counts for the same years (and campuses; the program roll-up: their states). Both are
 * summed in two steps: first over semesters, by school year × campus × program × sex (the head of flow_counts'
 * key, so the rows arrive grouped and nothing is sorted), then to the roll-up's level. The second step sorts a
 * quarter of the rows that one step would (issue 15: the roll-ups were 40 % of SQLite's full rebuild).
 */
async function rebuildRollups(
  db: Kysely<Database>,
  only: readonly string[] | null,
  at: readonly number[] | null,
): Promise<void> {
  const states = at
    ? (await db.selectFrom('campuses').select('state_id').distinct().where('id', 'in', at).execute()).map(
        (r) => r.state_id,
      )
    : null;
  let delCampus = db.deleteFrom('flow_counts_campus');
  let delProgram = db.deleteFrom('flow_counts_program');
  if (only) {
    delCampus = delCampus.where('school_year', 'in', only);
    delProgram = delProgram.where('school_year', 'in', only);
  }
  if (at && states) {
    delCampus = delCampus.where('campus_id', 'in', at);
    delProgram =
      states.length > 0 ? delProgram.where('state_id', 'in', states) : delProgram.where(sql<boolean>`1 = 0`);
  }
  if (only || at) {
    // A full rebuild emptied them with flow_counts.
    await delCampus.execute();
    await delProgram.execute();
  }
  const bySemesterSums = (campuses: readonly number[] | 'of-states' | null) => {
    let q = db
      .selectFrom('flow_counts as fc')
      .select(['fc.school_year', 'fc.campus_id', 'fc.program_id', 'fc.sex', ...sumsOf('fc')])
      .groupBy(['fc.school_year', 'fc.campus_id', 'fc.program_id', 'fc.sex']);
    if (only) q = q.where('fc.school_year', 'in', only);
    if (campuses === 'of-states')
      q =
        states && states.length > 0
          ? q.where(
              'fc.campus_id',
              'in',
              db.selectFrom('campuses').select('id').where('state_id', 'in', states),
            )
          : q.where(sql<boolean>`1 = 0`);
    else if (campuses) q = q.where('fc.campus_id', 'in', campuses);
    return q.as('g');
  };
  const byCampus = db
    .selectFrom(bySemesterSums(at))
    .innerJoin('campuses as c', 'c.id', 'g.campus_id')
    .select(['g.school_year', 'g.campus_id', 'c.state_id', 'g.sex', ...sumsOf('g')])
    .groupBy(['g.school_year', 'g.campus_id', 'c.state_id', 'g.sex']);
  const byProgram = db
    .selectFrom(bySemesterSums(at ? 'of-states' : null))
    .innerJoin('campuses as c', 'c.id', 'g.campus_id')
    .select(['g.school_year', 'c.state_id', 'g.program_id', 'g.sex', ...sumsOf('g')])
    .groupBy(['g.school_year', 'c.state_id', 'g.program_id', 'g.sex']);
  await db
    .insertInto('flow_counts_campus')
    .columns(['school_year', 'campus_id', 'state_id', 'sex', ...COUNTS])
    .expression(byCampus)
    .execute();
  await db
    .insertInto('flow_counts_program')
    .columns(['school_year', 'state_id', 'program_id', 'sex', ...COUNTS])
    .expression(byProgram)
    .execute();
}
