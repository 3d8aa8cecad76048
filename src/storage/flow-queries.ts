/**
 * Reads of the flow-count table summed to a reporting level. Every rate is later computed from these sums
 * (never from averaged rates).
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { FlowCounts } from '../domain/indicators.js';
import type { Database } from './schema.js';

export type Level = 'national' | 'state' | 'campus' | 'program';

export interface UnitCounts {
  readonly schoolYear: string;
  readonly unitId: string;
  readonly unitName: string;
  readonly sex: 'H' | 'M' | null;
  readonly counts: FlowCounts;
}

export interface FlowFilter {
  readonly level: Level;
  readonly years?: readonly string[];
  readonly bySex?: boolean;
  readonly unitId?: string;
  /** Restrict to the campuses of one state (INEGI id) or to one campus, for scoped queries. */
  readonly stateId?: number;
  readonly campusId?: number;
}

type Row = Record<string, string | number | null>;

const COUNT_COLUMNS = ['mt', 'ni1', 'ex', 'ap', 'reg', 'eg'] as const;

/** sum(alias.mt) as mt, … for the six flow counts. */
export function sumsOf(alias: string) {
  return COUNT_COLUMNS.map((c) => sql<number>`sum(${sql.ref(`${alias}.${c}`)})`.as(c));
}

/**
 * Counts summed to a level. National, state and campus levels read the campus roll-up; the program level reads
 * the state × program roll-up, or flow_counts itself when restricted to one campus.
 */
export async function sumFlowCounts(db: Kysely<Database>, f: FlowFilter): Promise<UnitCounts[]> {
  const rows = f.level === 'program' ? await programRows(db, f) : await campusRollupRows(db, f);
  return rows.map((r) => ({
    schoolYear: String(r.school_year),
    unitId: f.level === 'national' ? 'MX' : String(r.unit_id),
    unitName: f.level === 'national' ? 'Nacional' : String(r.unit_name),
    sex: f.bySex ? (String(r.sex) as 'H' | 'M') : null,
    counts: {
      mt: Number(r.mt ?? 0),
      ni1: Number(r.ni1 ?? 0),
      ex: Number(r.ex ?? 0),
      ap: Number(r.ap ?? 0),
      reg: Number(r.reg ?? 0),
      eg: Number(r.eg ?? 0),
    },
  }));
}

async function campusRollupRows(db: Kysely<Database>, f: FlowFilter): Promise<Row[]> {
  let q = db
    .selectFrom('flow_counts_campus as fc')
    .innerJoin('campuses as c', 'c.id', 'fc.campus_id')
    .innerJoin('states as s', 's.id', 'fc.state_id')
    .select('fc.school_year')
    .select(sumsOf('fc'))
    .groupBy('fc.school_year');
  if (f.years && f.years.length > 0) q = q.where('fc.school_year', 'in', f.years);
  if (f.stateId !== undefined) q = q.where('fc.state_id', '=', f.stateId);
  if (f.campusId !== undefined) q = q.where('fc.campus_id', '=', f.campusId);
  if (f.level === 'state') {
    q = q.select(['s.code as unit_id', 's.name as unit_name']).groupBy(['s.code', 's.name']);
    if (f.unitId) q = q.where('s.code', '=', f.unitId);
  } else if (f.level === 'campus') {
    q = q.select(['c.cct as unit_id', 'c.name as unit_name']).groupBy(['c.cct', 'c.name']);
    if (f.unitId) q = q.where('c.cct', '=', f.unitId);
  }
  if (f.bySex) q = q.select('fc.sex').groupBy('fc.sex');
  return await q.execute();
}

async function programRows(db: Kysely<Database>, f: FlowFilter): Promise<Row[]> {
  if (f.campusId !== undefined) {
    let q = db
      .selectFrom('flow_counts as fc')
      .innerJoin('programs as p', 'p.id', 'fc.program_id')
      .select(['fc.school_year', 'p.code as unit_id', 'p.name as unit_name'])
      .select(sumsOf('fc'))
      .where('fc.campus_id', '=', f.campusId)
      .groupBy(['fc.school_year', 'p.code', 'p.name']);
    if (f.years && f.years.length > 0) q = q.where('fc.school_year', 'in', f.years);
    if (f.unitId) q = q.where('p.code', '=', f.unitId);
    if (f.bySex) q = q.select('fc.sex').groupBy('fc.sex');
    return await q.execute();
  }
  let q = db
    .selectFrom('flow_counts_program as fp')
    .innerJoin('programs as p', 'p.id', 'fp.program_id')
    .select(['fp.school_year', 'p.code as unit_id', 'p.name as unit_name'])
    .select(sumsOf('fp'))
    .groupBy(['fp.school_year', 'p.code', 'p.name']);
  if (f.years && f.years.length > 0) q = q.where('fp.school_year', 'in', f.years);
  if (f.stateId !== undefined) q = q.where('fp.state_id', '=', f.stateId);
  if (f.unitId) q = q.where('p.code', '=', f.unitId);
  if (f.bySex) q = q.select('fp.sex').groupBy('fp.sex');
  return await q.execute();
}

/**
 * The school years with flow counts, in order, read as a loose index scan: the first year, then again and again
 * the first one after the last found, each a descent of flow_counts_pk (school_year leads it), so one index entry
 * per year instead of every row (`select distinct` scanned 432,094 rows, 300 ms, at scale 0.3 on PostgreSQL;
 * this answers in 2 ms; docs/SCALING.md). Every dashboard asks for it (the years catalog, each indicator request
 * naming a year).
 */
export function flowYearsQuery(): RawBuilder<{ school_year: string }> {
  return sql<{ school_year: string }>`with recursive y (school_year) as (
      select (select school_year from flow_counts order by school_year limit 1)
      union all
      select (select f.school_year from flow_counts f where f.school_year > y.school_year
              order by f.school_year limit 1)
      from y where y.school_year is not null)
    select school_year from y where school_year is not null order by school_year`;
}

export async function flowYears(db: Kysely<Database>): Promise<string[]> {
  return (await flowYearsQuery().execute(db)).rows.map((r) => r.school_year);
}

export interface UnitRef {
  readonly id: string;
  readonly name: string;
}

/** Valid unit ids of a level, for error messages and catalogs. */
export async function listUnits(db: Kysely<Database>, level: Exclude<Level, 'national'>): Promise<UnitRef[]> {
  switch (level) {
    case 'state':
      return (await db.selectFrom('states').select(['code as id', 'name']).orderBy('code').execute()).map(
        (r) => ({ id: r.id, name: r.name }),
      );
    case 'campus':
      return (
        await db
          .selectFrom('campuses')
          .select(['cct as id', 'name'])
          .where('active', '=', 1)
          .orderBy('cct')
          .execute()
      ).map((r) => ({ id: r.id, name: r.name }));
    case 'program':
      return (await db.selectFrom('programs').select(['code as id', 'name']).orderBy('code').execute()).map(
        (r) => ({ id: r.id, name: r.name }),
      );
  }
}
