/**
 * The student list's extra columns on both dialects: the group of each student's latest enrollment and the
 * score at the latest cut-off only; nulls for a student with no enrollment or no score, nothing for no ids.
 */
import { beforeAll, expect, it } from 'vitest';
import { buildPlaces } from '../test-support/small-world.js';
import { enrollmentRow, riskScoreRow, studentRow } from '../test-support/small-records.js';
import { describeEachDialect } from '../test-support/stores.js';
import { studentListExtras } from './student-list-extras.js';

const last = { last_school_year: '2019-2020', last_term_no: 2, last_semester: 4, last_status: 'completed' };

describeEachDialect('student list extras', ({ store }) => {
  beforeAll(async () => {
    const db = store().db;
    await buildPlaces(db);
    await db
      .insertInto('students')
      .values([studentRow(1, 1, last), studentRow(2, 2, last), studentRow(3, 1)])
      .execute();
    await db
      .insertInto('enrollments')
      .values([
        enrollmentRow(1, 1, 1, '2019-2020', 1, 3, { group_code: '301' }),
        enrollmentRow(2, 1, 1, '2019-2020', 2, 4, { group_code: '401' }),
        // Student 2 changed campus: the latest enrollment is at campus 2.
        enrollmentRow(3, 2, 1, '2019-2020', 1, 3, { group_code: '302' }),
        enrollmentRow(4, 2, 2, '2019-2020', 2, 4, { group_code: '402B' }),
      ])
      .execute();
  });

  it('answers an empty map for no ids', async () => {
    expect((await studentListExtras(store().db, [])).size).toBe(0);
  });

  it('gives the latest group and nulls for scores when none is stored', async () => {
    const m = await studentListExtras(store().db, [1, 2, 3, 99]);
    expect([...m.keys()]).toEqual([1, 2, 3, 99]);
    expect(m.get(1)).toEqual({ group: '401', riskFlag: null, riskProbability: null, riskCutoff: null });
    expect(m.get(2)?.group).toBe('402B');
    expect(m.get(3)?.group).toBeNull();
    expect(m.get(99)?.group).toBeNull();
  });

  it('reads the scores of the latest cut-off only', async () => {
    const db = store().db;
    await db
      .insertInto('risk_scores')
      .values([
        riskScoreRow(1, 1, '2019-2020/1', 'rojo', 0.9),
        riskScoreRow(2, 1, '2019-2020/1', 'amarillo', 0.5),
        riskScoreRow(1, 1, '2019-2020/2', 'verde', 0.125),
        riskScoreRow(3, 1, '2019-2020/2', 'rojo', null),
      ])
      .execute();
    const m = await studentListExtras(db, [1, 2, 3]);
    expect(m.get(1)).toEqual({
      group: '401',
      riskFlag: 'verde',
      riskProbability: 0.125,
      riskCutoff: '2019-2020/2',
    });
    // Scored at an older cut-off only: not shown as current.
    expect(m.get(2)).toMatchObject({ riskFlag: null, riskProbability: null, riskCutoff: null });
    // A rule-only score has no probability.
    expect(m.get(3)).toMatchObject({ riskFlag: 'rojo', riskProbability: null, riskCutoff: '2019-2020/2' });
  });
});
