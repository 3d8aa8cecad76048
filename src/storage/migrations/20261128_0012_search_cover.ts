import type { Kysely } from 'kysely';
import { CORE_INDEXES, SECONDARY_INDEXES, createIndexes } from '../indexes.js';

/**
 * The student search's indexes become covering (indexes.ts): the name-search index holds the names and CURP
 * besides the search key, so a page of matches needs one lookup per student (the students row) instead of two;
 * the campus index holds the list's columns, so a campus's list needs only the identity row.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time and use an untyped db */
const NAMES = ['identities_search_idx', 'students_campus_idx'];

export async function up(db: Kysely<any>): Promise<void> {
  for (const name of NAMES) await db.schema.dropIndex(name).ifExists().execute();
  await createIndexes(
    db,
    SECONDARY_INDEXES.filter((d) => NAMES.includes(d.name)),
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of NAMES) await db.schema.dropIndex(name).ifExists().execute();
  await createIndexes(
    db,
    CORE_INDEXES.filter((d) => NAMES.includes(d.name)),
  );
}
