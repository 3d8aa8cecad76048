/**
 * Published and reported figures: the rates a ministry published per campus (published_indicators) and the
 * aggregate counts schools reported (reported_counts), as the comparisons read them.
 */
import type { Kysely } from 'kysely';
import type { Database, ReportedCountsTable } from './schema.js';

type Db = Kysely<Database>;

/** School years with published values of an indicator, oldest first. */
export async function publishedYears(db: Db, indicator: string): Promise<string[]> {
  const rows = await db
    .selectFrom('published_indicators')
    .select('school_year')
    .distinct()
    .where('indicator', '=', indicator)
    .orderBy('school_year')
    .execute();
  return rows.map((r) => r.school_year);
}

export interface PublishedCampusRate {
  readonly cct: string;
  readonly name: string;
  readonly state: string;
  readonly value: number | string;
}

/** The published value of an indicator per campus in one school year, within a state or campus, by CCT. */
export async function publishedCampusRates(
  db: Db,
  indicator: string,
  schoolYear: string,
  restrict: { readonly stateId?: number; readonly campusId?: number },
): Promise<PublishedCampusRate[]> {
  let q = db
    .selectFrom('published_indicators as p')
    .innerJoin('campuses as c', 'c.id', 'p.campus_id')
    .innerJoin('states as s', 's.id', 'c.state_id')
    .select(['c.cct', 'c.name', 's.name as state', 'p.value'])
    .where('p.school_year', '=', schoolYear)
    .where('p.indicator', '=', indicator);
  if (restrict.stateId !== undefined) q = q.where('c.state_id', '=', restrict.stateId);
  if (restrict.campusId !== undefined) q = q.where('c.id', '=', restrict.campusId);
  return q.orderBy('c.cct').execute();
}

/** Reported aggregate counts, of one level or all, by year, level and unit. */
export async function reportedCountRows(
  db: Db,
  level: ReportedCountsTable['level'] | undefined,
): Promise<ReportedCountsTable[]> {
  let q = db.selectFrom('reported_counts').selectAll();
  if (level !== undefined) q = q.where('level', '=', level);
  return q.orderBy('school_year').orderBy('level').orderBy('unit').execute();
}
