/**
 * The bulk loader on both dialects: rows across SQLite's 64-row chunk boundary and a remainder all land once
 * flushed, counted per table; text with quotes, backslashes, braces, commas and the word NULL, nulls and decimals
 * land as given across PostgreSQL's statement chunks (unnest arrays); a wrong table or width is refused; a
 * rolled-back transaction leaves nothing.
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
  interventions: [
    'id',
    'student_id',
    'campus_id',
    'school_year',
    'term_no',
    'kind',
    'start_date',
    'sessions',
    'notes',
  ],
  module_results: [
    'id',
    'student_id',
    'campus_id',
    'module_id',
    'school_year',
    'term_no',
    'grade',
    'attendance_pct',
    'passed',
    'regularization_grade',
  ],
} as const;

/** Text an array literal could break, and the word NULL (text, not a null). */
const AWKWARD = [
  'Dos "comillas"',
  'barra \\ invertida',
  '{llaves, comas}',
  'NULL',
  "O'Higgins",
  'Ñuño',
  ' ',
  '',
];

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

  it('keeps text, nulls and decimals as given across statement chunks (130 rows in chunks of 50)', async () => {
    const s = store();
    const intervention = (i: number): BulkValue[] => [
      5000 + i,
      i,
      1,
      '2024-2025',
      1 + (i % 2),
      AWKWARD[i % AWKWARD.length] ?? '',
      '2024-09-02',
      i,
      i % 3 ? (AWKWARD[(i + 1) % AWKWARD.length] ?? '') : null,
    ];
    const result = (i: number): BulkValue[] => [
      5000 + i,
      i,
      1,
      7,
      '2024-2025',
      1,
      5 + i / 8,
      87.5,
      1,
      i % 4 ? 6.25 : null,
    ];
    await s.db.transaction().execute(async (trx) => {
      const loader = bulkLoader(s, trx, COLUMNS, 50);
      for (let i = 1; i <= 130; i++) {
        loader.row('interventions', intervention(i));
        loader.row('module_results', result(i));
      }
      await loader.flush();
    });
    const interventions = await s.db
      .selectFrom('interventions')
      .select(['id', 'student_id', 'term_no', 'kind', 'notes'])
      .where('id', '>', 5000)
      .orderBy('id')
      .execute();
    expect(
      interventions.map((r) => [Number(r.id), Number(r.student_id), r.term_no, r.kind, r.notes]),
    ).toEqual(
      Array.from({ length: 130 }, (_, k) => {
        const e = intervention(k + 1);
        return [e[0], e[1], e[4], e[5], e[8]];
      }),
    );
    const results = await s.db
      .selectFrom('module_results')
      .select(['grade', 'attendance_pct', 'regularization_grade'])
      .where('id', '>', 5000)
      .orderBy('id')
      .execute();
    // Eighths are exact in a 4-byte real too.
    expect(results.map((r) => [r.grade, r.attendance_pct, r.regularization_grade])).toEqual(
      Array.from({ length: 130 }, (_, k) => {
        const m = result(k + 1);
        return [m[6], m[7], m[9]];
      }),
    );
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
