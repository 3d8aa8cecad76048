/**
 * What record imports write through: their target, the footprint they leave, and batched inserts and lookups
 * whose dialect-specific form the dialect adapter (dialect.ts) supplies.
 */
import type { Kysely, RawBuilder } from 'kysely';
import type { BulkValue } from './bulk.js';
import type { Store } from './db.js';
import {
  dialectAdapter,
  dialectOf,
  type ColumnType,
  type TableUpdater,
  type TableWriter,
} from './dialect.js';
import { yearPartitionedWriter } from './partitions.js';
import type { Database } from './schema.js';

export type { ColumnType, TableUpdater, TableWriter } from './dialect.js';

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
  return { db, dialect: dialectOf(db), sqlite: null };
}

export function tableWriter(
  store: ImportTarget,
  trx: Kysely<Database>,
  table: string,
  columns: readonly (readonly [string, ColumnType])[],
): TableWriter {
  const names = columns.map(([c]) => c);
  // A school year's partition exists before its first row is written (PostgreSQL; storage/partitions.ts).
  const writer = yearPartitionedWriter(
    trx,
    table,
    names,
    dialectAdapter(store.dialect).tableWriter(store.sqlite, trx, table, columns),
  );
  const note = store.footprint ? footprintOf(store.footprint, names) : null;
  if (!note) return writer;
  return {
    insert(rows) {
      note(rows);
      return writer.insert(rows);
    },
  };
}

/** Batched updates by id of one table, in the dialect's form (dialect.ts). */
export function tableUpdater(store: ImportTarget, trx: Kysely<Database>, table: string): TableUpdater {
  return dialectAdapter(store.dialect).tableUpdater(store.sqlite, trx, table);
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

/**
 * `column IN (values)` for batched lookups, one parameter whatever the batch size: a JSON array on SQLite, an
 * array literal on PostgreSQL (dialect.ts).
 */
export function memberOf(
  store: ImportTarget,
  column: string,
  values: readonly (string | number)[],
  type: ColumnType,
): RawBuilder<boolean> {
  return dialectAdapter(store.dialect).memberOf(column, values, type);
}
