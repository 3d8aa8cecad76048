/**
 * What the dialect adapter gives record imports, on both dialects: batched inserts (the raw SQLite handle, Kysely
 * on SQLite, unnest arrays on PostgreSQL) that keep text with quotes, backslashes and commas, nulls and decimals
 * as given; batched membership tests; the footprint an import leaves; the write lock; the table list; the file
 * a first import creates.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/stores.js';
import { tableChecksums, tableNames } from './checksums.js';
import { dialectAdapter, dialectOf } from './dialect.js';
import { importTargetOf, memberOf, newFootprint, tableWriter, type ColumnType } from './import-writes.js';
import { takeWriteLock } from './write-lock.js';

const STATES: readonly (readonly [string, ColumnType])[] = [
  ['id', 'int'],
  ['code', 'text'],
  ['name', 'text'],
  ['short_name', 'text'],
];
const CAMPUSES: readonly (readonly [string, ColumnType])[] = [
  ['id', 'int'],
  ['cct', 'text'],
  ['campus_number', 'int'],
  ['name', 'text'],
  ['state_id', 'int'],
  ['reporting_unit', 'text'],
  ['latitude', 'real'],
  ['longitude', 'real'],
  ['address', 'text'],
  ['active', 'int'],
];
const FLOW: readonly (readonly [string, ColumnType])[] = [
  ['school_year', 'text'],
  ['campus_id', 'int'],
  ['program_id', 'int'],
  ['sex', 'text'],
  ['semester', 'int'],
  ...(['mt', 'ni1', 'ex', 'ap', 'reg', 'eg'] as const).map((c) => [c, 'int'] as const),
];
/** Text a hand-built array literal or statement could break: quotes, backslashes, braces, commas, NULL. */
const AWKWARD = ['Dos "comillas"', 'barra \\ invertida', '{llaves, comas}', 'NULL', "O'Higgins", 'Ñuño'];

/** 150 states (more than one SQLite chunk of 64, a remainder of 22), with awkward names. */
const stateRows = Array.from({ length: 150 }, (_, i) => [
  i + 1,
  String(i + 1).padStart(3, '0'),
  `${AWKWARD[i % AWKWARD.length]} ${i + 1}`,
  `E${i + 1}`,
]);

