/**
 * The effects and what-if repositories on both dialects, over a small hand-made history whose counts are
 * known: six students in three campuses of two states, two programs and two school years.
 */
import { beforeAll, expect, it } from 'vitest';
import { buildHistory } from '../test-support/small-world.js';
import { describeEachDialect } from '../test-support/stores.js';
import { countFirstTerms, effectRecords, firstInterventionYear } from './effects-queries.js';
import { entrantsIn, graduatesIn, pairRows, schoolYearIds, type PairRow } from './whatif-queries.js';

const Y1 = '2024-2025';
const Y2 = '2025-2026';

// student, school year, term, semester, campus, program, end status, new entrant
type E = [number, string, number, number, number, number, string, number];
const ENROLLMENTS: E[] = [
  [1, Y1, 1, 1, 1, 7, 'completed', 1],
  [1, Y1, 2, 2, 1, 7, 'completed', 0],
  [1, Y2, 1, 3, 1, 7, 'completed', 0],
  [2, Y1, 1, 1, 1, 7, 'dropout', 1],
  [3, Y1, 1, 3, 2, 8, 'completed', 0],
  [3, Y1, 2, 4, 2, 8, 'completed', 0],
  [3, Y2, 1, 3, 2, 8, 'completed', 0],
  [4, Y1, 1, 1, 3, 7, 'completed', 1],
  [4, Y2, 1, 3, 3, 7, 'temporary_leave', 0],
  [5, Y2, 1, 1, 1, 7, 'completed', 1],
  [6, Y1, 1, 5, 1, 7, 'completed', 0],
];

const byKey = (rows: readonly PairRow[]) =>
  rows.map((r) => `${r.semesterT}>${r.semesterNext}${r.leftFirstTerm ? ' left' : ''}: ${r.students}`).sort();

