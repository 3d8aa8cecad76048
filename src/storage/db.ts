/**
 * Opens the database for either dialect and runs the migrations. Every other dialect difference lives in
 * dialect.ts (with bulk.ts); everything else uses the same Kysely queries.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  Kysely,
  PostgresDialect,
  SqliteAdapter,
  SqliteDialect,
  sql,
  type CompiledQuery,
  type DatabaseIntrospector,
  type TableMetadata,
} from 'kysely';
import { Migrator, type Migration } from 'kysely/migration';
import pg from 'pg';
import { DEFAULT_SQLITE_BUSY_TIMEOUT_MS, type DatabaseTarget } from '../config.js';
import { AppError } from '../domain/errors.js';
import * as core from './migrations/20261128_0001_core.js';
import * as accounts from './migrations/20261128_0002_accounts.js';
import * as rollups from './migrations/20261128_0003_flow_rollups.js';
import * as published from './migrations/20261128_0004_published.js';
import * as studentStatus from './migrations/20261128_0005_student_status.js';
import * as risk from './migrations/20261128_0006_risk.js';
import * as interventions from './migrations/20261128_0007_interventions.js';
import * as audit from './migrations/20261128_0008_audit.js';
import * as importKeys from './migrations/20261128_0009_import_keys.js';
import * as riskSpeed from './migrations/20261128_0010_risk_speed.js';
import * as reportedCounts from './migrations/20261128_0011_reported_counts.js';
import * as searchCover from './migrations/20261128_0012_search_cover.js';
import * as loginThrottle from './migrations/20261207_0013_login_throttle.js';
import * as importScope from './migrations/20261207_0014_import_scope.js';
import * as analysisResults from './migrations/20261207_0015_analysis_results.js';
import * as dataChanges from './migrations/20261207_0016_data_changes.js';
import * as auditPlaces from './migrations/20261207_0017_audit_places.js';
import * as moduleResultsLean from './migrations/20261207_0018_module_results_lean.js';
import * as campusKeys from './migrations/20261207_0019_campus_keys.js';
import * as yearPartitions from './migrations/20261207_0020_year_partitions.js';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** The raw better-sqlite3 handle, for the bulk-load fast path only. */
  readonly sqlite: SQLite.Database | null;
  /** The pg pool, for the bulk-load path only. */
  readonly pool: pg.Pool | null;
  close(): Promise<void>;
}

// PostgreSQL returns bigint aggregates (count, sum) as strings; our counts fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export interface OpenOptions {
  /**
   * A fresh SQLite file being bulk-loaded, renamed into place only when complete: no journal (a crash leaves
   * only the temporary file, which is discarded), no fsync. Switched to WAL before it is renamed.
   */
  readonly bulkLoad?: boolean;
}

/** Where each open store's database is, so that a worker thread can open its own connection to it. */
const targets = new WeakMap<Kysely<Database>, DatabaseTarget>();

/**
 * The database behind `db` when another connection (a worker thread's) can open the same data: a SQLite file
 * or a PostgreSQL URL; null for an in-memory SQLite database or a Kysely instance not opened by openStore.
 */
export function sharedTarget(db: Kysely<Database>): DatabaseTarget | null {
  const t = targets.get(db);
  return t && !(t.dialect === 'sqlite' && t.file === ':memory:') ? t : null;
}

/** Seconds the API asks a client to wait (Retry-After) after a database_busy answer. */
export const BUSY_RETRY_AFTER_SECONDS = 10;

/**
 * The error of a statement that waited the whole busy timeout for another connection's lock (SQLITE_BUSY,
 * SQLITE_BUSY_SNAPSHOT, SQLITE_LOCKED…), as the application's `unavailable` error, or null for any other error
 * (an AppError database_busy already converted is returned as it is). The statement's transaction was rolled
 * back: nothing of it is written.
 */
export function databaseBusy(e: unknown): AppError | null {
  if (e instanceof AppError) return e.code === 'database_busy' ? e : null;
  const code = e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : '';
  if (!/^SQLITE_(BUSY|LOCKED)(_|$)/.test(code)) return null;
  return new AppError(
    'unavailable',
    'database_busy',
    'La base de datos está ocupada con otra escritura (por ejemplo, una importación desde la línea de comandos); no se guardó nada: intente de nuevo en unos segundos',
  );
}

