/**
 * The student list's group and risk columns (issue 13, finding 4): each row carries the group of the latest
 * enrollment and the latest stored risk score (flag, probability), scoped like the list (analysts: no names);
 * `order=risk|group` sorts a campus's list across pages (highest probability first, unscored last; groups
 * together), and asks for a campus when the list would span many. SQLite and PostgreSQL.
 */
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { runScoring } from '../services/risk/index.js';
import { describeEachDialect } from '../test-support/stores.js';
import { call, createHarness, getJson, login, type Harness } from './test-helpers.js';

interface Item {
  id: string;
  name: string | null;
  group: string | null;
  riskFlag: string | null;
  riskProbability: number | null;
  riskCutoff: string | null;
}
interface Page {
  items: Item[];
  total: number;
}

describeEachDialect('API student list: group and risk', ({ store }) => {
  let h: Harness;
  const cookie = { national: '', campus: '', tutor: '', analyst: '' };
  let ownCct: string;

  /** Every row of a campus's list in the given order (pages of 50). */
  const all = async (as: string, query: string): Promise<Item[]> => {
    const out: Item[] = [];
    for (let page = 1; page < 100; page++) {
      const r = await getJson<Page>(h.app, `/api/v1/students?pageSize=50&page=${page}&${query}`, as);
      out.push(...r.items);
      if (r.items.length < 50) return out;
    }
    throw new Error('too many pages');
  };

  beforeAll(async () => {
    h = await createHarness(store());
    const db = store().db;
    await runScoring(db, {});
    // Rules-only scores have no probability: give them distinct ones (and ties) to sort by.
    await sql`update risk_scores set probability = (student_id % 37) / 40.0 where student_id % 2 = 0`.execute(
      db,
    );
    for (const role of ['national', 'campus', 'tutor', 'analyst'] as const)
      cookie[role] = await login(h, role);
    ownCct = (await getJson<{ user: { campusCct: string } }>(h.app, '/api/v1/session', cookie.campus)).user
      .campusCct;
  }, 120_000);

  it("gives each row its latest enrollment's group and its stored score", async () => {
    const items = await all(cookie.campus, `campus=${ownCct}`);
    const db = store().db;
    const byPseudonym = new Map(items.map((i) => [h.deps.pseudonyms.fromPseudonym(i.id), i]));
    const latest = await db
      .selectFrom('students as s')
      .innerJoin('enrollments as e', (j) =>
        j
          .onRef('e.student_id', '=', 's.id')
          .onRef('e.school_year', '=', 's.last_school_year')
          .onRef('e.term_no', '=', 's.last_term_no'),
      )
      .innerJoin('campuses as c', 'c.id', 's.campus_id')
      .select(['s.id', 'e.group_code'])
      .where('c.cct', '=', ownCct)
      .execute();
    expect(latest.length).toBe(items.length);
    for (const r of latest) expect(byPseudonym.get(r.id)?.group).toBe(r.group_code);
    const scores = await db.selectFrom('risk_scores').select(['student_id', 'flag', 'probability']).execute();
    const scored = scores.filter((s) => byPseudonym.has(s.student_id));
    expect(scored.length).toBeGreaterThan(0);
    for (const s of scored)
      expect(byPseudonym.get(s.student_id)).toMatchObject({
        riskFlag: s.flag,
        riskProbability: s.probability === null ? null : Number(s.probability),
      });
    expect(items.filter((i) => i.riskFlag === null).length).toBe(items.length - scored.length);
  });

  it('sorts a campus by risk across pages: highest probability first, then by flag, unscored last', async () => {
    const plain = await all(cookie.campus, `campus=${ownCct}`);
    const items = await all(cookie.campus, `campus=${ownCct}&order=risk`);
    expect(items.map((i) => i.id).sort()).toEqual(plain.map((i) => i.id).sort());
    const rank = (i: Item) => [
      i.riskFlag === null ? 2 : i.riskProbability === null ? 1 : 0,
      -(i.riskProbability ?? 0),
      ['rojo', 'amarillo', 'verde'].indexOf(i.riskFlag ?? ''),
    ];
    const keys = items.map(rank);
    for (let k = 1; k < keys.length; k++) {
      const [a, b] = [keys[k - 1] ?? [], keys[k] ?? []];
      const cmp = a.map((v, j) => v - (b[j] ?? 0)).find((d) => d !== 0) ?? 0;
      expect(cmp, `${JSON.stringify(items[k - 1])} before ${JSON.stringify(items[k])}`).toBeLessThanOrEqual(
        0,
      );
    }
    expect(items[0]?.riskProbability).toBeGreaterThan(0);
    // Every kind is present, so the order between them was tested.
    expect(new Set(keys.map((k) => k[0]))).toEqual(new Set([0, 1, 2]));
    // The analyst gets the same order, without names.
    const asAnalyst = await all(cookie.analyst, `campus=${ownCct}&order=risk`);
    expect(asAnalyst.map((i) => i.id)).toEqual(items.map((i) => i.id));
    expect(asAnalyst.every((i) => i.name === null)).toBe(true);
  });

  it('sorts by group (each group together, students without a group last), tutors their groups only', async () => {
    const items = await all(cookie.campus, `campus=${ownCct}&order=group`);
    const seen = new Set<string>();
    let last: string | null | undefined;
    for (const i of items) {
      if (i.group !== last && i.group !== null) {
        expect(seen.has(i.group), `group ${i.group} split`).toBe(false);
        seen.add(i.group);
      }
      if (last === null) expect(i.group).toBeNull();
      last = i.group;
    }
    expect(seen.size).toBeGreaterThan(1);
    const tutor = await all(cookie.tutor, 'order=group');
    expect(tutor.length).toBeGreaterThan(0);
    expect(tutor.length).toBeLessThan(items.length);
  });

  it('asks for a campus before sorting a list that spans many', async () => {
    const res = await call(h.app, '/api/v1/students?order=risk', { cookie: cookie.national });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('order_needs_campus');
    expect(body.error.message).toContain('campus=CCT');
  });
});
