import { SqliteAdapter, sql, type Kysely } from 'kysely';

/**
 * Keys ready for distribution by campus (issue 15; storage/distribution.ts, docs/SCALING.md "Distribution"): a
 * distributed table can only enforce uniqueness within a shard, so every primary key and unique index of a fact
 * table includes campus_id.
 * - Both dialects: the import keys (migration 0009) end with campus_id. They still serve every lookup by
 *   student (same leading columns). One enrollment per student and term, one module result per student, term
 *   and module, are now enforced by the record imports, which match an existing row by the key without the
 *   campus and update it (src/services/imports/campus-keys.test.ts), and by the generator (one row each).
 * - PostgreSQL: the primary keys get campus_id: (id, campus_id) where the key is an id (ids are still given
 *   once each; lookups by id keep their index), (student_id, school_year, campus_id) for year results,
 *   (student_id, cutoff, campus_id) for risk scores. SQLite keeps its keys (an id is its rowid; changing a
 *   primary key means rebuilding the table), which are the stricter ones.
 * Frozen: names and columns are written here, not read from storage/indexes.ts.
 */
const IMPORT_KEYS = [
  ['module_results_key_idx', 'module_results', ['student_id', 'school_year', 'term_no', 'module_id']],
  ['enrollments_key_idx', 'enrollments', ['student_id', 'school_year', 'term_no']],
] as const;

const ID_TABLES = [
  'enrollments',
  'module_results',
  'status_events',
  'scholarship_payments',
  'interventions',
  'intervention_notes',
  'certifications',
  'teachers',
] as const;

const NAMED_KEYS = [
  ['year_results', 'year_results_pk', ['student_id', 'school_year']],
  ['risk_scores', 'risk_scores_pk', ['student_id', 'cutoff']],
] as const;

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time and use an untyped db */
async function importKeys(db: Kysely<any>, withCampus: boolean): Promise<void> {
  for (const [name, table, columns] of IMPORT_KEYS) {
    await db.schema.dropIndex(name).ifExists().execute();
    await db.schema
      .createIndex(name)
      .unique()
      .on(table)
      .columns(withCampus ? [...columns, 'campus_id'] : [...columns])
      .execute();
  }
}

async function primaryKeys(db: Kysely<any>, withCampus: boolean): Promise<void> {
  const keys: [string, string, readonly string[]][] = [
    ...ID_TABLES.map((t): [string, string, readonly string[]] => [t, `${t}_pkey`, ['id']]),
    ...NAMED_KEYS.map(([t, n, c]): [string, string, readonly string[]] => [t, n, c]),
  ];
  for (const [table, name, columns] of keys) {
    const cols = withCampus ? [...columns, 'campus_id'] : columns;
    await sql`alter table ${sql.table(table)} drop constraint ${sql.ref(name)},
      add constraint ${sql.ref(name)} primary key (${sql.join(cols.map((c) => sql.ref(c)))})`.execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await importKeys(db, true);
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) await primaryKeys(db, true);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) await primaryKeys(db, false);
  await importKeys(db, false);
}
