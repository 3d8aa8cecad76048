/**
 * The reference: the same records loaded from the SQLite file into an in-memory DuckDB; the tables that
 * rebuildFlowCounts writes, computed the way the issue states the aggregation (union all of term-1 enrollments
 * and year results, grouped, into flow_counts; then its roll-ups when the schema has them), checked equal to
 * SQLite's; and national, state and campus aggregations over DuckDB's flow_counts.
 */
import { DuckDBInstance, version as duckdbVersion, type DuckDBConnection } from '@duckdb/node-api';
import type SQLite from 'better-sqlite3';
import { shiftYear, type SchoolYear } from '../../src/domain/calendar.js';
import { measure, timeOnce, type Timing } from './stats.js';

export interface DuckResults {
  readonly version: string;
  readonly threads: number;
  readonly load: DuckLoad;
  readonly rebuild: Timing;
  /** Each table the rebuild writes, equal in both engines (or the run fails). */
  readonly checks: readonly TableCheck[];
  readonly indicators: readonly { readonly level: string; readonly timing: Timing; readonly rows: number }[];
}

type ColumnType = 'VARCHAR' | 'INTEGER';

/** Source table → the columns DuckDB receives (the ones the aggregation and the joins read). */
const TABLES: Readonly<Record<string, readonly (readonly [string, ColumnType])[]>> = {
  enrollments: [
    ['school_year', 'VARCHAR'],
    ['term_no', 'INTEGER'],
    ['campus_id', 'INTEGER'],
    ['program_id', 'INTEGER'],
    ['sex', 'VARCHAR'],
    ['semester', 'INTEGER'],
    ['new_entry', 'INTEGER'],
  ],
  year_results: [
    ['school_year', 'VARCHAR'],
    ['campus_id', 'INTEGER'],
    ['program_id', 'INTEGER'],
    ['sex', 'VARCHAR'],
    ['semester', 'INTEGER'],
    ['passed_all', 'INTEGER'],
    ['regularized', 'INTEGER'],
    ['graduated', 'INTEGER'],
  ],
  states: [
    ['id', 'INTEGER'],
    ['code', 'VARCHAR'],
    ['name', 'VARCHAR'],
  ],
  campuses: [
    ['id', 'INTEGER'],
    ['cct', 'VARCHAR'],
    ['name', 'VARCHAR'],
    ['state_id', 'INTEGER'],
  ],
  programs: [
    ['id', 'INTEGER'],
    ['code', 'VARCHAR'],
    ['name', 'VARCHAR'],
  ],
};

export const FLOW_VALUES = ['mt', 'ni1', 'ex', 'ap', 'reg', 'eg'] as const;

/** A table that rebuildFlowCounts writes: its dimensions and the statement that fills it in DuckDB. */
export interface DerivedTable {
  readonly table: string;
  readonly key: readonly string[];
  readonly fill: string;
}

const SUMS = FLOW_VALUES.map((v) => `sum(f.${v})`).join(', ');
const COLUMNS = (key: readonly string[]) => [...key, ...FLOW_VALUES].join(', ');

/**
 * What rebuildFlowCounts (src/storage/flow-counts.ts) computes, written for DuckDB as the issue states it: the
 * union all of term-1 enrollments and year results, grouped into flow_counts; then, when the schema has them,
 * the roll-ups by campus and by state × program that it rebuilds from flow_counts.
 */
const FLOW_COUNTS: DerivedTable = {
  table: 'flow_counts',
  key: ['school_year', 'campus_id', 'program_id', 'sex', 'semester'],
  fill: `insert into flow_counts (${COLUMNS(['school_year', 'campus_id', 'program_id', 'sex', 'semester'])})
select f.school_year, f.campus_id, f.program_id, f.sex, f.semester, ${SUMS}
from (
  select school_year, campus_id, program_id, sex, semester,
    1 as mt, new_entry as ni1, 0 as ex, 0 as ap, 0 as reg, 0 as eg
  from enrollments where term_no = 1
  union all
  select school_year, campus_id, program_id, sex, semester, 0, 0, 1, passed_all, regularized, graduated
  from year_results
) as f
group by f.school_year, f.campus_id, f.program_id, f.sex, f.semester`,
};

