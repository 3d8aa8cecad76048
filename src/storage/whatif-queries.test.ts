/**
 * What the what-if scenarios read, on a handful of students: first-term pairs of consecutive years (semester
 * then and next, left or not), graduates and entrants, each within a campus, state or program.
 */
import { beforeAll, expect, it } from 'vitest';
import { enrollmentRow } from '../test-support/small-records.js';
import { buildPlaces, buildStudents } from '../test-support/small-world.js';
import { describeEachDialect } from '../test-support/stores.js';
import { entrantsIn, graduatesIn, pairRows, schoolYearIds, type PairRow } from './whatif-queries.js';

describeEachDialect('what-if queries', ({ store }) => {
  const T = '2018-2019';
  const NEXT = '2019-2020';

  beforeAll(async () => {
    const db = store().db;
    await buildPlaces(db);
    await db.insertInto('programs').values({ id: 2, code: 'P2', name: 'Otro', area: 'B' }).execute();
    await buildStudents(db, [
      [1, 1, null],
      [2, 1, null],
      [3, 2, null],
      [4, 1, null],
      [5, 1, null],
    ]);
    await db
      .insertInto('enrollments')
      .values([
        enrollmentRow(1, 1, 1, T, 1, 1),
        enrollmentRow(2, 1, 1, NEXT, 1, 3),
        enrollmentRow(3, 2, 1, T, 1, 1, { end_status: 'dropout' }),
        enrollmentRow(4, 3, 2, T, 1, 3, { program_id: 2 }),
        enrollmentRow(5, 3, 2, NEXT, 1, 5, { program_id: 2 }),
        enrollmentRow(6, 4, 1, NEXT, 1, 1),
        enrollmentRow(7, 5, 1, T, 2, 2),
      ])
      .execute();
    const result = (student_id: number, campus_id: number, program_id: number, graduated: number) => ({
      student_id,
      campus_id,
      program_id,
      school_year: T,
      semester: 6,
      sex: 'M',
      passed_all: 1,
      regularized: 0,
      pending_modules: 0,
      graduated,
    });
    await db
      .insertInto('year_results')
      .values([result(3, 2, 2, 1), result(1, 1, 1, 0)])
      .execute();
  });

  const sorted = (rows: PairRow[]) =>
    rows.sort((a, b) => `${a.semesterT}|${a.semesterNext}`.localeCompare(`${b.semesterT}|${b.semesterNext}`));
  const pair = (semesterT: number, semesterNext: number | null, leftFirstTerm: boolean): PairRow => ({
    semesterT,
    semesterNext,
    leftFirstTerm,
    students: 1,
  });

  it('lists the school years oldest first', async () => {
    expect(await schoolYearIds(store().db)).toEqual(['2018-2019', '2019-2020', '2024-2025']);
  });

  it('pairs the first terms of two years for the students enrolled in the first term of the first', async () => {
    const db = store().db;
    expect(sorted(await pairRows(db, T, NEXT, {}))).toEqual([
      pair(1, 3, false),
      pair(1, null, true),
      pair(3, 5, false),
    ]);
    expect(await pairRows(db, T, NEXT, { stateId: 15 })).toEqual([pair(3, 5, false)]);
    expect(await pairRows(db, T, NEXT, { programId: 2 })).toEqual([pair(3, 5, false)]);
    expect(sorted(await pairRows(db, T, NEXT, { campusId: 1 }))).toEqual([
      pair(1, 3, false),
      pair(1, null, true),
    ]);
    expect(await pairRows(db, '2024-2025', '2025-2026', {})).toEqual([]);
  });

  it('counts graduates and first-time entrants of a unit', async () => {
    const db = store().db;
    expect(await graduatesIn(db, T, {})).toBe(1);
    expect(await graduatesIn(db, T, { stateId: 9 })).toBe(0);
    expect(await graduatesIn(db, T, { campusId: 2, programId: 2 })).toBe(1);
    expect(await entrantsIn(db, T, {})).toBe(2);
    expect(await entrantsIn(db, T, { stateId: 15 })).toBe(0);
    expect(await entrantsIn(db, NEXT, { campusId: 1, programId: 1 })).toBe(1);
  });
});
