/**
 * Test harness for everything that touches the database: a suite written once with describeEachDialect runs on
 * SQLite always and on PostgreSQL when TRAYECTO_TEST_PG_URL is set (CI always sets it, together with
 * TRAYECTO_REQUIRE_PG=1 so that a missing PostgreSQL fails the run instead of silently skipping it).
 *
 * Every suite gets its own fresh, migrated database, dropped afterwards: a temporary SQLite file, or a PostgreSQL
 * database (<test database>_t_<pid>_<random>, its tables in the schema t_suite selected through the pool's
 * search_path; dropped at the end of the run). Within a vitest run both are copies of a template migrated once per run (createTestStore);
 * outside one, a file or a schema (t_<pid>_<random>) in the test database migrated from scratch. Test files run in
 * parallel worker processes, so nothing here is shared between suites but the templates, which nobody writes.
 *
 * This is the only module besides config.ts that reads process.env; it is excluded from the build.
 */
import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { databaseTarget, type DatabaseTarget } from '../config.js';
import { migrateToLatest, openStore, withSearchPath, type Store } from '../storage/db.js';

export { withSearchPath };

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

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's fixture directory (global-setup.ts); empty when the global setup did not run. */
    demoFixtureDir: string;
  }
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
  /** Closes the store and deletes its database (SQLite file, PostgreSQL database or schema). */
  dispose(): Promise<void>;
}

export interface TestStoreOptions {
  /**
   * PostgreSQL only: a bare schema created in this store's database and migrated from scratch, instead of a copy
   * of the run's migrated template (for tests of the migration itself beside other schemas).
   */
  readonly migrateBeside?: Store;
}

/**
 * Opens a fresh, migrated store on `dialect`. describeEachDialect uses this; call it directly when a test
 * needs a database of its own (and dispose it).
 *
 * Migrating a schema costs about 0.2 s on SQLite and 1-2 s of PostgreSQL's time (some 150 tables, partitioned
 * tables and indexes), in each of the few hundred suites of a run. Within a vitest run (the global setup's
 * fixture directory present) the migrations therefore run once per dialect into a template (an SQLite file, a
 * PostgreSQL database) and each store is a copy of it: the file copied, or `CREATE DATABASE … TEMPLATE`; then
 * migrateToLatest runs as before and finds nothing to do. Outside a run (no fixture directory) each store is
 * migrated from scratch.
 */