const ROLLUPS: readonly DerivedTable[] = [
  {
    table: 'flow_counts_campus',
    key: ['school_year', 'campus_id', 'state_id', 'sex'],
    fill: `insert into flow_counts_campus (${COLUMNS(['school_year', 'campus_id', 'state_id', 'sex'])})
select f.school_year, f.campus_id, c.state_id, f.sex, ${SUMS}
from flow_counts f join campuses c on c.id = f.campus_id
group by f.school_year, f.campus_id, c.state_id, f.sex`,
  },
  {
    table: 'flow_counts_program',
    key: ['school_year', 'state_id', 'program_id', 'sex'],
    fill: `insert into flow_counts_program (${COLUMNS(['school_year', 'state_id', 'program_id', 'sex'])})
select f.school_year, c.state_id, f.program_id, f.sex, ${SUMS}
from flow_counts f join campuses c on c.id = f.campus_id
group by f.school_year, c.state_id, f.program_id, f.sex`,
  },
];

const DIMENSION_TYPES: Readonly<Record<string, string>> = {
  school_year: 'varchar',
  sex: 'varchar',
};

export interface DuckLoad {
  readonly ms: number;
  readonly rows: Readonly<Record<string, number>>;
  /** The tables the rebuild writes, as in the SQLite schema. */
  readonly derivedTables: readonly string[];
}

export interface FlowSummary {
  readonly rows: number;
  readonly sums: Readonly<Record<(typeof FLOW_VALUES)[number], number>>;
}

export class DuckReference {
  private derived: readonly DerivedTable[] = [FLOW_COUNTS];

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly con: DuckDBConnection,
  ) {}

  static async open(): Promise<DuckReference> {
    const instance = await DuckDBInstance.create(':memory:');
    return new DuckReference(instance, await instance.connect());
  }

  async info(): Promise<{ version: string; threads: number }> {
    const r = await this.con.runAndReadAll(`select current_setting('threads') as t`);
    return { version: duckdbVersion(), threads: Number(r.getRowsJS()[0]?.[0]) };
  }

  /**
   * Streams every row of the source tables from SQLite into DuckDB through appenders, and creates the derived
   * tables that the SQLite schema has (flow_counts and, if present, its roll-ups), empty.
   */
  async load(sqlite: SQLite.Database): Promise<DuckLoad> {
    const rows: Record<string, number> = {};
    const present = new Set(
      (sqlite.prepare(`select name from sqlite_master where type = 'table'`).raw().all() as string[][]).map(
        (r) => r[0],
      ),
    );
    this.derived = [FLOW_COUNTS, ...ROLLUPS.filter((d) => present.has(d.table))];
    const { ms } = await timeOnce(async () => {
      for (const [table, cols] of Object.entries(TABLES)) {
        await this.con.run(
          `create or replace table ${table} (${cols.map(([c, t]) => `${c} ${t}`).join(', ')})`,
        );
        rows[table] = await this.copy(sqlite, table, cols);
      }
      for (const d of this.derived) {
        const dims = d.key.map((k) => `${k} ${DIMENSION_TYPES[k] ?? 'integer'}`);
        const values = FLOW_VALUES.map((v) => `${v} bigint`);
        await this.con.run(`create or replace table ${d.table} (${[...dims, ...values].join(', ')})`);
      }
    });
    return { ms, rows, derivedTables: this.derived.map((d) => d.table) };
  }

  private async copy(
    sqlite: SQLite.Database,
    table: string,
    cols: readonly (readonly [string, ColumnType])[],
  ) {
    const appender = await this.con.createAppender(table);
    const varchar = cols.map(([, t]) => t === 'VARCHAR');
    const width = cols.length;
    let n = 0;
    const stmt = sqlite.prepare(`select ${cols.map(([c]) => c).join(', ')} from ${table}`).raw();
    for (const row of stmt.iterate() as IterableIterator<(string | number | null)[]>) {
      for (let i = 0; i < width; i++) {
        const v = row[i];
        if (v === null || v === undefined) appender.appendNull();
        else if (varchar[i]) appender.appendVarchar(String(v));
        else appender.appendInteger(Number(v));
      }
      appender.endRow();
      n++;
    }
    appender.flushSync();
    appender.closeSync();
    return n;
  }

  /** The flow-count rebuild in DuckDB: delete and rewrite each derived table, in order; `runs` timed runs. */
  async rebuild(runs: number): Promise<Timing> {
    const { timing } = await measure(runs, async () => {
      for (const d of this.derived) {
        await this.con.run(`delete from ${d.table}`);
        await this.con.run(d.fill);
      }
    });
    return timing;
  }

  get derivedTables(): readonly DerivedTable[] {
    return this.derived;
  }

  async summary(table: string): Promise<FlowSummary> {
    const r = await this.con.runAndReadAll(
      `select count(*), ${FLOW_VALUES.map((v) => `sum(${v})`).join(', ')} from ${table}`,
    );
    const row = r.getRowsJS()[0] ?? [];
    const sums = Object.fromEntries(FLOW_VALUES.map((v, i) => [v, Number(row[i + 1] ?? 0)]));
    return { rows: Number(row[0] ?? 0), sums: sums as FlowSummary['sums'] };
  }

  /** Every row of a derived table, keyed by its dimensions, as "mt,ni1,ex,ap,reg,eg". */
  async rows(d: DerivedTable): Promise<Map<string, string>> {
    const r = await this.con.runAndReadAll(`select ${COLUMNS(d.key)} from ${d.table}`);
    const out = new Map<string, string>();
    for (const row of r.getRowsJS()) {
      out.set(
        row.slice(0, d.key.length).map(String).join('|'),
        row.slice(d.key.length).map(String).join(','),
      );
    }
    return out;
  }

  /** sumFlowCounts (src/storage/flow-queries.ts) for a level and the years indicatorRows reads for `year`. */
  async indicatorAggregation(
    level: 'national' | 'state' | 'campus',
    year: SchoolYear,
    runs: number,
  ): Promise<{ timing: Timing; rows: number }> {
    const unit = { national: [], state: ['s.code', 's.name'], campus: ['c.cct', 'c.name'] }[level];
    const years = [shiftYear(year, -2), year, shiftYear(year, 1)].map((y) => `'${y}'`).join(', ');
    const sql = `select fc.school_year${unit.map((u) => `, ${u}`).join('')},
        ${FLOW_VALUES.map((v) => `sum(fc.${v}) as ${v}`).join(', ')}
      from flow_counts fc
      join campuses c on c.id = fc.campus_id
      join states s on s.id = c.state_id
      join programs p on p.id = fc.program_id
      where fc.school_year in (${years})
      group by fc.school_year${unit.map((u) => `, ${u}`).join('')}`;
    const { timing, last } = await measure(
      runs,
      async () => (await this.con.runAndReadAll(sql)).getRowsJS(),
      1,
    );
    return { timing, rows: last.length };
  }

  close(): void {
    this.con.closeSync();
    this.instance.closeSync();
  }
}

