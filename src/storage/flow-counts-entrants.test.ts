/**
 * Issue 12, finding 11: NI1 is first-time entrants to FIRST grade. A student who arrives from another subsystem
 * (equivalencia or portabilidad de estudios) into semester 3 is enrolled (MT) and new to the system
 * (`new_entry = 1` on a semester-3 row), but not an NI1 entrant: counting them would lower eficiencia terminal
 * (EG_n / NI1_{n−2}) and change abandono. Nor do they belong to the generation's entrants (cohorts, what-if), nor
 * to the 911's nuevo ingreso (first semester).
 * Three students on both dialects: two semester-1 entrants of 2018-2019 (one graduates in 2020-2021, one drops
 * out) and one entrant into semester 3 the same year.
 */
import { beforeAll, expect, it } from 'vitest';
import { schoolYearOf } from '../domain/calendar.js';
import { eficienciaTerminal } from '../domain/indicators.js';
import { enrollmentRow } from '../test-support/small-records.js';
import { buildPlaces, buildStudents } from '../test-support/small-world.js';
import { describeEachDialect } from '../test-support/stores.js';
import { generationCounts } from './cohort-queries.js';
import { rebuildFlowCounts } from './flow-counts.js';
import { sumFlowCounts } from './flow-queries.js';
import { startOfYearRows } from './report-queries.js';
import { entrantsIn } from './whatif-queries.js';

describeEachDialect('entrants into later semesters (finding 11)', ({ store }) => {
  const [A, B, C] = ['2018-2019', '2019-2020', '2020-2021'];

  beforeAll(async () => {
    const db = store().db;
    await buildPlaces(db);
    await db
      .insertInto('school_years')
      .values({ id: C, start_date: '2020-08-24', end_date: '2021-07-09' })
      .execute();
    await buildStudents(db, [
      [1, 1, C],
      [2, 1, A],
      [3, 1, B],
    ]);
    let id = 0;
    const path = (student: number, from: number, years: readonly string[]) =>
      years.flatMap((year, k) => [
        enrollmentRow(++id, student, 1, year, 1, from + 2 * k),
        enrollmentRow(++id, student, 1, year, 2, from + 2 * k + 1),
      ]);
    await db
      .insertInto('enrollments')
      .values([
        ...path(1, 1, [A, B, C]),
        enrollmentRow(++id, 2, 1, A, 1, 1, { end_status: 'dropout' }),
        // From another subsystem into semester 3: new to CONALEP, not to first grade.
        ...path(3, 3, [A, B]).map((e, k) => (k === 0 ? { ...e, new_entry: 1 } : e)),
      ])
      .execute();
    const result = (student_id: number, school_year: string, semester: number, graduated: number) => ({
      student_id,
      campus_id: 1,
      program_id: 1,
      school_year,
      semester,
      sex: 'M',
      passed_all: 1,
      regularized: 0,
      pending_modules: 0,
      graduated,
    });
    await db
      .insertInto('year_results')
      .values([
        result(1, A, 2, 0),
        result(1, B, 4, 0),
        result(1, C, 6, 1),
        result(3, A, 4, 0),
        result(3, B, 6, 1),
      ])
      .execute();
    await db
      .insertInto('status_events')
      .values(
        [
          [1, 1, C],
          [2, 3, B],
        ].map(([eventId, student, year]) => ({
          id: Number(eventId),
          student_id: Number(student),
          campus_id: 1,
          school_year: String(year),
          term_no: 2,
          event_date: `${String(year).slice(5, 9)}-07-05`,
          kind: 'graduation',
          reason: null,
          from_campus_id: null,
          to_campus_id: null,
          from_program_id: null,
          to_program_id: null,
        })),
      )
      .execute();
    await rebuildFlowCounts(db);
  });

  const national = async (year: string) => {
    const rows = await sumFlowCounts(store().db, { level: 'national', years: [year] });
    expect(rows).toHaveLength(1);
    return rows[0]!.counts;
  };

  it('enrolls the entrant into semester 3 (MT) but leaves them out of NI1', async () => {
    const a = await national(A);
    expect(a.mt).toBe(3);
    expect(a.ni1).toBe(2);
    const rows = await sumFlowCounts(store().db, { level: 'program', years: [A] });
    expect(rows.map((r) => r.counts.ni1)).toEqual([2]);
  });

  it('keeps eficiencia terminal at graduates over first-grade entrants two years before', async () => {
    const [a, c] = [await national(A), await national(C)];
    expect(c.eg).toBe(1);
    expect(eficienciaTerminal(c.eg, a.ni1)).toBe(50);
  });

  it('leaves the entrant into semester 3 out of the generation’s entrants (cohort and what-if)', async () => {
    const db = store().db;
    const counts = await generationCounts(db, { entryYear: 2018, cutoffYear: schoolYearOf(2020) });
    expect(counts.byNormalEnd.entrants).toBe(2);
    expect(counts.byNormalEnd.graduatedOnTime).toBe(1);
    expect(await entrantsIn(db, A, {})).toBe(2);
  });

  it('counts the entrant into semester 3 with the 911’s reinscritos, not as nuevo ingreso or repeater', async () => {
    const rows = await startOfYearRows(store().db, A, '12-31', {});
    const n = (semester: number, status: number) =>
      rows.filter((r) => r.semester === semester && r.status === status).reduce((a, r) => a + r.n, 0);
    expect(n(1, 1)).toBe(2);
    expect(n(3, 0)).toBe(1);
    expect(n(3, 1) + n(3, 2)).toBe(0);
  });
});
