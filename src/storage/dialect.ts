/**
 * The dialect adapter: every difference between SQLite and PostgreSQL in code, apart from opening the
 * connection (db.ts); the bulk loaders (bulk.ts) and the backup programs (backup-sqlite.ts, backup-postgres.ts)
 * are single-dialect files it hands out. Services and repositories ask the adapter of
 * their store; they never branch on the dialect themselves.
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { sql, SqliteAdapter, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type SQLite from 'better-sqlite3';
import type { DatabaseTarget } from '../config.js';
import { AppError } from '../domain/errors.js';
import type { PgTools, RestoreOptions, RestoreResult, TableRows } from './backup-archive.js';
import { backupPostgres, restorePostgres } from './backup-postgres.js';
import { backupSqlite, restoreSqlite } from './backup-sqlite.js';
import { bulkLoader, type BulkLoader, type BulkValue } from './bulk.js';
import { openStore, type Dialect, type Store } from './db.js';
import { copyRows } from './pg-copy.js';
import type { Database } from './schema.js';
import { removeStaleTemporaries, replaceDatabaseFile } from './sqlite-files.js';

export interface DialectAdapter {
  readonly dialect: Dialect;
  /** Whether the year-keyed fact tables are partitioned by school year (PostgreSQL: storage/partitions.ts). */
  readonly yearPartitions: boolean;
  /**
   * Creates the database at `target` with `fill`, all or nothing: SQLite fills a temporary file (no journal)
   * renamed over the target at the end; PostgreSQL runs `fill` on its store, which writes in one transaction.
   * An existing SQLite file is a conflict unless `force`.
   */
  freshDatabase<T>(target: DatabaseTarget, force: boolean, fill: (store: Store) => Promise<T>): Promise<T>;
  /** Inside a transaction: foreign keys checked at commit, for rows loaded out of dependency order. */
  deferForeignKeys(trx: Kysely<Database>): Promise<void>;
  /** Planner statistics after a bulk load (sampled on SQLite: seconds instead of a scan of every index). */
  analyze(store: Store): Promise<void>;
  /**
   * Empties derived tables that are rewritten whole, inside the caller's transaction. SQLite: DELETE without
   * WHERE (it drops the pages). PostgreSQL: TRUNCATE (new empty files; a DELETE leaves every row dead in the
   * table and its unique index, and each following INSERT of the same key checks them: issue 15, the full
   * flow-count rebuild). TRUNCATE locks the tables until commit: readers wait for the rebuild.
   */
  emptyTables(db: Kysely<Database>, tables: readonly (keyof Database)[]): Promise<void>;
  /** The multi-row loader of `store` inside the transaction `trx` (bulk.ts). */
  bulkLoader(
    store: Store,
    trx: Kysely<Database>,
    columns: Readonly<Record<string, readonly string[]>>,
  ): BulkLoader;
  /**
   * Batched inserts for record imports, inside the caller's transaction. SQLite: reused prepared multi-row
   * INSERTs on the raw handle when there is one (synchronous, same connection as the transaction), else
   * multi-row INSERTs through Kysely. PostgreSQL: one COPY … FROM STDIN per batch on the transaction's
   * connection (pg-copy.ts), text escaped for COPY's text format.
   */
  tableWriter(
    sqlite: SQLite.Database | null,
    trx: Kysely<Database>,
    table: string,
    columns: readonly (readonly [string, ColumnType])[],
  ): TableWriter;
  /**
   * Batched updates by id for record imports, inside the caller's transaction. SQLite: one prepared
   * `UPDATE … WHERE id = ?` per set of columns, run per row on the raw handle when there is one, else through
   * Kysely. PostgreSQL: one `UPDATE … FROM json_populate_recordset(null::table, $1)` per set of columns and
   * batch: one parameter whatever the batch size, each value typed by the table's own columns.
   */
  tableUpdater(sqlite: SQLite.Database | null, trx: Kysely<Database>, table: string): TableUpdater;
  /**
   * `column IN (values)` for batched lookups, one parameter whatever the batch size, so that it plans and binds
   * in constant time: SQLite gets a JSON array (`in (select value from json_each(?))`), PostgreSQL an array
   * literal (`= any('{…}'::type[])`).
   */
  memberOf(column: string, values: readonly (string | number)[], type: ColumnType): RawBuilder<boolean>;
  /**
   * Takes the database's write lock at the start of a transaction that reads before it writes (an import plans
   * from the current rows, then applies the plan). On SQLite a transaction starts as a reader; if another
   * connection commits meanwhile (the server recording an audit row), upgrading to a writer fails at once with
   * SQLITE_BUSY ("database is locked"), without waiting. A no-op write first has the effect of BEGIN IMMEDIATE:
   * the transaction waits for the lock (busy timeout) up front and then cannot fail that way.
   * PostgreSQL's row locks need nothing of the kind.
   */
  takeWriteLock(trx: Transaction<Database>): Promise<void>;
  /**
   * The base tables of the current schema (SQLite: the main database), by name; a partitioned table once, its
   * partitions (storage/partitions.ts) not listed.
   */
  tableNames<DB>(db: Kysely<DB>): Promise<string[]>;
  /** The SQLite file `target` names when it does not exist yet (a first import creates it); else null. */
  missingFile(target: DatabaseTarget): string | null;
  /** Where the database is, for messages: the SQLite file, or "PostgreSQL" (a URL may hold a password). */
  placeOf(target: DatabaseTarget): string;
  /** The DATABASE_URL that names `target` again (for the server's worker processes). */
  urlOf(target: DatabaseTarget): string;
  /**
   * Writes a checked backup of `target` to the new file `tmp` (the caller renames it into place): SQLite's
   * online backup (backup-sqlite.ts), or pg_dump of the current schema (backup-postgres.ts). Returns its tables.
   */
  backup(target: DatabaseTarget, tmp: string, tools: PgTools): Promise<TableRows[]>;
  /**
   * Restores the backup `file` over `target`, all or nothing, after checking that it is a backup of this
   * dialect and this build's schema (backup-verify.ts); a database with data is replaced only with `force`.
   */
  restore(target: DatabaseTarget, file: string, options: RestoreOptions): Promise<RestoreResult>;
}

