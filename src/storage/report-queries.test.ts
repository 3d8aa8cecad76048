/**
 * The 911 statistics' grouped reads on both dialects, over one school year of a few hand-made students at two
 * campuses in two states: each read for the nation, a state and a campus; entry status (new entrant, repeater,
 * other), birthdays on and after the age cut-off day, semester-0 results left out, leaves by reason (NULL
 * included), groups per campus and teachers hired by the start of the year.
 */
import { beforeAll, expect, it } from 'vitest';
import { buildPlaces } from '../test-support/small-world.js';
import { enrollmentRow, statusEventRow, studentRow } from '../test-support/small-records.js';
import { describeEachDialect } from '../test-support/stores.js';
import {
  endOfYearRows,
  graduateAgeRows,
  groupRows,
  initialRows,
  leaveRows,
  startOfYearRows,
  teacherRows,
  type UnitFilter,
} from './report-queries.js';

const YEAR = '2019-2020';
const CUTOFF = '09-01';
const NATION: UnitFilter = {};
const CAMPUS_1: UnitFilter = { campusId: 1 };
const STATE_15: UnitFilter = { stateId: 15 };

const result = (
  student_id: number,
  campus_id: number,
  semester: number,
  sex: string,
  flags: Partial<Record<'passed_all' | 'regularized' | 'graduated', number>>,
) => ({
  student_id,
  campus_id,
  program_id: 1,
  school_year: YEAR,
  semester,
  sex,
  passed_all: 0,
  regularized: 0,
  pending_modules: 0,
  graduated: 0,
  ...flags,
});

/** Rows sorted by their JSON text, to compare without relying on an order the queries do not promise. */
const sorted = <T>(rows: T[]) =>
  rows
    .map((r) => JSON.stringify(r))
    .sort()
    .map((r) => JSON.parse(r) as T);

