/**
 * The director's breakdown (issue 13, finding 4): GET /breakdown/{cct} gives a campus's programs and groups with
 * their indicators and students by semáforo, to every role whose scope holds the campus; each program it lists
 * opens as a program page (/indicators and /summary with level=program) for that role, without a 404.
 * Every figure is checked against the rows counted another way. SQLite and PostgreSQL.
 */
import { beforeAll, expect, it } from 'vitest';
import { runScoring } from '../services/risk/index.js';
import { describeEachDialect } from '../test-support/stores.js';
import {
  allStudents,
  call,
  createHarness,
  getJson,
  login,
  personalDataScanner,
  type Harness,
} from './test-helpers.js';

interface Bands {
  verde: number;
  amarillo: number;
  rojo: number;
  total: number;
  rojoShare: number | null;
}
interface Breakdown {
  campus: { cct: string };
  schoolYear: string | null;
  cutoff: string | null;
  term: string | null;
  programs: { code: string; name: string; mt: number | null; abandono: number | null; risk: Bands }[];
  groups: {
    code: string;
    programCode: string;
    semester: number;
    enrolled: number | null;
    left: number | null;
    risk: Bands;
  }[];
}
interface Rows {
  rows: { unit_id: string; mt: number; abandono: number | null; sex: string | null }[];
}

const YEAR = '2024-2025';

describeEachDialect('API director breakdown', ({ store }) => {
  let h: Harness;
  const cookie = { national: '', state: '', campus: '', tutor: '', analyst: '' };
  let ownCct: string;

  beforeAll(async () => {
    h = await createHarness(store());
    // Rules-only scores (no model): the stored semáforo the breakdown counts.
    await runScoring(store().db, {});
    for (const role of ['national', 'state', 'campus', 'tutor', 'analyst'] as const)
      cookie[role] = await login(h, role);
    ownCct = (await getJson<{ user: { campusCct: string } }>(h.app, '/api/v1/session', cookie.campus)).user
      .campusCct;
  }, 120_000);

  it("counts the campus's scored students by program and group, and its groups' enrollments", async () => {
    const b = await getJson<Breakdown>(h.app, `/api/v1/breakdown/${ownCct}?year=${YEAR}`, cookie.campus);
    const db = store().db;
    const campus = await db
      .selectFrom('campuses')
      .select('id')
      .where('cct', '=', ownCct)
      .executeTakeFirstOrThrow();
    const scores = await db
      .selectFrom('risk_scores')
      .select(['flag', 'cutoff'])
      .where('campus_id', '=', campus.id)
      .execute();
    expect(scores.length).toBeGreaterThan(0);
    expect(b.cutoff).toBe(scores[0]?.cutoff);
    expect(b.term).toBe(b.cutoff);
    const count = (flag: string) => scores.filter((s) => s.flag === flag).length;
    const sum = (list: { risk: Bands }[], k: keyof Bands) => list.reduce((s, x) => s + Number(x.risk[k]), 0);
    for (const list of [b.programs, b.groups]) {
      expect(sum(list, 'total')).toBe(scores.length);
      expect(sum(list, 'rojo')).toBe(count('rojo'));
      expect(sum(list, 'amarillo')).toBe(count('amarillo'));
    }
    // Worst first by the share of red.
    const shares = b.groups.map((g) => g.risk.rojoShare ?? -1);
    expect(shares).toEqual([...shares].sort((x, y) => y - x));

    // Groups: the term's enrollments of the campus, counted here from the plain rows.
    const [schoolYear, termNo] = (b.term ?? '').split('/');
    const enrollments = await db
      .selectFrom('enrollments')
      .select(['group_code', 'semester', 'end_status'])
      .where('campus_id', '=', campus.id)
      .where('school_year', '=', schoolYear ?? '')
      .where('term_no', '=', Number(termNo))
      .execute();
    expect(b.groups.reduce((s, g) => s + (g.enrolled ?? 0), 0)).toBe(enrollments.length);
    const first = b.groups.find((g) => (g.enrolled ?? 0) > 0);
    const ofFirst = enrollments.filter(
      (e) => e.group_code === first?.code && Number(e.semester) === first?.semester,
    );
    expect(first?.enrolled).toBe(ofFirst.length);
    expect(first?.left).toBe(
      ofFirst.filter((e) => e.end_status === 'dropout' || e.end_status === 'temporary_leave').length,
    );

    // Programs: the same figures as the program indicators within the campus.
    const { rows } = await getJson<Rows>(
      h.app,
      `/api/v1/indicators?level=program&campus=${ownCct}&year=${YEAR}`,
      cookie.national,
    );
    for (const r of rows.filter((x) => x.sex === null)) {
      const p = b.programs.find((x) => x.code === r.unit_id);
      expect(p, r.unit_id).toMatchObject({ mt: r.mt, abandono: r.abandono });
    }
  });

  it('answers every role whose scope holds the campus, and 404 (as for an unknown CCT) to the others', async () => {
    const path = `/api/v1/breakdown/${ownCct}`;
    for (const role of ['national', 'state', 'campus', 'tutor', 'analyst'] as const)
      expect((await call(h.app, path, { cookie: cookie[role] })).status, role).toBe(200);
    const campuses = await getJson<{ cct: string; stateCode: string }[]>(
      h.app,
      '/api/v1/catalog/campuses',
      cookie.national,
    );
    const neighbour = campuses.find((c) => c.cct.startsWith('15') && c.cct !== ownCct)?.cct ?? '';
    const faraway = campuses.find((c) => !c.cct.startsWith('15'))?.cct ?? '';
    const unknown = await call(h.app, '/api/v1/breakdown/99DPT9999Z', { cookie: cookie.campus });
    expect(unknown.status).toBe(404);
    const unknownBody = (await unknown.text()).replace('99DPT9999Z', 'X');
    for (const [as, cct] of [
      [cookie.campus, neighbour],
      [cookie.tutor, neighbour],
      [cookie.state, faraway],
    ] as const) {
      const res = await call(h.app, `/api/v1/breakdown/${cct}`, { cookie: as });
      expect(res.status).toBe(404);
      expect((await res.text()).replace(cct, 'X')).toBe(unknownBody);
    }
    expect((await call(h.app, `/api/v1/breakdown/${neighbour}`, { cookie: cookie.state })).status).toBe(200);
    // Aggregates only: nothing personal for the analyst.
    const text = await (await call(h.app, path, { cookie: cookie.analyst })).text();
    const scan = personalDataScanner(await allStudents(h.app, cookie.national, `&campus=${ownCct}`));
    expect(scan(text, { ids: true })).toEqual([]);
  });

  it('lists programs whose program pages open for the campus, state and national users', async () => {
    const b = await getJson<Breakdown>(h.app, `/api/v1/breakdown/${ownCct}`, cookie.campus);
    expect(b.programs.length).toBeGreaterThan(0);
    for (const role of ['campus', 'tutor', 'state', 'national'] as const) {
      for (const p of b.programs) {
        for (const q of [`indicators?level=program&unit=${p.code}`, `summary?level=program&unit=${p.code}`]) {
          const res = await call(h.app, `/api/v1/${q}`, { cookie: cookie[role] });
          expect(res.status, `${role} ${q}: ${await res.clone().text()}`).toBe(200);
        }
      }
    }
  });
});
