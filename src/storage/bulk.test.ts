/**
 * The bulk loader on both dialects: rows across SQLite's 64-row chunk boundary and a remainder all land once
 * flushed, counted per table; a wrong table or width is refused; a rolled-back transaction leaves nothing.
 */
import { beforeAll, expect, it } from 'vitest';
import { buildPlaces } from '../test-support/small-world.js';
import { describeEachDialect } from '../test-support/stores.js';
import { bulkLoader, type BulkValue } from './bulk.js';

const COLUMNS = {
  students: [
    'id',
    'sex',
    'birth_date',
    'entry_year',
    'entry_campus_id',
    'campus_id',
    'program_id',
    'last_school_year',
  ],
  certifications: ['id', 'student_id', 'campus_id', 'standard_code', 'standard_name', 'issued_on', 'result'],
} as const;

const student = (id: number): BulkValue[] => [id, id % 2 ? 'H' : 'M', '2004-01-31', 2019, 1, 1, 1, null];

describeEachDialect('bulk loader', ({ store }) => {
  beforeAll(async () => {
    await buildPlaces(store().db);
  });

  it('loads rows over the chunk boundary and the remainder, with counts per table', async () => {
    const s = store();
    const counts = await s.db.transaction().execute(async (trx) => {
      const loader = bulkLoader(s, trx, COLUMNS);
      for (let id = 1; id <= 150; id++) loader.row('students', student(id));
      loader.row('certifications', [1, 7, 1, 'EC0001', "Norma 'uno'", '2020-06-30', 'competente']);
      await loader.flush();
      // A second flush writes nothing again.
      await loader.flush();
      return Object.fromEntries(loader.counts);
    });
    expect(counts).toEqual({ students: 150, certifications: 1 });
    const rows = await s.db
      .selectFrom('students')
      .select(['id', 'sex', 'last_school_year'])
      .orderBy('id')
      .execute();
    expect(rows).toHaveLength(150);
    expect(rows.map((r) => Number(r.id))).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    expect(rows[0]).toMatchObject({ sex: 'H', last_school_year: null });
    expect(rows[149]).toMatchObject({ sex: 'M' });
    const cert = await s.db.selectFrom('certifications').select('standard_name').executeTakeFirstOrThrow();
    expect(cert.standard_name).toBe("Norma 'uno'");
  });

  it('refuses an unknown table and a row of the wrong width', () => {
    const s = store();
    const loader = bulkLoader(s, s.db, COLUMNS);
    expect(() => loader.row('users', [1])).toThrow('bulk load: unknown table users');
    expect(() => loader.row('students', [1, 'H'])).toThrow('bulk load: students expects 8 values, got 2');
    expect(loader.counts.size).toBe(0);
  });

  it('leaves nothing when the transaction rolls back', async () => {
    const s = store();
    await expect(
      s.db.transaction().execute(async (trx) => {
        const loader = bulkLoader(s, trx, COLUMNS);
        for (let id = 1001; id <= 1070; id++) loader.row('students', student(id));
        await loader.flush();
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const n = await s.db
      .selectFrom('students')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('id', '>', 1000)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });
});
