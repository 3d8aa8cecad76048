import type { Kysely } from 'kysely';

/**
 * module_results loses its index on student_id (issue 15): the key index (student_id, school_year, term_no,
 * module_id, migration 0009) starts with the same column, so it serves every lookup by student the same way,
 * and an import wrote both for each row (a fifth of a national import's insert time). Frozen: the names and
 * columns are written here, not read from storage/indexes.ts.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time and use an untyped db */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('module_results_student_idx').ifExists().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('module_results_student_idx')
    .ifNotExists()
    .on('module_results')
    .column('student_id')
    .execute();
}
