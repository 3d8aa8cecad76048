/**
 * Import lookups on both dialects: students by CURP with their current campus, transfers, and the placement
 * refresh (latest enrollment, or a transfer recorded after it; the identity row follows), each noting what it
 * touched in the footprint; empty inputs answer nothing.
 */
import { beforeAll, expect, it } from 'vitest';
import { buildPlaces } from '../test-support/small-world.js';
import { enrollmentRow, identityRow, statusEventRow, studentRow } from '../test-support/small-records.js';
import { describeEachDialect } from '../test-support/stores.js';
import {
  campusIdsOfState,
  moveStudent,
  refreshPlacement,
  stateOfCampus,
  studentsAtByCurp,
  termOrder,
  transfersOf,
} from './import-lookups.js';
import { newFootprint, type ImportTarget } from './import-writes.js';

describeEachDialect('import lookups', ({ store }) => {
  const target = (): ImportTarget => ({ ...store(), footprint: newFootprint() });

  beforeAll(async () => {
    const db = store().db;
    await buildPlaces(db);
    await db
      .insertInto('students')
      .values([studentRow(1, 1), studentRow(2, 1), studentRow(3, 2), studentRow(4, 1)])
      .execute();
    await db
      .insertInto('student_identities')
      .values([identityRow(1, 1), identityRow(2, 1), identityRow(3, 2), identityRow(4, 1)])
      .execute();
    await db
      .insertInto('enrollments')
      .values([
        // 1: two terms at campus 1, then transferred to campus 2 in the next year's first term.
        enrollmentRow(1, 1, 1, '2018-2019', 1, 1),
        enrollmentRow(2, 1, 1, '2018-2019', 2, 2),
        // 2: latest enrollment at campus 2 (the students row still says campus 1); a transfer before it.
        enrollmentRow(3, 2, 1, '2018-2019', 1, 1),
        enrollmentRow(4, 2, 2, '2019-2020', 1, 3, { end_status: 'dropout' }),
        // 3: enrolled at campus 2, where it already is.
        enrollmentRow(5, 3, 2, '2018-2019', 1, 1),
      ])
      .execute();
    await db
      .insertInto('status_events')
      .values([
        statusEventRow(1, 1, 1, '2019-2020', 1, 'transfer', { from_campus_id: 1, to_campus_id: 2 }),
        statusEventRow(2, 2, 1, '2018-2019', 2, 'transfer', { from_campus_id: 1, to_campus_id: 2 }),
        statusEventRow(3, 3, 2, '2018-2019', 2, 'dropout'),
      ])
      .execute();
  });

  it('orders terms across school years', () => {
    expect(termOrder('2018-2019', 2)).toBeLessThan(termOrder('2019-2020', 1));
    expect(termOrder('2019-2020', 1)).toBeLessThan(termOrder('2019-2020', 2));
  });

  it('finds students by CURP (repeats and unknown CURPs ignored) and notes them in the footprint', async () => {
    const t = target();
    const found = await studentsAtByCurp(store().db, t, ['CURP3', 'CURP1', 'CURP1', 'NADIE']);
    expect(found.sort((a, b) => a.studentId - b.studentId)).toEqual([
      { curp: 'CURP1', studentId: 1, campusId: 1 },
      { curp: 'CURP3', studentId: 3, campusId: 2 },
    ]);
    expect([...t.footprint!.students].sort()).toEqual([1, 3]);
    expect([...t.footprint!.campuses].sort()).toEqual([1, 2]);
    expect(await studentsAtByCurp(store().db, target(), [])).toEqual([]);
  });

  it('lists transfers only (not other events), with both campuses in the footprint', async () => {
    const t = target();
    const moves = await transfersOf(store().db, t, [1, 2, 3]);
    expect(moves.sort((a, b) => a.studentId - b.studentId)).toEqual([
      { studentId: 1, schoolYear: '2019-2020', termNo: 1, fromCampusId: 1, toCampusId: 2 },
      { studentId: 2, schoolYear: '2018-2019', termNo: 2, fromCampusId: 1, toCampusId: 2 },
    ]);
    expect([...t.footprint!.campuses].sort()).toEqual([1, 2]);
    expect(t.footprint!.students.size).toBe(0);
    expect(await transfersOf(store().db, target(), [])).toEqual([]);
  });

  it('refreshes placement from the latest enrollment or a later transfer, moving the identity row too', async () => {
    const db = store().db;
    const touched = await refreshPlacement(db, [1, 2, 3, 4]);
    const students = await db
      .selectFrom('students')
      .select(['id', 'campus_id', 'last_school_year', 'last_term_no', 'last_semester', 'last_status'])
      .orderBy('id')
      .execute();
    expect(students.map((s) => ({ ...s, campus_id: Number(s.campus_id) }))).toEqual([
      // The transfer came after the latest enrollment: campus 2, latest enrollment still recorded.
      {
        id: 1,
        campus_id: 2,
        last_school_year: '2018-2019',
        last_term_no: 2,
        last_semester: 2,
        last_status: 'completed',
      },
      // The latest enrollment came after the transfer: its campus.
      {
        id: 2,
        campus_id: 2,
        last_school_year: '2019-2020',
        last_term_no: 1,
        last_semester: 3,
        last_status: 'dropout',
      },
      {
        id: 3,
        campus_id: 2,
        last_school_year: '2018-2019',
        last_term_no: 1,
        last_semester: 1,
        last_status: 'completed',
      },
      // No enrollment and no transfer: left alone.
      {
        id: 4,
        campus_id: 1,
        last_school_year: null,
        last_term_no: null,
        last_semester: null,
        last_status: null,
      },
    ]);
    const identities = await db
      .selectFrom('student_identities')
      .select(['student_id', 'campus_id'])
      .orderBy('student_id')
      .execute();
    expect(identities.map((i) => Number(i.campus_id))).toEqual([2, 2, 2, 1]);
    expect([...touched].sort()).toEqual([1, 2]);
    // Nothing to refresh: nothing touched.
    expect((await refreshPlacement(db, [])).size).toBe(0);
    // Student 4 alone: no enrollment, nothing written, nothing touched.
    expect((await refreshPlacement(db, [4])).size).toBe(0);
  });

  it('moves a student and answers the campuses of a state and the state of a campus', async () => {
    const db = store().db;
    await moveStudent(db, 4, 2);
    const s = await db
      .selectFrom('students')
      .select('campus_id')
      .where('id', '=', 4)
      .executeTakeFirstOrThrow();
    const i = await db
      .selectFrom('student_identities')
      .select('campus_id')
      .where('student_id', '=', 4)
      .executeTakeFirstOrThrow();
    expect([Number(s.campus_id), Number(i.campus_id)]).toEqual([2, 2]);
    expect(await campusIdsOfState(db, 9)).toEqual([1]);
    expect(await campusIdsOfState(db, 1)).toEqual([]);
    expect(await stateOfCampus(db, 2)).toBe(15);
    expect(await stateOfCampus(db, 99)).toBeNull();
  });
});
