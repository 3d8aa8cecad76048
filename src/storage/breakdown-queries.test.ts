/**
 * A campus's breakdown on both dialects, on a few hand-made students: stored scores of one cut-off counted by
 * the group each student is enrolled in that term (another campus's enrollment and other cut-offs left out;
 * scores without a probability counted but not averaged), and each group's term records (leavers, failed
 * modules, mean attendance and grade with NULL grades left out).
 */
import { beforeAll, expect, it } from 'vitest';
import { buildPlaces, campusRow } from '../test-support/small-world.js';
import { enrollmentRow, riskScoreRow, studentRow } from '../test-support/small-records.js';
import { describeEachDialect } from '../test-support/stores.js';
import { groupRecords, latestScoredCutoff, latestTermOfCampus, riskByGroup } from './breakdown-queries.js';

const TERM = { schoolYear: '2019-2020', termNo: 1 };

describeEachDialect('campus breakdown queries', ({ store }) => {
  beforeAll(async () => {
    const db = store().db;
    await buildPlaces(db);
    expect(await latestScoredCutoff(db)).toBeNull();
    await db
      .insertInto('students')
      .values([1, 2, 3, 4, 5, 6].map((id) => studentRow(id, id === 6 ? 2 : 1)))
      .execute();
    await db
      .insertInto('enrollments')
      .values([
        enrollmentRow(1, 1, 1, '2019-2020', 1, 3, { group_code: '301', attendance_pct: 80, grade_avg: 7 }),
        enrollmentRow(2, 2, 1, '2019-2020', 1, 3, {
          group_code: '301',
          attendance_pct: 90,
          grade_avg: null,
          failed_modules: 2,
        }),
        enrollmentRow(3, 3, 1, '2019-2020', 1, 3, {
          group_code: '301',
          attendance_pct: 100,
          grade_avg: 9,
          end_status: 'dropout',
        }),
        enrollmentRow(4, 4, 1, '2019-2020', 1, 5, {
          group_code: '501',
          end_status: 'temporary_leave',
          failed_modules: 1,
        }),
        // Student 5's enrollment is of the year before only: scored but in no group this term.
        enrollmentRow(5, 5, 1, '2018-2019', 2, 2, { group_code: '201' }),
        // Student 6 is at campus 2.
        enrollmentRow(6, 6, 2, '2019-2020', 1, 3, { group_code: '301' }),
        enrollmentRow(7, 1, 1, '2018-2019', 2, 2, { group_code: '201', failed_modules: 3 }),
      ])
      .execute();
    await db
      .insertInto('risk_scores')
      .values([
        riskScoreRow(1, 1, '2019-2020/1', 'rojo', 0.75),
        riskScoreRow(2, 1, '2019-2020/1', 'rojo', 0.25),
        riskScoreRow(3, 1, '2019-2020/1', 'verde', null),
        riskScoreRow(4, 1, '2019-2020/1', 'amarillo', 0.5),
        riskScoreRow(5, 1, '2019-2020/1', 'rojo', 0.9),
        riskScoreRow(6, 2, '2019-2020/1', 'rojo', 0.9),
        riskScoreRow(1, 1, '2018-2019/2', 'verde', 0.1),
      ])
      .execute();
  });

  it('finds the latest scored cut-off and a campus’s latest term', async () => {
    const db = store().db;
    expect(await latestScoredCutoff(db)).toBe('2019-2020/1');
    expect(await latestTermOfCampus(db, 1)).toEqual(TERM);
    expect(await latestTermOfCampus(db, 2)).toEqual(TERM);
    await db.insertInto('campuses').values(campusRow(7, 9)).execute();
    expect(await latestTermOfCampus(db, 7)).toBeNull();
  });

  it('counts the scores of a cut-off by the group of the term', async () => {
    const rows = await riskByGroup(store().db, 1, '2019-2020/1', TERM);
    const key = (r: { groupCode: string; flag: string }) => `${r.groupCode} ${r.flag}`;
    expect(rows.sort((a, b) => key(a).localeCompare(key(b)))).toEqual([
      {
        programCode: 'P1',
        programName: 'Programa',
        groupCode: '301',
        semester: 3,
        flag: 'rojo',
        students: 2,
        probabilitySum: 1,
        probabilityCount: 2,
      },
      {
        programCode: 'P1',
        programName: 'Programa',
        groupCode: '301',
        semester: 3,
        flag: 'verde',
        students: 1,
        probabilitySum: 0,
        probabilityCount: 0,
      },
      {
        programCode: 'P1',
        programName: 'Programa',
        groupCode: '501',
        semester: 5,
        flag: 'amarillo',
        students: 1,
        probabilitySum: 0.5,
        probabilityCount: 1,
      },
    ]);
    // The older cut-off against its own term: student 1 in group 201.
    const before = await riskByGroup(store().db, 1, '2018-2019/2', { schoolYear: '2018-2019', termNo: 2 });
    expect(before.map((r) => [r.groupCode, r.flag, r.students])).toEqual([['201', 'verde', 1]]);
    expect(await riskByGroup(store().db, 1, '2030-2031/1', TERM)).toEqual([]);
  });

  it('summarises each group’s term records', async () => {
    const rows = await groupRecords(store().db, 1, TERM);
    expect(rows.sort((a, b) => a.groupCode.localeCompare(b.groupCode))).toEqual([
      {
        programCode: 'P1',
        programName: 'Programa',
        groupCode: '301',
        semester: 3,
        enrolled: 3,
        left: 1,
        withFailed: 1,
        meanAttendance: 90,
        meanGrade: 8,
      },
      {
        programCode: 'P1',
        programName: 'Programa',
        groupCode: '501',
        semester: 5,
        enrolled: 1,
        left: 1,
        withFailed: 1,
        meanAttendance: 90,
        meanGrade: 8,
      },
    ]);
    const other = await groupRecords(store().db, 2, TERM);
    expect(other.map((r) => [r.groupCode, r.enrolled])).toEqual([['301', 1]]);
    expect(await groupRecords(store().db, 1, { schoolYear: '2024-2025', termNo: 1 })).toEqual([]);
  });
});
