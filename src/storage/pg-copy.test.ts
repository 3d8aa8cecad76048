/**
 * The record writer's batches on both dialects with the text COPY's format must escape (PostgreSQL writes them
 * with COPY … FROM STDIN, pg-copy.ts): tabs, newlines, carriage returns, backslashes, a literal \N, NULL, empty
 * text; numbers as given; a batch still in flight while the transaction reads; a failing batch leaves nothing.
 */
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/stores.js';
import { tableWriter, type ColumnType } from './import-writes.js';
import { copyText, copyValue } from './pg-copy.js';

/** A table of the test's own: nullable text and numbers beside the key. */
const EDGE_COLUMNS: readonly (readonly [string, ColumnType])[] = [
  ['id', 'int'],
  ['label', 'text'],
  ['note', 'text'],
  ['amount', 'real'],
  ['count', 'int'],
];

/** Text that COPY's text format would split, end or unescape if written as is. */
const EDGES: readonly (string | null)[] = [
  'tab\there',
  'new\nline',
  'carriage\rreturn\r\n',
  'barra \\ invertida \\\\ doble',
  '\\N',
  '\\t no es tabulador',
  'NULL',
  '',
  null,
  'Ñuño "comillas", {llaves}',
  '\t\n\\',
];

it('writes COPY text: \\N for null, separators and the escape character escaped', () => {
  expect(copyValue(null)).toBe('\\N');
  expect(copyValue('')).toBe('');
  expect(copyValue('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
  expect(copyValue('\\N')).toBe('\\\\N');
  expect(copyValue(-0.25)).toBe('-0.25');
  expect(copyText([[1, 'x\ty', null]], 3)).toBe('1\tx\\ty\t\\N\n');
  expect(copyText([], 3)).toBe('');
});

type Row = (string | number | null)[];

describeEachDialect('record writer: text COPY must escape', ({ store }) => {
  beforeAll(async () => {
    await sql`create table copy_edges (id integer primary key, label text not null, note text,
      amount double precision, count integer)`.execute(store().db);
  });

  const write = (rows: readonly Row[]) =>
    store()
      .db.transaction()
      .execute(async (trx) => {
        await tableWriter(store(), trx, 'copy_edges', EDGE_COLUMNS).insert(rows);
      });
  const read = async (from: number, to: number) =>
    (
      await sql<Record<string, string | number | null>>`select id, label, note, amount, count from copy_edges
        where id between ${from} and ${to} order by id`.execute(store().db)
    ).rows.map((r) => EDGE_COLUMNS.map(([c]) => (r[c] === null ? null : r[c])));

  it('keeps every edge value as given, null apart from "NULL", "\\N" and empty text', async () => {
    const rows = EDGES.map((t, i) => [i + 1, t ?? 'sin texto', t, null, null]);
    await write(rows);
    expect(await read(1, 99)).toEqual(rows);
  });

  it('writes numbers as given (decimals, negatives, zero) and nulls of numeric columns', async () => {
    const rows = [
      [101, 'a', '', 19.4321, -7],
      [102, 'b', null, -0.000125, 0],
      [103, 'c', 'x', 0, null],
      [104, 'd', 'y', 1e21, 2147483647],
    ];
    await write(rows);
    expect(await read(101, 199)).toEqual(rows);
  });

  it('runs in order with the statements the transaction issues while a batch is in flight', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => [1000 + i, `fila\t${i}`, `a\tb ${i}`, i / 8, i]);
    const n = await store()
      .db.transaction()
      .execute(async (trx) => {
        // Not awaited (module results write so while the next batch is parsed): the read comes after it.
        const pending = tableWriter(store(), trx, 'copy_edges', EDGE_COLUMNS).insert(rows);
        const r = await sql<{ n: number }>`select count(*) as n from copy_edges where id >= 1000`.execute(
          trx,
        );
        await pending;
        return Number(r.rows[0]?.n);
      });
    expect(n).toBe(3000);
    expect(await read(1000, 3999)).toEqual(rows);
  });

  it('a batch that breaks a key fails the transaction and leaves nothing written', async () => {
    await expect(
      store()
        .db.transaction()
        .execute(async (trx) => {
          const w = tableWriter(store(), trx, 'copy_edges', EDGE_COLUMNS);
          await w.insert([[9001, 'uno', null, null, null]]);
          await w.insert([
            [9002, 'dos', null, null, null],
            [9001, 'uno otra vez', null, null, null],
          ]);
        }),
    ).rejects.toThrow();
    expect(await read(9000, 9999)).toEqual([]);
  });
});
