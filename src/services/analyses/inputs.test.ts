/**
 * Issue 15: analyses are computed again only when their inputs change. An import of module results that changes
 * no yearly result (no analysis reads module results) leaves every stored result current (one that changes
 * yearly results: src/services/imports/year-results.test.ts); an import of one campus's enrollments recomputes the
 * analyses whose unit contains that campus and leaves another state's campus's result as it was; the answers
 * equal a fresh computation.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Scope } from '../../domain/access.js';
import { noteDataChange } from '../../storage/data-version.js';
import {
  attendanceFile,
  csvFile as csv,
  describeImports,
  enrollmentAttendance,
  MODULE_RESULTS_HEADER,
  moduleResultRows,
} from '../../test-support/import-harness.js';
import { importFresh } from '../imports/index.js';
import { computeAnalysis } from './catalog.js';
import { analysisRunner, defaultAnalyses, DEFAULT_WHATIF, unitScope, type AnalysisRequest } from './index.js';

const generationOf = (r: AnalysisRequest) => (r.params as { generation: string }).generation;

const campusScope = (campusId: number, stateId: number): Scope =>
  unitScope({ userId: 1, role: 'campus', stateId, campusId, groups: [] });

describeImports('analyses recomputed only when their inputs change', 21, ({ store }) => {
  let a: { id: number; state_id: number };
  let b: { id: number; state_id: number };
  beforeAll(async () => {
    // The two largest campuses of different states (a scenario needs a unit with records enough).
    const campuses = await store()
      .db.selectFrom('campuses as c')
      .innerJoin('enrollments as e', 'e.campus_id', 'c.id')
      .select(['c.id', 'c.state_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['c.id', 'c.state_id'])
      .orderBy('n', 'desc')
      .orderBy('c.id')
      .execute();
    a = campuses[0] as { id: number; state_id: number };
    b = campuses.find((c) => c.state_id !== a.state_id) as { id: number; state_id: number };
  }, 120_000);

  it('a module-results import that changes no yearly result recomputes nothing; an enrollments import of campus A recomputes what reads A only', async () => {
    const log: Record<string, unknown>[] = [];
    const runner = analysisRunner(store(), { workerUrl: null, log: (e) => log.push(e) });
    const cohort = (await defaultAnalyses(store())).find((r) => r.name === 'cohort') as AnalysisRequest;
    const requests: AnalysisRequest[] = [
      { name: 'whatif', params: { generation: generationOf(cohort), ...DEFAULT_WHATIF }, scope: null },
      cohort,
      {
        name: 'whatif',
        params: { generation: generationOf(cohort), ...DEFAULT_WHATIF },
        scope: campusScope(a.id, a.state_id),
      },
      {
        name: 'whatif',
        params: { generation: generationOf(cohort), ...DEFAULT_WHATIF },
        scope: campusScope(b.id, b.state_id),
      },
    ];
    const done = () => log.filter((e) => e.event === 'analysis_done').length;
    const answers = async () => Promise.all(requests.map((r) => runner.get(r)));
    const first = await answers();
    expect(first.map((x) => x.status)).toEqual(['fresh', 'fresh', 'fresh', 'fresh']);
    expect(done()).toBe(4);

    // Module results of campus A, their attendance only (the yearly results stay): no analysis reads them.
    const mr = await moduleResultRows(store(), { campusId: a.id, limit: 20 });
    expect(mr.length).toBeGreaterThan(0);
    const s1 = await importFresh(
      store(),
      'module-results',
      csv(
        MODULE_RESULTS_HEADER,
        mr.map((r) => [
          r.curp,
          r.cct,
          r.school_year,
          r.term_no,
          r.code,
          r.grade,
          r.attendance_pct >= 99 ? 50 : Math.round(r.attendance_pct) + 1,
        ]),
      ),
      'calificaciones.csv',
    );
    expect(s1.rejected).toBe(false);
    expect(s1.updated).toBe(mr.length);
    expect(await runner.refresh(requests)).toBe(0);
    const second = await answers();
    expect(second.map((x) => x.status)).toEqual(['fresh', 'fresh', 'fresh', 'fresh']);
    expect(second.map((x) => (x.status === 'fresh' ? x.computedAt : null))).toEqual(
      first.map((x) => (x.status === 'fresh' ? x.computedAt : null)),
    );
    expect(done()).toBe(4);

    // Enrollments (attendance) of campus A: the national results and A's are computed again, B's kept.
    const en = await enrollmentAttendance(store(), { campusId: a.id, limit: 10 });
    const s2 = await importFresh(store(), 'attendance', attendanceFile(en), 'asistencia.csv');
    expect(s2.rejected).toBe(false);
    expect(s2.updated).toBeGreaterThan(0);
    expect(await runner.refresh(requests)).toBe(3);
    const third = await answers();
    expect(done()).toBe(7);
    const at = (x: (typeof third)[number]) => (x.status === 'fresh' ? x.computedAt : null);
    expect(at(third[3] as (typeof third)[number])).toBe(at(first[3] as (typeof first)[number]));
    // The answers are what a fresh computation gives.
    for (const [i, r] of requests.entries()) {
      const x = third[i] as (typeof third)[number];
      expect(x.status).toBe('fresh');
      if (x.status === 'fresh')
        expect(x.result).toEqual(
          JSON.parse(JSON.stringify(await computeAnalysis(store().db, r.name, r.params, r.scope))),
        );
    }
  });

  it('an import run without a logged footprint (a campus list, an older run) still recomputes everything', async () => {
    const log: Record<string, unknown>[] = [];
    const runner = analysisRunner(store(), { workerUrl: null, log: (e) => log.push(e) });
    const cohort = (await defaultAnalyses(store())).find((r) => r.name === 'cohort') as AnalysisRequest;
    const req: AnalysisRequest = {
      name: 'whatif',
      params: { generation: generationOf(cohort), ...DEFAULT_WHATIF },
      scope: campusScope(b.id, b.state_id),
    };
    await runner.get(req);
    await store()
      .db.insertInto('import_runs')
      .values({
        id: 1_000_000,
        kind: 'campuses',
        file_name: 'planteles.csv',
        file_sha256: 'x',
        rows: 1,
        inserted: 0,
        updated: 1,
        unchanged: 0,
        issues: 0,
        status: 'ok',
        started_at: '2099-01-01T00:00:00.000Z',
        finished_at: '2099-01-01T00:00:01.000Z',
      })
      .execute();
    noteDataChange(store().db);
    expect(await runner.refresh([req])).toBe(1);
  });
});
