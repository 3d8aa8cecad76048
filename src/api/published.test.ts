/**
 * Published vs computed campus dropout (issue 5): the demo ships the published 2024-2025 file, and the API shows
 * each campus's published rate beside the one computed from the records, within the caller's scope.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/stores.js';
import { call, createHarness, getJson, login, type Harness } from './test-helpers.js';

interface Comparison {
  schoolYear: string;
  years: string[];
  rows: {
    cct: string;
    state: string;
    published: number;
    computed: number | null;
    difference: number | null;
  }[];
  count: number;
  correlation: number | null;
}

describeEachDialect('API published vs computed', ({ store }) => {
  let h: Harness;
  const cookie = { national: '', state: '', campus: '', analyst: '' };

  beforeAll(async () => {
    h = await createHarness(store());
    for (const role of ['national', 'state', 'campus', 'analyst'] as const)
      cookie[role] = await login(h, role);
  });

  it('gives the national user every matched campus, both rates and their difference', async () => {
    const c = await getJson<Comparison>(h.app, '/api/v1/published/abandono', cookie.national);
    expect(c.schoolYear).toBe('2024-2025');
    expect(c.years).toEqual(['2024-2025']);
    expect(c.rows.length).toBe(310);
    expect(c.count).toBeGreaterThan(250);
    for (const r of c.rows) {
      // The SEP formula can go below zero (a campus that grew); the published file has such rows.
      expect(Number.isFinite(r.published)).toBe(true);
      if (r.computed !== null) expect(r.difference).toBeCloseTo(r.computed - r.published, 9);
    }
    // The computed rate is the one the indicator endpoint gives for that campus and year.
    const sample = c.rows.find((r) => r.computed !== null);
    if (!sample) throw new Error('no campus with both rates');
    const ind = await getJson<{ rows: { abandono: number | null }[] }>(
      h.app,
      `/api/v1/indicators?level=campus&year=2024-2025&unit=${sample.cct}`,
      cookie.national,
    );
    expect(ind.rows[0]?.abandono).toBeCloseTo(sample.computed ?? NaN, 9);
  });

  it('keeps a state user to its state and a campus user to its campus', async () => {
    const national = await getJson<Comparison>(h.app, '/api/v1/published/abandono', cookie.national);
    const st = await getJson<Comparison>(h.app, '/api/v1/published/abandono', cookie.state);
    expect(st.rows.length).toBeGreaterThan(0);
    expect(new Set(st.rows.map((r) => r.cct.slice(0, 2))).size).toBe(1);
    expect(st.rows.length).toBeLessThan(national.rows.length);
    const me = await getJson<{ user: { campusCct: string } }>(h.app, '/api/v1/session', cookie.campus);
    const own = await getJson<Comparison>(h.app, '/api/v1/published/abandono', cookie.campus);
    expect(own.rows.every((r) => r.cct === me.user.campusCct)).toBe(true);
    const otherState = st.rows[0]?.cct.startsWith('09') ? '15' : '09';
    const res = await call(h.app, `/api/v1/published/abandono?state=${otherState}`, { cookie: cookie.state });
    expect(res.status).toBe(404);
  });

  it('serves the aggregate to analysts, downloads it, and rejects a malformed year', async () => {
    const a = await getJson<Comparison>(h.app, '/api/v1/published/abandono', cookie.analyst);
    expect(a.rows.length).toBe(310);
    const csv = await call(h.app, '/api/v1/published/abandono?format=csv', { cookie: cookie.national });
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text.split('\n')[0]).toContain('published');
    expect(text.trim().split('\n').length).toBe(311);
    const bad = await call(h.app, '/api/v1/published/abandono?year=2024', { cookie: cookie.national });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('year');
  });
});