describeEachDialect('effects and what-if repositories', ({ store }) => {
  beforeAll(async () => {
    const db = store().db;
    await buildHistory(db, {
      campuses: [
        [1, 9],
        [2, 9],
        [3, 15],
      ],
      programs: [
        { id: 7, code: 'P7', name: 'Informática', area: 'TI' },
        { id: 8, code: 'P8', name: 'Enfermería', area: 'Salud' },
      ],
      years: [
        { id: Y2, start_date: '2025-08-25', end_date: '2026-07-10' },
        { id: Y1, start_date: '2024-08-26', end_date: '2025-07-11' },
      ],
      students: [1, 2, 3, 4, 5, 6].map((id) => ({
        id,
        sex: id % 2 ? 'H' : 'M',
        birth_date: '2009-01-01',
        entry_year: 2024,
        entry_campus_id: 1,
        campus_id: 1,
        program_id: 7,
        last_school_year: null,
        last_term_no: null,
        last_semester: null,
        last_status: null,
      })),
      enrollments: ENROLLMENTS.map(
        ([student, year, term, semester, campusId, program, status, entry], i) => ({
          id: i + 1,
          student_id: student,
          campus_id: campusId,
          program_id: program,
          school_year: year,
          term_no: term,
          semester,
          group_code: '101',
          sex: student % 2 ? 'H' : 'M',
          new_entry: entry,
          grade_avg: student === 2 ? null : 7.5 + student / 10,
          failed_modules: student === 2 ? 3 : 0,
          attendance_pct: 80 + student,
          scholarship_delay_days: student * 2,
          end_status: status,
        }),
      ),
    });
    await db
      .insertInto('year_results')
      .values({
        student_id: 6,
        campus_id: 1,
        program_id: 7,
        school_year: Y1,
        semester: 6,
        sex: 'M',
        passed_all: 1,
        regularized: 0,
        pending_modules: 0,
        graduated: 1,
      })
      .execute();
  });

  it('follows the students of a unit from one year to the next, with graduates and entrants', async () => {
    const db = store().db;
    expect(await schoolYearIds(db)).toEqual([Y1, Y2]);
    expect(byKey(await pairRows(db, Y1, Y2, {}))).toEqual([
      '1>3: 2',
      '1>null left: 1',
      '3>3: 1',
      '5>null: 1',
    ]);
    expect(byKey(await pairRows(db, Y1, Y2, { campusId: 1 }))).toEqual([
      '1>3: 1',
      '1>null left: 1',
      '5>null: 1',
    ]);
    expect(byKey(await pairRows(db, Y1, Y2, { stateId: 15 }))).toEqual(['1>3: 1']);
    expect(byKey(await pairRows(db, Y1, Y2, { programId: 8 }))).toEqual(['3>3: 1']);
    expect(await graduatesIn(db, Y1, {})).toBe(1);
    expect(await graduatesIn(db, Y1, { stateId: 15 })).toBe(0);
    expect(await graduatesIn(db, Y2, {})).toBe(0);
    expect(await entrantsIn(db, Y1, {})).toBe(3);
    expect(await entrantsIn(db, Y1, { campusId: 1 })).toBe(2);
    expect(await entrantsIn(db, Y1, { programId: 8 })).toBe(0);
    expect(await entrantsIn(db, Y2, { stateId: 9 })).toBe(1);
  });

  it('reads the records of the effect estimates by unit, and a subsample by student id', async () => {
    const db = store().db;
    expect(await firstInterventionYear(db)).toBeNull();
    const iv = (id: number, student: number, campusId: number, year: string, term: number, kind: string) => ({
      id,
      student_id: student,
      campus_id: campusId,
      school_year: year,
      term_no: term,
      kind,
      start_date: '2025-01-01',
      end_date: null,
      sessions: 1,
      notes: null,
      outcome: null,
      assigned_by: null,
      created_at: null,
      updated_at: null,
    });
    await db
      .insertInto('interventions')
      .values([
        iv(1, 1, 1, Y1, 1, 'tutoring'),
        iv(2, 3, 2, Y2, 2, 'counseling'),
        iv(3, 4, 3, Y1, 1, 'leveling'),
      ])
      .execute();
    expect(await firstInterventionYear(db)).toBe(Y1);
    expect(await countFirstTerms(db, Y1, { level: 'national', id: null })).toBe(9);
    expect(await countFirstTerms(db, Y1, { level: 'state', id: 9 })).toBe(7);
    expect(await countFirstTerms(db, Y1, { level: 'campus', id: 3 })).toBe(2);
    expect(await countFirstTerms(db, Y2, { level: 'national', id: null })).toBe(4);

    const campus2 = await effectRecords(db, Y2, { level: 'campus', id: 2 }, 1);
    expect(campus2).toEqual({
      enrollments: [
        {
          studentId: 3,
          schoolYear: Y2,
          termNo: 1,
          semester: 3,
          campusId: 2,
          attendancePct: 83,
          gradeAvg: 7.8,
          failedModules: 0,
          scholarshipDelayDays: 6,
          endStatus: 'completed',
          sex: 'H',
        },
      ],
      interventions: [{ studentId: 3, schoolYear: Y2, termNo: 2, kind: 'counseling' }],
    });
    // Every second student (even ids): 2, 4 and 6.
    const even = await effectRecords(db, Y1, { level: 'national', id: null }, 2);
    expect(even.enrollments.map((e) => `${e.studentId} ${e.schoolYear}/${e.termNo}`).sort()).toEqual([
      `2 ${Y1}/1`,
      `4 ${Y1}/1`,
      `4 ${Y2}/1`,
      `6 ${Y1}/1`,
    ]);
    expect(even.enrollments.find((e) => e.studentId === 2)).toMatchObject({ gradeAvg: null, sex: 'M' });
    expect(even.interventions).toEqual([{ studentId: 4, schoolYear: Y1, termNo: 1, kind: 'leveling' }]);
    const state15 = await effectRecords(db, Y1, { level: 'state', id: 15 }, 1);
    expect(state15.enrollments.map((e) => e.studentId)).toEqual([4, 4]);
    expect(state15.interventions.map((i) => i.kind)).toEqual(['leveling']);
  });
});
