import { beforeAll, expect, it } from 'vitest';
import { generationName, schoolYearOf, shiftYear, type SchoolYear } from '../../domain/calendar.js';
import { cohortCountsFromPaths, type StudentPath } from '../../domain/cohorts.js';
import { AppError } from '../../domain/errors.js';
import type { Store } from '../../storage/db.js';
import { describeEachDialect } from '../../test-support/stores.js';
import { cohortFlow, cohortReport, type CohortReport } from './cohort.js';
import { loadDemo } from '../operations/index.js';
import { indicatorRows } from './indicators.js';

const SCALE = 0.003;

/** Rejects with an AppError of `kind` whose message contains every string of `listed`. */
async function expectAppError(p: Promise<unknown>, kind: string, listed: readonly string[]): Promise<void> {
  const e: unknown = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).kind).toBe(kind);
  // What the CLI shows: the message, then the details (the API sends the message only).
  const shown = [(e as AppError).message, ...(e as AppError).details].join(' ');
  for (const s of listed) expect(shown).toContain(s);
}

/**
 * The generation's counts recomputed student by student in JavaScript from the raw rows, independently of
 * the grouped SQL: each entrant's highest semester by the normal end, and graduation on time / by the cut-off.
 */
async function countsByStudent(store: Store, entryYear: number, campusId?: number) {
  const db = store.db;
  const entry = schoolYearOf(entryYear);
  const normalEnd = shiftYear(entry, 2);
  let q = db
    .selectFrom('enrollments')
    .select('student_id')
    .where('school_year', '=', entry)
    .where('term_no', '=', 1)
    .where('semester', '=', 1) // a generation's entrants: first-time entrants to semester 1 (not to 3 or 5)
    .where('new_entry', '=', 1);
  if (campusId !== undefined) q = q.where('campus_id', '=', campusId);
  const ids = new Set((await q.execute()).map((r) => r.student_id));
  const enrollments = await db
    .selectFrom('enrollments')
    .select(['student_id', 'school_year', 'semester'])
    .where('school_year', '>=', entry)
    .execute();
  const grads = await db
    .selectFrom('status_events')
    .select(['student_id', 'school_year'])
    .where('kind', '=', 'graduation')
    .execute();
  const reached = new Map<number, number>();
  for (const e of enrollments) {
    if (!ids.has(e.student_id) || e.school_year > normalEnd) continue;
    reached.set(e.student_id, Math.max(reached.get(e.student_id) ?? 0, e.semester));
  }
  const paths: StudentPath[] = [...ids].map((id) => {
    const g = grads.filter((x) => x.student_id === id && x.school_year >= entry);
    return {
      semesterReached: reached.get(id) ?? 0,
      graduatedOnTime: g.some((x) => x.school_year <= normalEnd),
      graduatedLate: g.some((x) => x.school_year > normalEnd),
      status: 'enrolled',
    };
  });
  return cohortCountsFromPaths(paths);
}

