import type { Kysely } from 'kysely';
import { RISK_INDEXES, createIndexes, dropIndexes } from '../indexes.js';

/**
 * A small partial, covering index for scoring the active students: their dropout, temporary-leave and
 * graduation events by student, read from the index alone. A secondary index (indexes.ts), so the demo
 * generator builds it after loading like the others.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time and use an untyped db */
export async function up(db: Kysely<any>): Promise<void> {
  await createIndexes(db, RISK_INDEXES);
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropIndexes(db, RISK_INDEXES);
}