export type ColumnType = 'int' | 'real' | 'text';

export interface TableWriter {
  /** Inserts rows (each in column order). */
  insert(rows: readonly (readonly BulkValue[])[]): Promise<void>;
}

export interface TableUpdater {
  /** Sets `columns` of rows by id: each row is its id, then the values in the order of `columns`. */
  update(columns: readonly string[], rows: readonly (readonly BulkValue[])[]): Promise<void>;
}

/** The dialect of a Kysely handle (one not opened by openStore, such as the API's). */
export function dialectOf<DB>(db: Kysely<DB>): Dialect {
  return db.getExecutor().adapter instanceof SqliteAdapter ? 'sqlite' : 'postgres';
}

const sqliteAdapter: DialectAdapter = {
  dialect: 'sqlite',
  yearPartitions: false,
  async freshDatabase(target, force, fill) {
    if (target.dialect !== 'sqlite') throw new Error('sqlite adapter: not a SQLite target');
    if (existsSync(target.file) && !force)
      throw new AppError(
        'conflict',
        'database_exists',
        `La base de datos ${target.file} ya existe; use --force para reemplazarla`,
      );
    // Temporary files of generations that were killed: never complete, never used.
    removeStaleTemporaries(target.file, '.tmp-');
    const tmp = `${target.file}.tmp-${process.pid}`;
    rmSync(tmp, { force: true });
    const store = openStore({ dialect: 'sqlite', file: tmp }, { bulkLoad: true });
    try {
      const result = await fill(store);
      store.sqlite?.pragma('journal_mode = WAL');
      await store.close();
      // The old database stays whole until the rename replaces it (no moment without a database).
      replaceDatabaseFile(tmp, target.file, false);
      return result;
    } catch (e) {
      await store.close();
      rmSync(tmp, { force: true });
      throw e;
    }
  },
  async deferForeignKeys(trx) {
    await sql`pragma defer_foreign_keys = on`.execute(trx);
  },
  async analyze(store) {
    if (store.sqlite) store.sqlite.exec('PRAGMA analysis_limit = 1000; ANALYZE');
    else await sql`analyze`.execute(store.db);
  },
  async emptyTables(db, tables) {
    for (const table of tables) await db.deleteFrom(table).execute();
  },
  bulkLoader,
  tableWriter(sqlite, trx, table, columns) {
    const names = columns.map(([c]) => c);
    if (sqlite) return sqliteWriter(sqlite, table, names);
    return kyselyWriter(trx, table, names);
  },
  tableUpdater(sqlite, trx, table) {
    return sqlite ? sqliteUpdater(sqlite, table) : kyselyUpdater(trx, table);
  },
  memberOf(column, values) {
    if (values.length === 0) return sql<boolean>`1 = 0`;
    // One JSON parameter: the statement's text is the same whatever the count (prepared once, cached), and
    // SQLite still searches the column's index once per value (the list is a LIST SUBQUERY).
    return sql<boolean>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(values)}))`;
  },
  async takeWriteLock(trx) {
    await sql`update dataset_meta set key = key where 0`.execute(trx);
  },
  async tableNames(db) {
    const r = await sql<{ name: string }>`
      select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(
      db,
    );
    return r.rows.map((t) => t.name);
  },
  missingFile(target) {
    return target.dialect === 'sqlite' && !existsSync(target.file) ? target.file : null;
  },
  placeOf: (target) => (target.dialect === 'sqlite' ? target.file : 'PostgreSQL'),
  urlOf: (target) => (target.dialect === 'sqlite' ? target.file : target.url),
  backup(target, tmp) {
    if (target.dialect !== 'sqlite') throw new Error('sqlite adapter: not a SQLite target');
    return backupSqlite(target.file, tmp);
  },
  restore(target, file, options) {
    if (target.dialect !== 'sqlite') throw new Error('sqlite adapter: not a SQLite target');
    return restoreSqlite(file, target.file, options.force);
  },
};

