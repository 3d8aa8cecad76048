/**
 * In-process API tests: sessions, the error envelope and bad input, downloads and the OpenAPI document, on
 * SQLite and PostgreSQL (demo data at 0.3 % scale).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../services/accounts/index.js';
import { describeEachDialect } from '../test-support/stores.js';
import { MAX_BODY_BYTES } from './app.js';
import {
  call,
  createHarness,
  getJson,
  login,
  postSession,
  sessionCookie,
  xlsxRows,
  type Harness,
} from './test-helpers.js';

const INDICATOR_COLUMNS = [
  'level',
  'unit_id',
  'unit_name',
  'school_year',
  'sex',
  'mt',
  'ni1',
  'ex',
  'ap',
  'reg',
  'eg',
  'abandono',
  'abandono_intra',
  'abandono_inter',
  'retencion',
  'eficiencia_terminal',
  'reprobacion',
  'reprobacion_con_reg',
  'aprobacion',
  'aprobacion_con_reg',
];

/** The operations the app serves under /api/v1 (docs/API.md). */
const V1_OPERATIONS = [
  'POST /api/v1/session',
  'GET /api/v1/session',
  'DELETE /api/v1/session',
  'GET /api/v1/catalog/states',
  'GET /api/v1/catalog/campuses',
  'GET /api/v1/catalog/programs',
  'GET /api/v1/catalog/years',
  'GET /api/v1/indicators',
  'GET /api/v1/summary',
  'GET /api/v1/rankings',
  'GET /api/v1/cohorts',
  'GET /api/v1/impact',
  'GET /api/v1/students',
  'GET /api/v1/students/{id}',
  'GET /api/v1/geo/states',
  'GET /api/v1/audit',
  'POST /api/v1/imports/{kind}',
  'GET /api/v1/imports/{kind}/template',
  'GET /api/v1/imports/runs/{run}/identity-changes',
  'POST /api/v1/transfers',
  'GET /api/v1/transfers',
  'POST /api/v1/transfers/{id}/confirm',
  'POST /api/v1/transfers/{id}/reject',
  'GET /api/v1/published/abandono',
  'GET /api/v1/reported-counts',
  'GET /api/v1/reports/911-inicio',
  'GET /api/v1/reports/911-fin',
  'GET /api/v1/reports/boleta',
  'GET /api/v1/students/{id}/risk',
  'GET /api/v1/risk/campuses',
  'GET /api/v1/risk/campuses/{cct}',
  'GET /api/v1/breakdown/{cct}',
  'GET /api/v1/risk/model',
  'GET /api/v1/risk/drift',
  'GET /api/v1/risk/rules',
  'PUT /api/v1/risk/rules',
  'GET /api/v1/worklist',
  'GET /api/v1/worklist/settings',
  'PUT /api/v1/worklist/settings',
  'GET /api/v1/escalations',
  'GET /api/v1/groups/{group}/sheet',
  'GET /api/v1/interventions',
  'POST /api/v1/interventions',
  'GET /api/v1/interventions/{id}',
  'PATCH /api/v1/interventions/{id}',
  'POST /api/v1/interventions/{id}/notes',
  'GET /api/v1/effects',
  'GET /api/v1/whatif',
  'GET /api/v1/analyses/jobs/{id}',
  'GET /api/v1/analyses/status',
];

async function expectError(res: Response, status: number, code?: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await res.json()) as { error: { code: unknown; message: unknown } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error).sort()).toEqual(['code', 'message']);
  expect(body.error.code).toMatch(/^[a-z][a-z0-9_]*$/);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message).not.toBe('');
  if (code) expect(body.error.code).toBe(code);
  return body.error as { code: string; message: string };
}

