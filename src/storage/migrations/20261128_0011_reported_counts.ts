import type { Kysely } from 'kysely';

/**
 * Aggregate flow counts as reported by a unit (a campus's or a state's 911 submission, or a national
 * figure), kept next to the counts computed from the records, never mixed with them. `unit` is the CCT, the
 * 2-digit INEGI state code or 'MX'; no foreign key to campuses (regenerating the demo replaces them).
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time and use an untyped db */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reported_counts')
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('mt', 'integer', (c) => c.notNull())
    .addColumn('ni1', 'integer', (c) => c.notNull())
    .addColumn('ex', 'integer', (c) => c.notNull())
    .addColumn('ap', 'integer', (c) => c.notNull())
    .addColumn('reg', 'integer', (c) => c.notNull())
    .addColumn('eg', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reported_counts_pk', ['school_year', 'level', 'unit'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reported_counts').execute();
}
