/**
 * Bulk loading of generated or imported rows. SQLite: reused prepared multi-row INSERTs on the raw
 * better-sqlite3 handle (synchronous, inside the caller's transaction). PostgreSQL: buffered multi-row INSERTs
 * through Kysely on the caller's transaction, written on flush().
 */
import { sql, type Kysely } from 'kysely';
import type SQLite from 'better-sqlite3';
import type { Store } from './db.js';
import type { Database } from './schema.js';

export type BulkValue = string | number | null;

export interface BulkLoader {
  row(table: string, values: readonly BulkValue[]): void;
  flush(): Promise<void>;
  readonly counts: ReadonlyMap<string, number>;
}

const SQLITE_CHUNK = 64;
const PG_MAX_PARAMS = 60_000;

export function bulkLoader(
  store: Store,
  trx: Kysely<Database>,
  columns: Readonly<Record<string, readonly string[]>>,
): BulkLoader {
  return store.sqlite ? new SqliteLoader(store.sqlite, columns) : new KyselyLoader(trx, columns);
}

abstract class BaseLoader implements BulkLoader {
  readonly counts = new Map<string, number>();
  protected readonly buffers = new Map<string, BulkValue[]>();
  constructor(protected readonly columns: Readonly<Record<string, readonly string[]>>) {}

  protected cols(table: string): readonly string[] {
    const c = this.columns[table];
    if (!c) throw new Error(`bulk load: unknown table ${table}`);
    return c;
  }

  row(table: string, values: readonly BulkValue[]): void {
    const cols = this.cols(table);
    if (values.length !== cols.length)
      throw new Error(`bulk load: ${table} expects ${cols.length} values, got ${values.length}`);
    let buf = this.buffers.get(table);
    if (!buf) this.buffers.set(table, (buf = []));
    for (const v of values) buf.push(v);
    this.counts.set(table, (this.counts.get(table) ?? 0) + 1);
    this.afterRow(table, buf, cols.length);
  }

  protected abstract afterRow(table: string, buf: BulkValue[], width: number): void;
  abstract flush(): Promise<void>;
}

class SqliteLoader extends BaseLoader {
  private readonly statements = new Map<string, SQLite.Statement>();
  constructor(
    private readonly sqlite: SQLite.Database,
    columns: Readonly<Record<string, readonly string[]>>,
  ) {
    super(columns);
  }

  private statement(table: string, rows: number): SQLite.Statement {
    const key = `${table}:${rows}`;
    let st = this.statements.get(key);
    if (!st) {
      const cols = this.cols(table);
      const tuple = `(${cols.map(() => '?').join(',')})`;
      st = this.sqlite.prepare(
        `INSERT INTO ${table} (${cols.join(',')}) VALUES ${Array(rows).fill(tuple).join(',')}`,
      );
      this.statements.set(key, st);
    }
    return st;
  }

  protected afterRow(table: string, buf: BulkValue[], width: number): void {
    if (buf.length >= SQLITE_CHUNK * width) {
      this.statement(table, SQLITE_CHUNK).run(buf);
      buf.length = 0;
    }
  }

  flush(): Promise<void> {
    for (const [table, buf] of this.buffers) {
      const width = this.cols(table).length;
      for (let i = 0; i < buf.length; i += width) this.statement(table, 1).run(buf.slice(i, i + width));
      buf.length = 0;
    }
    return Promise.resolve();
  }
}

class KyselyLoader extends BaseLoader {
  constructor(
    private readonly db: Kysely<Database>,
    columns: Readonly<Record<string, readonly string[]>>,
  ) {
    super(columns);
  }

  protected afterRow(): void {}

  async flush(): Promise<void> {
    for (const [table, buf] of this.buffers) {
      const cols = this.cols(table);
      const perChunk = Math.max(1, Math.floor(PG_MAX_PARAMS / cols.length)) * cols.length;
      for (let i = 0; i < buf.length; i += perChunk) {
        const part = buf.slice(i, i + perChunk);
        const tuples = [];
        for (let j = 0; j < part.length; j += cols.length)
          tuples.push(sql`(${sql.join(part.slice(j, j + cols.length))})`);
        await sql`insert into ${sql.table(table)} (${sql.join(cols.map((c) => sql.ref(c)))}) values ${sql.join(tuples)}`.execute(
          this.db,
        );
      }
      buf.length = 0;
    }
  }
}
