/**
 * Bulk loading of generated or imported rows. SQLite: reused prepared multi-row INSERTs on the raw
 * better-sqlite3 handle (synchronous, inside the caller's transaction). PostgreSQL: rows buffered per table and
 * written on flush() through Kysely on the caller's transaction, as one `INSERT … SELECT FROM unnest(…)` per table
 * and chunk: one array parameter per column (parsed by PostgreSQL's array input, no bind or plan cost per value),
 * each cast to the array of its column's own type (read once per table from the catalog).
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
/** Rows per PostgreSQL statement: bounds the array parameters (a few MB of text each at most). */
const PG_CHUNK_ROWS = 50_000;

export function bulkLoader(
  store: Store,
  trx: Kysely<Database>,
  columns: Readonly<Record<string, readonly string[]>>,
  /** Rows per PostgreSQL statement (tests cross the boundary with a small one). */
  pgChunkRows = PG_CHUNK_ROWS,
): BulkLoader {
  return store.sqlite
    ? new SqliteLoader(store.sqlite, columns)
    : new PostgresLoader(trx, columns, pgChunkRows);
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

class PostgresLoader extends BaseLoader {
  /** Per table, the array type of each loaded column (`integer[]`, `text[]`, …), in column order. */
  private readonly arrayTypes = new Map<string, readonly string[]>();
  constructor(
    private readonly db: Kysely<Database>,
    columns: Readonly<Record<string, readonly string[]>>,
    private readonly chunkRows: number,
  ) {
    super(columns);
  }

  protected afterRow(): void {}

  private async types(table: string, cols: readonly string[]): Promise<readonly string[]> {
    const known = this.arrayTypes.get(table);
    if (known) return known;
    // The table of the current search path, as the INSERT itself resolves it.
    const r = await sql<{ name: string; type: string }>`
      select attname as name, format_type(atttypid, null) as type from pg_attribute
      where attrelid = to_regclass(${table}) and attnum > 0 and not attisdropped`.execute(this.db);
    const byName = new Map(r.rows.map((c) => [c.name, c.type]));
    const types = cols.map((c) => {
      const type = byName.get(c);
      if (!type) throw new Error(`bulk load: ${table} has no column ${c}`);
      return `${type}[]`;
    });
    this.arrayTypes.set(table, types);
    return types;
  }

  async flush(): Promise<void> {
    for (const [table, buf] of this.buffers) {
      if (buf.length === 0) continue;
      const cols = this.cols(table);
      const types = await this.types(table, cols);
      const rows = buf.length / cols.length;
      for (let first = 0; first < rows; first += this.chunkRows) {
        const end = Math.min(rows, first + this.chunkRows);
        const arrays = types.map(
          (type, c) => sql`${arrayLiteral(buf, cols.length, c, first, end)}::${sql.raw(type)}`,
        );
        await sql`insert into ${sql.table(table)} (${sql.join(cols.map((c) => sql.ref(c)))})
          select * from unnest(${sql.join(arrays)})`.execute(this.db);
      }
      buf.length = 0;
    }
  }
}

/**
 * Column `c` of rows `first` to `end` (exclusive) of a flat row buffer as a PostgreSQL array literal: numbers as
 * written, text double-quoted with its quotes and backslashes escaped (so that commas, braces, blanks and the
 * word NULL stay text), null as NULL.
 */
function arrayLiteral(
  buf: readonly BulkValue[],
  width: number,
  c: number,
  first: number,
  end: number,
): string {
  const parts = new Array<string>(end - first);
  for (let r = first; r < end; r++) {
    const v = buf[r * width + c] ?? null;
    parts[r - first] =
      v === null ? 'NULL' : typeof v === 'number' ? String(v) : `"${v.replace(/[\\"]/g, (ch) => `\\${ch}`)}"`;
  }
  return `{${parts.join(',')}}`;
}
