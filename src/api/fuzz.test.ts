/**
 * API fuzzing (fast-check): 10,000 seeded random requests (on SQLite; fewer on PostgreSQL) to every operation
 * of the OpenAPI document and to random paths under /api/v1: random methods, query strings built from the
 * operations' own parameters with valid and invalid values, bodies, headers, with and without a session of
 * each role. Every answer must be below 500, and every 4xx must carry the error envelope. The count of requests
 * tried is printed. TRAYECTO_FUZZ_REQUESTS and TRAYECTO_FUZZ_SEED change the defaults.
 */
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import type { Role } from '../domain/access.js';
import { describeEachDialect } from '../test-support/stores.js';
import { ORIGIN, createHarness, login, type Harness } from './test-helpers.js';

const SEED = Number(process.env.TRAYECTO_FUZZ_SEED ?? 20_261_128);
const REQUESTS = Number(process.env.TRAYECTO_FUZZ_REQUESTS ?? 10_000);
const ROLES: readonly Role[] = ['national', 'state', 'campus', 'tutor', 'analyst'];

interface Operation {
  readonly method: string;
  /** With {param} placeholders. */
  readonly path: string;
  readonly query: readonly { name: string; values: readonly string[] }[];
}

interface FuzzRequest {
  readonly method: string;
  readonly path: string;
  readonly query: readonly [string, string][];
  readonly session: Role | 'none' | 'forged' | 'garbage';
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
}

/** Operations and their query parameters, with sample values, from the OpenAPI document. */
function operations(doc: {
  paths: Record<string, Record<string, { parameters?: { name: string; in: string; schema?: unknown }[] }>>;
}): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const query = (op.parameters ?? [])
        .filter((p) => p.in === 'query')
        .map((p) => ({ name: p.name, values: sampleValues(p.schema) }));
      ops.push({ method: method.toUpperCase(), path, query });
    }
  }
  return ops;
}

/** Values a parameter's schema accepts (enum members, examples) plus values it should reject. */
function sampleValues(schema: unknown): string[] {
  const s = (schema ?? {}) as { enum?: unknown[]; example?: unknown; type?: string; default?: unknown };
  const valid = [...(s.enum ?? []), s.example, s.default].filter((v) => v !== undefined).map(String);
  return [...valid, '2024-2025', '2013-2014', '15', '01', '1', '0', '-1', '99999999999', 'national', 'state'];
}

// Mostly signed in (to reach the handlers), sometimes not, with a made-up or a malformed cookie.
const SESSIONS: FuzzRequest['session'][] = [...ROLES, ...ROLES, ...ROLES, 'none', 'forged', 'garbage'];
const METHODS = ['GET', 'GET', 'GET', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const PARAM_NAMES = [
  'level',
  'year',
  'unit',
  'state',
  'campus',
  'program',
  'format',
  'page',
  'pageSize',
  'q',
  'id',
];

/** Printable ASCII (header values must be byte strings without line breaks). */
const ascii = (max: number) =>
  fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
    maxLength: max,
  });

/** Text that stresses parsers: unicode, control characters, quotes, percent signs, SQL and path tricks. */
const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    "' or 1=1 --",
    '"; drop table students; --',
    '../../etc/passwd',
    '%00',
    '%',
    '%E0%A4%A',
    '\u0000',
    'NaN',
    'Infinity',
    '1e309',
    '-0',
    '0x10',
    '２０２４-２０２５',
    '2024-2025'.repeat(50),
    'a'.repeat(5000),
    '[]',
    '{}',
    'null',
    'true',
  ),
);

