/**
 * Scope, enforced by the API for every role (docs/API.md, "Roles and scope"): a campus user never sees another
 * campus's students, a state user only its state, a tutor only its groups; outside the scope a record answers
 * exactly like one that does not exist. Runs on SQLite and PostgreSQL.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/stores.js';
import {
  allStudents,
  call,
  createHarness,
  getJson,
  login,
  personalDataScanner,
  type Harness,
  type StudentItem,
  type StudentPage,
} from './test-helpers.js';

interface Profile {
  student: { id: string; campusCct: string };
  terms: { school_year: string; term_no: number; group_code: string; cct: string }[];
}
interface Campus {
  cct: string;
  stateCode: string;
}
interface Rows {
  rows: { unit_id: string }[];
}

describeEachDialect('API scope', ({ store }) => {
  let h: Harness;
  const cookie = { national: '', state: '', campus: '', tutor: '' };
  let everyone: StudentItem[]; // as the national user sees them, with names
  let ownCct: string;
  let stateCcts: Set<string>;
  let elsewhere: StudentItem; // a student of another state

  /** The answer to a request, as a comparable value (status and body). */
  const answer = async (path: string, as: string) => {
    const res = await call(h.app, path, { cookie: as });
    return { status: res.status, body: await res.text() };
  };

  beforeAll(async () => {
    h = await createHarness(store());
    for (const role of ['national', 'state', 'campus', 'tutor'] as const) cookie[role] = await login(h, role);
    everyone = await allStudents(h.app, cookie.national);
    const me = await getJson<{ user: { campusCct: string } }>(h.app, '/api/v1/session', cookie.campus);
    ownCct = me.user.campusCct;
    const campuses = await getJson<Campus[]>(h.app, '/api/v1/catalog/campuses?state=15', cookie.national);
    stateCcts = new Set(campuses.map((c) => c.cct));
    const found = everyone.find((s) => !s.campusCct.startsWith('15'));
    if (!found) throw new Error('no student outside state 15 in the demo data');
    elsewhere = found;
  });

  it('lets the national user see students of many states, with names and CURP', () => {
    expect(new Set(everyone.map((s) => s.campusCct.slice(0, 2))).size).toBeGreaterThanOrEqual(20);
    expect(everyone.every((s) => s.name && s.curp)).toBe(true);
    expect(ownCct.startsWith('15')).toBe(true);
  });

  describe('campus user', () => {
    it('lists only the students of its campus, all of them', async () => {
      const mine = await allStudents(h.app, cookie.campus);
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.filter((s) => s.campusCct !== ownCct)).toEqual([]);
      const expected = everyone.filter((s) => s.campusCct === ownCct).map((s) => s.id);
      expect(mine.map((s) => s.id).sort()).toEqual(expected.sort());
    });

    it('finds nobody from another campus by surname or CURP', async () => {
      const q = '/api/v1/students?q=garcia&pageSize=200';
      const nationwide = await getJson<StudentPage>(h.app, q, cookie.national);
      const others = new Set(nationwide.items.filter((s) => s.campusCct !== ownCct).map((s) => s.id));
      expect(others.size).toBeGreaterThan(10);
      const mine = await getJson<StudentPage>(h.app, q, cookie.campus);
      expect(mine.items.filter((s) => s.campusCct !== ownCct || others.has(s.id))).toEqual([]);

      const byCurp = `/api/v1/students?q=${elsewhere.curp ?? ''}`;
      expect((await getJson<StudentPage>(h.app, byCurp, cookie.national)).items).toHaveLength(1);
      expect(await getJson<StudentPage>(h.app, byCurp, cookie.campus)).toMatchObject({ items: [], total: 0 });
      const byId = `/api/v1/students?q=${elsewhere.id}`;
      expect(await getJson<StudentPage>(h.app, byId, cookie.campus)).toMatchObject({ items: [], total: 0 });
    });

    it('gets 404 for another campus student, exactly as for an unknown id', async () => {
      expect((await answer(`/api/v1/students/${elsewhere.id}`, cookie.national)).status).toBe(200);
      const outside = await answer(`/api/v1/students/${elsewhere.id}`, cookie.campus);
      expect(outside.status).toBe(404);
      const unknown = h.deps.pseudonyms.toPseudonym(987_654_321);
      expect(await answer(`/api/v1/students/${unknown}`, cookie.campus)).toEqual(outside);
      expect(await answer('/api/v1/students/xyz', cookie.campus)).toEqual(outside);
      // A student of the same state, another campus.
      const neighbour = everyone.find((s) => s.campusCct.startsWith('15') && s.campusCct !== ownCct);
      expect(await answer(`/api/v1/students/${neighbour?.id ?? ''}`, cookie.campus)).toEqual(outside);
    });

    it('sees only its campus in the campus catalog and campus-level indicators', async () => {
      const campuses = await getJson<Campus[]>(h.app, '/api/v1/catalog/campuses', cookie.campus);
      expect(campuses.map((c) => c.cct)).toEqual([ownCct]);
      const { rows } = await getJson<Rows>(h.app, '/api/v1/indicators?level=campus', cookie.campus);
      expect(rows.length).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r.unit_id))).toEqual(new Set([ownCct]));
    });

    // Bug: another campus in ?campus= answers 200 with an empty page, an unknown one 404: existence shows.
    it('answers a campus filter outside its scope like an unknown campus', async () => {
      const other = await answer(`/api/v1/students?campus=${elsewhere.campusCct}`, cookie.campus);
      const unknown = await answer('/api/v1/students?campus=99DPT9999Z', cookie.campus);
      expect(unknown.status).toBe(404);
      expect(other.status).toBe(unknown.status);
      expect(other.body.replace(elsewhere.campusCct, 'X')).toBe(unknown.body.replace('99DPT9999Z', 'X'));
    });

    // Bug: the 404 for an unknown unit lists every campus of the country ("Valores válidos: …") to a user
    // whose catalog shows one campus, and differs from the answer for a campus outside the scope.
    it('answers a campus unit outside its scope like an unknown unit, listing no other campus', async () => {
      const other = await answer(
        `/api/v1/indicators?level=campus&unit=${elsewhere.campusCct}`,
        cookie.campus,
      );
      const unknown = await answer('/api/v1/indicators?level=campus&unit=99DPT9999Z', cookie.campus);
      expect(unknown.status).toBe(404);
      expect(unknown.body).not.toContain(elsewhere.campusCct);
      expect(other.status).toBe(404);
      expect(other.body.replace(elsewhere.campusCct, 'X')).toBe(unknown.body.replace('99DPT9999Z', 'X'));
    });

    // Bug: assertUnitInScope (routes/aggregates.ts) lets every program through, and cohortReport/impactReport
    // take no restriction, so a campus user gets the nationwide figures of a program its /summary calls unknown.
    it('answers cohort and impact reports of a program outside its scope like /summary does', async () => {
      const programs = await getJson<{ code: string }[]>(h.app, '/api/v1/catalog/programs', cookie.campus);
      let outside: string | undefined;
      for (const { code } of programs) {
        if ((await answer(`/api/v1/summary?level=program&unit=${code}`, cookie.campus)).status === 404) {
          outside = code;
          break;
        }
      }
      expect(outside).toBeDefined();
      const unit = `level=program&unit=${outside ?? ''}`;
      expect((await answer(`/api/v1/summary?${unit}`, cookie.national)).status).toBe(200);
      expect((await answer(`/api/v1/cohorts?generation=2020-2023&${unit}`, cookie.campus)).status).toBe(404);
      expect((await answer(`/api/v1/impact?${unit}`, cookie.campus)).status).toBe(404);
    });
  });

  describe('state user', () => {
    it('sees only its state in the campus catalog', async () => {
      const campuses = await getJson<Campus[]>(h.app, '/api/v1/catalog/campuses', cookie.state);
      expect(campuses.length).toBeGreaterThan(1);
      expect(campuses.filter((c) => c.stateCode !== '15')).toEqual([]);
      expect(new Set(campuses.map((c) => c.cct))).toEqual(stateCcts);
      expect(await getJson<Campus[]>(h.app, '/api/v1/catalog/campuses?state=14', cookie.state)).toEqual([]);
    });

    it('sees only its state in state, campus and ranking rows', async () => {
      const campus = await getJson<Rows>(h.app, '/api/v1/indicators?level=campus', cookie.state);
      expect(campus.rows.length).toBeGreaterThan(stateCcts.size);
      expect(campus.rows.filter((r) => !stateCcts.has(r.unit_id))).toEqual([]);
      const states = await getJson<Rows>(h.app, '/api/v1/indicators?level=state', cookie.state);
      expect(new Set(states.rows.map((r) => r.unit_id))).toEqual(new Set(['15']));
      const ranking = await getJson<Rows>(
        h.app,
        '/api/v1/rankings?level=campus&year=2024-2025',
        cookie.state,
      );
      expect(ranking.rows.length).toBeGreaterThan(1);
      expect(ranking.rows.filter((r) => !stateCcts.has(r.unit_id))).toEqual([]);
      expect((await answer('/api/v1/indicators?level=campus&state=14', cookie.state)).status).toBe(404);
    });

    it('lists exactly the students of its state and cannot open one elsewhere', async () => {
      const mine = await allStudents(h.app, cookie.state);
      const expected = everyone.filter((s) => stateCcts.has(s.campusCct)).map((s) => s.id);
      expect(expected.length).toBeGreaterThan(0);
      expect(mine.map((s) => s.id).sort()).toEqual(expected.sort());
      expect((await answer(`/api/v1/students/${elsewhere.id}`, cookie.state)).status).toBe(404);
    });
  });

  describe('tutor', () => {
    it('lists only students whose latest enrollment is in one of its groups', async () => {
      const groups = (await store().db.selectFrom('tutor_groups').select('group_code').execute()).map(
        (g) => g.group_code,
      );
      expect(groups.length).toBeGreaterThan(0);
      const mine = await allStudents(h.app, cookie.tutor);
      const campus = await allStudents(h.app, cookie.campus);
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.length).toBeLessThan(campus.length);
      for (const s of mine) {
        const p = await getJson<Profile>(h.app, `/api/v1/students/${s.id}`, cookie.national);
        const latest = p.terms.at(-1);
        expect({ id: s.id, cct: latest?.cct, inGroups: groups.includes(latest?.group_code ?? '') }).toEqual({
          id: s.id,
          cct: ownCct,
          inGroups: true,
        });
      }
    });

    it('cannot open a student of its campus outside its groups', async () => {
      const mine = new Set((await allStudents(h.app, cookie.tutor)).map((s) => s.id));
      const notMine = everyone.find((s) => s.campusCct === ownCct && !mine.has(s.id));
      expect(notMine).toBeDefined();
      expect((await answer(`/api/v1/students/${notMine?.id ?? ''}`, cookie.tutor)).status).toBe(404);
      expect((await answer(`/api/v1/students/${notMine?.id ?? ''}`, cookie.campus)).status).toBe(200);
    });
  });

  it('logs no personal data and no query strings', () => {
    const text = JSON.stringify(h.logs);
    expect(h.logs.length).toBeGreaterThan(50);
    expect(personalDataScanner(everyone)(text, { ids: true })).toEqual([]);
    expect(text).not.toMatch(/q=|\?|garcia/i);
  });
});
