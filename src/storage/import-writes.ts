/**
 * Batched inserts for record imports, inside the caller's transaction. SQLite: reused prepared multi-row
 * INSERTs on the raw handle (synchronous, same connection as the transaction). PostgreSQL: one INSERT … SELECT
 * FROM unnest(arrays) per batch, a handful of parameters whatever the batch size.
 */
import { sql, SqliteAdapter, type Kysely, type RawBuilder } from 'kysely';
import type SQLite from 'better-sqlite3';
import type { BulkValue } from './bulk.js';
import type { Store } from './db.js';
import type { Database } from './schema.js';

export type ColumnType = 'int' | 'real' | 'text';

/**
 * What an import named and wrote: the students its rows named (within scope or not) and the campuses and school
 * years of the rows it inserted, with the students' current campuses. Collected on the target while the import
 * runs, read once it committed: what has to be brought up to date after it (services/imports/freshness.ts).
 */
export interface ImportFootprint {
  readonly students: Set<number>;
  readonly campuses: Set<number>;
  readonly years: Set<string>;
}

export const newFootprint = (): ImportFootprint => ({
  students: new Set(),
  campuses: new Set(),
  years: new Set(),
});

/**
 * What an import writes through: the Kysely handle, its dialect, and SQLite's raw handle when there is one;
 * and, when given, where its footprint is collected.
 */
export type ImportTarget = Pick<Store, 'db' | 'dialect' | 'sqlite'> & {
  readonly footprint?: ImportFootprint;
};

/** An import target for a Kysely handle alone (the API): SQLite then goes through Kysely, still batched. */
export function importTargetOf(db: Kysely<Database>): ImportTarget {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  return { db, dialect: sqlite ? 'sqlite' : 'postgres', sqlite: null };
}

export interface TableWriter {
  /** Inserts rows (each in column order). */
  insert(rows: readonly (readonly BulkValue[])[]): Promise<void>;
}

const SQLITE_CHUNK = 64;
const PG_TYPES: Record<ColumnType, string> = { int: 'int4[]', real: 'float8[]', text: 'text[]' };

export function tableWriter(
  store: ImportTarget,
  trx: Kysely<Database>,
  table: string,
  columns: readonly (readonly [string, ColumnType])[],
): TableWriter {
  const names = columns.map(([c]) => c);
  const writer = plainWriter(store, trx, table, columns);
  const note = store.footprint ? footprintOf(store.footprint, names) : null;
  if (!note) return writer;
  return {
    insert(rows) {
      note(rows);
      return writer.insert(rows);
    },
  };
}

/** Notes the students, campuses and school years of inserted rows (the columns a table has of these). */
function footprintOf(
  fp: ImportFootprint,
  names: readonly string[],
): ((rows: readonly (readonly BulkValue[])[]) => void) | null {
  const s = names.indexOf('student_id');
  const c = names.indexOf('campus_id');
  const y = names.indexOf('school_year');
  if (s < 0 && c < 0 && y < 0) return null;
  return (rows) => {
    let student: BulkValue = null;
    let campus: BulkValue = null;
    let year: BulkValue = null;
    for (const r of rows) {
      // Rows come grouped by student, campus and year: a Set insert only when the value changes.
      if (s >= 0 && r[s] !== student && typeof r[s] === 'number') fp.students.add((student = r[s]));
      if (c >= 0 && r[c] !== campus && typeof r[c] === 'number') fp.campuses.add((campus = r[c]));
      if (y >= 0 && r[y] !== year && typeof r[y] === 'string') fp.years.add((year = r[y]));
    }
  };
}

function plainWriter(
  store: ImportTarget,
  trx: Kysely<Database>,
  table: string,
  columns: readonly (readonly [string, ColumnType])[],
): TableWriter {
  const names = columns.map(([c]) => c);
  if (store.sqlite) return sqliteWriter(store.sqlite, table, names);
  if (store.dialect === 'sqlite') return kyselyWriter(trx, table, names);
  return {
    async insert(rows) {
      if (rows.length === 0) return;
      // Array literals built here ('{1,2,NULL}'): much cheaper than letting the driver serialize JS arrays.
      const params = columns.map(
        ([, type], i) => sql`${arrayLiteral(rows, i, type)}::${sql.raw(PG_TYPES[type])}`,
      );
      await sql`insert into ${sql.table(table)} (${sql.join(names.map((c) => sql.ref(c)))})
        select * from unnest(${sql.join(params)})`.execute(trx);
    },
  };
}

/** A PostgreSQL array literal of column `i` of `rows`: numbers as written, text quoted, null as NULL. */
function arrayLiteral(rows: readonly (readonly BulkValue[])[], i: number, type: ColumnType): string {
  const parts = new Array<string>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const v = rows[r]?.[i] ?? null;
    if (v === null) parts[r] = 'NULL';
    else if (type === 'text') parts[r] = `"${String(v).replace(/[\\"]/g, (c) => `\\${c}`)}"`;
    else parts[r] = String(v);
  }
  return `{${parts.join(',')}}`;
}

/** SQLite without the raw handle: multi-row INSERTs through Kysely (at most 999 parameters each). */
function kyselyWriter(trx: Kysely<Database>, table: string, names: readonly string[]): TableWriter {
  const per = Math.max(1, Math.floor(999 / names.length));
  return {
    async insert(rows) {
      for (let i = 0; i < rows.length; i += per) {
        const tuples = rows.slice(i, i + per).map((r) => sql`(${sql.join([...r])})`);
        await sql`insert into ${sql.table(table)} (${sql.join(names.map((c) => sql.ref(c)))}) values ${sql.join(tuples)}`.execute(
          trx,
        );
      }
    },
  };
}

function sqliteWriter(sqlite: SQLite.Database, table: string, names: readonly string[]): TableWriter {
  const tuple = `(${names.map(() => '?').join(',')})`;
  const prepare = (n: number) =>
    sqlite.prepare(`INSERT INTO ${table} (${names.join(',')}) VALUES ${Array(n).fill(tuple).join(',')}`);
  const many = prepare(SQLITE_CHUNK);
  const one = prepare(1);
  const buf: BulkValue[] = [];
  return {
    insert(rows) {
      let i = 0;
      for (; i + SQLITE_CHUNK <= rows.length; i += SQLITE_CHUNK) {
        buf.length = 0;
        for (let j = i; j < i + SQLITE_CHUNK; j++) for (const v of rows[j] ?? []) buf.push(v);
        many.run(buf);
      }
      for (; i < rows.length; i++) one.run(rows[i]);
      return Promise.resolve();
    },
  };
}

/**
 * `column IN (values)` for batched lookups: SQLite binds one parameter per value; PostgreSQL gets one array
 * literal (`= any('{…}'::type[])`), which plans and binds in constant time whatever the batch size.
 */
export function memberOf(
  store: ImportTarget,
  column: string,
  values: readonly (string | number)[],
  type: ColumnType,
): RawBuilder<boolean> {
  if (values.length === 0) return sql<boolean>`1 = 0`;
  if (store.dialect === 'sqlite') return sql<boolean>`${sql.ref(column)} in (${sql.join(values)})`;
  const literal = arrayLiteral(
    values.map((v) => [v]),
    0,
    type,
  );
  return sql<boolean>`${sql.ref(column)} = any(${literal}::${sql.raw(PG_TYPES[type])})`;
}
