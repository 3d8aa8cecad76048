import { SqliteAdapter, type Kysely } from 'kysely';

/**
 * The change log of record imports (issue 15): per committed import that inserted or updated rows, the
 * (table, school year, campus) cells it wrote (domain/footprint.ts, JSON). The analysis runner computes an
 * analysis again only when a change after its stored result meets the tables and campuses it reads; an import
 * run without a row here (older ones, campus lists, counts) still counts as a change of everything.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time and use an untyped db */
export async function up(db: Kysely<any>): Promise<void> {
  const isSqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema
    .createTable('data_changes')
    .addColumn('id', isSqlite ? 'integer' : 'bigserial', (c) => c.primaryKey())
    .addColumn('run_id', 'integer')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('footprint', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('data_changes_run_idx').on('data_changes').column('run_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('data_changes').execute();
}
