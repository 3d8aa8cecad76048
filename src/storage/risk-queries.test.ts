/**
 * The risk engine's set-based reads on both dialects, over a few hand-made students at a cut-off whose answers
 * are known: who is active (`current`: latest enrollment completed at the cut-off, no exit recorded after it),
 * every completed enrollment with its next-term label (`history`), the facts of the term before and the year
 * result, scoping by campus, state, ids and id range, paged reading; the latest cut-off, each campus's dropout
 * rate of the year before (clamped) and its size.
 */
import type { Insertable } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { buildPlaces, campusRow } from '../test-support/small-world.js';
import { enrollmentRow, statusEventRow, studentRow } from '../test-support/small-records.js';
import { describeEachDialect } from '../test-support/stores.js';
import {
  campusExitRates,
  campusSizes,
  forEachActiveChunk,
  latestCutoff,
  riskRows,
  schoolYearsWithRecords,
} from './risk-queries.js';
import type { Database } from './schema.js';

const SY = '2019-2020';
const CUTOFF = { year: 2019, term: 1 } as const;
const last = (term: number, status: string) => ({
  last_school_year: SY,
  last_term_no: term,
  last_semester: 3,
  last_status: status,
});

const rollupRow = (
  school_year: string,
  campus_id: number,
  state_id: number,
  sex: string,
  mt: number,
  ni1: number,
  eg: number,
): Insertable<Database['flow_counts_campus']> => ({
  school_year,
  campus_id,
  state_id,
  sex,
  mt,
  ni1,
  ex: mt,
  ap: 0,
  reg: 0,
  eg,
});

const ids = (rows: readonly { studentId: number }[]) => rows.map((r) => r.studentId).sort((a, b) => a - b);

