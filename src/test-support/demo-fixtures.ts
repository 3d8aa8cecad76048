/**
 * Demo databases generated once per test run and copied into each suite that asks for the same demo, instead of
 * generating it again in every suite (dozens of suites load the same seed and scale, on both dialects).
 *
 * The first suite of a run that asks for a demo (seed, scale, years, scenario) builds it as a template: an SQLite
 * file, or a PostgreSQL schema, through the real loadDemo/generateDemo. Every suite, the first included, then gets
 * a row-for-row copy of the template's tables in its own fresh database (INSERT … SELECT in one transaction,
 * sequences moved past the copied ids, statistics refreshed), which is what loadDemo would have left there.
 * Parallel worker processes agree on who builds through a lock file in the run's fixture directory, created by
 * the global setup (src/test-support/global-setup.ts) and removed with the template schemas at the end of the run.
 *
 * Suites that test generation itself (src/services/operations/generate-demo.test.ts, the crash-safety kills) still generate.
 */
import {
  copyFileSync,
  existsSync,
  openSync,
  closeSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'kysely';
import { inject } from 'vitest';
import {
  generateDemo,
  loadDemo,
  type GenerateDemoOptions,
  type GenerateDemoResult,
} from '../services/operations/index.js';
import { migrateToLatest, type Store } from '../storage/db.js';
import { ensureYearPartitions } from '../storage/partitions.js';
import { createTestStore } from './stores.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's fixture directory (global-setup.ts); empty when the global setup did not run. */
    demoFixtureDir: string;
  }
}

export type DemoOptions = Omit<GenerateDemoOptions, 'target' | 'force'>;

/** Tables the copy leaves alone: the migration bookkeeping (the fresh database has its own) and SQLite's own. */
const NOT_COPIED = /^(kysely_migration|kysely_migration_lock|sqlite_.*)$/;
/** How long a suite waits for another process to finish building a template before it gives up. */
const BUILD_WAIT_MS = 600_000;

function fixtureDir(): string | null {
  try {
    return inject('demoFixtureDir') || null;
  } catch {
    return null;
  }
}

function keyOf(kind: string, options: DemoOptions): string {
  const canonical = JSON.stringify({ kind, ...options }, Object.keys({ kind, ...options }).sort());
  return `${kind}-${createHash('sha256').update(canonical).digest('hex').slice(0, 16)}`;
}

/**
 * Builds the template `key` once per run: the process that creates the lock file builds it and writes its
 * description (`key.json`, renamed into place when complete); the others wait for that file.
 */
async function template<T>(dir: string, key: string, build: () => Promise<T>): Promise<T> {
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
      throw new Error(`demo fixture ${key}: the process building it did not finish in ${BUILD_WAIT_MS} ms`);
    await delay(100);
  }
  return JSON.parse(readFileSync(done, 'utf8')) as T;
}

interface SqliteTemplate {
  readonly file: string;
  readonly result: GenerateDemoResult;
}

interface PostgresTemplate {
  readonly schema: string;
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
  const t = await template<PostgresTemplate>(dir, keyOf('postgres', options), async () => {
    // A test store that is never disposed: the global teardown drops it (its name is in the template file).
    const built = await createTestStore('postgres');
    try {
      const result = await loadDemo(built.store, { ...options, force: false });
      const schema = await currentSchema(built.store);
      return { schema, result };
    } finally {
      await built.store.close();
    }
  });
  await copyPostgres(store, t.schema);
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
  return template<SqliteTemplate>(dir, key, async () => {
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

async function currentSchema(store: Store): Promise<string> {
  const r = await sql<{ s: string }>`select current_schema() as s`.execute(store.db);
  const s = r.rows[0]?.s;
  if (!s || !/^[a-z_][a-z0-9_]*$/.test(s)) throw new Error(`unexpected schema name ${String(s)}`);
  return s;
}

async function copyPostgres(store: Store, from: string): Promise<void> {
  const tables = (
    await sql<{ name: string }>`
      select relname as name from pg_class
      where relnamespace = ${from}::regnamespace and relkind in ('r', 'p') and not relispartition`.execute(
      store.db,
    )
  ).rows
    .map((r) => r.name)
    .filter((n) => !NOT_COPIED.test(n));
  const edges = (
    await sql<{ child: string; parent: string }>`
      select c.relname as child, p.relname as parent
      from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
      where k.contype = 'f' and k.connamespace = ${from}::regnamespace`.execute(store.db)
  ).rows;
  const serials = (
    await sql<{ table: string; column: string }>`
      select table_name as table, column_name as column from information_schema.columns
      where table_schema = current_schema() and column_default like 'nextval(%'`.execute(store.db)
  ).rows;
  const years = await sql<{ id: string }>`select id from ${sql.table(`${from}.school_years`)}`.execute(
    store.db,
  );
  await store.db.transaction().execute(async (trx) => {
    // The template's school years get their partitions (storage/partitions.ts) before the rows are copied.
    await ensureYearPartitions(
      trx,
      years.rows.map((y) => y.id),
    );
    for (const t of parentsFirst(tables, edges))
      await sql`insert into ${sql.table(t)} select * from ${sql.table(`${from}.${t}`)}`.execute(trx);
    for (const s of serials)
      await sql`select setval(pg_get_serial_sequence(${s.table}, ${s.column}),
                  coalesce((select max(${sql.ref(s.column)}) from ${sql.table(s.table)}), 0) + 1, false)`.execute(
        trx,
      );
  });
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
