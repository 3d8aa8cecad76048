/**
 * Hardening of the HTTP API: rate limits (login per address and per user name, API per user or address) with
 * 429 + Retry-After + the error envelope, security headers on every kind of answer, CSRF checks on cookie
 * sessions, and the token bucket itself.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { MAX_BUCKETS, rateLimiter } from '../services/accounts/index.js';
import { addUser } from '../services/accounts/index.js';
import { describeEachDialect } from '../test-support/stores.js';
import { createApp } from './app.js';
import { ORIGIN, call, createHarness, login, type App, type Harness } from './test-helpers.js';

describe('token bucket', () => {
  it('lets N through at once, then refills at N per minute', () => {
    const l = rateLimiter({ perMinute: 6 });
    for (let i = 0; i < 6; i++) expect(l.take('a', 1_000)).toBe(0);
    expect(l.take('a', 1_000)).toBe(10); // one token every 10 s
    expect(l.wait('a', 1_000)).toBe(10);
    expect(l.take('b', 1_000)).toBe(0); // buckets are per key
    expect(l.take('a', 6_000)).toBe(5);
    expect(l.take('a', 11_000)).toBe(0);
    expect(l.take('a', 11_000)).toBe(10);
    // A refused request spends nothing: after a full minute the bucket is full again.
    for (let i = 0; i < 6; i++) expect(l.take('a', 71_000 + i)).toBe(0);
    expect(l.take('a', 71_010)).toBeGreaterThan(0);
  });

  it('never lets more than N + N·t/60 s through in t seconds', () => {
    const l = rateLimiter({ perMinute: 30 });
    let allowed = 0;
    for (let ms = 0; ms < 120_000; ms += 50) if (l.take('k', ms) === 0) allowed++;
    expect(allowed).toBeLessThanOrEqual(30 + 60);
    expect(allowed).toBeGreaterThanOrEqual(30 + 59);
  });

  it('is off at 0', () => {
    const l = rateLimiter({ perMinute: 0 });
    for (let i = 0; i < 10_000; i++) expect(l.take('a', 0)).toBe(0);
    expect(l.size()).toBe(0);
  });

  it('keeps a bounded number of buckets, dropping idle ones first', () => {
    const l = rateLimiter({ perMinute: 60 }, 1_000);
    for (let i = 0; i < 5_000; i++) l.take(`k${i}`, i);
    expect(l.size()).toBeLessThanOrEqual(1_000);
    expect(MAX_BUCKETS).toBeGreaterThanOrEqual(10_000);
  });
});

interface Answer {
  readonly status: number;
  readonly retryAfter: string | null;
  readonly code: string | null;
  readonly res: Response;
}

describeEachDialect('API hardening', ({ store }) => {
  let h: Harness;
  let clock = Date.parse('2026-11-28T12:00:00Z');

  /** A fresh app (fresh buckets) with the given limits and a clock the test moves. */
  const appWith = (limits: { api: number; trustedProxies?: string }): App =>
    createApp({
      ...h.deps,
      config: loadConfig({
        TRAYECTO_RATE_API: String(limits.api),
        ...(limits.trustedProxies === undefined ? {} : { TRAYECTO_TRUSTED_PROXIES: limits.trustedProxies }),
      }),
      now: () => new Date(clock),
    });

  /** A request from a client address (as @hono/node-server passes the socket). */
  async function from(
    app: App,
    ip: string,
    path: string,
    init: { method?: string; cookie?: string; body?: string; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { Origin: ORIGIN, ...init.headers };
    if (init.cookie) headers.Cookie = init.cookie;
    if (init.body !== undefined) headers['Content-Type'] ??= 'application/json';
    const res = await app.request(
      `${ORIGIN}${path}`,
      { method: init.method ?? 'GET', headers, body: init.body },
      { incoming: { socket: { remoteAddress: ip } } },
    );
    let code: string | null = null;
    if (res.headers.get('content-type')?.startsWith('application/json')) {
      const body = (await res.clone().json()) as { error?: { code?: string } };
      code = body.error?.code ?? null;
    }
    return { status: res.status, retryAfter: res.headers.get('retry-after'), code, res };
  }

  const loginFrom = (app: App, ip: string, username: string, password: string) =>
    from(app, ip, '/api/v1/session', { method: 'POST', body: JSON.stringify({ username, password }) });

  const expect429 = async (a: Answer, retryAfter: number) => {
    expect(a.status).toBe(429);
    expect(a.retryAfter).toBe(String(retryAfter));
    const body = (await a.res.json()) as { error: { code: string; message: string } };
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.message).toContain(`${retryAfter} s`);
  };

  beforeAll(async () => {
    h = await createHarness(store());
  });

  it('answers 400 to a NUL character in a query, a path or a JSON body (PostgreSQL would fail on it)', async () => {
    const cookie = await login(h, 'national');
    const nulLogin = await call(h.app, '/api/v1/session', {
      method: 'POST',
      body: '{"username":"nacional\\u0000","password":"x"}',
    });
    expect(nulLogin.status).toBe(400);
    expect(((await nulLogin.json()) as { error: { code: string } }).error.code).toBe('invalid_text');
    expect((await call(h.app, '/api/v1/students?q=PEREZ%00', { cookie })).status).toBe(400);
    expect((await call(h.app, '/api/v1/risk/campuses/15%00', { cookie })).status).toBe(400);
    // An ordinary sign-in still reads its body after the check.
    const a = h.accounts.national;
    const ok = await call(h.app, '/api/v1/session', {
      method: 'POST',
      body: JSON.stringify({ username: a.username, password: a.password }),
    });
    expect(ok.status).toBe(200);
  });

  describe('rate limits', () => {
    it('limits API requests per signed-in user', async () => {
      const app = appWith({ api: 10 });
      const national = await login(h, 'national');
      const state = await login(h, 'state');
      for (let i = 0; i < 10; i++)
        expect((await from(app, `10.2.0.${i}`, '/api/v1/catalog/years', { cookie: national })).status).toBe(
          200,
        );
      await expect429(await from(app, '10.2.0.50', '/api/v1/catalog/years', { cookie: national }), 6);
      // Another user behind the same address is served.
      expect((await from(app, '10.2.0.0', '/api/v1/catalog/years', { cookie: state })).status).toBe(200);
      clock += 6_000;
      expect((await from(app, '10.2.0.0', '/api/v1/catalog/years', { cookie: national })).status).toBe(200);
    });

    it('limits requests without a valid session per address, without locking out valid sessions there', async () => {
      const app = appWith({ api: 4 });
      for (let i = 0; i < 4; i++)
        expect(
          (await from(app, '10.3.0.1', '/api/v1/students', { cookie: `trayecto_session=f${i}` })).status,
        ).toBe(401);
      const refused = await from(app, '10.3.0.1', '/api/v1/students', { cookie: 'trayecto_session=f9' });
      await expect429(refused, 15);
      expect(refused.res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect((await from(app, '10.3.0.1', '/api/v1/indicators?level=national')).status).toBe(429);
      expect((await from(app, '10.3.0.2', '/api/v1/indicators?level=national')).status).toBe(401);
      const national = await login(h, 'national');
      expect((await from(app, '10.3.0.1', '/api/v1/catalog/years', { cookie: national })).status).toBe(200);
    });

    it('is on by default, with limits a person does not reach', () => {
      const limits = loadConfig({}).rateLimits;
      expect(limits.api.perMinute).toBeGreaterThanOrEqual(300);
      expect(() => loadConfig({ TRAYECTO_RATE_API: '-1' })).toThrow(/TRAYECTO_RATE_API/);
    });
  });

  describe('sign-in throttling that cannot be turned against users (finding 7)', () => {
    const minute = 60_000;
    const wrong = (app: App, ip: string, username: string) => loginFrom(app, ip, username, 'no-es-la-clave');
    const newUser = async (username: string) => {
      const password = `${username}-clave-correcta`;
      await addUser(store().db, { username, password, role: 'national' }, new Date(clock));
      return password;
    };
    const refusedBody = async (a: Answer) => JSON.stringify(await a.res.clone().json());

    it('delays an account at an address after 5 wrong passwords (1, 2, 4 … min, at most 15), never locks it', async () => {
      const app = appWith({ api: 0 });
      const right = await newUser('demora');
      for (let i = 0; i < 5; i++) expect((await wrong(app, '10.7.0.1', 'demora')).status).toBe(401);
      // During the delay the right password gets the same answer as a wrong one: no oracle.
      const withRight = await loginFrom(app, '10.7.0.1', 'demora', right);
      const withWrong = await wrong(app, '10.7.0.1', 'demora');
      expect(await refusedBody(withWrong)).toBe(await refusedBody(withRight));
      await expect429(withRight, 60);
      expect(withWrong.retryAfter).toBe('60');
      clock += minute;
      expect((await wrong(app, '10.7.0.1', 'demora')).status).toBe(401);
      await expect429(await loginFrom(app, '10.7.0.1', 'demora', right), 120);
      const seen: number[] = [];
      for (let i = 0; i < 8; i++) {
        clock += 15 * minute;
        expect((await wrong(app, '10.7.0.1', 'demora')).status).toBe(401);
        seen.push(Number((await wrong(app, '10.7.0.1', 'demora')).retryAfter));
      }
      expect(seen.slice(0, 3)).toEqual([240, 480, 900]);
      expect(Math.max(...seen)).toBe(900);
      // The delay expires by itself (no operator), and a success starts the count again.
      clock += 15 * minute;
      expect((await loginFrom(app, '10.7.0.1', 'demora', right)).status).toBe(200);
      for (let i = 0; i < 4; i++) expect((await wrong(app, '10.7.0.1', 'demora')).status).toBe(401);
      expect((await loginFrom(app, '10.7.0.1', 'demora', right)).status).toBe(200);
      const row = await store()
        .db.selectFrom('users')
        .select('disabled')
        .where('username', '=', 'demora')
        .executeTakeFirstOrThrow();
      expect(Number(row.disabled)).toBe(0);
    });

    it('treats an unknown name like an existing one (no answer tells them apart)', async () => {
      const app = appWith({ api: 0 });
      await newUser('existente');
      const answers = async (username: string, ip: string) => {
        const out: string[] = [];
        for (let i = 0; i < 6; i++) {
          const a = await wrong(app, ip, username);
          out.push(`${a.status} ${a.retryAfter ?? ''} ${await refusedBody(a)}`);
        }
        return out;
      };
      expect(await answers('no.existe', '10.7.5.1')).toEqual(await answers('existente', '10.7.5.2'));
    });

    it('lets the owner in from another address, and from their own address whatever others attempt', async () => {
      const app = appWith({ api: 0 });
      const right = await newUser('victima');
      expect((await loginFrom(app, '10.7.1.9', 'victima', right)).status).toBe(200); // their usual address
      // Someone else fails 5 times at one address: only that pair waits.
      for (let i = 0; i < 5; i++) expect((await wrong(app, '10.7.1.1', 'victima')).status).toBe(401);
      expect((await loginFrom(app, '10.7.1.1', 'victima', right)).status).toBe(429);
      expect((await loginFrom(app, '10.7.1.2', 'victima', right)).status).toBe(200);
      // Failures from many addresses (25: each weighs a fifth of one at the same address) delay the account
      // for new addresses, never at an address where the owner signed in.
      for (let i = 10; i < 35; i++) expect((await wrong(app, `10.7.1.${i}`, 'victima')).status).toBe(401);
      expect((await loginFrom(app, '10.7.1.200', 'victima', right)).status).toBe(429);
      expect((await loginFrom(app, '10.7.1.9', 'victima', right)).status).toBe(200);
    });

    it('does not block every user behind a busy address (a proxy) after 31 failed sign-ins there', async () => {
      const app = appWith({ api: 0 });
      const proxy = '10.7.2.1';
      const regular = await newUser('vecino');
      const other = await newUser('colega');
      expect((await loginFrom(app, proxy, 'vecino', regular)).status).toBe(200);
      for (let i = 0; i < 31; i++) expect((await wrong(app, proxy, `adivina${i}`)).status).toBe(401);
      expect((await loginFrom(app, proxy, 'colega', other)).status).toBe(200);
      // An address failure weighs a tenth of a failure of the same account there: after 50 (31 + 19), names
      // never signed in there wait; people who sign in there do not.
      for (let i = 31; i < 50; i++) expect((await wrong(app, proxy, `adivina${i}`)).status).toBe(401);
      await expect429(await wrong(app, proxy, 'adivina-otra'), 60);
      expect((await loginFrom(app, proxy, 'vecino', regular)).status).toBe(200);
      expect((await loginFrom(app, proxy, 'colega', other)).status).toBe(200);
    });

    it('reads X-Forwarded-For only from a configured trusted proxy', async () => {
      const app = appWith({ api: 0, trustedProxies: '10.9.0.1' });
      const right = await newUser('detras');
      const via = (client: string, password: string, peer = '10.9.0.1') =>
        from(app, peer, '/api/v1/session', {
          method: 'POST',
          body: JSON.stringify({ username: 'detras', password }),
          headers: { 'X-Forwarded-For': `${client}, ${peer}` },
        });
      for (let i = 0; i < 5; i++) expect((await via('203.0.113.5', 'mala')).status).toBe(401);
      expect((await via('203.0.113.5', right)).status).toBe(429);
      expect((await via('203.0.113.6', right)).status).toBe(200); // another client behind the proxy
      // From an untrusted peer the header is ignored: rotating it does not reset the count.
      for (let i = 0; i < 5; i++) expect((await via(`198.51.100.${i}`, 'mala', '10.9.0.2')).status).toBe(401);
      expect((await via('198.51.100.99', right, '10.9.0.2')).status).toBe(429);
      expect(() => loadConfig({ TRAYECTO_TRUSTED_PROXIES: 'no-es-una-ip' })).toThrow(
        /TRAYECTO_TRUSTED_PROXIES/,
      );
    });
  });

  describe('formula injection and request ids (finding 8)', () => {
    const FORMULA = '=HYPERLINK("http://malo.example","ver")';
    const cellsOf = (csv: string) =>
      csv
        .replace(/^\uFEFF/, '')
        .split(/\r?\n/)
        .flatMap((line) => line.match(/("([^"]|"")*"|[^,]*)/g) ?? [])
        .map((c) => (c.startsWith('"') ? c.slice(1, -1).replace(/""/g, '"') : c));

    it('neutralizes a formula typed as a student name in CSV, keeps it text in XLSX', async () => {
      const db = store().db;
      const row = await db
        .selectFrom('student_identities as i')
        .innerJoin('students as s', 's.id', 'i.student_id')
        .select(['i.student_id', 'i.first_surname'])
        .orderBy('i.student_id')
        .executeTakeFirstOrThrow();
      await db
        .updateTable('student_identities')
        .set({ given_names: FORMULA })
        .where('student_id', '=', row.student_id)
        .execute();
      const national = await login(h, 'national');
      const q = `/api/v1/students?pageSize=200&q=${encodeURIComponent(row.first_surname)}`;
      const csv = await (await call(h.app, `${q}&format=csv`, { cookie: national })).text();
      const cells = cellsOf(csv);
      expect(cells.some((c) => c.includes('HYPERLINK'))).toBe(true);
      expect(cells.filter((c) => /^[=+@\t\r]/.test(c))).toEqual([]);
      expect(cells.some((c) => c.startsWith("'=HYPERLINK"))).toBe(true);
      const xlsx = await call(h.app, `${q}&format=xlsx`, { cookie: national });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await xlsx.arrayBuffer());
      const found: { type: ExcelJS.ValueType; formula: unknown }[] = [];
      wb.eachSheet((ws) =>
        ws.eachRow((r) =>
          r.eachCell((cell) => {
            if (cell.text.includes('HYPERLINK')) found.push({ type: cell.type, formula: cell.formula });
          }),
        ),
      );
      expect(found.length).toBeGreaterThan(0);
      expect(found.every((f) => f.type === ExcelJS.ValueType.String && !f.formula)).toBe(true);
    });

    it('replaces a forged X-Request-Id; it never reaches the logs or the audit log (nor its CSV)', async () => {
      const national = await login(h, 'national');
      const forged = `=cmd|' /C calc'!A0`;
      const res = await call(h.app, '/api/v1/students?format=csv&pageSize=1', {
        cookie: national,
        headers: { 'X-Request-Id': forged },
      });
      expect(res.status).toBe(200);
      const given = res.headers.get('x-request-id') ?? '';
      expect(given).not.toBe(forged);
      expect(given).toMatch(/^[A-Za-z0-9-]{8,64}$/);
      expect(JSON.stringify(h.logs)).not.toContain('cmd|');
      const rows = await store()
        .db.selectFrom('audit_log')
        .select('request_id')
        .where('request_id', '=', given)
        .execute();
      expect(rows.length).toBe(1);
      // A well-formed client id is kept, so that a proxy's id can be followed.
      const kept = await call(h.app, '/api/v1/session', {
        cookie: national,
        headers: { 'X-Request-Id': 'proxy-1234abcd' },
      });
      expect(kept.headers.get('x-request-id')).toBe('proxy-1234abcd');
      const audit = await (
        await call(h.app, '/api/v1/audit?format=csv&pageSize=500&since=2000-01-01&until=2100-01-01', {
          cookie: national,
        })
      ).text();
      expect(audit).not.toContain('cmd|');
      expect(cellsOf(audit).filter((c) => /^[=+@\t\r]/.test(c))).toEqual([]);
    });
  });

  describe('security headers', () => {
    const expectSecurityHeaders = (res: Response) => {
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d{6,}/);
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(res.headers.get('x-powered-by')).toBeNull();
    };

    it('are on data, errors, downloads, the docs page and unknown routes', async () => {
      const national = await login(h, 'national');
      const answers = [
        await call(h.app, '/api/v1/catalog/years', { cookie: national }),
        await call(h.app, '/api/v1/indicators?level=state&year=2024-2025&format=csv', { cookie: national }),
        await call(h.app, '/api/v1/students'),
        await call(h.app, '/api/v1/indicators?level=planet', { cookie: national }),
        await call(h.app, '/api/docs'),
        await call(h.app, '/api/openapi.json'),
        await call(h.app, '/no/such/page'),
      ];
      expect(answers.map((r) => r.status)).toEqual([200, 200, 401, 400, 200, 200, 404]);
      for (const res of answers) expectSecurityHeaders(res);
    });
  });

  describe('CSRF', () => {
    it('refuses a cross-site form post and a cross-site sign-out with 403 and the error envelope', async () => {
      const national = await login(h, 'national');
      const form = await call(h.app, '/api/v1/session', {
        method: 'POST',
        body: 'username=nacional&password=x',
        headers: { Origin: 'https://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      expect(form.status).toBe(403);
      expect(((await form.json()) as { error: { code: string } }).error.code).toBe('forbidden_origin');
      const out = await call(h.app, '/api/v1/session', {
        method: 'DELETE',
        cookie: national,
        headers: { Origin: 'https://evil.example' },
      });
      expect(out.status).toBe(403);
      // The session survived the forged sign-out.
      expect((await call(h.app, '/api/v1/session', { cookie: national })).status).toBe(200);
      // A same-origin sign-out works.
      expect((await call(h.app, '/api/v1/session', { method: 'DELETE', cookie: national })).status).toBe(204);
    });

    it('does not give a cross-site page the session cookie (SameSite=Strict, HttpOnly)', async () => {
      const a = h.accounts.analyst;
      const res = await call(h.app, '/api/v1/session', {
        method: 'POST',
        body: JSON.stringify({ username: a.username, password: a.password }),
      });
      const cookie = res.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/SameSite=Strict/i);
      expect(cookie).toMatch(/HttpOnly/i);
    });
  });

  describe('malformed requests', () => {
    it('answers a malformed JSON body with 400 and the error envelope, not a 500', async () => {
      const res = await call(h.app, '/api/v1/session', { method: 'POST', body: '{"username": "nacional",' });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_body');
      expect(h.logs.filter((l) => l.level === 'error')).toEqual([]);
    });
  });
});
