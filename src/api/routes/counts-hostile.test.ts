/**
 * Issue 11.4 for `kind=counts`: a count table uploaded through the API goes through the bounded streaming CSV
 * reader of the record kinds (line length, columns), so that one 60 MB line or a million columns is a 400
 * naming the file, the line and the setting, and nothing is written.
 */
import { beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { describeEachDialect } from '../../test-support/stores.js';
import { createApp } from '../app.js';
import { apiDeps } from '../server.js';
import { createHarness, HARNESS_ENV, login, ORIGIN, type Harness } from '../test-helpers.js';

const MB = 1024 * 1024;
const HEADER = 'ciclo_escolar,unidad,mt,ni1,ex,ap,reg,eg';

describeEachDialect('hostile count tables through the API', ({ store }) => {
  let h: Harness;
  let cookie: string;
  beforeAll(async () => {
    h = await createHarness(store());
    cookie = await login(h, 'national');
  }, 120_000);

  const upload = (body: string | Uint8Array, file: string, multipart = false) => {
    const form = new FormData();
    form.set('file', new Blob([body], { type: 'text/csv' }), file);
    return h.app.request(
      `${ORIGIN}/api/v1/imports/counts?dryRun=false${multipart ? '' : `&filename=${file}`}`,
      multipart
        ? { method: 'POST', headers: { Origin: ORIGIN, Cookie: cookie }, body: form }
        : {
            method: 'POST',
            headers: { Origin: ORIGIN, Cookie: cookie, 'Content-Type': 'text/csv' },
            body,
          },
    );
  };

  const written = async () => ({
    counts: (await store().db.selectFrom('reported_counts').select('unit').execute()).length,
    runs: (await store().db.selectFrom('import_runs').select('id').where('kind', '=', 'counts').execute())
      .length,
  });

  it('a 60 MB single line is a 400 naming the file, the line and TRAYECTO_IMPORT_MAX_LINE_CHARS; nothing written', async () => {
    const before = await written();
    const res = await upload(`${HEADER}\n2024-2025,${'9'.repeat(60 * MB)}\n`, 'linea.csv', true);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('file_limit_exceeded');
    expect(body.error.message).toMatch(/^linea\.csv:2: .*caracteres.*TRAYECTO_IMPORT_MAX_LINE_CHARS/);
    expect(await written()).toEqual(before);
  }, 60_000);

  it('a row of a million columns (and a header of as many) is a 400 naming TRAYECTO_IMPORT_MAX_COLUMNS', async () => {
    const before = await written();
    const row = await upload(`${HEADER}\n2024-2025,MX,${'1,'.repeat(1_000_000)}1\n`, 'columnas.csv');
    expect(row.status).toBe(400);
    const rowBody = (await row.json()) as { error: { code: string; message: string } };
    expect(rowBody.error.code).toBe('file_limit_exceeded');
    expect(rowBody.error.message).toMatch(/^columnas\.csv:2: .*celdas.*TRAYECTO_IMPORT_MAX_COLUMNS/);

    const head = await upload(
      `${HEADER},${'x,'.repeat(1_000_000)}x\n2024-2025,MX,1,1,1,1,1,1\n`,
      'ancho.csv',
    );
    expect(head.status).toBe(400);
    const headBody = (await head.json()) as { error: { message: string } };
    expect(headBody.error.message).toMatch(/^ancho\.csv:1: .*TRAYECTO_IMPORT_MAX_COLUMNS/);
    expect(await written()).toEqual(before);
  }, 60_000);

  it('the limits are the configured ones (TRAYECTO_IMPORT_MAX_LINE_CHARS), and a valid table still imports', async () => {
    const config = loadConfig({ ...HARNESS_ENV, TRAYECTO_IMPORT_MAX_LINE_CHARS: '30' });
    const strict = createApp(await apiDeps(store(), config, () => {}), { checkResponses: true });
    const long = await strict.request(`${ORIGIN}/api/v1/imports/counts?dryRun=true&filename=c.csv`, {
      method: 'POST',
      headers: { Origin: ORIGIN, Cookie: cookie, 'Content-Type': 'text/csv' },
      body: `${HEADER}\n2024-2025,MX,100000,100000,100000,1,1,1\n`,
    });
    expect(long.status).toBe(400);
    expect(((await long.json()) as { error: { message: string } }).error.message).toMatch(/^c\.csv:1: /);

    const good = await upload(`${HEADER}\n2024-2025,MX,9,3,8,7,1,2\n`, 'bueno.csv');
    expect(good.status).toBe(200);
    expect(await good.json()).toMatchObject({ kind: 'counts', rejected: false, rows: 1 });
  });
});
