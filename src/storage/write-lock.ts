import type { Transaction } from 'kysely';
import { dialectAdapter, dialectOf } from './dialect.js';
import type { Database } from './schema.js';

/**
 * Takes the database's write lock at the start of a transaction that reads before it writes (SQLite: the effect
 * of BEGIN IMMEDIATE; PostgreSQL: nothing). See DialectAdapter.takeWriteLock.
 */
export function takeWriteLock(trx: Transaction<Database>): Promise<void> {
  return dialectAdapter(dialectOf<Database>(trx)).takeWriteLock(trx);
}