export function openStore(target: DatabaseTarget, options: OpenOptions = {}): Store {
  const store = open(target, options);
  targets.set(store.db, target);
  if (store.sqlite) handles.set(store.db, { sqlite: store.sqlite, statements: new Map() });
  return store;
}

/**
 * The SQLite connection behind `db` (opened by openStore) and its busy timeout, or null (PostgreSQL, a Kysely
 * instance not opened here): for the writers that must not wait for another process's lock synchronously.
 */
export function sqliteConnectionOf(
  db: Kysely<Database>,
): { readonly sqlite: SQLite.Database; readonly busyTimeoutMs: number } | null {
  const h = handles.get(db);
  const t = targets.get(db);
  if (!h || t?.dialect !== 'sqlite') return null;
  return { sqlite: h.sqlite, busyTimeoutMs: t.busyTimeoutMs ?? DEFAULT_SQLITE_BUSY_TIMEOUT_MS };
}

/** The SQLite handle behind each open store, with its statements prepared to return arrays. */
const handles = new WeakMap<
  Kysely<Database>,
  { readonly sqlite: SQLite.Database; readonly statements: Map<string, SQLite.Statement> }
>();

/**
 * Runs a select and returns each row as an array of its columns in the order selected. The same query on
 * both dialects; on SQLite the rows come from the driver as arrays, which for a few hundred thousand rows
 * costs a fraction of building an object per row (on PostgreSQL, and inside a transaction, the objects'
 * values are taken in order).
 */
export async function selectArrays(
  db: Kysely<Database>,
  query: { compile(): CompiledQuery },
): Promise<unknown[][]> {
  const compiled = query.compile();
  const h = handles.get(db);
  if (!h) return (await db.executeQuery(compiled)).rows.map((r) => Object.values(r as object) as unknown[]);
  let st = h.statements.get(compiled.sql);
  if (!st || st.busy) {
    st = h.sqlite.prepare(compiled.sql).raw(true);
    h.statements.set(compiled.sql, st);
    if (h.statements.size > STATEMENT_CACHE_SIZE)
      h.statements.delete(h.statements.keys().next().value as string);
  }
  return st.all(...compiled.parameters) as unknown[][];
}

