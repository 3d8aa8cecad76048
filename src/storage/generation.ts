/**
 * The generated demo's tables as a whole: whether the database already holds data, and emptying the tables a
 * regeneration replaces. Every function takes the database or a transaction first.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Whether any campus is stored (the database holds data). */
export async function hasCampuses(db: Kysely<Database>): Promise<boolean> {
  const r = await db
    .selectFrom('campuses')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n) > 0;
}

/** Deletes every row of the tables, in the order given (children before parents). */
export async function clearTables(db: Kysely<Database>, tables: readonly string[]): Promise<void> {
  for (const table of tables) await db.deleteFrom(table as keyof Database).execute();
}