const postgresAdapter: DialectAdapter = {
  dialect: 'postgres',
  yearPartitions: true,
  async freshDatabase(target, _force, fill) {
    const store = openStore(target);
    try {
      return await fill(store);
    } finally {
      await store.close();
    }
  },
  // PostgreSQL checks each multi-row INSERT as it runs; its loads flush parents before children.
  deferForeignKeys: () => Promise.resolve(),
  async emptyTables(db, tables) {
    if (tables.length > 0) await sql`truncate table ${sql.join(tables.map((t) => sql.table(t)))}`.execute(db);
  },
  async analyze(store) {
    // The current schema's tables only: a bare ANALYZE samples every table of every schema in the database
    // (the test database holds one schema per suite: most of the time of a small demo went there).
    const tables = await postgresAdapter.tableNames(store.db);
    if (tables.length > 0) await sql`analyze ${sql.join(tables.map((t) => sql.table(t)))}`.execute(store.db);
  },
  bulkLoader,
  tableWriter(_sqlite, trx, table, columns) {
    const names = columns.map(([c]) => c);
    // COPY … FROM STDIN on the transaction's connection (pg-copy.ts): each value parsed once by the server.
    return { insert: (rows) => copyRows(trx, table, names, rows) };
  },
  tableUpdater(_sqlite, trx, table) {
    return {
      async update(columns, rows) {
        if (rows.length === 0 || columns.length === 0) return;
        // JSON carries text, numbers and nulls as given; the table's row type gives each column its own type.
        const records = rows.map((r) => {
          const o: Record<string, BulkValue> = { id: r[0] ?? null };
          for (let i = 0; i < columns.length; i++) o[columns[i] as string] = r[i + 1] ?? null;
          return o;
        });
        await sql`update ${sql.table(table)} as t
          set ${sql.join(columns.map((c) => sql`${sql.ref(c)} = ${sql.ref(`x.${c}`)}`))}
          from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(records)}::json) as x
          where t.id = x.id`.execute(trx);
      },
    };
  },
  memberOf(column, values, type) {
    if (values.length === 0) return sql<boolean>`1 = 0`;
    const literal = arrayLiteral(
      values.map((v) => [v]),
      0,
      type,
    );
    return sql<boolean>`${sql.ref(column)} = any(${literal}::${sql.raw(PG_TYPES[type])})`;
  },
  takeWriteLock: () => Promise.resolve(),
  async tableNames(db) {
    const r = await sql<{ name: string }>`
    select c.relname as name from pg_class c
    where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p') and not c.relispartition
    order by c.relname`.execute(db);
    return r.rows.map((t) => t.name);
  },
  missingFile: () => null,
  placeOf: () => 'PostgreSQL',
  urlOf: (target) => (target.dialect === 'postgres' ? target.url : target.file),
  backup(target, tmp, tools) {
    if (target.dialect !== 'postgres') throw new Error('postgres adapter: not a PostgreSQL target');
    return backupPostgres(target.url, tmp, tools);
  },
  restore(target, file, options) {
    if (target.dialect !== 'postgres') throw new Error('postgres adapter: not a PostgreSQL target');
    return restorePostgres(file, target.url, options);
  },
};

export function dialectAdapter(dialect: Dialect): DialectAdapter {
  return dialect === 'sqlite' ? sqliteAdapter : postgresAdapter;
}

/**
 * Rows per prepared multi-row INSERT of the record writer (measured on 227,038 module results with their unique
 * index, CPU ms: 1 row 542, 16 rows 397, 64 rows 352, 128 rows 335, 512 rows 352).
 */
