import type { Kysely } from 'kysely';
import { IMPORT_KEY_INDEXES, createIndexes, dropIndexes } from '../indexes.js';

/**
 * Unique indexes on the natural keys record imports match rows by: a module result per (student, school year,
 * term, module), an enrollment per (student, school year, term). They are secondary indexes (indexes.ts), so
 * the demo generator builds them after loading like the others.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time and use an untyped db */
export async function up(db: Kysely<any>): Promise<void> {
  await createIndexes(db, IMPORT_KEY_INDEXES);
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropIndexes(db, IMPORT_KEY_INDEXES);
}
