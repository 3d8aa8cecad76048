/**
 * The analyst role sees aggregates and pseudonymous records only: no name or CURP in any endpoint or download.
 * Every GET operation of the OpenAPI document is crawled with plausible parameters, as JSON, CSV and XLSX, and
 * each body is scanned for the names and CURPs the national user sees. Runs on SQLite and PostgreSQL.
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
  type StudentPage,
} from './test-helpers.js';

interface Parameter {
  name: string;
  in: 'query' | 'path';
  required?: boolean;
  schema?: { enum?: string[] };
}
interface OpenApi {
  paths: Record<string, { get?: { parameters?: Parameter[] } }>;
}

/** Query strings for one operation: each level × format, with only what is needed, each option, and all. */
function queryVariants(params: readonly Parameter[], value: (name: string, level?: string) => string) {
  const query = params.filter((p) => p.in === 'query');
  const has = (n: string) => query.some((p) => p.name === n);
  const levels = query.find((p) => p.name === 'level')?.schema?.enum ?? [undefined];
  // Each format the route offers (its enum), json, csv and xlsx when it names none.
  const formats = has('format')
    ? (query.find((p) => p.name === 'format')?.schema?.enum ?? ['json', 'csv', 'xlsx'])
    : [undefined];
  const own = (p: Parameter) => !['level', 'format', 'unit'].includes(p.name);
  const required = query.filter((p) => p.required && own(p));
  const optional = query.filter((p) => !p.required && own(p));
  const out = new Set<string>();
  for (const level of levels) {
    for (const format of formats) {
      const base: Record<string, string> = {};
      for (const p of required) base[p.name] = value(p.name, level);
      if (level) base.level = level;
      if (format) base.format = format;
      if (level && level !== 'national' && has('unit')) base.unit = value('unit', level);
      const sets = [[], ...optional.map((p) => [p]), optional];
      for (const set of sets) {
        const q = { ...base, ...Object.fromEntries(set.map((p) => [p.name, value(p.name, level)])) };
        out.add(new URLSearchParams(q).toString());
      }
    }
  }
  return [...out];
}

/**
 * Refusals the crawl's parameter combinations legitimately get (not a privacy matter): a report needs exactly
 * one unit, a work queue a campus, a tiny demo has no trained model and too few records for some what-ifs, and
 * analysts may not import.
 */
const EXPECTED_REFUSALS = new Set([
  'order_needs_campus', // the student list sorted by risk or group: one campus at a time
  'invalid_unit',
  'card_needs_campus',
  'missing_campus',
  'inconsistent_flow',
  'no_risk_model',
  'import_forbidden',
  'transfer_forbidden', // transfers: campus, state and national only
  'audit_forbidden', // names changed by an import: audit readers only
]);

