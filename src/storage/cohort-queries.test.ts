/**
 * Cohort reads on both dialects, over a generation of a few hand-made students whose paths are known: the
 * entrants (first-time semester-1 entrants only), semesters reached and graduates by the normal end and by the
 * cut-off (a late graduate), filtered by the entry campus's state, CCT and program; and the UNESCO counts by
 * grade of two consecutive years (a repeater, a new entrant, a graduate).
 */
import { beforeAll, expect, it } from 'vitest';
import { schoolYearOf } from '../domain/calendar.js';
import { buildPlaces } from '../test-support/small-world.js';
import { enrollmentRow, statusEventRow, studentRow } from '../test-support/small-records.js';
import { describeEachDialect } from '../test-support/stores.js';
import { generationCounts, gradeFlowCounts } from './cohort-queries.js';

const Y = (start: number) => `${start}-${start + 1}`;

/** Each student's enrollments as [start year, term, semester], the first a new entry unless said. */
const PATHS: Record<number, { campus: number; path: [number, number, number][]; entrant?: boolean }> = {
  // 1: six semesters in three years, graduates on time (2020-2021).
  1: {
    campus: 1,
    path: [
      [2018, 1, 1],
      [2018, 2, 2],
      [2019, 1, 3],
      [2019, 2, 4],
      [2020, 1, 5],
      [2020, 2, 6],
    ],
  },
  // 2: leaves after semester 2.
  2: {
    campus: 1,
    path: [
      [2018, 1, 1],
      [2018, 2, 2],
    ],
  },
  // 3: semester 5 by the normal end, semester 6 a year late and graduates late (2021-2022).
  3: {
    campus: 1,
    path: [
      [2018, 1, 1],
      [2018, 2, 2],
      [2019, 1, 3],
      [2019, 2, 4],
      [2020, 1, 5],
      [2021, 1, 6],
    ],
  },
  // 4: enters at campus 2 (state 15), semester 1 only.
  4: { campus: 2, path: [[2018, 1, 1]] },
  // 5: in semester 1 in 2018 but not a first-time entrant; repeats semester 1 in 2019.
  5: {
    campus: 1,
    path: [
      [2018, 1, 1],
      [2019, 1, 1],
    ],
    entrant: false,
  },
  // 6: the next generation.
  6: { campus: 1, path: [[2019, 1, 1]] },
};

describeEachDialect('cohort queries', ({ store }) => {
  beforeAll(async () => {
    const db = store().db;
    await buildPlaces(db);
    await db
      .insertInto('school_years')
      .values([2020, 2021].map((y) => ({ id: Y(y), start_date: `${y}-08-20`, end_date: `${y + 1}-07-10` })))
      .execute();
    await db
      .insertInto('students')
      .values(Object.entries(PATHS).map(([id, p]) => studentRow(Number(id), p.campus)))
      .execute();
    await db.insertInto('students').values(studentRow(7, 1)).execute();
    let n = 0;
    await db
      .insertInto('enrollments')
      .values(
        Object.entries(PATHS).flatMap(([id, p]) =>
          p.path.map(([y, term, sem], i) =>
            enrollmentRow(++n, Number(id), p.campus, Y(y), term, sem, {
              new_entry: i === 0 && p.entrant !== false ? 1 : 0,
            }),
          ),
        ),
      )
      .execute();
    await db
      .insertInto('status_events')
      .values([
        statusEventRow(1, 1, 1, Y(2020), 2, 'graduation'),
        statusEventRow(2, 3, 1, Y(2021), 1, 'graduation'),
        statusEventRow(3, 2, 1, Y(2018), 2, 'dropout'),
        // A graduate of 2018-2019 from an older generation (no enrollments here).
        statusEventRow(4, 7, 1, Y(2018), 2, 'graduation'),
      ])
      .execute();
  });

  it('counts a generation by its normal end and by the cut-off', async () => {
    const c = await generationCounts(store().db, { entryYear: 2018, cutoffYear: schoolYearOf(2021) });
    expect(c.byNormalEnd).toEqual({
      entrants: 4,
      reachedBySemester: [4, 3, 2, 2, 2, 1],
      graduatedOnTime: 1,
      graduatedBy: 1,
    });
    expect(c.byCutoff).toEqual({
      entrants: 4,
      reachedBySemester: [4, 3, 2, 2, 2, 2],
      graduatedOnTime: 1,
      graduatedBy: 2,
    });
    // A cut-off before the normal end counts up to the normal end.
    const early = await generationCounts(store().db, { entryYear: 2018, cutoffYear: schoolYearOf(2018) });
    expect(early.byCutoff).toEqual(c.byNormalEnd);
  });

  it('filters by the entry campus’s state and CCT and by the entry program', async () => {
    const db = store().db;
    const at = async (filter: object) =>
      (await generationCounts(db, { entryYear: 2018, cutoffYear: schoolYearOf(2021), filter })).byCutoff;
    expect(await at({ stateId: 15 })).toEqual({
      entrants: 1,
      reachedBySemester: [1, 0, 0, 0, 0, 0],
      graduatedOnTime: 0,
      graduatedBy: 0,
    });
    expect((await at({ cct: '09DPT0001A' })).entrants).toBe(3);
    expect((await at({ stateId: 9, programCode: 'P1' })).reachedBySemester).toEqual([3, 3, 2, 2, 2, 2]);
    expect((await at({ programCode: 'NADA' })).entrants).toBe(0);
    // The next generation: one entrant, who reached semester 1.
    const next = await generationCounts(db, { entryYear: 2019, cutoffYear: schoolYearOf(2021) });
    expect(next.byCutoff.entrants).toBe(1);
  });

  it('counts enrolment, repeaters and graduates by grade for two consecutive years', async () => {
    expect(await gradeFlowCounts(store().db, schoolYearOf(2018))).toEqual({
      // Term-1 enrollments of 2018-2019: students 1-5, all in grade 1 (semester 1).
      enrolment: [5, 0, 0],
      // 2019-2020: students 5 and 6 in grade 1, 1 and 3 in grade 2.
      enrolmentNext: [2, 2, 0],
      // Student 5 was in grade 1 both years.
      repeatersNext: [1, 0, 0],
      graduates: 1,
    });
    expect(await gradeFlowCounts(store().db, schoolYearOf(2024))).toEqual({
      enrolment: [0, 0, 0],
      enrolmentNext: [0, 0, 0],
      repeatersNext: [0, 0, 0],
      graduates: 0,
    });
  });
});
