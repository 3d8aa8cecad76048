import { beforeAll, expect, it } from 'vitest';
import { importReportedCounts } from '../../services/imports/index.js';
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

  it('imports counts through the upload route (national only), a typo as row-level issues, and serves a template', async () => {
    const national = await login(h, 'national');
    const upload = (body: string, cookie: string) =>
      call(h.app, '/api/v1/imports/counts?dryRun=false&filename=conteos.csv', {
        method: 'POST',
        cookie,
        body,
        headers: { 'Content-Type': 'text/csv' },
      });
    const typo = await upload(
      `ciclo_escolar,unidad,mt,ni1,ex,ap,reg,eg\n${year},15,9,3,8,7,1,2O\n`,
      national,
    );
    expect(typo.status).toBe(200);
    const rejected = (await typo.json()) as {
      rejected: boolean;
      issues: { line: number; column: string; value: string; message: string }[];
    };
    expect(rejected.rejected).toBe(true);
    expect(rejected.issues[0]).toMatchObject({ line: 2, column: 'eg', value: '2O' });
    const before = await store()
      .db.selectFrom('reported_counts')
      .select('unit')
      .where('unit', '=', '15')
      .execute();
    expect(before).toEqual([]);

    const good = await upload(`ciclo_escolar,unidad,mt,ni1,ex,ap,reg,eg\n${year},15,9,3,8,7,1,2\n`, national);
    expect(await good.json()).toMatchObject({ kind: 'counts', rejected: false, inserted: 1 });
    const stored = await store()
      .db.selectFrom('reported_counts')
      .select('eg')
      .where('unit', '=', '15')
      .execute();
    expect(stored.map((r) => Number(r.eg))).toEqual([2]);

    const asCampus = await upload(
      `ciclo_escolar,unidad,mt,ni1,ex,ap,reg,eg\n${year},${ownCct},1,1,1,1,1,1\n`,
      await login(h, 'campus'),
    );
    expect(asCampus.status).toBeGreaterThanOrEqual(400);
    expect(asCampus.status).toBeLessThan(500);

    const template = await call(h.app, '/api/v1/imports/counts/template', { cookie: national });
    expect(template.status).toBe(200);
    expect(template.headers.get('content-type')).toContain('spreadsheetml');
  });
});