describeEachDialect('API privacy of the analyst role', ({ store }) => {
  let h: Harness;
  let national: string;
  let analyst: string;
  let everyone: StudentItem[];
  let scan: ReturnType<typeof personalDataScanner>;

  beforeAll(async () => {
    h = await createHarness(store());
    national = await login(h, 'national');
    analyst = await login(h, 'analyst');
    everyone = await allStudents(h.app, national);
    scan = personalDataScanner(everyone);
  });

  it('finds names and CURPs in what the national user gets (the scanner works)', async () => {
    for (const format of ['json', 'csv', 'xlsx']) {
      const res = await call(h.app, `/api/v1/students?pageSize=50&format=${format}`, { cookie: national });
      const found = scan(await bodyText(res));
      expect(found.filter((f) => f.startsWith('curp:')).length).toBeGreaterThanOrEqual(50);
      expect(found.filter((f) => f.startsWith('name:')).length).toBeGreaterThanOrEqual(50);
    }
    const someone = everyone[7];
    const profile = await call(h.app, `/api/v1/students/${someone?.id ?? ''}`, { cookie: national });
    expect(scan(await profile.text())).toEqual([
      `curp:${someone?.curp ?? ''}`,
      `name:${someone?.name ?? ''}`,
    ]);
  });

  it('lists students with a pseudonymous id and without name or CURP', async () => {
    const mine = await allStudents(h.app, analyst);
    expect(mine.map((s) => s.id).sort()).toEqual(everyone.map((s) => s.id).sort());
    expect(mine.filter((s) => s.name !== null || s.curp !== null)).toEqual([]);
  });

  it('rejects a search by name or CURP with 400, and finds a student by pseudonym', async () => {
    for (const q of ['garcia', everyone[0]?.curp ?? '']) {
      const res = await call(h.app, `/api/v1/students?q=${q}`, { cookie: analyst });
      expect(res.status).toBe(400);
      expect(scan(await res.text())).toEqual([]);
    }
    const target = everyone[everyone.length >> 1];
    const page = await getJson<StudentPage>(h.app, `/api/v1/students?q=${target?.id ?? ''}`, analyst);
    expect(page.items).toEqual([expect.objectContaining({ id: target?.id, name: null, curp: null })]);
    expect(page.items[0]?.campusCct).toBe(target?.campusCct);
    const profile = await getJson<{ student: Record<string, unknown> }>(
      h.app,
      `/api/v1/students/${target?.id ?? ''}`,
      analyst,
    );
    expect(profile.student).toMatchObject({ id: target?.id, name: null, curp: null, birthDate: null });
  });

  it('never gets a name or CURP from any GET endpoint or download of the OpenAPI document', async () => {
    const doc = await getJson<OpenApi>(h.app, '/api/openapi.json', analyst);
    const programs = await getJson<{ code: string }[]>(h.app, '/api/v1/catalog/programs', analyst);
    const groups = await store().db.selectFrom('tutor_groups').select('group_code').execute();
    const campus = (
      await getJson<{ user: { campusCct: string } }>(h.app, '/api/v1/session', await login(h, 'campus'))
    ).user.campusCct;
    // A program taught at that campus, so that ?unit=&campus= combinations name a real unit.
    const campusPrograms = await getJson<{ rows: { unit_id: string }[] }>(
      h.app,
      `/api/v1/indicators?level=program&campus=${campus}&year=2024-2025`,
      analyst,
    );
    const program = campusPrograms.rows[0]?.unit_id ?? programs[0]?.code ?? '';
    // A group of that campus (the tutor's), for the group sheet.
    const campusGroup = groups[0]?.group_code ?? '';
    // A few students, some with interventions and events on their timeline, from several campuses.
    const ids = [0, 1, 2, 500, 1500, 3000, everyone.length - 1].map((i) => everyone[i]?.id ?? '');
    const interventionIds = (
      await store().db.selectFrom('interventions').select('id').orderBy('id').limit(3).execute()
    ).map((r) => r.id);
    const value = (name: string, level?: string): string => {
      const values: Record<string, string> = {
        year: '2024-2025',
        baseline: '2017-2018',
        generation: '2020-2023',
        state: '15',
        by: 'sex',
        indicator: 'abandono',
        q: ids[3] ?? '',
        campus,
        program,
        group: groups[0]?.group_code ?? '',
        page: '1',
        pageSize: '200',
        since: '2026-01-01',
        until: '2026-12-31',
        action: 'student',
        actor: 'nacional',
        target: 'student:1',
        capacity: '20',
        limit: '50',
        open: 'true',
        student: ids[3] ?? '',
        kind: 'tutoring',
        semester: '1',
        dropoutChange: '-20',
        public: 'true',
        threshold: '5',
        national: 'true',
        version: '1',
        status: 'all',
        flag: 'rojo',
        minDays: '0',
        sort: 'rank',
        order: 'risk',
        resetEventLoop: 'false',
        lang: 'en',
        unit: level === 'state' ? '15' : level === 'campus' ? campus : program,
      };
      const v = values[name];
      if (v === undefined) throw new Error(`no plausible value for parameter ${name}`);
      return v;
    };
    const urls: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      // A job exists only while a heavy request computes (src/api/analyses.test.ts follows one); its result is
      // the same answer as the analysis route's, which is scanned here.
      if (!ops.get || path.startsWith('/api/v1/analyses/jobs/')) continue;
      const params = ops.get.parameters ?? [];
      const withPath = path
        .replace('{cct}', campus)
        .replace('{kind}', 'students')
        .replace('{run}', '1')
        .replace('{group}', encodeURIComponent(campusGroup));
      const paths = !params.some((p) => p.in === 'path' && p.name === 'id')
        ? [withPath]
        : path.startsWith('/api/v1/interventions/')
          ? interventionIds.map((id) => withPath.replace('{id}', String(id)))
          : ids.map((id) => withPath.replace('{id}', id));
      for (const p of paths) for (const q of queryVariants(params, value)) urls.push(q ? `${p}?${q}` : p);
    }
    expect(urls.length).toBeGreaterThan(100);
    expect(urls.filter((u) => u.includes('format=xlsx')).length).toBeGreaterThan(20);
    const failures: string[] = [];
    const leaks: string[] = [];
    let served = 0;
    for (const url of urls) {
      const res = await call(h.app, url, { cookie: analyst });
      const text = await bodyText(res);
      // The audit log is for national and state coordinators only: 403 to the analyst, and nothing in it.
      const expected = url.startsWith('/api/v1/audit') ? 403 : 200;
      if (res.status === 200) served++;
      const code = res.status >= 400 ? (JSON.parse(text) as { error: { code: string } }).error.code : '';
      if (res.status !== expected && !EXPECTED_REFUSALS.has(code))
        failures.push(`${res.status} ${url} ${text.slice(0, 120)}`);
      for (const f of scan(text)) leaks.push(`${url}: ${f}`);
    }
    expect(failures).toEqual([]);
    expect(leaks).toEqual([]);
    expect(served).toBeGreaterThan(150);
  });

  it('logs no personal data and no query strings', () => {
    const text = JSON.stringify(h.logs);
    expect(h.logs.length).toBeGreaterThan(150);
    expect(scan(text, { ids: true })).toEqual([]);
    expect(text).not.toMatch(/q=|\?|garcia|format=/i);
  });
});