const SQLITE_CHUNK = 128;
const PG_TYPES: Record<ColumnType, string> = { int: 'int4[]', real: 'float8[]', text: 'text[]' };

/** A PostgreSQL array literal of column `i` of `rows`: numbers as written, text quoted, null as NULL. */
function arrayLiteral(rows: readonly (readonly BulkValue[])[], i: number, type: ColumnType): string {
  const parts = new Array<string>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const v = rows[r]?.[i] ?? null;
    if (v === null) parts[r] = 'NULL';
    else if (type === 'text') parts[r] = `"${String(v).replace(/[\\"]/g, (c) => `\\${c}`)}"`;
    else parts[r] = String(v);
  }
  return `{${parts.join(',')}}`;
}

/** SQLite without the raw handle: multi-row INSERTs through Kysely (at most 999 parameters each). */
function kyselyWriter(trx: Kysely<Database>, table: string, names: readonly string[]): TableWriter {
  const per = Math.max(1, Math.floor(999 / names.length));
  return {
    async insert(rows) {
      for (let i = 0; i < rows.length; i += per) {
        const tuples = rows.slice(i, i + per).map((r) => sql`(${sql.join([...r])})`);
        await sql`insert into ${sql.table(table)} (${sql.join(names.map((c) => sql.ref(c)))}) values ${sql.join(tuples)}`.execute(
          trx,
        );
      }
    },
  };
}

/** SQLite without the raw handle: one UPDATE per row through Kysely. */
function kyselyUpdater(trx: Kysely<Database>, table: string): TableUpdater {
  return {
    async update(columns, rows) {
      for (const r of rows)
        await sql`update ${sql.table(table)} set ${sql.join(
          columns.map((c, i) => sql`${sql.ref(c)} = ${r[i + 1] ?? null}`),
        )} where id = ${r[0] ?? null}`.execute(trx);
    },
  };
}

/** SQLite on the raw handle: one prepared UPDATE per set of columns, run per row (synchronous). */
function sqliteUpdater(sqlite: SQLite.Database, table: string): TableUpdater {
  const statements = new Map<string, SQLite.Statement>();
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  return {
    update(columns, rows) {
      const key = columns.join(',');
      let st = statements.get(key);
      if (!st) {
        const set = columns.map((c) => `${quote(c)} = ?`).join(', ');
        st = sqlite.prepare(`UPDATE ${quote(table)} SET ${set} WHERE id = ?`);
        statements.set(key, st);
      }
      for (const r of rows) st.run(...r.slice(1), r[0]);
      return Promise.resolve();
    },
  };
}

function sqliteWriter(sqlite: SQLite.Database, table: string, names: readonly string[]): TableWriter {
  const tuple = `(${names.map(() => '?').join(',')})`;
  const prepare = (n: number) =>
    sqlite.prepare(`INSERT INTO ${table} (${names.join(',')}) VALUES ${Array(n).fill(tuple).join(',')}`);
  const many = prepare(SQLITE_CHUNK);
  const one = prepare(1);
  const width = names.length;
  // One parameter array for every chunk, filled by index (no iterator, no growth).
  const buf = new Array<BulkValue>(SQLITE_CHUNK * width).fill(null);
  return {
    insert(rows) {
      let i = 0;
      for (; i + SQLITE_CHUNK <= rows.length; i += SQLITE_CHUNK) {
        let k = 0;
        for (let j = i; j < i + SQLITE_CHUNK; j++) {
          const r = rows[j] as readonly BulkValue[];
          for (let c = 0; c < width; c++) buf[k++] = r[c] ?? null;
        }
        many.run(buf);
      }
      for (; i < rows.length; i++) one.run(rows[i]);
      return Promise.resolve();
    },
  };
}

/**
 * One connection kept between the tasks of a worker thread (its page cache warm), reopened when a task names
 * another database or when the SQLite file at the path has been replaced (a restore, a regenerated demo: the
 * file's inode changes).
 */
export class KeptStore {
  private open: { readonly key: string; readonly store: Store; readonly inode: number | null } | null = null;

  async get(target: DatabaseTarget): Promise<Store> {
    const key = JSON.stringify(target);
    const inode = target.dialect === 'sqlite' ? statSync(target.file).ino : null;
    if (this.open && this.open.key === key && this.open.inode === inode) return this.open.store;
    await this.close();
    this.open = { key, store: openStore(target), inode };
    return this.open.store;
  }

  async close(): Promise<void> {
    const open = this.open;
    this.open = null;
    await open?.store.close();
  }
}
