import { beforeAll, expect, it } from 'vitest';
import { allCampuses } from '../../storage/catalog-queries.js';
import { describeEachDialect } from '../../test-support/stores.js';
import { loadDemoFixture } from '../../test-support/demo-fixtures.js';
import { nationalSummary } from './national-summary.js';

describeEachDialect('unit summary sizes within the user scope (finding 8: "Planteles 103")', ({ store }) => {
  let program = '';
  let campusId = 0;
  let stateId = 0;
  let nationwide = 0;
  let inState = 0;
  beforeAll(async () => {
    await loadDemoFixture(store(), { seed: 41, scale: 0.003 });
    const db = store().db;
    // The program offered at the most campuses, and one campus that offers it.
    const offers = await db
      .selectFrom('campus_programs as cp')
      .innerJoin('programs as p', 'p.id', 'cp.program_id')
      .select(['p.code', 'cp.campus_id'])
      .execute();
    const byProgram = new Map<string, number[]>();
    for (const o of offers) byProgram.set(o.code, [...(byProgram.get(o.code) ?? []), o.campus_id]);
    const [code, ids] = [...byProgram].sort((a, b) => b[1].length - a[1].length)[0] ?? ['', []];
    program = code;
    nationwide = ids.length;
    campusId = ids[0] ?? 0;
    const campuses = await allCampuses(db);
    stateId = campuses.find((c) => c.id === campusId)?.state_id ?? 0;
    inState = campuses.filter((c) => c.state_id === stateId && ids.includes(c.id)).length;
  });

  it('counts a program nationwide for a national user', async () => {
    expect(nationwide).toBeGreaterThan(1);
    const s = await nationalSummary(store().db, '2017-2018', {
      level: 'program',
      unitId: program,
      restrict: {},
    });
    expect(s.campuses).toBe(nationwide);
  });

  it("counts only the user's campus, or the user's state's campuses, for a scoped user", async () => {
    const campus = await nationalSummary(store().db, '2017-2018', {
      level: 'program',
      unitId: program,
      restrict: { campusId },
    });
    expect(campus.campuses).toBe(1);
    const state = await nationalSummary(store().db, '2017-2018', {
      level: 'program',
      unitId: program,
      restrict: { stateId },
    });
    expect(state.campuses).toBe(inState);
  });
});