describeEachDialect('cohort report', ({ store }) => {
  let national: CohortReport;
  beforeAll(async () => {
    await loadDemo(store(), { seed: 31, scale: SCALE, force: false });
    national = await cohortReport(store().db, { generation: '2022-2025' });
  });

  it('starts at 100 % in semester 1, never increases, and has ETC at most the survival to semester 6', async () => {
    const years = (await indicatorRows(store().db, { level: 'national' })).map((r) => r.school_year);
    const generations = years.slice(0, -2).map((y) => Number(y.slice(0, 4)));
    expect(generations.length).toBeGreaterThan(5);
    for (const g of generations) {
      const r = await cohortReport(store().db, { generation: g });
      expect(r.generation).toBe(generationName(g));
      const survival = r.semesters.map((s) => s.survival_pct ?? NaN);
      expect(survival[0]).toBe(100);
      for (let k = 1; k < survival.length; k++) expect(survival[k]).toBeLessThanOrEqual(survival[k - 1] ?? 0);
      expect(survival[5]).toBeLessThan(100);
      const etc = r.trueCohort.eficienciaTerminalCohorte ?? NaN;
      expect(etc).toBeGreaterThan(0);
      expect(etc).toBeLessThanOrEqual(survival[5] ?? 0);
      expect(r.trueCohort.graduationByCutoff ?? NaN).toBeGreaterThanOrEqual(etc);
    }
  });

  it('has as entrants the NI1 of the entry year, at the nation and at a state, campus and program', async () => {
    const db = store().db;
    const [ni1] = await indicatorRows(db, { level: 'national', year: '2022-2023' });
    expect(national.entrants).toBe(ni1?.ni1);
    expect(national.entrants).toBeGreaterThan(100);
    for (const level of ['state', 'campus', 'program'] as const) {
      const rows = await indicatorRows(db, { level, year: '2022-2023' });
      const unit = rows.filter((r) => r.ni1 > 0).sort((a, b) => b.ni1 - a.ni1)[0];
      if (!unit) throw new Error(`no ${level} with entrants`);
      const r = await cohortReport(db, { generation: '2022-2025', level, unitId: unit.unit_id });
      expect(r.unit).toEqual({ level, id: unit.unit_id, name: unit.unit_name });
      expect(r.entrants).toBe(unit.ni1);
    }
  });

  it('attributes every entrant to one state of entry: the states add up to the nation', async () => {
    const db = store().db;
    const states = (await indicatorRows(db, { level: 'state', year: '2022-2023' })).filter((r) => r.ni1 > 0);
    const reports = await Promise.all(
      states.map((s) => cohortReport(db, { generation: 2022, level: 'state', unitId: s.unit_id })),
    );
    const sum = (f: (r: CohortReport) => number) => reports.reduce((a, r) => a + f(r), 0);
    expect(sum((r) => r.entrants)).toBe(national.entrants);
    expect(sum((r) => r.trueCohort.graduatedOnTime)).toBe(national.trueCohort.graduatedOnTime);
    expect(sum((r) => r.semesters[5]?.enrolled ?? 0)).toBe(national.semesters[5]?.enrolled);
  });

  it('counts the same as a student-by-student recomputation, nationally and at a campus of entry', async () => {
    const expected = await countsByStudent(store(), 2022);
    expect(national.semesters.map((s) => s.enrolled)).toEqual(expected.reachedBySemester);
    expect(national.trueCohort.graduatedOnTime).toBe(expected.graduatedOnTime);
    expect(national.trueCohort.graduatedByCutoff).toBe(expected.graduatedBy);
    const campus = await store()
      .db.selectFrom('enrollments as e')
      .innerJoin('campuses as c', 'c.id', 'e.campus_id')
      .select(['c.id', 'c.cct'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('e.school_year', '=', '2022-2023')
      .where('e.semester', '=', 1)
      .where('e.new_entry', '=', 1)
      .groupBy(['c.id', 'c.cct'])
      .orderBy('n', 'desc')
      .executeTakeFirstOrThrow();
    const atCampus = await countsByStudent(store(), 2022, campus.id);
    const r = await cohortReport(store().db, {
      generation: '2022-2025',
      level: 'campus',
      unitId: campus.cct,
    });
    expect(r.entrants).toBe(atCampus.entrants);
    expect(r.semesters.map((s) => s.enrolled)).toEqual(atCampus.reachedBySemester);
    expect(r.trueCohort.graduatedOnTime).toBe(atCampus.graduatedOnTime);
  });

  it('shows the apparent ET of the graduation year next to the true-cohort ETC, with an explanation', async () => {
    const [row] = await indicatorRows(store().db, { level: 'national', year: '2024-2025' });
    expect(national.graduationYear).toBe('2024-2025');
    expect(national.apparent.eficienciaTerminal).not.toBeNull();
    expect(national.apparent.eficienciaTerminal).toBe(row?.eficiencia_terminal);
    expect(national.apparent.eg).toBe(row?.eg);
    expect(national.trueCohort.eficienciaTerminalCohorte).not.toBeNull();
    // Nationally every on-time graduate of the generation is one of the year's graduates.
    expect(national.trueCohort.graduatedOnTime).toBeLessThanOrEqual(row?.eg ?? 0);
    expect(national.differencePoints).toBeCloseTo(
      (national.apparent.eficienciaTerminal ?? 0) - (national.trueCohort.eficienciaTerminalCohorte ?? 0),
      9,
    );
    expect(national.explanation.es).toContain('repetidores');
    expect(national.explanation.es).toContain('traslado');
    expect(national.explanation.en).toContain('transferred');
  });

  it('rejects generations outside the data and unknown units, listing the valid values (the nearest keys)', async () => {
    const db = store().db;
    await expectAppError(cohortReport(db, { generation: '2024-2027' }), 'not_found', [
      '2013-2016',
      '2023-2026',
    ]);
    await expectAppError(cohortReport(db, { generation: 1999 }), 'not_found', ['2022-2025']);
    await expectAppError(cohortReport(db, { generation: '2022-2024' }), 'invalid', ['2022-2025']);
    await expectAppError(
      cohortReport(db, { generation: '2022-2025', level: 'campus', unitId: '01DPT0002X' }),
      'not_found',
      ['01DPT0002I', 'Claves más parecidas'],
    );
    await expectAppError(cohortReport(db, { generation: '2022-2025', level: 'state' }), 'invalid', [
      '01',
      '32',
    ]);
    await expectAppError(cohortReport(db, { generation: '2022-2025', level: 'planet' }), 'invalid', [
      'national',
    ]);
  });

  it('feeds the UNESCO reconstructed cohort with counts that match the flow counts', async () => {
    const db = store().db;
    const year = '2023-2024' as SchoolYear;
    const r = await cohortFlow(db, year);
    const [t] = await indicatorRows(db, { level: 'national', year });
    const [next] = await indicatorRows(db, { level: 'national', year: shiftYear(year, 1) });
    const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(r.input.enrolment)).toBe(t?.mt);
    expect(sum(r.input.enrolmentNext)).toBe(next?.mt);
    expect(r.input.graduates).toBe(t?.eg);
    r.input.repeatersNext.forEach((rep, g) => expect(rep).toBeLessThanOrEqual(r.input.enrolmentNext[g] ?? 0));
    expect(r.input.repeatersNext[2]).toBeGreaterThan(0);
    expect(r.cohort.survivalToGradePct[0]).toBe(100);
    expect(r.cohort.graduates).toBeGreaterThan(0);
    await expectAppError(cohortFlow(db, '2025-2026'), 'not_found', ['2024-2025']);
  });
});
