/** Sign-in failure counters and known account-address pairs (services/accounts/login-throttle.ts decides with them). */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

export interface ThrottleRow {
  readonly key: string;
  readonly failures: number;
  /** ISO time of the last failure (of the last success for a known pair). */
  readonly lastAt: string;
}

export async function readThrottle(db: Db, keys: readonly string[]): Promise<Map<string, ThrottleRow>> {
  const rows = await db.selectFrom('login_throttle').selectAll().where('key', 'in', keys).execute();
  return new Map(rows.map((r) => [r.key, { key: r.key, failures: Number(r.failures), lastAt: r.last_at }]));
}

/** Writes each row (insert, or replace the row of the same key). */
export async function saveThrottle(db: Db, rows: readonly ThrottleRow[]): Promise<void> {
  for (const r of rows)
    await db
      .insertInto('login_throttle')
      .values({ key: r.key, failures: r.failures, last_at: r.lastAt })
      .onConflict((oc) => oc.column('key').doUpdateSet({ failures: r.failures, last_at: r.lastAt }))
      .execute();
}

export async function deleteThrottle(db: Db, keys: readonly string[]): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', 'in', keys).execute();
}

/** Drops counters whose last failure is before `countersBefore` and known pairs not seen since `knownBefore`. */
export async function purgeThrottle(
  db: Db,
  countersBefore: string,
  knownBefore: string,
  knownPrefix: string,
): Promise<void> {
  await db
    .deleteFrom('login_throttle')
    .where((eb) =>
      eb.or([
        eb.and([eb('key', 'not like', `${knownPrefix}%`), eb('last_at', '<', countersBefore)]),
        eb.and([eb('key', 'like', `${knownPrefix}%`), eb('last_at', '<', knownBefore)]),
      ]),
    )
    .execute();
}
