/**
 * Everything current after an import (services/imports/freshness.ts), through the API on both dialects: an enrollments
 * file that lowers a student's grades and attendance and corrects another row's "nuevo ingreso" leaves, as soon
 * as the upload answers, the student's stored risk score of the current cut-off raised, and the campus's NI1
 * read through /api/v1/indicators changed.
 */
import { beforeAll, expect, it } from 'vitest';
import { runScoring } from '../services/risk/index.js';
import { moduleResultRows } from '../test-support/import-harness.js';
import { describeEachDialect } from '../test-support/stores.js';
import { call, createHarness, getJson, login, type Harness } from './test-helpers.js';

const HEADER =
  'curp,cct,clave_carrera,ciclo_escolar,periodo,semestre,grupo,nuevo_ingreso,promedio,modulos_reprobados,asistencia,estatus_final';

const STATUS_ES: Readonly<Record<string, string>> = {
  completed: 'concluido',
  dropout: 'baja',
  temporary_leave: 'baja_temporal',
  transfer_out: 'traslado',
};

describeEachDialect('freshness after an import (API)', ({ store }) => {
  let h: Harness;
  let cutoff = '';

  beforeAll(async () => {
    h = await createHarness(store());
    // A stored scoring run, as the first start leaves one.
    cutoff = (await runScoring(store().db, {}, { save: true, at: new Date('2026-01-01T00:00:00Z') })).run
      .cutoff;
  }, 180_000);

  /** An enrollment row as a campus system exports it, with some fields replaced. */
  const enrollmentLine = async (id: number, replace: Record<string, string | number>) => {
    const e = await store()
      .db.selectFrom('enrollments as e')
      .innerJoin('student_identities as i', 'i.student_id', 'e.student_id')
      .innerJoin('campuses as c', 'c.id', 'e.campus_id')
      .innerJoin('programs as p', 'p.id', 'e.program_id')
      .select([
        'i.curp',
        'c.cct',
        'p.code',
        'e.school_year',
        'e.term_no',
        'e.semester',
        'e.group_code',
        'e.new_entry',
        'e.grade_avg',
        'e.failed_modules',
        'e.attendance_pct',
        'e.end_status',
      ])
      .where('e.id', '=', id)
      .executeTakeFirstOrThrow();
    const row: Record<string, string | number> = {
      curp: e.curp,
      cct: e.cct,
      clave_carrera: e.code,
      ciclo_escolar: e.school_year,
      periodo: e.term_no,
      semestre: e.semester,
      grupo: e.group_code,
      nuevo_ingreso: e.new_entry,
      promedio: e.grade_avg ?? '',
      modulos_reprobados: e.failed_modules,
      asistencia: e.attendance_pct,
      estatus_final: STATUS_ES[e.end_status] ?? e.end_status,
      ...replace,
    };
    return {
      line: HEADER.split(',')
        .map((k) => row[k])
        .join(','),
      cct: e.cct,
      year: e.school_year,
    };
  };

  it('re-scores the students the file named and the indicators read the new counts', async () => {
    const db = store().db;
    const [year, term] = cutoff.split('/');
    // A student scored verde at the cut-off, and their enrollment of that term.
    const calm = await db
      .selectFrom('risk_scores as r')
      .innerJoin('enrollments as e', (j) =>
        j
          .onRef('e.student_id', '=', 'r.student_id')
          .on('e.school_year', '=', year!)
          .on('e.term_no', '=', Number(term)),
      )
      .select(['r.student_id', 'r.scored_at', 'e.id'])
      .where('r.cutoff', '=', cutoff)
      .where('r.flag', '=', 'verde')
      .orderBy('r.student_id')
      .executeTakeFirstOrThrow();
    // Another student's first-semester enrollment of the latest start of a year, counted as new (NI1).
    const entrant = await db
      .selectFrom('enrollments')
      .select(['id', 'campus_id'])
      .where('school_year', '=', year!)
      .where('term_no', '=', 1)
      .where('semester', '=', 1)
      .where('new_entry', '=', 1)
      .where('student_id', '!=', calm.student_id)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const worse = await enrollmentLine(calm.id, { promedio: 5, modulos_reprobados: 6, asistencia: 40 });
    const repeat = await enrollmentLine(entrant.id, { nuevo_ingreso: 0 });
    const cookie = await login(h, 'national');
    const ni1 = async () => {
      const { rows } = await getJson<{ rows: { ni1: number }[] }>(
        h.app,
        `/api/v1/indicators?level=campus&year=${repeat.year}&unit=${repeat.cct}`,
        cookie,
      );
      return rows[0]!.ni1;
    };
    const before = await ni1();

    const res = await call(h.app, '/api/v1/imports/enrollments?filename=inscripciones.csv', {
      method: 'POST',
      cookie,
      body: `${HEADER}\n${worse.line}\n${repeat.line}\n`,
      headers: { 'Content-Type': 'text/csv' },
    });
    expect(res.status).toBe(200);
    const s = (await res.json()) as {
      rejected: boolean;
      updated: number;
      issues: unknown[];
      freshness: { changed: boolean; riskScored: number | null; riskScope: string; riskError: string | null };
    };
    expect(s.rejected, JSON.stringify(s.issues)).toBe(false);
    expect(s.updated).toBe(2);
    expect(s.freshness).toMatchObject({ changed: true, riskScope: 'students', riskError: null });
    expect(s.freshness.riskScored).toBeGreaterThanOrEqual(1);

    const stored = await db
      .selectFrom('risk_scores')
      .select(['flag', 'scored_at', 'reasons'])
      .where('student_id', '=', calm.student_id)
      .where('cutoff', '=', cutoff)
      .executeTakeFirstOrThrow();
    expect(stored.flag).toBe('rojo');
    expect(stored.scored_at).not.toBe(calm.scored_at);
    expect(JSON.parse(stored.reasons)).toEqual(expect.arrayContaining(['attendance', 'grade', 'failed']));
    expect(await ni1()).toBe(before - 1);
  });

  it('the same file again changes nothing and re-scores no one', async () => {
    const db = store().db;
    const before = await db.selectFrom('risk_scores').select(['student_id', 'scored_at']).execute();
    const any = await db
      .selectFrom('enrollments')
      .select('id')
      .where('school_year', '=', cutoff.split('/')[0]!)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const same = await enrollmentLine(any.id, {});
    const cookie = await login(h, 'national');
    const res = await call(h.app, '/api/v1/imports/enrollments?filename=inscripciones.csv', {
      method: 'POST',
      cookie,
      body: `${HEADER}\n${same.line}\n`,
      headers: { 'Content-Type': 'text/csv' },
    });
    const s = (await res.json()) as { unchanged: number; freshness: { changed: boolean; riskScope: string } };
    expect(s.unchanged).toBe(1);
    expect(s.freshness).toMatchObject({ changed: false, riskScope: 'none' });
    const after = await db.selectFrom('risk_scores').select(['student_id', 'scored_at']).execute();
    expect(after.length).toBe(before.length);
  });

  /** The latest module result with a grade at or above `min`, as an import file names it. */
  const moduleResult = async (min: number) => {
    const [r] = await moduleResultRows(store(), { limit: 1, gradeAtLeast: min, newestFirst: true });
    if (!r) throw new Error(`no module result with a grade of at least ${min}`);
    return r;
  };

  const postModuleResult = async (
    r: Awaited<ReturnType<typeof moduleResult>>,
    grade: number,
    attendance: number,
  ) => {
    const res = await call(h.app, '/api/v1/imports/module-results?filename=calificaciones.csv', {
      method: 'POST',
      cookie: await login(h, 'national'),
      body: `curp,cct,ciclo_escolar,periodo,clave_modulo,calificacion,asistencia\n${[r.curp, r.cct, r.school_year, r.term_no, r.code, grade, attendance].join(',')}\n`,
      headers: { 'Content-Type': 'text/csv' },
    });
    return (await res.json()) as {
      updated: number;
      freshness: { changed: boolean; riskScope: string; riskError: string | null };
    };
  };

  it('a module result whose change judges no yearly result again re-scores no one', async () => {
    const db = store().db;
    const r = await moduleResult(6);
    const attendance = Number(r.attendance_pct) >= 99 ? 50 : Math.round(Number(r.attendance_pct)) + 1;
    const before = await db.selectFrom('risk_scores').select(['student_id', 'scored_at']).execute();
    const s = await postModuleResult(r, Number(r.grade), attendance);
    expect(s.updated).toBe(1);
    expect(s.freshness).toMatchObject({ changed: true, riskScope: 'none' });
    const stored = await db
      .selectFrom('module_results')
      .select('attendance_pct')
      .where('id', '=', r.id)
      .executeTakeFirstOrThrow();
    expect(Number(stored.attendance_pct)).toBe(attendance);
    expect(await db.selectFrom('risk_scores').select(['student_id', 'scored_at']).execute()).toEqual(before);
  });

  it('a failing grade that changes the yearly result (pending modules, a risk input) re-scores the student', async () => {
    const db = store().db;
    const r = await moduleResult(6);
    const student = await db
      .selectFrom('student_identities')
      .select('student_id')
      .where('curp', '=', r.curp)
      .executeTakeFirstOrThrow();
    const yearBefore = await db
      .selectFrom('year_results')
      .selectAll()
      .where('student_id', '=', student.student_id)
      .where('school_year', '=', r.school_year)
      .execute();
    const s = await postModuleResult(r, 5, Number(r.attendance_pct));
    expect(s.updated).toBe(1);
    const yearAfter = await db
      .selectFrom('year_results')
      .selectAll()
      .where('student_id', '=', student.student_id)
      .where('school_year', '=', r.school_year)
      .execute();
    expect(yearAfter).not.toEqual(yearBefore);
    expect(s.freshness).toMatchObject({ changed: true, riskScope: 'students', riskError: null });
  });
});
