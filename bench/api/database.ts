/**
 * The full national demo the API is measured on: generated in a child process, or reused (--keep) when it was
 * generated at the same scale and has the current schema; and the benchmark's own accounts in it, with
 * passwords known to this run only (never printed).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { hashPassword } from '../../src/services/accounts/index.js';
import { addUser } from '../../src/services/accounts/index.js';
import { isMigrated, openStore, type Store } from '../../src/storage/db.js';
import { flowYears } from '../../src/storage/flow-queries.js';
import { SECONDARY_INDEXES } from '../../src/storage/indexes.js';
import { readMeta } from '../../src/storage/meta.js';
import { findUserByName } from '../../src/storage/users.js';

export interface SchemaStatus {
  readonly current: boolean;
  /** Why the database cannot be reused, or what was checked. */
  readonly reason: string;
  readonly scale: number | null;
}

/** Migrations of the build the server runs (dist/storage/migrations), by name. */
export function builtMigrations(root: string): string[] {
  const dir = join(root, 'dist', 'storage', 'migrations');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .map((f) => f.slice(0, -3))
    .sort();
}

/**
 * Whether an existing database can be reused: every migration of the build applied, every secondary index
 * present (the generator builds them at the end), flow counts and roll-ups filled, generated at `scale`.
 */
export async function schemaStatus(root: string, file: string, scale: number): Promise<SchemaStatus> {
  if (!existsSync(file)) return { current: false, reason: 'does not exist', scale: null };
  const store = openStore({ dialect: 'sqlite', file });
  try {
    const sqlite = store.sqlite;
    if (!sqlite || !(await isMigrated(store.db)))
      return { current: false, reason: 'not a Trayecto database', scale: null };
    const meta = await readMeta<{ scale?: number }>(store.db, 'generator');
    const found = meta?.scale ?? null;
    const applied = new Set(
      (sqlite.prepare('select name from kysely_migration').raw().all() as string[][]).map((r) => r[0]),
    );
    const missing = builtMigrations(root).filter((m) => !applied.has(m));
    if (missing.length)
      return { current: false, reason: `migrations not applied: ${missing.join(', ')}`, scale: found };
    const indexes = new Set(
      (sqlite.prepare(`select name from sqlite_master where type = 'index'`).raw().all() as string[][]).map(
        (r) => r[0],
      ),
    );
    const noIndex = SECONDARY_INDEXES.filter((d) => !indexes.has(d.name)).map((d) => d.name);
    if (noIndex.length)
      return { current: false, reason: `indexes missing: ${noIndex.join(', ')}`, scale: found };
    const one = (table: string) => sqlite.prepare(`select 1 from ${table} limit 1`).raw().get() !== undefined;
    if (!one('flow_counts') || !one('flow_counts_campus'))
      return { current: false, reason: 'flow counts not built', scale: found };
    if (found !== scale)
      return { current: false, reason: `generated at scale ${found ?? '?'}, not ${scale}`, scale: found };
    return {
      current: true,
      reason: `scale ${found}, ${applied.size} migrations, indexes present`,
      scale: found,
    };
  } finally {
    await store.close();
  }
}

export interface Account {
  readonly username: string;
  readonly password: string;
}

export interface Fixtures {
  readonly years: readonly string[];
  readonly latestComplete: string;
  /** The state of the state page and of the campus (México, as in the demo accounts). */
  readonly stateCode: string;
  /** The largest campus of that state in the latest school year: the campus page and the campus account. */
  readonly cct: string;
  readonly campusName: string;
  readonly national: Account;
  readonly campus: Account;
  readonly rows: Readonly<Record<string, number>>;
  readonly sqliteVersion: string | null;
}

export const BENCH_STATE = '15';
const NATIONAL_USER = 'bench.nacional';
const CAMPUS_USER = 'bench.plantel';

/**
 * Creates (or resets, on a reused database) the benchmark's national and campus accounts with fresh random
 * passwords, and picks the units the pages are measured on. Runs before the server starts: the server's demo
 * accounts are then not created (they are made only in a database without accounts).
 */
export async function prepareFixtures(file: string, now = new Date()): Promise<Fixtures> {
  const store = openStore({ dialect: 'sqlite', file });
  try {
    return await fixturesIn(store, now);
  } finally {
    await store.close();
  }
}

/** prepareFixtures on an open store (SQLite or PostgreSQL: the scale benchmark measures the API on both). */
export async function fixturesIn(store: Store, now: Date): Promise<Fixtures> {
  const { db } = store;
  const years = await flowYears(db);
  const latest = years.at(-1);
  const latestComplete = years.at(-2);
  if (!latest || !latestComplete)
    throw new Error('the database has fewer than two school years of flow counts');
  const campus = await db
    .selectFrom('flow_counts_campus as f')
    .innerJoin('campuses as c', 'c.id', 'f.campus_id')
    .select(['c.cct', 'c.name'])
    .select((eb) => eb.fn.sum<number>('f.mt').as('mt'))
    .where('f.school_year', '=', latest)
    .where('f.state_id', '=', Number(BENCH_STATE))
    .groupBy(['c.cct', 'c.name'])
    .orderBy('mt', 'desc')
    .executeTakeFirst();
  if (!campus) throw new Error(`no campus of state ${BENCH_STATE} has students in ${latest}`);

  const national = await account(store, NATIONAL_USER, 'national', undefined, now);
  const campusAccount = await account(store, CAMPUS_USER, 'campus', campus.cct, now);

  const count = async (table: 'students' | 'enrollments' | 'flow_counts' | 'campuses') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst()
      )?.n ?? 0,
    );
  const rows = {
    students: await count('students'),
    enrollments: await count('enrollments'),
    flow_counts: await count('flow_counts'),
    campuses: await count('campuses'),
  };
  const version =
    store.dialect === 'sqlite' ? await sql<{ v: string }>`select sqlite_version() as v`.execute(db) : null;
  return {
    years,
    latestComplete,
    stateCode: BENCH_STATE,
    cct: campus.cct,
    campusName: campus.name,
    national,
    campus: campusAccount,
    rows,
    sqliteVersion: version?.rows[0]?.v ?? null,
  };
}

/** The account with a new random password: added, or on a reused database reset (enabled, unlocked). */
async function account(
  store: Store,
  username: string,
  role: 'national' | 'campus',
  cct: string | undefined,
  now: Date,
): Promise<Account> {
  const password = randomBytes(18).toString('base64url');
  const existing = await findUserByName(store.db, username);
  if (!existing) {
    await addUser(
      store.db,
      { username, displayName: `Benchmark (${role})`, password, role, campus: cct },
      now,
    );
    return { username, password };
  }
  const c = cct
    ? await store.db
        .selectFrom('campuses')
        .select(['id', 'state_id'])
        .where('cct', '=', cct)
        .executeTakeFirstOrThrow()
    : undefined;
  await store.db
    .updateTable('users')
    .set({
      password_hash: await hashPassword(password),
      role,
      state_id: c?.state_id ?? null,
      campus_id: c?.id ?? null,
      disabled: 0,
      failed_logins: 0,
    })
    .where('id', '=', existing.id)
    .execute();
  return { username, password };
}
