import type { Kysely } from 'kysely';

/**
 * Results of the heavy analyses (effect estimates, what-if scenarios, cohort tables) by analysis, normalized
 * parameters and scope (`key`), with the data version they were computed from (services/analyses/): a
 * restart answers from here instead of recomputing, and a result of an older version is served as stale while
 * the new one computes. Aggregates only; never personal data.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time and use an untyped db */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('analysis_results')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('analysis', 'text', (c) => c.notNull())
    .addColumn('data_version', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addColumn('ms', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('analysis_results').execute();
}
