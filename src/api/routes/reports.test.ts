import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test-support/stores.js';
import { call, createHarness, login, type Harness } from '../test-helpers.js';

describeEachDialect('report downloads (API)', ({ store }) => {
  let h: Harness;
  let own: { cct: string; stateId: number };
  let other: { cct: string; stateId: number };

  beforeAll(async () => {
    h = await createHarness(store());
    const campusUser = await store()
      .db.selectFrom('users as u')
      .innerJoin('campuses as c', 'c.id', 'u.campus_id')
      .select(['c.cct', 'c.state_id'])
      .where('u.role', '=', 'campus')
      .executeTakeFirstOrThrow();
    own = { cct: campusUser.cct, stateId: campusUser.state_id };
    const o = await store()
      .db.selectFrom('campuses')
      .select(['cct', 'state_id'])
      .where('state_id', '!=', own.stateId)
      .where('active', '=', 1)
      .executeTakeFirstOrThrow();
    other = { cct: o.cct, stateId: o.state_id };
  }, 120_000);

  it('a campus user downloads the 911 of their campus as XLSX and the card as PDF, not another campus', async () => {
    const cookie = await login(h, 'campus');
    const xlsx = await call(h.app, `/api/v1/reports/911-inicio?campus=${own.cct}`, { cookie });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(xlsx.headers.get('content-disposition')).toContain(`911-inicio-${own.cct}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    expect(wb.getWorksheet('Portada')?.getCell('B4').value).toContain(own.cct);
    const pdf = await call(h.app, `/api/v1/reports/boleta?campus=${own.cct}`, { cookie });
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const foreign = await call(h.app, `/api/v1/reports/911-fin?campus=${other.cct}`, { cookie });
    expect(foreign.status).toBe(404);
    const nation = await call(h.app, '/api/v1/reports/911-fin?national=true', { cookie });
    expect(nation.status).toBe(404);
  });

  it('a state user gets their state, not another; the nation needs a national role', async () => {
    const cookie = await login(h, 'state');
    expect((await call(h.app, `/api/v1/reports/911-fin?state=${own.stateId}`, { cookie })).status).toBe(200);
    expect((await call(h.app, `/api/v1/reports/911-fin?state=${other.stateId}`, { cookie })).status).toBe(
      404,
    );
    const national = await login(h, 'national');
    expect((await call(h.app, '/api/v1/reports/911-inicio?national=true', { cookie: national })).status).toBe(
      200,
    );
  });

  it('analysts get the public version only', async () => {
    const cookie = await login(h, 'analyst');
    const res = await call(h.app, `/api/v1/reports/911-inicio?campus=${own.cct}`, { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('-publica.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.getWorksheet('Portada')?.getCell('B10').text).toContain('Pública');
    const internal = await call(h.app, `/api/v1/reports/911-inicio?campus=${own.cct}&public=false`, {
      cookie,
    });
    expect(internal.status).toBe(400);
    expect(await internal.text()).toContain('versión pública');
  });

  it('documents the three downloads in the OpenAPI document', async () => {
    const doc = (await (await call(h.app, '/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    for (const kind of ['911-inicio', '911-fin', 'boleta'])
      expect(doc.paths).toHaveProperty([`/api/v1/reports/${kind}`]);
  });

  it('rejects bad parameters in Spanish', async () => {
    const cookie = await login(h, 'national');
    const none = await call(h.app, '/api/v1/reports/911-inicio', { cookie });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('unidad');
    const card = await call(h.app, '/api/v1/reports/boleta?national=true', { cookie });
    expect(card.status).toBe(400);
    expect((await call(h.app, `/api/v1/reports/911-fin?national=true&threshold=1`, { cookie })).status).toBe(
      400,
    );
    expect((await call(h.app, `/api/v1/reports/911-fin?national=true`)).status).toBe(401);
  });
});
