/**
 * Test harness for everything that touches the database: a suite written once with describeEachDialect runs on
 * SQLite always and on PostgreSQL when TRAYECTO_TEST_PG_URL is set (CI always sets it, together with
 * TRAYECTO_REQUIRE_PG=1 so that a missing PostgreSQL fails the run instead of silently skipping it).
 *
 * Every suite gets its own fresh, migrated database: a temporary SQLite file, or a fresh schema
 * (t_<pid>_<random>) in the PostgreSQL test database, selected through the pool's search_path and dropped
 * afterwards. Test files run in parallel worker processes, so nothing here is shared between suites.
 *
 * This is the only module besides config.ts that reads process.env; it is excluded from the build.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { databaseTarget, type DatabaseTarget } from '../config.js';
import { migrateToLatest, openStore, type Store } from '../storage/db.js';

export type TestDialect = 'sqlite' | 'postgres';

export interface TestDialectInfo {
  readonly dialect: TestDialect;
  readonly available: boolean;
  /** Why the dialect is not available. */
  readonly reason?: string;
}

export interface DialectContext {
  readonly dialect: TestDialect;
  /** The suite's store; only usable inside tests and hooks (it is opened in a beforeAll). */
  readonly store: () => Store;
}

export const PG_URL_VAR = 'TRAYECTO_TEST_PG_URL';
export const REQUIRE_PG_VAR = 'TRAYECTO_REQUIRE_PG';
const EXAMPLE_PG_URL = 'postgres://root@/trayecto_test?host=/var/run/postgresql';

function pgUrl(): string | undefined {
  return process.env[PG_URL_VAR]?.trim() || undefined;
}

function pgRequired(): boolean {
  const v = process.env[REQUIRE_PG_VAR]?.trim().toLowerCase();
  return v === '1' || v === 'true' || v === 'yes';
}

/** The dialects a suite runs on, in order, and whether each one can run in this environment. */
export function testDialects(): TestDialectInfo[] {
  const url = pgUrl();
  let postgres: TestDialectInfo;
  if (!url) postgres = { dialect: 'postgres', available: false, reason: `${PG_URL_VAR} is not set` };
  else if (databaseTarget(url).dialect !== 'postgres')
    postgres = { dialect: 'postgres', available: false, reason: `${PG_URL_VAR} is not a postgres:// URL` };
  else postgres = { dialect: 'postgres', available: true };
  return [{ dialect: 'sqlite', available: true }, postgres];
}

export interface TestStore {
  readonly store: Store;
  /** Closes the store and deletes its database (SQLite file or PostgreSQL schema). */
  dispose(): Promise<void>;
}

/**
 * Opens a fresh, migrated store on `dialect`. describeEachDialect uses this; call it directly when a test
 * needs a database of its own (and dispose it).
 */
export async function createTestStore(dialect: TestDialect): Promise<TestStore> {
  const db = dialect === 'sqlite' ? createSqliteDatabase() : await createPostgresSchema();
  let store: Store;
  try {
    store = openStore(db.target);
  } catch (e) {
    await db.drop();
    throw e;
  }
  const dispose = async (): Promise<void> => {
    try {
      await store.close();
    } finally {
      await db.drop();
    }
  };
  try {
    await migrateToLatest(store.db);
  } catch (e) {
    await dispose();
    throw e;
  }
  return { store, dispose };
}

/**
 * Declares `name` once per dialect: `<name> [sqlite]` always, `<name> [postgres]` when TRAYECTO_TEST_PG_URL is
 * set (skipped with a notice otherwise, or failing when TRAYECTO_REQUIRE_PG=1). Each gets a fresh migrated store.
 */
export function describeEachDialect(name: string, fn: (ctx: DialectContext) => void): void {
  for (const info of testDialects()) {
    const title = `${name} [${info.dialect}]`;
    if (info.available) {
      describe(title, () => defineSuite(name, info.dialect, fn));
    } else if (pgRequired()) {
      const message =
        `${REQUIRE_PG_VAR}=1 but the PostgreSQL suite "${name}" cannot run: ${info.reason ?? 'unavailable'}. ` +
        `Set ${PG_URL_VAR}=${EXAMPLE_PG_URL}`;
      describe(title, () => {
        it('requires PostgreSQL', () => {
          throw new Error(message);
        });
      });
    } else {
      warnSkippedOnce(info.reason ?? 'unavailable');
      describe.skip(title, () =>
        fn({
          dialect: info.dialect,
          store: () => {
            throw new Error(`${title} is skipped`);
          },
        }),
      );
    }
  }
}