function requestArbitrary(ops: readonly Operation[]): fc.Arbitrary<FuzzRequest> {
  const known = fc.constantFrom(...ops).chain((op) =>
    fc.record({
      method: fc.oneof({ weight: 4, arbitrary: fc.constant(op.method) }, fc.constantFrom(...METHODS)),
      path: fc
        .array(
          fc.oneof(fc.constantFrom('1', '0', 'abc', '01DPT0002I', '-1', '99999999999999999999'), nasty),
          {
            minLength: 3,
            maxLength: 3,
          },
        )
        .map((ids) => {
          let i = 0;
          return op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(ids[i++ % 3] ?? ''));
        }),
      query: fc.array(
        op.query.length > 0
          ? fc.oneof(
              {
                weight: 3,
                arbitrary: fc
                  .constantFrom(...op.query)
                  .chain((q) =>
                    fc.tuple(
                      fc.constant(q.name),
                      fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...q.values) }, nasty),
                    ),
                  ),
              },
              fc.tuple(fc.oneof(fc.constantFrom(...PARAM_NAMES), nasty), nasty),
            )
          : fc.tuple(fc.oneof(fc.constantFrom(...PARAM_NAMES), nasty), nasty),
        { maxLength: 6 },
      ),
    }),
  );
  const random = fc.record({
    method: fc.oneof(
      fc.constantFrom(...METHODS),
      ascii(8).filter((m) => /^[A-Za-z]+$/.test(m)),
    ),
    path: fc
      .array(
        fc.oneof(
          fc.constantFrom(...ops.map((o) => o.path.split('/')[3] ?? 'x')),
          nasty.map(encodeURIComponent),
          fc.webSegment(),
        ),
        {
          maxLength: 4,
        },
      )
      .map((segs) => `/api/v1/${segs.join('/')}`),
    query: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...PARAM_NAMES), nasty), nasty), { maxLength: 6 }),
  });
  return fc
    .record({
      target: fc.oneof({ weight: 4, arbitrary: known }, random),
      session: fc.constantFrom(...SESSIONS),
      contentType: fc.constantFrom(
        undefined,
        'application/json',
        'application/json; charset=utf-8',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        'garbage/',
      ),
      origin: fc.constantFrom(ORIGIN, ORIGIN, 'https://evil.example', undefined, 'null'),
      extra: fc.dictionary(
        fc.constantFrom(
          'accept',
          'accept-language',
          'x-request-id',
          'if-none-match',
          'range',
          'x-forwarded-for',
          'sec-fetch-site',
        ),
        ascii(300),
        { maxKeys: 3 },
      ),
      body: fc.oneof(
        { weight: 3, arbitrary: fc.constant(undefined) },
        fc.json({ maxDepth: 3 }),
        fc.record({ username: nasty, password: nasty }).map((b) => JSON.stringify(b)),
        fc.string({ maxLength: 200 }),
        fc.constant('x'.repeat(70_000)),
      ),
    })
    .map(({ target, session, contentType, origin, extra, body }) => {
      const headers: Record<string, string> = { ...extra };
      if (contentType) headers['content-type'] = contentType;
      if (origin) headers.origin = origin;
      // Only a few sign-in attempts (each costs a scrypt hash), under made-up user names so that no demo account locks.
      let method = target.method;
      if (
        target.path === '/api/v1/session' &&
        method === 'POST' &&
        body !== undefined &&
        !body.includes('username')
      )
        method = 'GET';
      return { method, path: target.path, query: target.query, session, headers, body };
    });
}

const urlOf = (r: FuzzRequest) => {
  const qs = r.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return `${ORIGIN}${r.path}${qs ? `?${qs}` : ''}`;
};

describeEachDialect('API fuzzing: never a 5xx', ({ dialect, store }) => {
  let h: Harness;
  const cookies = new Map<FuzzRequest['session'], string>();

  beforeAll(async () => {
    h = await createHarness(store());
    for (const role of ROLES) cookies.set(role, await login(h, role));
    cookies.set('forged', 'trayecto_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    cookies.set('garbage', 'trayecto_session=%; trayecto_session=; =;;');
  });

  it(`answers ${dialect === 'sqlite' ? REQUESTS : Math.ceil(REQUESTS / 4)} random requests without a 5xx`, async () => {
    const doc = (await (await h.app.request(`${ORIGIN}/api/openapi.json`)).json()) as Parameters<
      typeof operations
    >[0];
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(10);
    const n = dialect === 'sqlite' ? REQUESTS : Math.ceil(REQUESTS / 4);
    const requests = fc.sample(requestArbitrary(ops), { numRuns: n, seed: SEED });
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let tried = 0;
    for (const r of requests) {
      let req: Request;
      try {
        const headers = new Headers(r.headers);
        const cookie = cookies.get(r.session);
        if (cookie) headers.set('cookie', cookie);
        const withBody = r.body !== undefined && r.method !== 'GET' && r.method !== 'HEAD';
        req = new Request(urlOf(r), { method: r.method, headers, body: withBody ? r.body : undefined });
      } catch {
        continue; // not a request a client can send (the URL or a header does not parse)
      }
      tried++;
      const res = await h.app.request(req);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500) {
        failures.push(
          `${res.status} ${r.method} ${urlOf(r).slice(0, 300)} [${r.session}] ${(await res.text()).slice(0, 200)}`,
        );
        continue;
      }
      if (res.status >= 400 && r.method !== 'HEAD') {
        const text = await res.text();
        let code: unknown;
        try {
          code = (JSON.parse(text) as { error?: { code?: unknown } }).error?.code;
        } catch {
          code = undefined;
        }
        if (typeof code !== 'string')
          failures.push(
            `${res.status} without the error envelope: ${r.method} ${urlOf(r).slice(0, 200)}: ${text.slice(0, 100)}`,
          );
      } else await res.arrayBuffer();
      // A sign-out ends that role's session: sign in again so the rest keeps its coverage.
      if (
        r.method === 'DELETE' &&
        r.path === '/api/v1/session' &&
        res.status === 204 &&
        ROLES.includes(r.session as Role)
      )
        cookies.set(r.session, await login(h, r.session as Role));
    }
    const errors = h.logs.filter((l) => l.level === 'error');
    console.log(
      `[fuzz] ${dialect}: ${tried} requests tried (seed ${SEED}); statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`,
    );
    expect(failures.slice(0, 30)).toEqual([]);
    expect(errors.slice(0, 5)).toEqual([]);
    expect(tried).toBeGreaterThanOrEqual(n * 0.95);
  });
});
