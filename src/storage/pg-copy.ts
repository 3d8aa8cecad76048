/**
 * PostgreSQL's COPY … FROM STDIN for the record writer (dialect.ts): a batch's new rows in COPY's text format,
 * streamed over the transaction's own connection (pg-copy-streams). COPY parses each value once on the server,
 * with no array literal, no unnest and no planner; constraints are checked as for an INSERT, and a failure
 * aborts the import's transaction like any other statement (all or nothing).
 */
import { CompiledQuery, type Kysely } from 'kysely';
import copyStreams from 'pg-copy-streams';
import type { BulkValue } from './bulk.js';
import type { Database } from './schema.js';

const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * One value in COPY's text format: null as \N; a backslash, tab, newline or carriage return escaped (the
 * column and row separators and the escape character); anything else as written.
 */
export function copyValue(v: BulkValue): string {
  if (v === null) return '\\N';
  const s = typeof v === 'number' ? String(v) : v;
  return SPECIAL.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c] ?? c) : s;
}

/** Rows in COPY's text format: values separated by tabs, each row ended by a newline. */
export function copyText(rows: readonly (readonly BulkValue[])[], width: number): string {
  const lines = new Array<string>(rows.length);
  const cells = new Array<string>(width);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as readonly BulkValue[];
    for (let c = 0; c < width; c++) cells[c] = copyValue(row[c] ?? null);
    lines[r] = cells.join('\t');
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Copies `rows` (each in the order of `columns`) into `table` inside the transaction `trx`. Kysely hands a
 * query's text to pg's client.query(), which takes a submittable (a query object with submit()) in its place:
 * the COPY stream goes through the transaction's connection, in order with its other statements. The stream
 * holds the whole batch (written and ended before it is submitted) and finishes once the server has taken it.
 */
export async function copyRows(
  trx: Kysely<Database>,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly BulkValue[])[],
): Promise<void> {
  if (rows.length === 0) return;
  const stream = copyStreams.from(`COPY ${ident(table)} (${columns.map(ident).join(', ')}) FROM STDIN`);
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  stream.end(copyText(rows, columns.length));
  const query = CompiledQuery.raw('', []);
  await trx.executeQuery({ ...query, sql: stream as unknown as string });
  await done;
}
