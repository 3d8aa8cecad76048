/**
 * Demo databases generated once per test run and copied into each suite that asks for the same demo, instead of
 * generating it again in every suite (dozens of suites load the same seed and scale, on both dialects).
 *
 * The first suite of a run that asks for a demo (seed, scale, years, scenario) builds it as a template: an SQLite
 * file, or a PostgreSQL database (a test store of its own), through the real loadDemo/generateDemo. Every suite,
 * the first included, then gets a row-for-row copy of the template's tables in its own fresh database (SQLite:
 * INSERT … SELECT from the attached template; PostgreSQL: each table streamed with binary COPY from the
 * template's database; in one transaction, sequences moved past the copied ids, statistics refreshed), which is
 * what loadDemo would have left there. Parallel worker processes agree on who builds through a lock file in the
 * run's fixture directory, created by the global setup (src/test-support/global-setup.ts) and removed with the
 * template databases at the end of the run.
 *
 * Suites that test generation itself (src/services/operations/generate-demo.test.ts, the crash-safety kills) still generate.
 */
import { copyFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import {
  generateDemo,
  loadDemo,
  type GenerateDemoOptions,
  type GenerateDemoResult,
} from '../services/operations/index.js';
import { migrateToLatest, type Store } from '../storage/db.js';
import { ensureYearPartitions } from '../storage/partitions.js';
import {
  createTestStore,
  databaseOf,
  fixtureDir,
  runTemplate,
  TEMPLATE_SCHEMA,
  withDatabase,
  withSearchPath,
} from './stores.js';

export type DemoOptions = Omit<GenerateDemoOptions, 'target' | 'force'>;

/** Tables the copy leaves alone: the migration bookkeeping (the fresh database has its own) and SQLite's own. */
const NOT_COPIED = /^(kysely_migration|kysely_migration_lock|sqlite_.*)$/;

function keyOf(kind: string, options: DemoOptions): string {
  const canonical = JSON.stringify({ kind, ...options }, Object.keys({ kind, ...options }).sort());
  return `${kind}-${createHash('sha256').update(canonical).digest('hex').slice(0, 16)}`;
}

interface SqliteTemplate {
  readonly file: string;
  readonly result: GenerateDemoResult;
}

interface PostgresTemplate {
  /** The template's database (a test store's: its schema is TEMPLATE_SCHEMA). */
  readonly database: string;
  readonly result: GenerateDemoResult;
}

/**
 * What `loadDemo(store, { ...options, force: false })` does to a fresh, migrated test store, by copying the run's
 * template of that demo (built on first use). Without a fixture directory (the global setup did not run) it
 * generates.
 */
export async function loadDemoFixture(store: Store, options: DemoOptions): Promise<GenerateDemoResult> {
  const dir = fixtureDir();
  if (!dir) return loadDemo(store, { ...options, force: false });
  await migrateToLatest(store.db);
  if (store.sqlite) {
    const t = await sqliteTemplate(dir, options);
    copySqlite(store, t.file);
    return t.result;
  }
  const t = await runTemplate<PostgresTemplate>(dir, keyOf('postgres', options), async () => {
    // A test store that is never disposed: the global teardown drops it (its name is in the template file).
    const built = await createTestStore('postgres');
    try {
      const result = await loadDemo(built.store, { ...options, force: false });
      return { database: databaseOf(storeUrlOf(built.store)), result };
    } finally {
      await built.store.close();
    }
  });
  await copyPostgres(store, withSearchPath(withDatabase(storeUrlOf(store), t.database), TEMPLATE_SCHEMA));
  return t.result;
}

/** What `trayecto generate --scale <scale> --seed <seed> --db <file>` writes, copied from the run's template. */
export async function generateDemoFileFixture(file: string, options: DemoOptions): Promise<boolean> {
  const dir = fixtureDir();
  if (!dir) return false;
  copyFileSync((await sqliteTemplate(dir, options)).file, file);
  return true;
}

/** The template as an SQLite file written by generateDemo (the CLI's `generate`). */
function sqliteTemplate(dir: string, options: DemoOptions): Promise<SqliteTemplate> {
  const key = keyOf('sqlite', options);
  return runTemplate<SqliteTemplate>(dir, key, async () => {
    const file = join(dir, `${key}.db`);
    const result = await generateDemo({ ...options, target: { dialect: 'sqlite', file }, force: false });
    return { file, result };
  });
}

function copySqlite(store: Store, file: string): void {
  const db = store.sqlite;
  if (!db) throw new Error('copySqlite: not an SQLite store');
  db.prepare('ATTACH DATABASE ? AS tpl').run(file);
  try {
    const tables = (
      db.prepare(`SELECT name FROM tpl.sqlite_master WHERE type = 'table' ORDER BY name`).all() as {
        name: string;
      }[]
    )
      .map((r) => r.name)
      .filter((n) => !NOT_COPIED.test(n));
    // The template satisfies its foreign keys; checked once after the copy rather than row by row (SQLite's
    // deferred-constraint counter miscounts on INSERT … SELECT across attached databases).
    db.pragma('foreign_keys = off');
    db.transaction(() => {
      for (const t of tables) db.exec(`INSERT INTO main."${t}" SELECT * FROM tpl."${t}"`);
      const broken = db.pragma('main.foreign_key_check') as unknown[];
      if (broken.length > 0) throw new Error(`demo fixture copy: ${broken.length} foreign key violations`);
    })();
  } finally {
    db.pragma('foreign_keys = on');
    db.exec('DETACH DATABASE tpl');
  }
  db.exec('PRAGMA analysis_limit = 1000; ANALYZE');
}

function storeUrlOf(store: Store): string {
  const url = (store.pool?.options as { connectionString?: string } | undefined)?.connectionString;
  if (!url) throw new Error('not a PostgreSQL store');
  return url;
}

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * Copies the template database's tables (at `fromUrl`) into the store's, row for row: each table streamed with
 * COPY … (FORMAT binary) from one connection to the other (both databases come from the same migrated template,
 * hence the same columns in the same order), all in one transaction of the store's; then the sequences moved
 * past the copied ids and the statistics refreshed, as loadDemo leaves them.
 */
async function copyPostgres(store: Store, fromUrl: string): Promise<void> {
  const pool = store.pool;
  if (!pool) throw new Error('copyPostgres: not a PostgreSQL store');
  const src = new pg.Client({ connectionString: fromUrl });
  await src.connect();
  try {
    const tables = (
      await src.query<{ name: string }>(`select relname as name from pg_class
        where relnamespace = current_schema()::regnamespace and relkind in ('r', 'p') and not relispartition`)
    ).rows
      .map((r) => r.name)
      .filter((n) => !NOT_COPIED.test(n));
    const edges = (
      await src.query<{ child: string; parent: string }>(`
        select c.relname as child, p.relname as parent
        from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
        where k.contype = 'f' and k.connamespace = current_schema()::regnamespace`)
    ).rows;
    const years = (await src.query<{ id: string }>('select id from school_years')).rows.map((y) => y.id);
    const serials = (
      await sql<{ table: string; column: string }>`
        select table_name as table, column_name as column from information_schema.columns
        where table_schema = current_schema() and column_default like 'nextval(%'`.execute(store.db)
    ).rows;
    // The template's school years get their partitions (storage/partitions.ts) before the rows are copied.
    await ensureYearPartitions(store.db, years);
    const dst = await pool.connect();
    try {
      await dst.query('begin');
      for (const t of parentsFirst(tables, edges)) {
        // The query form: COPY … TO does not take a partitioned table's name.
        const out = src.query(copyStreams.to(`copy (select * from ${ident(t)}) to stdout (format binary)`));
        const into = dst.query(copyStreams.from(`copy ${ident(t)} from stdin (format binary)`));
        await pipeline(out, into);
      }
      for (const s of serials)
        await dst.query(
          `select setval(pg_get_serial_sequence($1, $2),
             coalesce((select max(${ident(s.column)}) from ${ident(s.table)}), 0) + 1, false)`,
          [s.table, s.column],
        );
      await dst.query('commit');
    } catch (e) {
      await dst.query('rollback').catch(() => undefined);
      throw e;
    } finally {
      dst.release();
    }
  } finally {
    await src.end();
  }
  await sql`analyze`.execute(store.db);
}

/** Tables ordered so that every table comes after the tables its foreign keys point to. */
function parentsFirst(
  tables: readonly string[],
  edges: readonly { child: string; parent: string }[],
): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (t: string, path: readonly string[]): void => {
    if (seen.has(t)) return;
    if (path.includes(t)) throw new Error(`foreign key cycle through ${[...path, t].join(' → ')}`);
    for (const e of edges) if (e.child === t && e.parent !== t) visit(e.parent, [...path, t]);
    seen.add(t);
    out.push(t);
  };
  for (const t of [...tables].sort()) visit(t, []);
  return out;
}
