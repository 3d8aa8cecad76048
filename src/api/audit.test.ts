/**
 * The audit log through the API: opening a profile and downloading students are recorded (student by id, no
 * names or CURP), GET /api/v1/audit shows national users everything and state users their state, other roles get
 * 403, and the log downloads as CSV / XLSX (itself an audited action). Runs on SQLite and PostgreSQL.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/stores.js';
import {
  allStudents,
  bodyText,
  call,
  createHarness,
  getJson,
  login,
  personalDataScanner,
  type Harness,
  type StudentItem,
} from './test-helpers.js';

interface AuditPage {
  items: {
    id: number;
    actor: string;
    role: string | null;
    action: string;
    target: string | null;
    stateId: number | null;
    details: Record<string, unknown> | null;
    requestId: string | null;
  }[];
  total: number;
}

describeEachDialect('API audit log', ({ store }) => {
  let h: Harness;
  const cookie = { national: '', state: '', campus: '', tutor: '', analyst: '' };
  let everyone: StudentItem[];

  beforeAll(async () => {
    h = await createHarness(store());
    for (const role of ['national', 'state', 'campus', 'tutor', 'analyst'] as const)
      cookie[role] = await login(h, role);
    everyone = await allStudents(h.app, cookie.national);
  });

  const audit = (query: string, as = cookie.national) =>
    getJson<AuditPage>(h.app, `/api/v1/audit?${query}`, as);

  it('records who opened which student profile, by internal id, in the student state', async () => {
    const student = everyone.find((s) => s.campusCct.startsWith('15'));
    if (!student) throw new Error('no student in state 15');
    const res = await call(h.app, `/api/v1/students/${student.id}`, { cookie: cookie.state });
    expect(res.status).toBe(200);
    const page = await audit(`action=student.view&actor=${h.accounts.state.username}`);
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ role: 'state', action: 'student.view', stateId: 15 });
    expect(page.items[0]?.target).toMatch(/^student:\d+$/);
    expect(page.items[0]?.requestId).toBeTruthy();
    // A profile outside the scope is not found and not recorded as viewed.
    const other = everyone.find((s) => !s.campusCct.startsWith('15'));
    if (!other) throw new Error('no student outside state 15');
    expect((await call(h.app, `/api/v1/students/${other.id}`, { cookie: cookie.state })).status).toBe(404);
    expect((await audit(`action=student.view&actor=${h.accounts.state.username}`)).total).toBe(1);
  });

  it('records downloads: personal for roles that see names, pseudonymous for analysts', async () => {
    const csv = await call(h.app, '/api/v1/students?format=csv', { cookie: cookie.campus });
    expect(csv.status).toBe(200);
    // The rows the audit row counts are the rows the file holds (header and trailing newline aside).
    const lines = (await csv.text()).trim().split(/\r?\n/).length - 1;
    expect(lines).toBeGreaterThan(5);
    const analyst = everyone[0]?.id ?? '';
    expect(
      (await call(h.app, `/api/v1/students?format=xlsx&q=${analyst}`, { cookie: cookie.analyst })).status,
    ).toBe(200);
    const personal = await audit(`action=export.personal&actor=${h.accounts.campus.username}`);
    expect(personal.items[0]?.details).toMatchObject({ format: 'csv', rows: lines, query: false });
    const pseudo = await audit(`action=export.pseudonymous&actor=${h.accounts.analyst.username}`);
    expect(pseudo.items[0]?.details).toMatchObject({ format: 'xlsx', rows: 1 });
  });

  it('answers 403 to campus, tutor and analyst users', async () => {
    for (const role of ['campus', 'tutor', 'analyst'] as const) {
      const res = await call(h.app, '/api/v1/audit', { cookie: cookie[role] });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: 'audit_forbidden' } });
    }
    expect((await call(h.app, '/api/v1/audit')).status).toBe(401);
  });

  it('shows a state user only the rows of their state, whatever ?state= asks', async () => {
    const all = await audit('pageSize=500');
    const mine = await audit('pageSize=500&state=09', cookie.state);
    expect(all.items.some((r) => r.stateId !== 15)).toBe(true);
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((r) => r.stateId === 15)).toBe(true);
  });

  it('downloads the log as CSV and XLSX without names or CURP, and records the download', async () => {
    const scan = personalDataScanner(everyone);
    for (const format of ['csv', 'xlsx'] as const) {
      const res = await call(h.app, `/api/v1/audit?format=${format}`, { cookie: cookie.national });
      expect(res.status).toBe(200);
      const text = await bodyText(res);
      expect(text).toContain('student.view');
      expect(text).toContain('export.personal');
      expect(scan(text)).toEqual([]);
    }
    expect((await audit('action=export.audit')).total).toBe(2);
  });

  it('records failed sign-ins of existing accounts, and not those of unknown names', async () => {
    const wrong = (username: string) =>
      call(h.app, '/api/v1/session', {
        method: 'POST',
        body: JSON.stringify({ username, password: 'no-es-la-clave' }),
      });
    expect((await wrong(h.accounts.tutor.username)).status).toBe(401);
    expect((await wrong('nadie.existe')).status).toBe(401);
    const page = await audit('action=login');
    expect(page.items.map((r) => [r.action, r.target])).toEqual([
      ['login.failed', `user:${h.accounts.tutor.username}`],
    ]);
    expect(page.items[0]?.details).toEqual({ failures: 1 });
  });

  it('rejects a malformed filter with 400', async () => {
    expect((await call(h.app, '/api/v1/audit?since=ayer', { cookie: cookie.national })).status).toBe(400);
    expect((await call(h.app, '/api/v1/audit?action=DROP%20TABLE', { cookie: cookie.national })).status).toBe(
      400,
    );
  });
});
