/** The product's own paths on the generated SQLite database: flow-count rebuild and indicator queries. */
import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { shiftYear, type SchoolYear } from '../../src/domain/calendar.js';
import { indicatorRows, type IndicatorQuery } from '../../src/services/indicators/index.js';
import { rebuildFlowCounts } from '../../src/storage/flow-counts.js';
import { flowYears, listUnits, sumFlowCounts, type Level } from '../../src/storage/flow-queries.js';
import type { Database } from '../../src/storage/schema.js';
import { FLOW_VALUES, type DerivedTable, type FlowSummary, type SqliteSide } from './duckdb-reference.js';
import { measure, type Timing } from './stats.js';

export interface QueryCase {
  readonly id: string;
  readonly label: string;
  readonly query: IndicatorQuery;
  /** The DuckDB aggregation that answers the same level and years, when there is one. */
  readonly duckLevel: 'national' | 'state' | 'campus' | null;
}

export interface QueryResult extends QueryCase {
  readonly timing: Timing;
  readonly rows: number;
  /** sumFlowCounts alone (the SQL part of indicatorRows), for comparison with DuckDB's aggregation. */
  readonly aggregationTiming: Timing;
}

/** The latest school year whose dropout can be computed (it needs the next year) and the year list. */
export async function referenceYear(db: Kysely<Database>): Promise<{ year: SchoolYear; years: string[] }> {
  const years = await flowYears(db);
  const year = years.at(-2);
  if (!year) throw new Error('the database has fewer than two school years of flow counts');
  return { year: year as SchoolYear, years };
}

export async function queryCases(db: Kysely<Database>, year: SchoolYear): Promise<QueryCase[]> {
  const campus = (await listUnits(db, 'campus'))[0]?.id;
  if (!campus) throw new Error('no active campus in the database');
  return [
    { id: 'national_all', label: 'national, all years', query: { level: 'national' }, duckLevel: null },
    {
      id: 'national_year',
      label: `national, ${year}`,
      query: { level: 'national', year },
      duckLevel: 'national',
    },
    { id: 'state_year', label: `state, ${year}`, query: { level: 'state', year }, duckLevel: 'state' },
    { id: 'campus_year', label: `campus, ${year}`, query: { level: 'campus', year }, duckLevel: 'campus' },
    { id: 'program_year', label: `program, ${year}`, query: { level: 'program', year }, duckLevel: null },
    {
      id: 'state_sex_year',
      label: `state by sex, ${year}`,
      query: { level: 'state', year, bySex: true },
      duckLevel: null,
    },
    {
      id: 'one_campus_all',
      label: `one campus (${campus}), all years`,
      query: { level: 'campus', unitId: campus },
      duckLevel: null,
    },
  ];
}

/** indicatorRows for each case: one warm-up, then `runs` timed runs; and sumFlowCounts alone likewise. */
export async function runQueries(
  db: Kysely<Database>,
  cases: readonly QueryCase[],
  runs: number,
): Promise<QueryResult[]> {
  const out: QueryResult[] = [];
  for (const c of cases) {
    const { timing, last } = await measure(runs, () => indicatorRows(db, c.query), 1);
    const yearList = c.query.year === undefined ? undefined : yearWindow(c.query.year as SchoolYear);
    const agg = await measure(
      runs,
      () =>
        sumFlowCounts(db, {
          level: c.query.level as Level,
          years: yearList,
          bySex: c.query.bySex ?? false,
          unitId: c.query.unitId,
        }),
      1,
    );
    out.push({ ...c, timing, rows: last.length, aggregationTiming: agg.timing });
  }
  return out;
}

/** The years indicatorRows reads for one year: n−2 (for ET), n, n+1 (for dropout). */
function yearWindow(year: SchoolYear): string[] {
  return [shiftYear(year, -2), year, shiftYear(year, 1)];
}

export async function rebuildRuns(
  db: Kysely<Database>,
  runs: number,
): Promise<{ timing: Timing; rows: number }> {
  const { timing, last } = await measure(runs, () => rebuildFlowCounts(db));
  return { timing, rows: last };
}

/** Row count and column sums of a table with the six flow counts, and row-by-row comparison with DuckDB. */
export function sqliteSide(sqlite: SQLite.Database): SqliteSide {
  return {
    summary(table) {
      const row = sqlite
        .prepare(`select count(*), ${FLOW_VALUES.map((v) => `sum(${v})`).join(', ')} from ${table}`)
        .raw()
        .get() as number[];
      const sums = Object.fromEntries(FLOW_VALUES.map((v, i) => [v, Number(row[i + 1] ?? 0)]));
      return { rows: Number(row[0] ?? 0), sums: sums as FlowSummary['sums'] };
    },
    compare: (d, duck) => compareRows(sqlite, d, duck),
  };
}

/** SQLite's rows missing from or different in DuckDB's, and DuckDB rows not in SQLite. */
function compareRows(sqlite: SQLite.Database, d: DerivedTable, duck: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  let seen = 0;
  const stmt = sqlite.prepare(`select ${[...d.key, ...FLOW_VALUES].join(', ')} from ${d.table}`).raw();
  for (const row of stmt.iterate() as IterableIterator<unknown[]>) {
    const key = row.slice(0, d.key.length).map(String).join('|');
    const value = row.slice(d.key.length).map(String).join(',');
    const other = duck.get(key);
    if (other === undefined) problems.push(`only in SQLite: ${key} = ${value}`);
    else {
      seen++;
      if (other !== value) problems.push(`differs at ${key}: SQLite ${value}, DuckDB ${other}`);
    }
  }
  if (seen < duck.size) problems.push(`${duck.size - seen} rows only in DuckDB`);
  return problems;
}

/** Row counts of the main tables, for the record. */
export function tableRows(sqlite: SQLite.Database): Record<string, number> {
  const tables = [
    'students',
    'enrollments',
    'year_results',
    'module_results',
    'flow_counts',
    'campuses',
    'teachers',
  ];
  return Object.fromEntries(
    tables.map((t) => [t, Number((sqlite.prepare(`select count(*) from ${t}`).raw().get() as number[])[0])]),
  );
}
