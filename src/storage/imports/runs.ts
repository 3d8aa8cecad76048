/** The provenance rows of completed imports (import_runs); ids follow the largest one on both dialects. */
import type { Insertable, Kysely } from 'kysely';
import type { Database, ImportRunsTable } from '../schema.js';

/** Writes an import run and answers its id. */
export async function insertImportRun(
  db: Kysely<Database>,
  run: Omit<Insertable<ImportRunsTable>, 'id'>,
): Promise<number> {
  const last = await db
    .selectFrom('import_runs')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  const id = Number(last?.id ?? 0) + 1;
  await db
    .insertInto('import_runs')
    .values({ id, ...run })
    .execute();
  return id;
}
