import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { templated } from './query-templates.js';

interface DB {
  t: { id: number; name: string };
}

const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
afterAll(() => db.destroy());

it('compiles a shape once and puts each call’s values in their places', async () => {
  await db.schema.createTable('t').addColumn('id', 'integer').addColumn('name', 'text').execute();
  await db
    .insertInto('t')
    .values([1, 2, 3, 4, 5].map((id) => ({ id, name: `n${id}` })))
    .execute();
  let builds = 0;
  const page = (from: number, limit: number) =>
    templated(db, 'page', [from, limit], (v) => {
      builds++;
      return db
        .selectFrom('t')
        .select(['id', 'name'])
        .where('id', '>=', v[0] as number)
        .orderBy('id')
        .limit(v[1] as number);
    });
  const a = page(2, 2);
  const b = page(4, 5);
  expect(builds).toBe(1);
  expect(a.sql).toBe(b.sql);
  expect((await db.executeQuery(a)).rows).toEqual([
    { id: 2, name: 'n2' },
    { id: 3, name: 'n3' },
  ]);
  expect((await db.executeQuery(b)).rows).toEqual([
    { id: 4, name: 'n4' },
    { id: 5, name: 'n5' },
  ]);
  // Without a key: built with the values every time.
  templated(db, null, [1, 1], () => db.selectFrom('t').select('id').limit(1));
  templated(db, null, [1, 1], () => db.selectFrom('t').select('id').limit(1));
  expect(builds).toBe(1);
});

it('refuses a shape that does not pass a value as a parameter', () => {
  // A literal: Kysely itself refuses to inline the placeholder.
  expect(() =>
    templated(db, 'literal', ['x'], (v) =>
      db
        .selectFrom('t')
        .select('id')
        .where('name', '=', sql.lit(v[0] as string)),
    ),
  ).toThrow(/invalid immediate value/);
  expect(() => templated(db, 'unused', [7], () => db.selectFrom('t').select('id'))).toThrow(
    /values 0 are not plain parameters/,
  );
});