function open(target: DatabaseTarget, options: OpenOptions): Store {
  if (target.dialect === 'sqlite') {
    if (target.file !== ':memory:') mkdirSync(dirname(target.file), { recursive: true });
    // Every connection waits for another's write lock (a CLI import, another HTTP worker) instead of failing
    // at once; past the wait, SQLITE_BUSY (databaseBusy below: 503 in the API, exit 6 in the CLI).
    const sqlite = new SQLite(target.file, {
      timeout: target.busyTimeoutMs ?? DEFAULT_SQLITE_BUSY_TIMEOUT_MS,
    });
    sqlite.pragma(options.bulkLoad ? 'journal_mode = OFF' : 'journal_mode = WAL');
    sqlite.pragma(options.bulkLoad ? 'synchronous = OFF' : 'synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('cache_size = -200000');
    // A bulk load builds its indexes after the rows: in memory, the sorter of a 7.8 M-row table would hold it
    // all (≈ 0.9 GB at national scale); in a temporary file it works within cache_size.
    sqlite.pragma(options.bulkLoad ? 'temp_store = FILE' : 'temp_store = MEMORY');
    sqlite.pragma('threads = 2'); // lets CREATE INDEX sort with a helper thread
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    return { db, dialect: 'sqlite', sqlite, pool: null, close: () => db.destroy() };
  }
  const pool = new pg.Pool({ connectionString: target.url, max: 10 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', sqlite: null, pool, close: () => db.destroy() };
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * better-sqlite3 prepares every statement Kysely sends; a server sends the same few hundred texts over and
 * over, so prepared statements are kept by SQL text (least recently used dropped). A statement still busy
 * (being iterated) is never handed out twice: a fresh one is prepared instead.
 */
function withStatementCache(sqlite: SQLite.Database) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (text: string) => {
      let st = cache.get(text);
      if (st && !st.busy) {
        cache.delete(text);
        cache.set(text, st);
        return st;
      }
      st = sqlite.prepare(text);
      cache.set(text, st);
      if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      return st;
    },
  };
}

const MIGRATIONS: Record<string, Migration> = {
  '20261128_0001_core': core,
  '20261128_0002_accounts': accounts,
  '20261128_0003_flow_rollups': rollups,
  '20261128_0004_published': published,
  '20261128_0005_student_status': studentStatus,
  '20261128_0006_risk': risk,
  '20261128_0007_interventions': interventions,
  '20261128_0008_audit': audit,
  '20261128_0009_import_keys': importKeys,
  '20261128_0010_risk_speed': riskSpeed,
  '20261128_0011_reported_counts': reportedCounts,
  '20261128_0012_search_cover': searchCover,
  '20261207_0013_login_throttle': loginThrottle,
  '20261207_0014_import_scope': importScope,
  '20261207_0015_analysis_results': analysisResults,
  '20261207_0016_data_changes': dataChanges,
  '20261207_0017_audit_places': auditPlaces,
  '20261207_0018_module_results_lean': moduleResultsLean,
  '20261207_0019_campus_keys': campusKeys,
  '20261207_0020_year_partitions': yearPartitions,
};

/** PostgreSQL's current schema (the first of search_path), so that several schemas can share one database. */
async function currentSchema(db: Kysely<Database>): Promise<string | undefined> {
  const r = await sql<{ s: string | null }>`select current_schema() as s`.execute(db);
  return r.rows[0]?.s ?? undefined;
}

/**
 * The database as Kysely's migrator should see it on PostgreSQL: the same instance, but its introspection lists
 * the current schema's tables only. Kysely's own introspector reads the tables of *every* schema (with
 * `pg_get_serial_sequence` on each), so when another schema is dropped at that moment (parallel test suites,
 * each in a schema of its own; or any other tenant of the database) the catalog query fails with 'schema "…"
 * does not exist' or 'relation "….audit_places" does not exist'; and bookkeeping tables found in another schema
 * would be taken for ours. The migrator only asks which tables exist.
 */
function scopedToSchema(db: Kysely<Database>, schema: string): Kysely<Database> {
  const getTables = async (): Promise<TableMetadata[]> => {
    const r = await sql<{ name: string }>`select tablename as name from pg_catalog.pg_tables
      where schemaname = ${schema}`.execute(db);
    return r.rows.map((t) => ({ name: t.name, schema, isView: false, isForeign: false, columns: [] }));
  };
  const introspection: DatabaseIntrospector = {
    getSchemas: () => Promise.resolve([{ name: schema }]),
    getTables,
  };
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'introspection') return introspection;
      // Kysely keeps its state in private fields: its methods must run with the real instance as `this`.
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

async function migrator(db: Kysely<Database>): Promise<Migrator> {
  const isSqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const migrationTableSchema = isSqlite ? undefined : await currentSchema(db);
  return new Migrator({
    db: migrationTableSchema ? scopedToSchema(db, migrationTableSchema) : db,
    provider: { getMigrations: () => Promise.resolve(MIGRATIONS) },
    // Features land from parallel branches: a migration added before one already applied still runs.
    allowUnorderedMigrations: true,
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
}

export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const { error, results } = await (await migrator(db)).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(JSON.stringify(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * Migrates up or down to the migration `name` (the ones after it undone): for tests of a migration on data
 * written before it. Returns the migrations run.
 */
export async function migrateTo(db: Kysely<Database>, name: string): Promise<string[]> {
  if (!(name in MIGRATIONS)) throw new Error(`unknown migration ${name}`);
  const { error, results } = await (await migrator(db)).migrateTo(name);
  if (error) throw error instanceof Error ? error : new Error(JSON.stringify(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when the schema exists (the first migration has run) in the current schema. */
export async function isMigrated(db: Kysely<Database>): Promise<boolean> {
  const isSqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  if (isSqlite) return (await db.introspection.getTables()).some((t) => t.name === 'flow_counts');
  // The current schema's catalog only: Kysely's introspection reads every schema, and fails when another one is
  // dropped meanwhile (parallel test suites, each in a schema of its own).
  const r = await sql<{ n: number }>`select count(*)::int as n from pg_catalog.pg_tables
    where schemaname = current_schema() and tablename = 'flow_counts'`.execute(db);
  return Number(r.rows[0]?.n ?? 0) > 0;
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
