/** Dataset metadata (generator summary, import provenance) as JSON values under a key. */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

export async function writeMeta(
  db: Kysely<Database>,
  key: string,
  value: unknown,
  now = new Date().toISOString(),
): Promise<void> {
  await db.deleteFrom('dataset_meta').where('key', '=', key).execute();
  await db
    .insertInto('dataset_meta')
    .values({ key, value: JSON.stringify(value), updated_at: now })
    .execute();
}

export async function readMeta<T>(db: Kysely<Database>, key: string): Promise<T | null> {
  const row = await db.selectFrom('dataset_meta').select('value').where('key', '=', key).executeTakeFirst();
  return row ? (JSON.parse(row.value) as T) : null;
}

/** Stores `value` under `key` unless the key exists (ON CONFLICT DO NOTHING: safe against concurrent writers). */
export async function insertMetaIfAbsent(
  db: Kysely<Database>,
  key: string,
  value: unknown,
  now = new Date().toISOString(),
): Promise<void> {
  await db
    .insertInto('dataset_meta')
    .values({ key, value: JSON.stringify(value), updated_at: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

/**
 * PostgreSQL: the connection's current schema and how many tables it holds, a partitioned table once (schema null
 * when there is none).
 */
export async function schemaTables(
  db: Kysely<Database>,
): Promise<{ schema: string | null; tables: number } | undefined> {
  const r = await sql<{ schema: string | null; tables: number }>`
    select current_schema() as schema,
           (select count(*) from pg_class where relnamespace = current_schema()::regnamespace
              and relkind in ('r', 'p') and not relispartition) as tables`.execute(db);
  return r.rows[0];
}
