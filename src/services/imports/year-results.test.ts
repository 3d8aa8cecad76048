/**
 * Issue 12: yearly results follow the imported module results. Importing a failing grade moves the student from
 * passed to failed for the year (AP, the campus pass rate and the 911 end-of-year table move with it); a
 * regularization grade that passes then makes them regularized (REG, the 911 "Regularizados"). Inside the
 * import's transaction, on both dialects. The changed yearly result is logged as its (school year, campus) cell:
 * the analyses that read yearly results are computed again for units holding that campus only.
 */
import { beforeAll, expect, it } from 'vitest';
import { endOfYearRows } from '../../storage/report-queries.js';
import { describeEachDialect } from '../../test-support/stores.js';
import { loadDemoFixture } from '../../test-support/demo-fixtures.js';
import { unitScope, type AnalysisRequest } from '../analyses/index.js';
import { inputVersions } from '../analyses/inputs.js';
import { indicatorRows } from '../indicators/index.js';
import { importRecords } from './records.js';

const YEAR = '2025-2026';
const HEADER =
  'curp,cct,ciclo_escolar,periodo,clave_modulo,calificacion,asistencia,calificacion_regularizacion';
const csv = (lines: readonly string[]) => ({ bytes: Buffer.from(`${lines.join('\n')}\n`, 'utf8') });

