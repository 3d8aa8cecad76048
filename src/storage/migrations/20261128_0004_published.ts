import type { Kysely } from 'kysely';

/**
 * Imported reference data: campus indicators as published by the ministry (kept next to the computed ones,
 * never mixed with them), and one row per completed import for provenance. published_indicators keeps the
 * published row's own state code, campus number and name (its natural key) even when they disagree with the
 * campus list; campus_id is the match found by state and name, null when none. No foreign key on campus_id:
 * regenerating the demo replaces the campus rows.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time and use an untyped db */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('published_indicators')
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('campus_id', 'integer')
    .addColumn('state_id', 'integer', (c) => c.notNull())
    .addColumn('campus_number', 'integer', (c) => c.notNull())
    .addColumn('campus_name', 'text', (c) => c.notNull())
    .addColumn('indicator', 'text', (c) => c.notNull())
    .addColumn('value', 'real', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('published_indicators_pk', [
      'school_year',
      'indicator',
      'state_id',
      'campus_number',
      'campus_name',
    ])
    .execute();
  await db.schema
    .createIndex('published_indicators_campus')
    .on('published_indicators')
    .columns(['campus_id', 'school_year'])
    .execute();
  await db.schema
    .createTable('import_runs')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('inserted', 'integer', (c) => c.notNull())
    .addColumn('updated', 'integer', (c) => c.notNull())
    .addColumn('unchanged', 'integer', (c) => c.notNull())
    .addColumn('issues', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['import_runs', 'published_indicators']) await db.schema.dropTable(t).ifExists().execute();
}