export async function createTestStore(
  dialect: TestDialect,
  options: TestStoreOptions = {},
): Promise<TestStore> {
  const db =
    dialect === 'sqlite'
      ? await createSqliteDatabase()
      : options.migrateBeside
        ? await createPostgresSchema(storeUrl(options.migrateBeside))
        : await createPostgresDatabase();
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

/** The run's fixture directory (global-setup.ts), or null outside a vitest run with that setup. */
export function fixtureDir(): string | null {
  try {
    return inject('demoFixtureDir') || null;
  } catch {
    return null;
  }
}

/** How long a suite waits for another process to finish building a template before it gives up. */
const BUILD_WAIT_MS = 600_000;

/**
 * Builds the template `key` once per run: the process that creates the lock file builds it and writes its
 * description (`key.json`, renamed into place when complete); the others wait for that file.
 */
export async function runTemplate<T>(dir: string, key: string, build: () => Promise<T>): Promise<T> {
  const done = join(dir, `${key}.json`);
  let mine = false;
  try {
    closeSync(openSync(join(dir, `${key}.lock`), 'wx'));
    mine = true;
  } catch {
    // Another process builds it.
  }
  if (mine) {
    const value = await build();
    writeFileSync(`${done}.tmp`, JSON.stringify(value));
    renameSync(`${done}.tmp`, done);
    return value;
  }
  const started = Date.now();
  while (!existsSync(done)) {
    if (Date.now() - started > BUILD_WAIT_MS)
      throw new Error(`test fixture ${key}: the process building it did not finish in ${BUILD_WAIT_MS} ms`);
    await delay(50);
  }
  return JSON.parse(readFileSync(done, 'utf8')) as T;
}

async function createSqliteDatabase(): Promise<TempDatabase> {
  // A directory per database, so that the -wal and -shm files go away with it.
  const dir = mkdtempSync(join(tmpdir(), 'trayecto-test-'));
  const file = join(dir, 'test.db');
  const fixtures = fixtureDir();
  if (fixtures) {
    const t = await runTemplate<{ file: string }>(fixtures, 'sqlite-migrated', async () => {
      const tpl = join(fixtures, 'sqlite-migrated.db');
      const s = openStore({ dialect: 'sqlite', file: tpl });
      try {
        await migrateToLatest(s.db);
      } finally {
        await s.close();
      }
      return { file: tpl };
    });
    // Closed, hence checkpointed: the whole database is in the one file.
    copyFileSync(t.file, file);
  }
  return {
    target: { dialect: 'sqlite', file },
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

function storeUrl(store: Store): string {
  const url = (store.pool?.options as { connectionString?: string } | undefined)?.connectionString;
  if (!url) throw new Error('not a PostgreSQL store');
  return url;
}

/** The schema every store cloned from the run's PostgreSQL template works in (not public, as in production). */
export const TEMPLATE_SCHEMA = 't_suite';
/** The files (one per process) listing the run's disposed PostgreSQL databases, for the global teardown. */
export const PG_DROP_PREFIX = 'pgdrop-';
/** The name of the run's migrated PostgreSQL template database, in its fixture file. */
export const PG_TEMPLATE_KEY = 'pgdb-migrated';

/**
 * A database of its own: a copy of the run's migrated template database (built on first use, dropped by the
 * global teardown), with its schema as search_path. Without a fixture directory, or when the role may not create
 * databases, a schema in the test database migrated from scratch.
 */
async function createPostgresDatabase(): Promise<TempDatabase> {
  const url = pgUrl();
  if (!url) throw new Error(`${PG_URL_VAR} is not set`);
  const fixtures = fixtureDir();
  if (!fixtures) return createPostgresSchema(url);
  const base = databaseOf(url);
  const t = await runTemplate<{ database: string }>(fixtures, PG_TEMPLATE_KEY, async () => {
    const database = `${base}_tpl_${process.pid}_${randomBytes(4).toString('hex')}`;
    try {
      await withAdminClient(url, (c) => c.query(`create database ${database}`));
    } catch (e) {
      // A role without CREATEDB (insufficient_privilege): every suite in a schema of the test database instead.
      if ((e as { code?: string }).code === '42501') return { database: '' };
      throw e;
    }
    const target = withSearchPath(withDatabase(url, database), TEMPLATE_SCHEMA);
    await withAdminClient(target, (c) => c.query(`create schema ${TEMPLATE_SCHEMA}`));
    const s = openStore({ dialect: 'postgres', url: target });
    try {
      await migrateToLatest(s.db);
    } finally {
      await s.close();
    }
    return { database };
  });
  if (!t.database) return createPostgresSchema(url);
  const database = `${base}_t_${process.pid}_${randomBytes(6).toString('hex')}`;
  // WAL_LOG (PostgreSQL 15's default) copies the template block by block without a checkpoint; nobody is
  // connected to the template after it was built, which CREATE DATABASE … TEMPLATE requires.
  await withAdminClient(url, (c) => c.query(`create database ${database} template ${t.database}`));
  return {
    target: { dialect: 'postgres', url: withSearchPath(withDatabase(url, database), TEMPLATE_SCHEMA) },
    // Dropped by the global teardown, not here: DROP DATABASE forces an immediate checkpoint (one per suite,
    // each flushing the other running suites' pages and making their next writes log whole pages).
    drop: () => {
      appendFileSync(join(fixtures, `${PG_DROP_PREFIX}${process.pid}.txt`), `${database}\n`);
      return Promise.resolve();
    },
  };
}

async function createPostgresSchema(url: string): Promise<TempDatabase> {
  // Lower-case letters, digits and _ only: a plain identifier, no quoting needed. pid + 48 random bits keep the
  // parallel worker processes apart.
  const schema = `t_${process.pid}_${randomBytes(6).toString('hex')}`;
  const admin = withDatabase(url, databaseOf(url));
  await withAdminClient(admin, async (c) => {
    await c.query(`create schema ${schema}`);
  });
  return {
    target: { dialect: 'postgres', url: withSearchPath(admin, schema) },
    drop: () =>
      withAdminClient(admin, async (c) => {
        await c.query(`drop schema if exists ${schema} cascade`);
      }),
  };
}

/** The database a postgres:// URL names (the last segment of its path). */
export function databaseOf(url: string): string {
  const q = url.indexOf('?');
  const base = q < 0 ? url : url.slice(0, q);
  const name = decodeURIComponent(base.slice(base.lastIndexOf('/') + 1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name))
    throw new Error(`test database name must be a plain identifier: ${name}`);
  return name;
}

/**
 * The same postgres:// URL naming the database `name` instead, without its search_path option (other options
 * kept). Not parsed with `new URL`, which rejects the host-less form postgres://user@/db?host=/socket/dir.
 */
export function withDatabase(url: string, name: string): string {
  const q = url.indexOf('?');
  const base = q < 0 ? url : url.slice(0, q);
  const params = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
  const options = (params.get('options') ?? '').replace(/-c\s*search_path=\S+/g, '').trim();
  if (options) params.set('options', options);
  else params.delete('options');
  const query = params.toString();
  return `${base.slice(0, base.lastIndexOf('/') + 1)}${name}${query ? `?${query}` : ''}`;
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
