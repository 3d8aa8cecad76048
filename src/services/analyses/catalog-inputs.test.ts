/**
 * Issue 15: the campus list, reported counts and published figures log what they changed, and each analysis
 * declares the school years and campuses it reads (inputs.ts analysisInputs), so that such an import starts only
 * the jobs it must: reported counts and published figures (which no analysis reads) none, a renamed campus the
 * analyses that show its name, an address none, records of a school year before a generation entered none of
 * that generation's; the answers equal a fresh computation.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Scope } from '../../domain/access.js';
import type { Store } from '../../storage/db.js';
import { loadDemoFixture } from '../../test-support/demo-fixtures.js';
import { describeEachDialect } from '../../test-support/stores.js';
import {
  importCampuses,
  importFresh,
  importPublishedDropout,
  importReportedCounts,
} from '../imports/index.js';
import { computeAnalysis } from './catalog.js';
import {
  analysisRunner,
  defaultAnalyses,
  DEFAULT_WHATIF,
  unitScope,
  type AnalysisAnswer,
  type AnalysisRequest,
} from './index.js';

const text = (lines: readonly string[]) => Buffer.from(`${lines.join('\n')}\n`, 'utf8');

interface Campus {
  id: number;
  cct: string;
  name: string;
  state_id: number;
  campus_number: number;
  latitude: number;
  longitude: number;
  address: string;
  state_name: string;
}

const campusScope = (c: Campus): Scope =>
  unitScope({ userId: 1, role: 'campus', stateId: c.state_id, campusId: c.id, groups: [] });

/** The campus as the campus list names it, with some fields changed. */
const campusLine = (c: Campus, over: Partial<Campus> = {}) => {
  const x = { ...c, ...over };
  return [x.state_id, x.state_name, x.campus_number, x.name, x.cct, x.latitude, x.longitude, x.address]
    .map((v) => (/[",]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v)))
    .join(',');
};
const CAMPUS_HEADER = 'clave_entidad,entidad,clave_plantel,plantel,cct,latitud,longitud,domicilio_plantel';

/** The largest campuses of two states, with what the campus list says of them. */
async function twoCampuses(store: Store): Promise<[Campus, Campus]> {
  const rows = await store.db
    .selectFrom('campuses as c')
    .innerJoin('states as s', 's.id', 'c.state_id')
    .innerJoin('enrollments as e', 'e.campus_id', 'c.id')
    .select([
      'c.id',
      'c.cct',
      'c.name',
      'c.state_id',
      'c.campus_number',
      'c.latitude',
      'c.longitude',
      'c.address',
      's.name as state_name',
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .groupBy([
      'c.id',
      'c.cct',
      'c.name',
      'c.state_id',
      'c.campus_number',
      'c.latitude',
      'c.longitude',
      'c.address',
      's.name',
    ])
    .orderBy('n', 'desc')
    .orderBy('c.id')
    .execute();
  const norm = (r: (typeof rows)[number]): Campus => ({
    ...r,
    id: Number(r.id),
    state_id: Number(r.state_id),
    campus_number: Number(r.campus_number),
    latitude: Number(r.latitude),
    longitude: Number(r.longitude),
  });
  const a = rows[0];
  const b = rows.find((r) => Number(r.state_id) !== Number(a?.state_id));
  if (!a || !b) throw new Error('the demo has no two states with records');
  return [norm(a), norm(b)];
}

const at = (x: AnalysisAnswer<unknown>) => (x.status === 'fresh' ? x.computedAt : x.status);

describeEachDialect(
  'catalog and aggregate imports recompute only the analyses that read them',
  ({ store }) => {
    let a: Campus;
    let b: Campus;
    beforeAll(async () => {
      await loadDemoFixture(store(), { seed: 21, scale: 0.003 });
      [a, b] = await twoCampuses(store());
    }, 180_000);

    it('counts and published figures start no job, a renamed campus only what shows its name, an older year none', async () => {
      const log: Record<string, unknown>[] = [];
      const runner = analysisRunner(store(), { workerUrl: null, log: (e) => log.push(e) });
      // The latest generation: school years before its entry exist.
      const cohort = (await defaultAnalyses(store()))
        .filter((r) => r.name === 'cohort')
        .at(-1) as AnalysisRequest;
      const generation = (cohort.params as { generation: string }).generation;
      const entry = `${generation.slice(0, 4)}-${Number(generation.slice(0, 4)) + 1}`;
      const whatif = (scope: Scope | null): AnalysisRequest => ({
        name: 'whatif',
        params: { generation, ...DEFAULT_WHATIF },
        scope,
      });
      const requests: AnalysisRequest[] = [
        whatif(null),
        cohort,
        { name: 'cohort', params: { generation, level: 'campus', unitId: a.cct }, scope: null },
        whatif(campusScope(a)),
        whatif(campusScope(b)),
      ];
      const done = () => log.filter((e) => e.event === 'analysis_done').length;
      const answers = () => Promise.all(requests.map((r) => runner.get(r)));
      const first = await answers();
      expect(first.map((x) => x.status)).toEqual(['fresh', 'fresh', 'fresh', 'fresh', 'fresh']);
      expect(done()).toBe(5);
      // A runner started now reads every version afresh (no cached gate) against the stored results.
      const kept = async () => {
        expect(await analysisRunner(store(), { workerUrl: null }).refresh(requests)).toBe(0);
        expect(await runner.refresh(requests)).toBe(0);
        expect((await answers()).map(at)).toEqual(first.map(at));
      };

      // Reported counts of campus A and of the nation: no analysis reads them.
      const counts = await importReportedCounts(
        store().db,
        text([
          'ciclo_escolar,unidad,mt,ni1,ex,ap,reg,eg',
          `${entry},${a.cct},900,300,20,700,80,200`,
          `${entry},MX,1,1,0,1,0,0`,
        ]),
        'conteos.csv',
      );
      expect(counts.inserted).toBe(2);
      await kept();

      // A published dropout rate of campus A: no analysis reads it either.
      const published = await importPublishedDropout(
        store().db,
        text([
          'cve_ent,entidad,cve_plantel,plantel,periodo_anual,porcentaje_abandono_escolar',
          `${a.state_id},${a.state_name},${a.campus_number},${a.name},${entry},7.5`,
        ]),
        'abandono.csv',
      );
      expect(published.inserted).toBe(1);
      await kept();

      // Campus B's address: no analysis shows it.
      const moved = await importCampuses(
        store().db,
        text([CAMPUS_HEADER, campusLine(b, { address: 'Avenida Nueva 1' })]),
        'planteles.csv',
      );
      expect([moved.updated, moved.unchanged]).toEqual([1, 0]);
      await kept();

      // Attendance of campus A in the school year before the generation entered: its analyses read from the entry on.
      const before = `${Number(entry.slice(0, 4)) - 1}-${entry.slice(0, 4)}`;
      const en = await store()
        .db.selectFrom('enrollments as e')
        .innerJoin('student_identities as i', 'i.student_id', 'e.student_id')
        .select(['i.curp', 'e.school_year', 'e.term_no', 'e.attendance_pct'])
        .where('e.campus_id', '=', a.id)
        .where('e.school_year', '=', before)
        .orderBy('e.id')
        .limit(5)
        .execute();
      expect(en.length).toBeGreaterThan(0);
      const attendance = await importFresh(
        store(),
        'attendance',
        {
          bytes: text([
            'curp,cct,ciclo_escolar,periodo,asistencia',
            ...en.map(
              (e) =>
                `${e.curp},${a.cct},${e.school_year},${e.term_no},${e.attendance_pct >= 99 ? 50 : Math.round(e.attendance_pct) + 1}`,
            ),
          ]),
        },
        'asistencia.csv',
      );
      expect([attendance.rejected, attendance.updated]).toEqual([false, en.length]);
      await kept();

      // Campus A renamed: the cohort table and the scenario of campus A show its name; nothing else moves.
      const renamed = await importCampuses(
        store().db,
        text([CAMPUS_HEADER, campusLine(a, { name: `${a.name} Renombrado` })]),
        'planteles.csv',
      );
      expect(renamed.updated).toBe(1);
      expect(await runner.refresh(requests)).toBe(2);
      const last = await answers();
      expect(done()).toBe(7);
      expect(last.map(at).filter((t, i) => t === at(first[i] as AnalysisAnswer<unknown>))).toHaveLength(3);
      expect(at(last[2] as AnalysisAnswer<unknown>)).not.toBe(at(first[2] as AnalysisAnswer<unknown>));
      expect(at(last[3] as AnalysisAnswer<unknown>)).not.toBe(at(first[3] as AnalysisAnswer<unknown>));
      const shown = last[3] as AnalysisAnswer<{ unit: { name: string } }>;
      expect(shown.status === 'fresh' ? shown.result.unit.name : null).toBe(`${a.name} Renombrado`);
      // Every answer is what a fresh computation gives.
      for (const [i, r] of requests.entries()) {
        const x = last[i] as AnalysisAnswer<unknown>;
        expect(x.status).toBe('fresh');
        if (x.status === 'fresh')
          expect(x.result).toEqual(
            JSON.parse(JSON.stringify(await computeAnalysis(store().db, r.name, r.params, r.scope))),
          );
      }
    });
  },
);