/** One derived table compared between the engines. */
export interface TableCheck {
  readonly table: string;
  readonly sqlite: FlowSummary;
  readonly duckdb: FlowSummary;
}

/** The SQLite side of the checks. */
export interface SqliteSide {
  summary(table: string): FlowSummary;
  /** Differences between SQLite's rows of the table and DuckDB's (empty when equal). */
  compare(d: DerivedTable, duck: ReadonlyMap<string, string>): string[];
}

/**
 * Loads the records, times the rebuild, checks every table it writes against SQLite's (row count, column
 * sums, every row; throws when they differ), and times the national, state and campus aggregations.
 */
export async function runDuckReference(
  sqlite: SQLite.Database,
  side: SqliteSide,
  runs: number,
  year: SchoolYear,
  log: (text: string) => void,
): Promise<DuckResults> {
  const duck = await DuckReference.open();
  try {
    const info = await duck.info();
    const load = await duck.load(sqlite);
    log(
      `  loaded in ${(load.ms / 1000).toFixed(1)} s; rebuild of ${load.derivedTables.join(', ')}, ${runs} runs…`,
    );
    const rebuild = await duck.rebuild(runs);
    const checks: TableCheck[] = [];
    for (const d of duck.derivedTables) {
      const mine = await duck.summary(d.table);
      const theirs = side.summary(d.table);
      if (theirs.rows !== mine.rows || FLOW_VALUES.some((v) => theirs.sums[v] !== mine.sums[v])) {
        throw new Error(
          `DuckDB's ${d.table} differs from SQLite's: rows ${mine.rows} vs ${theirs.rows}; ` +
            `sums ${JSON.stringify(mine.sums)} vs ${JSON.stringify(theirs.sums)}`,
        );
      }
      const problems = side.compare(d, await duck.rows(d));
      if (problems.length > 0)
        throw new Error(
          `DuckDB's ${d.table} differs from SQLite's, row by row:\n  ${problems.slice(0, 20).join('\n  ')}`,
        );
      checks.push({ table: d.table, sqlite: theirs, duckdb: mine });
    }
    const indicators = [];
    for (const level of ['national', 'state', 'campus'] as const)
      indicators.push({ level, ...(await duck.indicatorAggregation(level, year, runs)) });
    return { ...info, load, rebuild, checks, indicators };
  } finally {
    duck.close();
  }
}