describeEachDialect('imports: yearly results from module results', ({ store }) => {
  beforeAll(async () => {
    await loadDemoFixture(store(), { seed: 7, scale: 0.003 });
  }, 120_000);

  it('a failing grade fails the year, a passing regularization grade regularizes it', async () => {
    const db = store().db;
    // A student who passed every module of the year in ordinary evaluation, and one of their modules.
    const r = await db
      .selectFrom('year_results as y')
      .innerJoin('module_results as r', (j) =>
        j.onRef('r.student_id', '=', 'y.student_id').onRef('r.school_year', '=', 'y.school_year'),
      )
      .innerJoin('student_identities as i', 'i.student_id', 'r.student_id')
      .innerJoin('campuses as c', 'c.id', 'r.campus_id')
      .innerJoin('modules as m', 'm.id', 'r.module_id')
      .select([
        'r.student_id',
        'c.id as campus_id',
        'i.curp',
        'c.cct',
        'r.term_no',
        'm.code',
        'r.attendance_pct',
      ])
      .where('y.school_year', '=', YEAR)
      .where('y.passed_all', '=', 1)
      // Not a grade-3 completer without certificate: the demo gives those a pending module of the year.
      .where('y.pending_modules', '=', 0)
      .where('y.graduated', '=', 0)
      .orderBy('r.id')
      .executeTakeFirstOrThrow();
    const line = (grade: string, reg: string) =>
      [r.curp, r.cct, YEAR, r.term_no, r.code, grade, r.attendance_pct, reg].join(',');
    const result = () =>
      db
        .selectFrom('year_results')
        .select(['passed_all', 'regularized', 'pending_modules'])
        .where('student_id', '=', r.student_id)
        .where('school_year', '=', YEAR)
        .executeTakeFirstOrThrow();
    const campus = async () => {
      const [row] = await indicatorRows(db, { level: 'campus', year: YEAR, unitId: r.cct });
      const form = await endOfYearRows(db, YEAR, { campusId: r.campus_id });
      return {
        ap: row?.ap ?? -1,
        reg: row?.reg ?? -1,
        aprobacion: row?.aprobacion ?? -1,
        form911: {
          ap: form.reduce((a, x) => a + x.ap, 0),
          reg: form.reduce((a, x) => a + x.reg, 0),
        },
      };
    };
    // The data versions of a what-if analysis nationally, for the student's campus and for another campus.
    const other = await db
      .selectFrom('campuses')
      .select(['id', 'state_id'])
      .where('id', '!=', r.campus_id)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const here = await db
      .selectFrom('campuses')
      .select('state_id')
      .where('id', '=', r.campus_id)
      .executeTakeFirstOrThrow();
    const at = (campusId: number, stateId: number): AnalysisRequest => ({
      name: 'whatif',
      params: {},
      scope: unitScope({ userId: 1, role: 'campus', stateId, campusId, groups: [] }),
    });
    const requests = [
      { name: 'whatif', params: {}, scope: null } as AnalysisRequest,
      at(r.campus_id, here.state_id),
      at(other.id, other.state_id),
    ];
    const versions = async () => {
      const v = inputVersions(store());
      return Promise.all(requests.map((q) => v(q)));
    };
    const versionsBefore = await versions();
    const before = await campus();
    expect(await result()).toEqual({ passed_all: 1, regularized: 0, pending_modules: 0 });

    const failed = await importRecords(store(), 'module-results', csv([HEADER, line('5.95', '')]), 'f.csv');
    expect(failed.issues).toEqual([]);
    expect(failed.refreshedYears).toEqual([YEAR]);
    const versionsAfter = await versions();
    expect(versionsAfter.map((v, i) => v !== versionsBefore[i])).toEqual([true, true, false]);
    expect(await result()).toEqual({ passed_all: 0, regularized: 0, pending_modules: 1 });
    const afterFail = await campus();
    expect(afterFail.ap).toBe(before.ap - 1);
    expect(afterFail.reg).toBe(before.reg);
    expect(afterFail.aprobacion).toBeLessThan(before.aprobacion);
    expect(afterFail.form911).toEqual({ ap: before.form911.ap - 1, reg: before.form911.reg });

    const recovered = await importRecords(
      store(),
      'module-results',
      csv([HEADER, line('5.95', '7.5')]),
      'r.csv',
    );
    expect(recovered.updated).toBe(1);
    expect(await result()).toEqual({ passed_all: 0, regularized: 1, pending_modules: 0 });
    const afterReg = await campus();
    expect(afterReg.ap).toBe(before.ap - 1);
    expect(afterReg.reg).toBe(before.reg + 1);
    expect(afterReg.form911).toEqual({ ap: before.form911.ap - 1, reg: before.form911.reg + 1 });

    // A dry run of a passing grade changes nothing stored.
    const dry = await importRecords(store(), 'module-results', csv([HEADER, line('8', '')]), 'd.csv', {
      dryRun: true,
    });
    expect(dry.updated).toBe(1);
    expect(await result()).toEqual({ passed_all: 0, regularized: 1, pending_modules: 0 });

    // A passing grade restores the year as passed.
    await importRecords(store(), 'module-results', csv([HEADER, line('8', '')]), 'p.csv');
    expect(await result()).toEqual({ passed_all: 1, regularized: 0, pending_modules: 0 });
    expect(await campus()).toEqual(before);
  });

  it('a student who completed the year without a yearly result gets one again; another keeps theirs', async () => {
    const db = store().db;
    // Two students who completed the year's second term, each with a module result of that year, which the file
    // brings again (deleted first: only inserted or changed module results judge a year again).
    const picked = await db
      .selectFrom('year_results as y')
      .innerJoin('enrollments as e', (j) =>
        j
          .onRef('e.student_id', '=', 'y.student_id')
          .onRef('e.school_year', '=', 'y.school_year')
          .on('e.term_no', '=', 2)
          .on('e.end_status', '=', 'completed'),
      )
      .innerJoin('module_results as r', (j) =>
        j.onRef('r.student_id', '=', 'y.student_id').onRef('r.school_year', '=', 'y.school_year'),
      )
      .innerJoin('student_identities as i', 'i.student_id', 'r.student_id')
      .innerJoin('campuses as c', 'c.id', 'r.campus_id')
      .innerJoin('modules as m', 'm.id', 'r.module_id')
      .select([
        'y.student_id',
        'y.campus_id',
        'y.program_id',
        'y.semester',
        'y.sex',
        'y.passed_all',
        'y.regularized',
        'y.pending_modules',
        'i.curp',
        'c.cct',
        'r.term_no',
        'm.code',
        'r.grade',
        'r.attendance_pct',
        'r.regularization_grade',
        'r.id as result_id',
      ])
      .where('y.school_year', '=', YEAR)
      .where('y.graduated', '=', 0)
      .whereRef('e.campus_id', '=', 'y.campus_id')
      .orderBy('y.student_id')
      .orderBy('r.id')
      .execute();
    const [gone, kept] = [...new Map(picked.map((p) => [p.student_id, p])).values()];
    if (!gone || !kept) throw new Error('the demo has no two students who completed the year');
    await db.deleteFrom('module_results').where('id', 'in', [gone.result_id, kept.result_id]).execute();
    await db
      .deleteFrom('year_results')
      .where('student_id', '=', gone.student_id)
      .where('school_year', '=', YEAR)
      .execute();
    const lineOf = (p: typeof gone) =>
      [p.curp, p.cct, YEAR, p.term_no, p.code, p.grade, p.attendance_pct, p.regularization_grade ?? ''].join(
        ',',
      );
    const r = await importRecords(
      store(),
      'module-results',
      csv([HEADER, lineOf(gone), lineOf(kept)]),
      'y.csv',
    );
    expect(r.issues).toEqual([]);
    expect(r.inserted).toBe(2);
    const rows = await db
      .selectFrom('year_results')
      .select([
        'student_id',
        'campus_id',
        'program_id',
        'semester',
        'sex',
        'passed_all',
        'regularized',
        'pending_modules',
        'graduated',
      ])
      .where('school_year', '=', YEAR)
      .where('student_id', 'in', [gone.student_id, kept.student_id])
      .orderBy('student_id')
      .execute();
    const stored = (p: typeof gone, graduated: number) => ({
      student_id: p.student_id,
      campus_id: p.campus_id,
      program_id: p.program_id,
      semester: p.semester,
      sex: p.sex,
      passed_all: p.passed_all,
      regularized: p.regularized,
      pending_modules: p.pending_modules,
      graduated,
    });
    // The missing one judged again from its module results, as the demo had it; the other one as it was.
    expect(rows.map((x) => ({ ...x, student_id: Number(x.student_id) }))).toEqual([
      stored(gone, 0),
      stored(kept, 0),
    ]);
  });
});