function defineSuite(name: string, dialect: TestDialect, fn: (ctx: DialectContext) => void): void {
  let current: TestStore | undefined;
  // Registered before the suite's own hooks: with vitest's default 'stack' hook order this beforeAll runs
  // first and this afterAll runs last, so the suite's hooks can use store().
  beforeAll(async () => {
    current = await createTestStore(dialect);
    // CI greps for this marker to make sure the PostgreSQL suites really ran.
    if (dialect === 'postgres') console.log(`[pg-suite] ran ${name}`);
  });
  afterAll(async () => {
    const s = current;
    current = undefined;
    await s?.dispose();
  });
  fn({
    dialect,
    store: () => {
      if (!current)
        throw new Error(`store() of "${name} [${dialect}]" is only available inside tests and hooks`);
      return current.store;
    },
  });
}

interface TempDatabase {
  readonly target: DatabaseTarget;
  drop(): Promise<void>;
}

function createSqliteDatabase(): TempDatabase {
  // A directory per database, so that the -wal and -shm files go away with it.
  const dir = mkdtempSync(join(tmpdir(), 'trayecto-test-'));
  return {
    target: { dialect: 'sqlite', file: join(dir, 'test.db') },
    drop: () => {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

async function withAdminClient<T>(url: string, f: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await f(client);
  } finally {
    await client.end();
  }
}

async function createPostgresSchema(): Promise<TempDatabase> {
  const url = pgUrl();
  if (!url) throw new Error(`${PG_URL_VAR} is not set`);
  // Lower-case letters, digits and _ only: a plain identifier, no quoting needed. pid + 48 random bits keep the
  // parallel worker processes apart.
  const schema = `t_${process.pid}_${randomBytes(6).toString('hex')}`;
  await withAdminClient(url, async (c) => {
    await c.query(`create schema ${schema}`);
  });
  return {
    target: { dialect: 'postgres', url: withSearchPath(url, schema) },
    drop: () =>
      withAdminClient(url, async (c) => {
        await c.query(`drop schema if exists ${schema} cascade`);
      }),
  };
}

/**
 * Adds `options=-c search_path=<schema>` to a postgres:// URL (pg passes `options` to the server at connect
 * time, so every pooled connection uses the schema). Keeps any options already present. The URL is not parsed
 * with `new URL`, which rejects the host-less form postgres://user@/db?host=/socket/dir.
 */
export function withSearchPath(url: string, schema: string): string {
  const q = url.indexOf('?');
  const base = q < 0 ? url : url.slice(0, q);
  const params = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
  const options = [params.get('options'), `-c search_path=${schema}`].filter(Boolean).join(' ');
  params.set('options', options);
  return `${base}?${params.toString()}`;
}

let warned = false;

/**
 * Prints the "PostgreSQL skipped" notice once per vitest run rather than once per test file: the worker
 * processes of one run share a parent (the vitest process), so the first worker to create the marker file
 * for that parent prints it.
 */
function warnSkippedOnce(reason: string): void {
  if (warned) return;
  warned = true;
  const dir = join(tmpdir(), 'trayecto-test-notices');
  try {
    mkdirSync(dir, { recursive: true });
    pruneStaleMarkers(dir);
    closeSync(openSync(join(dir, `pg-skip-${process.ppid}`), 'wx'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return; // another worker of this run printed it
  }
  console.warn(
    `\n  PostgreSQL suite skipped (${reason}): set ${PG_URL_VAR}=postgres://… to run it (CI always does),\n` +
      `  e.g. ${PG_URL_VAR}='${EXAMPLE_PG_URL}' npm test\n`,
  );
}

function pruneStaleMarkers(dir: string): void {
  for (const f of readdirSync(dir)) {
    const pid = Number(/^pg-skip-(\d+)$/.exec(f)?.[1]);
    if (!pid || pid === process.ppid) continue;
    try {
      process.kill(pid, 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ESRCH') {
        try {
          unlinkSync(join(dir, f));
        } catch {
          // another worker removed it first
        }
      }
    }
  }
}
