import { sql, SqliteAdapter, type Transaction } from 'kysely';
import type { Database } from './schema.js';

/**
 * Takes the database's write lock at the start of a transaction that reads before it writes (an import plans
 * from the current rows, then applies the plan). On SQLite a transaction starts as a reader; if another
 * connection commits meanwhile (the server recording an audit row), upgrading to a writer fails at once with
 * SQLITE_BUSY ("database is locked"), without waiting. A no-op write first has the effect of BEGIN IMMEDIATE:
 * the transaction waits for the lock (busy timeout) up front and then cannot fail that way.
 * PostgreSQL's row locks need nothing of the kind.
 */
export async function takeWriteLock(trx: Transaction<Database>): Promise<void> {
  if (!(trx.getExecutor().adapter instanceof SqliteAdapter)) return;
  await sql`update dataset_meta set key = key where 0`.execute(trx);
}
