import { beforeAll, expect, it } from 'vitest';
import { importReportedCounts } from '../../services/import-counts.js';
import { flowYears } from '../../storage/flow-queries.js';
import { describeEachDialect } from '../../test-support/stores.js';
import { call, createHarness, login, type Harness } from '../test-helpers.js';

describeEachDialect('reported counts API', ({ store }) => {
  let h: Harness;
  let year: string;
  let ownCct: string;
  let otherCct: string;
  beforeAll(async () => {
    h = await createHarness(store());
    const user = await store()
      .db.selectFrom('users')
      .select('campus_id')
      .where('username', '=', h.accounts.campus.username)
      .executeTakeFirstOrThrow();
    const cctOf = async (own: boolean) =>
      (
        await store()
          .db.selectFrom('campuses')
          .select('cct')
          .where('id', own ? '=' : '!=', user.campus_id ?? -1)
          .orderBy('id')
          .executeTakeFirstOrThrow()
      ).cct;
    ownCct = await cctOf(true);
    otherCct = await cctOf(false);
    year = (await flowYears(store().db)).at(-1)!;
    const file = [
      'ciclo_escolar,unidad,mt,ni1,ex,ap,reg,eg',
      ...[ownCct, otherCct, 'MX'].map((u) => `${year},${u},9,3,8,7,1,2`),
    ];
    await importReportedCounts(store().db, Buffer.from(file.join('\n')), 'conteos.csv');
  }, 120_000);

  it('a national user sees every unit with the computed counts beside the reported ones', async () => {
    const res = await call(h.app, `/api/v1/reported-counts?year=${year}`, {
      cookie: await login(h, 'national'),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      rows: { unit: string; reported_mt: number; computed_mt: number | null }[];
    };
    expect(body.rows.map((r) => r.unit).sort()).toEqual([ownCct, otherCct, 'MX'].sort());
    const mx = body.rows.find((r) => r.unit === 'MX');
    expect(mx?.reported_mt).toBe(9);
    expect(mx?.computed_mt).toBeGreaterThan(9);
  });

  it('a campus user sees their campus and the national row only; CSV download works', async () => {
    const cookie = await login(h, 'campus');
    const res = await call(h.app, `/api/v1/reported-counts?year=${year}`, { cookie });
    const body = (await res.json()) as { rows: { unit: string }[] };
    expect(body.rows.map((r) => r.unit).sort()).toEqual([ownCct, 'MX'].sort());
    const csv = await call(h.app, `/api/v1/reported-counts?level=campus&format=csv`, { cookie });
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toContain(ownCct);
    expect(text).not.toContain(otherCct);
  });
});