describeEachDialect('dialect adapter: what imports write through', ({ store, dialect }) => {
  it('tells the dialect of a bare Kysely handle and names its tables', async () => {
    expect(dialectOf(store().db)).toBe(dialect);
    expect(importTargetOf(store().db)).toMatchObject({ dialect, sqlite: null });
    const names = await tableNames(store().db);
    expect(names).toContain('enrollments');
    expect(names).toContain('audit_log');
    expect(names.some((n) => n.startsWith('sqlite_'))).toBe(false);
    expect([...names].sort()).toEqual(names);
  });

  it('inserts batches on the raw handle and through Kysely alike, text and numbers as given', async () => {
    const s = store();
    const footprint = newFootprint();
    await s.db.transaction().execute(async (trx) => {
      // The store's own target (raw SQLite handle when there is one), with a footprint.
      await tableWriter({ ...s, footprint }, trx, 'states', STATES).insert(stateRows.slice(0, 100));
      // A bare Kysely target (the API's), then an empty batch.
      const bare = importTargetOf(s.db);
      await tableWriter(bare, trx, 'states', STATES).insert(stateRows.slice(100));
      await tableWriter(bare, trx, 'states', STATES).insert([]);
      await tableWriter({ ...s, footprint }, trx, 'campuses', CAMPUSES).insert([
        [7, '09DPT0007X', 7, 'Plantel "7"', 3, 'CDMX', 19.4321, -99.1332, 'Calle \\ 1, {A}', 1],
        [8, '09DPT0008X', 8, 'Plantel 8', 3, 'CDMX', 0.1, -0.25, '', 0],
      ]);
    });
    const states = await s.db.selectFrom('states').selectAll().orderBy('id').execute();
    expect(states.map((r) => [r.id, r.code, r.name, r.short_name])).toEqual(stateRows);
    const campuses = await s.db
      .selectFrom('campuses')
      .select(['id', 'name', 'latitude', 'longitude', 'address', 'active'])
      .orderBy('id')
      .execute();
    expect(campuses).toEqual([
      {
        id: 7,
        name: 'Plantel "7"',
        latitude: 19.4321,
        longitude: -99.1332,
        address: 'Calle \\ 1, {A}',
        active: 1,
      },
      { id: 8, name: 'Plantel 8', latitude: 0.1, longitude: -0.25, address: '', active: 0 },
    ]);
    // Neither table has a student, campus or school-year column: nothing noted yet.
    expect(footprint).toEqual(newFootprint());
    const counts = (year: string, campus: number, sem: number) => [
      year,
      campus,
      1,
      'M',
      sem,
      5,
      1,
      0,
      4,
      0,
      0,
    ];
    await s.db.transaction().execute(async (trx) => {
      await tableWriter({ ...s, footprint }, trx, 'flow_counts', FLOW).insert([
        counts('2023-2024', 7, 1),
        counts('2023-2024', 7, 3),
        counts('2024-2025', 8, 1),
        counts('2023-2024', 8, 5),
      ]);
    });
    expect([...footprint.campuses].sort()).toEqual([7, 8]);
    expect([...footprint.years].sort()).toEqual(['2023-2024', '2024-2025']);
    expect(footprint.students.size).toBe(0);
    expect(
      await s.db
        .selectFrom('flow_counts')
        .select((e) => e.fn.sum<number>('mt').as('mt'))
        .executeTakeFirst(),
    ).toEqual({ mt: 20 });
  });

  it('a batch inside a failed transaction leaves nothing', async () => {
    const s = store();
    const before = await tableChecksums(s.db);
    await expect(
      s.db.transaction().execute(async (trx) => {
        await tableWriter(s, trx, 'states', STATES).insert([[500, '500', 'Nuevo', 'N']]);
        // The same key again: the transaction fails and rolls the first batch back.
        await tableWriter(s, trx, 'states', STATES).insert([[500, '500', 'Nuevo', 'N']]);
      }),
    ).rejects.toThrow();
    expect(await tableChecksums(s.db)).toEqual(before);
  });

  it('finds members by number and by awkward text, and nothing for an empty list', async () => {
    const db = store().db;
    const ids = async (cond: ReturnType<typeof memberOf>) =>
      (await db.selectFrom('states').select('id').where(cond).orderBy('id').execute()).map((r) => r.id);
    const target = importTargetOf(db);
    expect(await ids(memberOf(target, 'id', [3, 1, 149, 999], 'int'))).toEqual([1, 3, 149]);
    const names = [stateRows[0]?.[2], stateRows[1]?.[2], stateRows[2]?.[2], 'nadie'] as string[];
    expect(await ids(memberOf(target, 'name', names, 'text'))).toEqual([1, 2, 3]);
    expect(await ids(memberOf(target, 'id', [], 'int'))).toEqual([]);
    // A decimal that float4 and float8 hold exactly (campuses.longitude is `real` on PostgreSQL).
    const where = db
      .selectFrom('campuses')
      .select('id')
      .where(memberOf(target, 'longitude', [-0.25, 5.5], 'real'));
    expect((await where.execute()).map((r) => r.id)).toEqual([8]);
  });

  it('takes the write lock inside a transaction and still writes', async () => {
    const db = store().db;
    await db.transaction().execute(async (trx) => {
      await takeWriteLock(trx);
      await trx.insertInto('dataset_meta').values({ key: 'bloqueo', value: '1' }).execute();
    });
    const row = await db
      .selectFrom('dataset_meta')
      .select('value')
      .where('key', '=', 'bloqueo')
      .executeTakeFirst();
    expect(row?.value).toBe('1');
  });

  it('names the SQLite file a first import creates (none for PostgreSQL or an existing file), where and which URL', () => {
    const adapter = dialectAdapter(dialect);
    const missing = join('/nonexistent-dir', `t-${process.pid}.db`);
    expect(existsSync(missing)).toBe(false);
    if (dialect === 'sqlite') {
      expect(adapter.missingFile({ dialect: 'sqlite', file: missing })).toBe(missing);
      expect(adapter.missingFile({ dialect: 'sqlite', file: store().sqlite?.name ?? '' })).toBeNull();
      expect(adapter.placeOf({ dialect: 'sqlite', file: missing })).toBe(missing);
      expect(adapter.urlOf({ dialect: 'sqlite', file: missing })).toBe(missing);
    } else {
      const target = { dialect: 'postgres', url: 'postgres://u:secreto@h/y' } as const;
      expect(adapter.missingFile(target)).toBeNull();
      // Messages never show the URL (it may hold a password); the worker processes get it whole.
      expect(adapter.placeOf(target)).toBe('PostgreSQL');
      expect(adapter.urlOf(target)).toBe(target.url);
    }
  });
});