describeEachDialect('risk queries', ({ store }) => {
  beforeAll(async () => {
    const db = store().db;
    expect(await latestCutoff(db)).toBeNull();
    await buildPlaces(db);
    await db.insertInto('campuses').values(campusRow(3, 9)).execute();
    await db
      .insertInto('terms')
      .values(
        ['2018-2019', SY].flatMap((y) =>
          [1, 2].map((t) => ({
            id: `${y}/${t}`,
            school_year: y,
            term_no: t,
            start_date: '2000-01-01',
            end_date: '2000-06-30',
          })),
        ),
      )
      .execute();
    await db
      .insertInto('students')
      .values([
        // 1: active, with a term before, a year result and a temporary leave earlier.
        studentRow(1, 1, last(1, 'completed')),
        // 2: completed the term but recorded as dropping out in it: not active.
        studentRow(2, 1, last(1, 'completed')),
        // 3: active at campus 2 (state 15), nothing before.
        studentRow(3, 2, { ...last(1, 'completed'), sex: 'H' }),
        // 4: went on to term 2 and dropped out there: not active at term 1, labelled 1 in history.
        studentRow(4, 1, last(2, 'dropout')),
        // 5: dropped out during the cut-off term.
        studentRow(5, 1, last(1, 'dropout')),
      ])
      .execute();
    await db
      .insertInto('enrollments')
      .values([
        enrollmentRow(1, 1, 1, '2018-2019', 2, 2, { attendance_pct: 80, grade_avg: 7, failed_modules: 1 }),
        enrollmentRow(2, 1, 1, SY, 1, 3, { attendance_pct: 95, grade_avg: null, scholarship_delay_days: 12 }),
        enrollmentRow(3, 2, 1, SY, 1, 3),
        enrollmentRow(4, 3, 2, SY, 1, 3, { sex: 'H' }),
        enrollmentRow(5, 4, 1, SY, 1, 3),
        enrollmentRow(6, 4, 1, SY, 2, 4, { end_status: 'dropout' }),
        enrollmentRow(7, 5, 1, SY, 1, 3, { end_status: 'dropout' }),
      ])
      .execute();
    await db
      .insertInto('year_results')
      .values({
        student_id: 1,
        campus_id: 1,
        program_id: 1,
        school_year: '2018-2019',
        semester: 2,
        sex: 'M',
        passed_all: 0,
        regularized: 0,
        pending_modules: 2,
        graduated: 0,
      })
      .execute();
    await db
      .insertInto('status_events')
      .values([
        statusEventRow(1, 1, 1, '2018-2019', 1, 'temporary_leave'),
        statusEventRow(2, 2, 1, SY, 1, 'dropout'),
        statusEventRow(3, 5, 1, SY, 1, 'dropout'),
      ])
      .execute();
    await db
      .insertInto('flow_counts_campus')
      .values([
        rollupRow('2018-2019', 1, 9, 'H', 60, 30, 4),
        rollupRow('2018-2019', 1, 9, 'M', 40, 20, 6),
        rollupRow(SY, 1, 9, 'H', 50, 10, 0),
        rollupRow(SY, 1, 9, 'M', 45, 10, 0),
        rollupRow(SY, 2, 15, 'M', 30, 30, 0),
        rollupRow('2018-2019', 3, 9, 'M', 10, 10, 0),
        rollupRow(SY, 3, 9, 'M', 50, 0, 0),
      ])
      .execute();
  });

  it('reads the active students with their facts, the term before and the year result', async () => {
    const rows = await riskRows(store().db, CUTOFF, 'current');
    expect(ids(rows)).toEqual([1, 3]);
    expect(rows.find((r) => r.studentId === 1)).toEqual({
      studentId: 1,
      campusId: 1,
      stateId: 9,
      sex: 'M',
      birthDate: '2003-05-01',
      entryYear: 2018,
      semester: 3,
      attendancePct: 95,
      gradeAvg: null,
      failedModules: 0,
      scholarshipDelayDays: 12,
      prevAttendancePct: 80,
      prevGradeAvg: 7,
      prevFailedModules: 1,
      pendingModules: 2,
      temporaryLeaves: 1,
      label: null,
    });
    expect(rows.find((r) => r.studentId === 3)).toMatchObject({
      stateId: 15,
      sex: 'H',
      prevAttendancePct: null,
      prevGradeAvg: null,
      prevFailedModules: null,
      pendingModules: null,
      temporaryLeaves: 0,
    });
  });

  it('scopes by campus, state, ids and id range, and reads in pages', async () => {
    const db = store().db;
    expect(ids(await riskRows(db, CUTOFF, 'current', { campusId: 1 }))).toEqual([1]);
    expect(ids(await riskRows(db, CUTOFF, 'current', { stateId: 15 }))).toEqual([3]);
    expect(ids(await riskRows(db, CUTOFF, 'current', { studentIds: [3, 4, 99] }))).toEqual([3]);
    expect(await riskRows(db, CUTOFF, 'current', { studentIds: [] })).toEqual([]);
    expect(ids(await riskRows(db, CUTOFF, 'current', { idRange: { from: 2, to: 10 } }))).toEqual([3]);
    const chunks: number[][] = [];
    await forEachActiveChunk(db, CUTOFF, {}, (rows) => chunks.push(ids(rows)), 1);
    expect(chunks.flat()).toEqual([1, 3]);
    expect(chunks.length).toBeGreaterThan(2);
    const one: number[][] = [];
    await forEachActiveChunk(db, CUTOFF, { stateId: 9 }, (rows) => one.push(ids(rows)));
    expect(one).toEqual([[1]]);
  });

  it('labels every completed enrollment of the term by the next term', async () => {
    const rows = await riskRows(store().db, CUTOFF, 'history');
    expect(rows.map((r) => [r.studentId, r.label, r.temporaryLeaves]).sort((a, b) => a[0]! - b[0]!)).toEqual([
      [1, 0, 1],
      [2, 0, 0],
      [3, 0, 0],
      [4, 1, 0],
    ]);
    expect(ids(await riskRows(store().db, CUTOFF, 'history', { stateId: 9, studentIds: [3, 4] }))).toEqual([
      4,
    ]);
  });

  it('finds the latest cut-off: term 2 once a student reached it', async () => {
    const db = store().db;
    expect(await latestCutoff(db)).toEqual({ year: 2019, term: 2 });
    await db.updateTable('students').set({ last_term_no: 1 }).where('id', '=', 4).execute();
    try {
      expect(await latestCutoff(db)).toEqual({ year: 2019, term: 1 });
    } finally {
      await db.updateTable('students').set({ last_term_no: 2 }).where('id', '=', 4).execute();
    }
    expect(await schoolYearsWithRecords(db)).toEqual(['2018-2019', '2019-2020', '2024-2025']);
  });

  it('computes each campus’s dropout rate of the year before, clamped, and its size', async () => {
    const db = store().db;
    const rates = await campusExitRates(db, CUTOFF);
    // Campus 1: [1 − (95 − 20 + 10) / 100] × 100 = 15; campus 3 would be −400, clamped to −20; campus 2 has
    // no counts for the year before.
    expect([...rates.keys()].sort()).toEqual([1, 3]);
    expect(rates.get(1)).toBeCloseTo(15, 9);
    expect(rates.get(3)).toBe(-20);
    const sizes = await campusSizes(db, SY);
    expect([...sizes].sort((a, b) => a[0] - b[0])).toEqual([
      [1, { stateId: 9, mt: 95 }],
      [2, { stateId: 15, mt: 30 }],
      [3, { stateId: 9, mt: 50 }],
    ]);
    expect((await campusSizes(db, '2030-2031')).size).toBe(0);
  });
});
