/**
 * The dialect adapter: every difference between SQLite and PostgreSQL in code, apart from opening the
 * connection (db.ts) and the bulk loaders it hands out (bulk.ts). Services ask the adapter of their store;
 * they never branch on the dialect themselves.
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import type { DatabaseTarget } from '../config.js';
import { AppError } from '../domain/errors.js';
import { bulkLoader, type BulkLoader } from './bulk.js';
import { openStore, type Dialect, type Store } from './db.js';
import type { Database } from './schema.js';
import { removeStaleTemporaries, replaceDatabaseFile } from './sqlite-files.js';

export interface DialectAdapter {
  readonly dialect: Dialect;
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
  /** The multi-row loader of `store` inside the transaction `trx` (bulk.ts). */
  bulkLoader(
    store: Store,
    trx: Kysely<Database>,
    columns: Readonly<Record<string, readonly string[]>>,
  ): BulkLoader;
}

const sqliteAdapter: DialectAdapter = {
  dialect: 'sqlite',
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
  bulkLoader,
};

const postgresAdapter: DialectAdapter = {
  dialect: 'postgres',
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
  async analyze(store) {
    await sql`analyze`.execute(store.db);
  },
  bulkLoader,
};

export function dialectAdapter(dialect: Dialect): DialectAdapter {
  return dialect === 'sqlite' ? sqliteAdapter : postgresAdapter;
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