describeEachDialect('911 report queries', ({ store }) => {
  beforeAll(async () => {
    const db = store().db;
    await buildPlaces(db);
    await db
      .insertInto('students')
      .values([
        studentRow(1, 1, { birth_date: '2003-05-01' }),
        studentRow(2, 1, { sex: 'H', birth_date: '2004-12-31' }),
        studentRow(3, 2, { birth_date: '2004-09-01' }),
        studentRow(4, 1, { birth_date: '2001-10-10' }),
        studentRow(5, 2, { birth_date: '2003-05-01' }),
      ])
      .execute();
    await db
      .insertInto('enrollments')
      .values([
        // 1 repeats semester 3 (enrolled in it the year before).
        enrollmentRow(1, 1, 1, '2018-2019', 1, 3),
        enrollmentRow(2, 1, 1, YEAR, 1, 3, { group_code: '301' }),
        enrollmentRow(3, 1, 1, YEAR, 2, 4, { group_code: '401' }),
        enrollmentRow(4, 2, 1, YEAR, 1, 3, { sex: 'H', group_code: '302' }),
        // 3 is a new entrant at campus 2.
        enrollmentRow(5, 3, 2, YEAR, 1, 1, { group_code: '101' }),
        // 5 at campus 2 in a group whose code campus 1 uses too.
        enrollmentRow(6, 5, 2, YEAR, 1, 3, { group_code: '301' }),
      ])
      .execute();
    await db
      .insertInto('year_results')
      .values([
        result(1, 1, 4, 'M', { passed_all: 1 }),
        result(2, 1, 4, 'H', { regularized: 1 }),
        result(3, 2, 2, 'M', { passed_all: 1 }),
        result(4, 1, 6, 'M', { passed_all: 1, graduated: 1 }),
        // Semester 0: a row of no semester completed, left out of the counts.
        result(5, 2, 0, 'M', {}),
      ])
      .execute();
    await db
      .insertInto('status_events')
      .values([
        statusEventRow(1, 2, 1, YEAR, 2, 'dropout', { reason: 'economica' }),
        statusEventRow(2, 3, 2, YEAR, 2, 'temporary_leave'),
        statusEventRow(3, 4, 1, YEAR, 2, 'graduation'),
        statusEventRow(4, 1, 1, '2018-2019', 2, 'dropout', { reason: 'economica' }),
      ])
      .execute();
    await db
      .insertInto('teachers')
      .values([
        { id: 1, campus_id: 1, sex: 'H', hired_year: 2010, degree: 'licenciatura' },
        { id: 2, campus_id: 1, sex: 'M', hired_year: 2019, degree: 'maestria' },
        { id: 3, campus_id: 2, sex: 'M', hired_year: 2020, degree: 'licenciatura' },
      ])
      .execute();
  });

  it('counts the start of the year by semester, sex, entry status and birthday against the cut-off', async () => {
    const db = store().db;
    const row = (semester: number, sex: string, status: number, birthYear: number, afterCutoff: number) => ({
      semester,
      sex,
      status,
      birthYear,
      afterCutoff,
      n: 1,
    });
    expect(sorted(await startOfYearRows(db, YEAR, CUTOFF, NATION))).toEqual(
      sorted([
        row(3, 'M', 2, 2003, 0),
        row(3, 'H', 0, 2004, 1),
        row(1, 'M', 1, 2004, 0),
        row(3, 'M', 0, 2003, 0),
      ]),
    );
    expect(sorted(await startOfYearRows(db, YEAR, CUTOFF, CAMPUS_1))).toEqual(
      sorted([row(3, 'M', 2, 2003, 0), row(3, 'H', 0, 2004, 1)]),
    );
    expect(await startOfYearRows(db, '2024-2025', CUTOFF, NATION)).toEqual([]);
    expect(sorted(await initialRows(db, YEAR, STATE_15))).toEqual(
      sorted([
        { semester: 1, sex: 'M', n: 1 },
        { semester: 3, sex: 'M', n: 1 },
      ]),
    );
    expect(sorted(await initialRows(db, YEAR, NATION))).toEqual(
      sorted([
        { semester: 1, sex: 'M', n: 1 },
        { semester: 3, sex: 'H', n: 1 },
        { semester: 3, sex: 'M', n: 2 },
      ]),
    );
  });

  it('counts year results and graduates by age, leaving out semester 0', async () => {
    const db = store().db;
    expect(sorted(await endOfYearRows(db, YEAR, NATION))).toEqual(
      sorted([
        { semester: 2, sex: 'M', ex: 1, ap: 1, reg: 0, eg: 0 },
        { semester: 4, sex: 'H', ex: 1, ap: 0, reg: 1, eg: 0 },
        { semester: 4, sex: 'M', ex: 1, ap: 1, reg: 0, eg: 0 },
        { semester: 6, sex: 'M', ex: 1, ap: 1, reg: 0, eg: 1 },
      ]),
    );
    expect(await endOfYearRows(db, YEAR, STATE_15)).toEqual([
      { semester: 2, sex: 'M', ex: 1, ap: 1, reg: 0, eg: 0 },
    ]);
    expect(await graduateAgeRows(db, YEAR, CUTOFF, NATION)).toEqual([
      { sex: 'M', birthYear: 2001, afterCutoff: 1, n: 1 },
    ]);
    expect(await graduateAgeRows(db, YEAR, CUTOFF, STATE_15)).toEqual([]);
  });

  it('counts leaves by kind, reason (NULL kept) and sex, in the year only', async () => {
    const db = store().db;
    expect(sorted(await leaveRows(db, YEAR, NATION))).toEqual(
      sorted([
        { kind: 'dropout', reason: 'economica', sex: 'H', n: 1 },
        { kind: 'temporary_leave', reason: null, sex: 'M', n: 1 },
      ]),
    );
    expect(await leaveRows(db, YEAR, CAMPUS_1)).toEqual([
      { kind: 'dropout', reason: 'economica', sex: 'H', n: 1 },
    ]);
  });

  it('counts groups per semester (a code used at two campuses twice) and teachers hired by the year', async () => {
    const db = store().db;
    expect(sorted(await groupRows(db, YEAR, 1, NATION))).toEqual(
      sorted([
        { semester: 1, groups: 1 },
        { semester: 3, groups: 3 },
      ]),
    );
    expect(await groupRows(db, YEAR, 1, CAMPUS_1)).toEqual([{ semester: 3, groups: 2 }]);
    expect(await groupRows(db, YEAR, 2, NATION)).toEqual([{ semester: 4, groups: 1 }]);
    expect(sorted(await teacherRows(db, 2019, NATION))).toEqual(
      sorted([
        { sex: 'H', degree: 'licenciatura', n: 1 },
        { sex: 'M', degree: 'maestria', n: 1 },
      ]),
    );
    expect(await teacherRows(db, 2019, STATE_15)).toEqual([]);
    expect(await teacherRows(db, 2020, STATE_15)).toEqual([{ sex: 'M', degree: 'licenciatura', n: 1 }]);
  });
});
