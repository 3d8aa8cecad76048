import type { Kysely } from 'kysely';

/**
 * Sign-in throttling (services/accounts/login-throttle.ts): failure counters per account and address, per account and
 * per address, with the time of the last failure; and the account-address pairs that signed in successfully
 * (failures 0). Kept in the database so that every HTTP worker sees the same counts.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time and use an untyped db */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_throttle').ifExists().execute();
}