describeEachDialect('API sessions, errors, downloads, OpenAPI', ({ store }) => {
  let h: Harness;
  let national: string;
  beforeAll(async () => {
    h = await createHarness(store());
    national = await login(h, 'national');
  });

  describe('authentication', () => {
    it('answers 401 with the error envelope without a session or with a made-up cookie', async () => {
      await expectError(await call(h.app, '/api/v1/students'), 401);
      await expectError(await call(h.app, '/api/v1/session'), 401);
      await expectError(await call(h.app, '/api/v1/indicators?level=national'), 401);
      await expectError(await call(h.app, '/api/v1/students', { cookie: 'trayecto_session=forged' }), 401);
    });

    it('sets an HttpOnly, SameSite=Strict session cookie that opens the session', async () => {
      const a = h.accounts.national;
      const res = await postSession(h.app, a.username, a.password);
      const setCookie = res.headers.get('set-cookie') ?? '';
      expect(setCookie).toMatch(/^trayecto_session=[^;]{20,};/);
      expect(setCookie).toMatch(/;\s*HttpOnly/i);
      expect(setCookie).toMatch(/;\s*SameSite=Strict/i);
      expect(setCookie).toMatch(/;\s*Path=\//);
      const text = await res.text();
      expect(text).not.toContain(a.password);
      expect(text).not.toMatch(/scrypt|hash/i);
      const me = await getJson<{ user: { username: string; role: string } }>(
        h.app,
        '/api/v1/session',
        sessionCookie(res),
      );
      expect(me.user).toMatchObject({ username: 'nacional', role: 'national' });
    });

    it('gives a wrong password and an unknown user the same status and message', async () => {
      const wrong = await expectError(await postSession(h.app, 'analista', 'not-the-password'), 401);
      const unknown = await expectError(await postSession(h.app, 'nadie.existe', 'not-the-password'), 401);
      expect(unknown).toEqual(wrong);
    });

    it('delays an account after 5 wrong passwords, not before, the right password included', async () => {
      await addUser(
        store().db,
        { username: 'bloqueo', password: 'correcta-123', role: 'national' },
        new Date(),
      );
      for (let i = 0; i < 4; i++) await expectError(await postSession(h.app, 'bloqueo', 'mala-1234567'), 401);
      // Four failures do not delay, and a success starts the count again.
      sessionCookie(await postSession(h.app, 'bloqueo', 'correcta-123'));
      for (let i = 0; i < 5; i++) await expectError(await postSession(h.app, 'bloqueo', 'mala-1234567'), 401);
      const delayed = await postSession(h.app, 'bloqueo', 'correcta-123');
      // The 60 s delay counts down from the fifth failure: on a loaded machine a second may pass before this request.
      const wait = Number(delayed.headers.get('retry-after'));
      expect(wait).toBeGreaterThanOrEqual(58);
      expect(wait).toBeLessThanOrEqual(60);
      // Unknown names get the same treatment: src/api/security.test.ts › sign-in throttling … (finding 7).
      expect((await expectError(delayed, 429, 'rate_limited')).message).toContain(`${wait} s`);
    });

    it('invalidates the session on logout', async () => {
      const cookie = await login(h, 'state');
      expect((await call(h.app, '/api/v1/session', { cookie })).status).toBe(200);
      const out = await call(h.app, '/api/v1/session', { method: 'DELETE', cookie });
      expect(out.status).toBe(204);
      expect(out.headers.get('set-cookie') ?? '').toMatch(/^trayecto_session=;/);
      await expectError(await call(h.app, '/api/v1/session', { cookie }), 401);
      await expectError(await call(h.app, '/api/v1/students', { cookie }), 401);
    });
  });

  describe('bad input', () => {
    it.each([
      ['/api/v1/indicators?level=state&year=20x4', 'year'],
      ['/api/v1/indicators?level=planet', 'level'],
      ['/api/v1/students?pageSize=0', 'pageSize'],
      ['/api/v1/students?page=-1', 'page'],
      ['/api/v1/rankings?level=state&year=2024-2025&indicator=felicidad', 'indicator'],
      ['/api/v1/catalog/campuses?state=Mexico', 'state'],
    ])('%s → 400 naming %s', async (path, param) => {
      const err = await expectError(await call(h.app, path, { cookie: national }), 400);
      expect(err.message).toMatch(new RegExp(`\\b${param}\\b`));
    });

    it('answers 404 for an unknown campus unit, campus filter and student id', async () => {
      await expectError(
        await call(h.app, '/api/v1/indicators?level=campus&unit=99DPT9999Z', { cookie: national }),
        404,
      );
      await expectError(await call(h.app, '/api/v1/students?campus=99DPT9999Z', { cookie: national }), 404);
      const unknownId = h.deps.pseudonyms.toPseudonym(987_654_321);
      await expectError(await call(h.app, `/api/v1/students/${unknownId}`, { cookie: national }), 404);
      await expectError(await call(h.app, '/api/v1/students/not-an-id', { cookie: national }), 404);
    });

    it('rejects a login body larger than 64 KB with 413', async () => {
      const body = JSON.stringify({ username: 'nacional', password: 'x'.repeat(MAX_BODY_BYTES + 10) });
      await expectError(await call(h.app, '/api/v1/session', { method: 'POST', body }), 413);
      // Also when the client announces the size.
      const announced = await call(h.app, '/api/v1/session', {
        method: 'POST',
        body,
        headers: { 'Content-Length': String(Buffer.byteLength(body)) },
      });
      await expectError(announced, 413);
    });

    it('answers unknown /api routes with a JSON 404', async () => {
      await expectError(await call(h.app, '/api/v1/no-such-thing', { cookie: national }), 404);
      await expectError(await call(h.app, '/api/v2/indicators', { cookie: national }), 404);
    });
  });

  describe('downloads', () => {
    const path = '/api/v1/indicators?level=state&year=2024-2025';

    it('serves the state table as CSV with the contract columns and 32 rows matching the JSON', async () => {
      const { rows } = await getJson<{ rows: { unit_id: string; mt: number }[] }>(h.app, path, national);
      expect(rows).toHaveLength(32);
      const res = await call(h.app, `${path}&format=csv`, { cookie: national });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.csv"$/);
      const lines = (await res.text()).replace(/^\uFEFF/, '').split('\r\n');
      expect(lines.at(-1)).toBe('');
      const [header, ...data] = lines.slice(0, -1);
      expect(header?.split(',')).toEqual(INDICATOR_COLUMNS);
      expect(data).toHaveLength(32);
      // unit_id and mt come before any free text that could hold a comma.
      const csv = data.map((l) => l.split(','));
      expect(csv.map((c) => c[1])).toEqual(rows.map((r) => r.unit_id));
      expect(csv.map((c) => Number(c[5]))).toEqual(rows.map((r) => r.mt));
    });

    it('serves the same table as XLSX that exceljs reads back', async () => {
      const res = await call(h.app, `${path}&format=xlsx`, { cookie: national });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('spreadsheetml.sheet');
      const [header, ...data] = await xlsxRows(await res.arrayBuffer());
      expect(header).toEqual(INDICATOR_COLUMNS);
      expect(data).toHaveLength(32);
      expect(new Set(data.map((r) => r[1])).size).toBe(32);
    });
  });

  describe('OpenAPI', () => {
    it('is an OpenAPI 3.1 document listing exactly the /api/v1 operations the app serves', async () => {
      const res = await call(h.app, '/api/openapi.json');
      expect(res.status).toBe(200);
      const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
      expect(doc.openapi).toMatch(/^3\.1\./);
      const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
      );
      expect(documented.sort()).toEqual([...V1_OPERATIONS].sort());
      const served = h.app.routes
        .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/v1/'))
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
      expect([...new Set(served)].sort()).toEqual([...V1_OPERATIONS].sort());
    });

    it('serves the docs page', async () => {
      const res = await call(h.app, '/api/docs');
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('/api/openapi.json');
    });
  });

  it('logs every request with an id, and no password, cookie or query string', () => {
    expect(h.logs.length).toBeGreaterThan(20);
    const requests = h.logs.filter((e) => 'status' in e);
    for (const e of requests) expect(e.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const text = JSON.stringify(h.logs);
    for (const a of Object.values(h.accounts)) expect(text).not.toContain(a.password);
    expect(text).not.toContain('correcta-123');
    expect(text).not.toContain('trayecto_session');
    expect(text).not.toMatch(/\?|[a-z]=/i);
  });
});
