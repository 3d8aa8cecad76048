/**
 * Risk screens' API, scoped like the student routes: an analyst never sees a name, a campus user only their
 * campus, a tutor only their groups; thresholds are read by every staff role and changed by national only.
 */
import { beforeAll, expect, it } from 'vitest';
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
} from './test-helpers.js';

interface Overview {
  campus: { cct: string };
  total: number;
  byFlag: { verde: number; amarillo: number; rojo: number };
  students: { id: string; name: string | null; flag: string; reasons: { es: string }[] }[];
}

describeEachDialect('API risk', ({ store }) => {
  let h: Harness;
  const cookie = { national: '', state: '', campus: '', tutor: '', analyst: '' };
  let everyone: StudentItem[];
  let ownCct: string;
  let otherCct: string;
  let otherStateCct: string;

  beforeAll(async () => {
    h = await createHarness(store());
    for (const role of ['national', 'state', 'campus', 'tutor', 'analyst'] as const)
      cookie[role] = await login(h, role);
    everyone = await allStudents(h.app, cookie.national);
    const me = await getJson<{ user: { campusCct: string } }>(h.app, '/api/v1/session', cookie.campus);
    ownCct = me.user.campusCct;
    otherCct = everyone.find((s) => s.campusCct !== ownCct && s.campusCct.startsWith('15'))?.campusCct ?? '';
    otherStateCct = everyone.find((s) => !s.campusCct.startsWith('15'))?.campusCct ?? '';
    expect(otherCct).not.toBe('');
  }, 120_000);

  it('shows the campus overview with names to staff and without names to the analyst', async () => {
    const asNational = await getJson<Overview>(h.app, `/api/v1/risk/campuses/${ownCct}`, cookie.national);
    expect(asNational.total).toBeGreaterThan(0);
    expect(asNational.byFlag.verde + asNational.byFlag.amarillo + asNational.byFlag.rojo).toBe(
      asNational.total,
    );
    expect(asNational.students.some((s) => s.name !== null)).toBe(true);
    const flagged = asNational.students.find((s) => s.flag !== 'verde');
    expect(flagged?.reasons.length).toBeGreaterThan(0);

    const res = await call(h.app, `/api/v1/risk/campuses/${ownCct}`, { cookie: cookie.analyst });
    expect(res.status).toBe(200);
    const text = await res.text();
    const asAnalyst = JSON.parse(text) as Overview;
    expect(asAnalyst.total).toBe(asNational.total);
    expect(asAnalyst.students.every((s) => s.name === null)).toBe(true);
    expect(personalDataScanner(everyone)(text)).toEqual([]);

    const panel = await call(h.app, `/api/v1/students/${asAnalyst.students[0]?.id ?? ''}/risk`, {
      cookie: cookie.analyst,
    });
    expect(panel.status).toBe(200);
    const panelText = await panel.text();
    expect(personalDataScanner(everyone)(panelText)).toEqual([]);
    expect(JSON.parse(panelText)).toMatchObject({ active: true });
  });

  it('keeps a campus user to their campus and a state user to their state, answering 404 like an unknown one', async () => {
    expect((await call(h.app, `/api/v1/risk/campuses/${ownCct}`, { cookie: cookie.campus })).status).toBe(
      200,
    );
    const unknown = await call(h.app, '/api/v1/risk/campuses/99XXX9999X', { cookie: cookie.campus });
    const other = await call(h.app, `/api/v1/risk/campuses/${otherCct}`, { cookie: cookie.campus });
    expect(other.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(await other.json()).toMatchObject({ error: { code: 'unknown_campus' } });
    expect((await call(h.app, `/api/v1/risk/campuses/${otherCct}`, { cookie: cookie.state })).status).toBe(
      200,
    );
    expect(
      (await call(h.app, `/api/v1/risk/campuses/${otherStateCct}`, { cookie: cookie.state })).status,
    ).toBe(404);
    const elsewhere = everyone.find((s) => s.campusCct !== ownCct);
    const own = everyone.find((s) => s.campusCct === ownCct);
    expect(
      (await call(h.app, `/api/v1/students/${elsewhere?.id ?? ''}/risk`, { cookie: cookie.campus })).status,
    ).toBe(404);
    expect(
      (await call(h.app, `/api/v1/students/${own?.id ?? ''}/risk`, { cookie: cookie.campus })).status,
    ).toBe(200);
  });

  it('shows a tutor only students of their groups', async () => {
    const campus = await getJson<Overview>(h.app, `/api/v1/risk/campuses/${ownCct}?limit=500`, cookie.campus);
    const tutor = await getJson<Overview>(h.app, `/api/v1/risk/campuses/${ownCct}?limit=500`, cookie.tutor);
    expect(tutor.total).toBeLessThan(campus.total);
    const ids = new Set(campus.students.map((s) => s.id));
    for (const s of tutor.students) expect(ids.has(s.id)).toBe(true);
  });

  it('lets every staff role read the thresholds and only national change them, with an audit row', async () => {
    for (const role of ['tutor', 'analyst', 'campus'] as const) {
      const r = await getJson<{ current: { version: number } }>(h.app, '/api/v1/risk/rules', cookie[role]);
      expect(r.current.version).toBe(0);
    }
    const body = JSON.stringify({ changes: { attendanceAmarillo: 80 }, note: 'piloto' });
    const denied = await call(h.app, '/api/v1/risk/rules', { method: 'PUT', cookie: cookie.campus, body });
    expect(denied.status).toBe(403);
    const bad = await call(h.app, '/api/v1/risk/rules', {
      method: 'PUT',
      cookie: cookie.national,
      body: JSON.stringify({ changes: { attendanceAmarillo: 500 } }),
    });
    expect(bad.status).toBe(400);
    const ok = await call(h.app, '/api/v1/risk/rules', { method: 'PUT', cookie: cookie.national, body });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ version: 1, thresholds: { attendanceAmarillo: 80 } });
    const audit = await store()
      .db.selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'risk.threshold')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor).toBe(h.accounts.national.username);
    const r = await getJson<{ current: { version: number }; history: unknown[] }>(
      h.app,
      '/api/v1/risk/rules',
      cookie.tutor,
    );
    expect(r.current.version).toBe(1);
    expect(r.history).toHaveLength(1);
  });

  it('reports drift: no stored score of a past cut-off yet, the latest run waiting for its outcome', async () => {
    const d = await getJson<{ checks: unknown[]; pending: string[] }>(
      h.app,
      '/api/v1/risk/drift',
      cookie.analyst,
    );
    expect(d.checks).toEqual([]);
    expect(Array.isArray(d.pending)).toBe(true);
    expect((await call(h.app, '/api/v1/risk/drift', {})).status).toBe(401);
  });

  it('answers 404 for the model report before any model is trained', async () => {
    const res = await call(h.app, '/api/v1/risk/model', { cookie: cookie.analyst });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'no_risk_model' } });
  });
});
