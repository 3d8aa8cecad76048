/**
 * The flow-count table (MT, NI1, EX, AP, REG, EG per school year × campus × program × sex × semester) is derived
 * from the records: MT and NI1 from term-1 enrollments, EX/AP/REG/EG from year results. Indicators read only it.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Rebuilds flow counts from the records, for every year or only the given school years. Returns rows written. */
export async function rebuildFlowCounts(db: Kysely<Database>, years?: readonly string[]): Promise<number> {
  const only = years && years.length > 0 ? years : null;
  let del = db.deleteFrom('flow_counts');
  if (only) del = del.where('school_year', 'in', only);
  await del.execute();

  let starts = db
    .selectFrom('enrollments')
    .select(['school_year', 'campus_id', 'program_id', 'sex', 'semester'])
    .select([
      sql<number>`1`.as('mt'),
      'new_entry as ni1',
      sql<number>`0`.as('ex'),
      sql<number>`0`.as('ap'),
      sql<number>`0`.as('reg'),
      sql<number>`0`.as('eg'),
    ])
    .where('term_no', '=', 1);
  let ends = db
    .selectFrom('year_results')
    .select(['school_year', 'campus_id', 'program_id', 'sex', 'semester'])
    .select([
      sql<number>`0`.as('mt'),
      sql<number>`0`.as('ni1'),
      sql<number>`1`.as('ex'),
      'passed_all as ap',
      'regularized as reg',
      'graduated as eg',
    ]);
  if (only) {
    starts = starts.where('school_year', 'in', only);
    ends = ends.where('school_year', 'in', only);
  }
  const flows = db
    .selectFrom(starts.unionAll(ends).as('f'))
    .select(['f.school_year', 'f.campus_id', 'f.program_id', 'f.sex', 'f.semester'])
    .select((eb) => [
      eb.fn.sum<number>('f.mt').as('mt'),
      eb.fn.sum<number>('f.ni1').as('ni1'),
      eb.fn.sum<number>('f.ex').as('ex'),
      eb.fn.sum<number>('f.ap').as('ap'),
      eb.fn.sum<number>('f.reg').as('reg'),
      eb.fn.sum<number>('f.eg').as('eg'),
    ])
    .groupBy(['f.school_year', 'f.campus_id', 'f.program_id', 'f.sex', 'f.semester']);
  const result = await db
    .insertInto('flow_counts')
    .columns([
      'school_year',
      'campus_id',
      'program_id',
      'sex',
      'semester',
      'mt',
      'ni1',
      'ex',
      'ap',
      'reg',
      'eg',
    ])
    .expression(flows)
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}
