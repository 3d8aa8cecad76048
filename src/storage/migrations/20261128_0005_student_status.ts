import type { Kysely } from 'kysely';

/**
 * Each student's latest enrollment (school year, term, semester, status) kept on the student row, so that
 * student lists never read the enrollments table. Written by the generator and the importers.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time and use an untyped db */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('students').addColumn('last_school_year', 'text').execute();
  await db.schema.alterTable('students').addColumn('last_term_no', 'integer').execute();
  await db.schema.alterTable('students').addColumn('last_semester', 'integer').execute();
  await db.schema.alterTable('students').addColumn('last_status', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const c of ['last_status', 'last_semester', 'last_term_no', 'last_school_year']) {
    await db.schema.alterTable('students').dropColumn(c).execute();
  }
}
