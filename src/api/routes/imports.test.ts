import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test-support/stores.js';
import { inlineRow, xlsxOf } from '../../test-support/xlsx-builder.js';
import { call, createHarness, login, ORIGIN, xlsxRows, type Harness } from '../test-helpers.js';

const HEADER = 'curp,cct,ciclo_escolar,periodo,clave_modulo,calificacion,asistencia';

describeEachDialect('imports API', ({ store }) => {
  let h: Harness;
  let line: string;
  let otherCampusLine: string;
  beforeAll(async () => {
    h = await createHarness(store());
    const campusUser = h.accounts.campus;
    const user = await store()
      .db.selectFrom('users')
      .select('campus_id')
      .where('username', '=', campusUser.username)
      .executeTakeFirstOrThrow();
    const rowOf = async (own: boolean) => {
      let q = store()
        .db.selectFrom('module_results as r')
        .innerJoin('student_identities as i', 'i.student_id', 'r.student_id')
        .innerJoin('campuses as c', 'c.id', 'r.campus_id')
        .innerJoin('modules as m', 'm.id', 'r.module_id')
        .select(['i.curp', 'c.cct', 'r.school_year', 'r.term_no', 'm.code', 'r.grade', 'r.attendance_pct']);
      q = own
        ? q.where('r.campus_id', '=', user.campus_id ?? -1)
        : q.where('r.campus_id', '!=', user.campus_id ?? -1);
      const r = await q.orderBy('r.id').executeTakeFirstOrThrow();
      return [r.curp, r.cct, r.school_year, r.term_no, r.code, r.grade, r.attendance_pct].join(',');
    };
    line = await rowOf(true);
    otherCampusLine = await rowOf(false);
  }, 120_000);

  const upload = (cookie: string, body: string, query = '') =>
    call(h.app, `/api/v1/imports/module-results?filename=calificaciones.csv${query}`, {
      method: 'POST',
      cookie,
      body,
      headers: { 'Content-Type': 'text/csv' },
    });

  it('a campus user uploads a file of their campus (dry run, then for real: unchanged)', async () => {
    const cookie = await login(h, 'campus');
    const dry = await upload(cookie, `${HEADER}\n${line}\n`, '&dryRun=true');
    expect(dry.status).toBe(200);
    const s = (await dry.json()) as { rejected: boolean; unchanged: number; dryRun: boolean };
    expect([s.rejected, s.unchanged, s.dryRun]).toEqual([false, 1, true]);
  });

  it('rejects rows of another campus for a campus user, with the Spanish report', async () => {
    const cookie = await login(h, 'campus');
    const res = await upload(cookie, `${HEADER}\n${otherCampusLine}\n`);
    expect(res.status).toBe(200);
    const s = (await res.json()) as { rejected: boolean; issues: { line: number; message: string }[] };
    expect(s.rejected).toBe(true);
    expect(s.issues[0]).toMatchObject({ line: 2, message: 'solo puede importar filas de su plantel' });
  });

  it('accepts uploads above the 64 KB limit of other routes, up to its own limit; analysts never import', async () => {
    const national = await login(h, 'national');
    const big = `${HEADER}\n${Array.from({ length: 3000 }, () => line).join('\n')}\n`;
    expect(big.length).toBeGreaterThan(64 * 1024);
    const res = await upload(national, big, '&dryRun=true');
    expect(res.status).toBe(200);
    const s = (await res.json()) as { issueCount: number; issues: { message: string }[] };
    // The same row 3000 times: every repeat is named.
    expect(s.issueCount).toBe(2999);
    expect(s.issues[0]?.message).toBe('fila repetida: la misma clave aparece en la línea 2');
    const analyst = await login(h, 'analyst');
    // Forbidden answers as out of scope (404), as everywhere in the API.
    expect((await upload(analyst, `${HEADER}\n${line}\n`)).status).toBe(404);
  });

  const send = (cookie: string, body: string | Uint8Array, type: string, query = '') =>
    h.app.request(`${ORIGIN}/api/v1/imports/module-results${query}`, {
      method: 'POST',
      headers: { Origin: ORIGIN, Cookie: cookie, 'Content-Type': type },
      body,
    });
  const MULTIPART = 'multipart/form-data; boundary=zzz';
  const part = (name: string, filename: string, content: string) =>
    `--zzz\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n`;

  it('finding 11.11: a multipart body without its closing boundary, or without the file part, is a 400', async () => {
    const cookie = await login(h, 'national');
    const good = await send(
      cookie,
      `${part('file', 'c.csv', `${HEADER}\n${line}`)}--zzz--\r\n`,
      MULTIPART,
      '?dryRun=true',
    );
    expect(good.status).toBe(200);
    const unclosed = await send(cookie, part('file', 'c.csv', `${HEADER}\n${line}`), MULTIPART);
    expect(unclosed.status).toBe(400);
    expect(((await unclosed.json()) as { error: { code: string } }).error.code).toBe('invalid_multipart');
    for (const body of ['garbage', `${part('otro', 'c.csv', 'x')}--zzz--\r\n`]) {
      const res = await send(cookie, body, MULTIPART);
      expect(res.status).toBe(400);
    }
  });

  it('finding 11.4: a zip bomb is refused with a 400 naming the limit, before it is inflated', async () => {
    const cookie = await login(h, 'national');
    const bomb = await xlsxOf({ rows: inlineRow(1, ['curp', 'cct']) }, { lie: 2_000_000_000 });
    const res = await send(cookie, new Uint8Array(bomb), 'application/octet-stream', '?filename=bomba.xlsx');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('file_limit_exceeded');
    expect(body.error.message).toMatch(/^bomba\.xlsx:1: .*TRAYECTO_IMPORT_MAX_XLSX_RATIO/);
  });

  it('finding 12.1: an attendance cell formatted as a percentage is read as the percentage it shows', async () => {
    const cookie = await login(h, 'national');
    const cells = line.split(',');
    const attendance = Number(cells[6]);
    const header = HEADER.split(',');
    const rows =
      inlineRow(1, header) +
      `<row r="2">${cells
        .slice(0, 6)
        .map((v, k) => `<c r="${String.fromCharCode(65 + k)}2" t="inlineStr"><is><t>${v}</t></is></c>`)
        .join('')}<c r="G2" s="1"><v>${attendance / 100}</v></c></row>`;
    const styles = '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="9"/></cellXfs>';
    const book = await xlsxOf({ rows, styles });
    const res = await send(
      cookie,
      new Uint8Array(book),
      'application/octet-stream',
      '?filename=c.xlsx&dryRun=true',
    );
    const s = (await res.json()) as { rejected: boolean; unchanged: number; updated: number };
    // The row equals the database's: the same attendance, not a hundredth of it.
    expect([res.status, s.rejected, s.unchanged, s.updated]).toEqual([200, false, 1, 0]);
  });

  it('serves the template as XLSX with the Spanish headers', async () => {
    const cookie = await login(h, 'state');
    const res = await call(h.app, '/api/v1/imports/enrollments/template', { cookie });
    expect(res.status).toBe(200);
    const rows = await xlsxRows(await res.arrayBuffer());
    expect(rows[0]?.slice(0, 3)).toEqual(['curp', 'cct', 'clave_carrera']);
    const csv = await call(h.app, '/api/v1/imports/enrollments/template?format=csv', { cookie });
    expect([csv.status, csv.headers.get('content-type')]).toEqual([200, 'text/csv; charset=utf-8']);
    expect((await csv.text()).replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(rows[0]?.join(','));
    const counts = await call(h.app, '/api/v1/imports/counts/template?format=csv', { cookie });
    expect(counts.status).toBe(400);
  });
});
