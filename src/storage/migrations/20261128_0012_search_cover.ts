import type { Kysely } from 'kysely';
import { SECONDARY_INDEXES, createIndexes } from '../indexes.js';

/**
 * The name-search index becomes covering: besides the search key it holds the names and CURP, so a page of
 * matches needs one lookup per student (the students row) instead of two (indexes.ts).
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time and use an untyped db */
const NAME = 'identities_search_idx';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex(NAME).ifExists().execute();
  await createIndexes(
    db,
    SECONDARY_INDEXES.filter((d) => d.name === NAME),
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex(NAME).ifExists().execute();
  await db.schema.createIndex(NAME).on('student_identities').column('search_key').execute();
}
