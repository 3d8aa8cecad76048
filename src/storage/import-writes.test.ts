/**
 * What record imports write through: batched inserts that note the students, campuses and school years they
 * wrote (on the raw SQLite handle and through Kysely alone), batched updates by id, and one-parameter IN lists.
 */
import { beforeAll, expect, it } from 'vitest';
import { buildPlaces, buildStudents } from '../test-support/small-world.js';
import { describeEachDialect } from '../test-support/stores.js';
import {
  importTargetOf,
  memberOf,
  newFootprint,
  tableUpdater,
  tableWriter,
  type ColumnType,
} from './import-writes.js';

describeEachDialect('import writes', ({ store }) => {
  const COLUMNS: (readonly [string, ColumnType])[] = [
    ['student_id', 'int'],
    ['campus_id', 'int'],
    ['program_id', 'int'],
    ['school_year', 'text'],
    ['semester', 'int'],
    ['sex', 'text'],
    ['passed_all', 'int'],
    ['regularized', 'int'],
    ['pending_modules', 'int'],
    ['graduated', 'int'],
  ];
  const result = (student: number, campus: number, year: string) => [
    student,
    campus,
    1,
    year,
    2,
    'M',
    1,
    0,
    0,
    0,
  ];

  beforeAll(async () => {
    await buildPlaces(store().db);
    await buildStudents(store().db, [
      [1, 1, null],
      [2, 1, null],
      [3, 2, null],
    ]);
  });

  const years = () =>
    store()
      .db.selectFrom('year_results')
      .select(['student_id', 'school_year'])
      .orderBy('student_id')
      .orderBy('school_year')
      .execute();

  it('inserts rows in batches and notes what they wrote, with or without the raw handle', async () => {
    const s = store();
    const fp = newFootprint();
    await s.db.transaction().execute(async (trx) => {
      const w = tableWriter({ ...s, footprint: fp }, trx, 'year_results', COLUMNS);
      await w.insert([result(1, 1, '2018-2019'), result(1, 1, '2019-2020'), result(3, 2, '2019-2020')]);
      await w.insert([]);
    });
    expect(fp).toEqual({
      students: new Set([1, 3]),
      campuses: new Set([1, 2]),
      years: new Set(['2018-2019', '2019-2020']),
    });
    await s.db.transaction().execute(async (trx) => {
      await tableWriter(importTargetOf(s.db), trx, 'year_results', COLUMNS).insert([
        result(2, 1, '2018-2019'),
      ]);
    });
    expect((await years()).map((r) => [Number(r.student_id), r.school_year])).toEqual([
      [1, '2018-2019'],
      [1, '2019-2020'],
      [2, '2018-2019'],
      [3, '2019-2020'],
    ]);
  });

  it('writes nothing when the transaction fails', async () => {
    const s = store();
    const before = await years();
    await expect(
      s.db.transaction().execute(async (trx) => {
        await tableWriter(s, trx, 'year_results', COLUMNS).insert([result(2, 1, '2024-2025')]);
        throw new Error('fallo');
      }),
    ).rejects.toThrow('fallo');
    expect(await years()).toEqual(before);
  });

  it('updates columns by id, and selects with a one-parameter IN list of any size', async () => {
    const s = store();
    for (const target of [s, importTargetOf(s.db)])
      await s.db.transaction().execute(async (trx) => {
        await tableUpdater(target, trx, 'students').update(
          ['last_status', 'last_semester'],
          [
            [1, 'BT', 3],
            [3, 'EG', 6],
          ],
        );
      });
    const rows = await s.db
      .selectFrom('students')
      .select(['id', 'last_status', 'last_semester'])
      .orderBy('id')
      .execute();
    expect(
      rows.map((r) => [
        Number(r.id),
        r.last_status,
        r.last_semester === null ? null : Number(r.last_semester),
      ]),
    ).toEqual([
      [1, 'BT', 3],
      [2, null, null],
      [3, 'EG', 6],
    ]);
    const ids = async (values: (string | number)[], type: ColumnType, column = 'id') =>
      (
        await s.db
          .selectFrom('students')
          .select('id')
          .where(memberOf(s, column, values, type))
          .orderBy('id')
          .execute()
      ).map((r) => Number(r.id));
    expect(await ids([3, 1, 99], 'int')).toEqual([1, 3]);
    expect(await ids([], 'int')).toEqual([]);
    expect(await ids(['EG', 'x"y'], 'text', 'last_status')).toEqual([3]);
    expect(
      await ids(
        Array.from({ length: 5000 }, (_, i) => i + 2),
        'int',
      ),
    ).toEqual([2, 3]);
  });
});
