/**
 * The heavy analyses never hold the HTTP thread (issue 11 finding 5): an app served by one process, with the
 * analysis worker script (bundled for this run, since the test runs from TypeScript), answers a light request
 * while an effect estimate computes; the result is then served from the cache (the same kinds in another
 * order are the same result), from the table after a restart, and marked stale, then recomputed, once an
 * import changes the data version. A record import posted to the API also runs in the worker.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ServerType } from '@hono/node-server';
import { build } from 'rolldown';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { loadDemoFixture } from '../test-support/demo-fixtures.js';
import { findStudents } from '../services/students/index.js';
import { createDemoAccounts, type DemoAccount } from '../services/accounts/index.js';
import { DEFAULT_POOL_LIMITS } from '../services/risk/index.js';
import { describeEachDialect } from '../test-support/stores.js';
import { createApp } from './app.js';
import { apiDeps, listen } from './server.js';
import { DEMO_SCALE, DEMO_SEED, HARNESS_ENV } from './test-helpers.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const BUNDLE_DIR = join(ROOT, 'node_modules', '.trayecto-e2e');
const BUNDLE = join(BUNDLE_DIR, `analysis-worker-${process.pid}.mjs`);
let workerUrl: URL;

beforeAll(async () => {
  mkdirSync(BUNDLE_DIR, { recursive: true });
  await build({
    input: join(ROOT, 'src', 'services', 'analyses', 'worker.ts'),
    platform: 'node',
    external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
    output: { file: BUNDLE, format: 'esm' },
    write: true,
    logLevel: 'silent',
  });
  workerUrl = pathToFileURL(BUNDLE);
}, 120_000);

afterAll(() => rmSync(BUNDLE, { force: true }));

interface Job {
  id: string;
  state: string;
  progress: number;
}
interface Analysis {
  status: 'fresh' | 'stale' | 'pending';
  computedAt?: string;
  job: Job | null;
}

describeEachDialect('analyses off the HTTP thread', ({ store }) => {
  const servers: ServerType[] = [];
  let national: DemoAccount;
  let campus: DemoAccount;
  let base = '';
  let cookie = '';

  /** The app on a port of its own, one process, analyses in the bundled worker, requests never waiting. */
  async function serve(): Promise<string> {
    const deps = await apiDeps(store(), loadConfig(HARNESS_ENV), () => {}, { workerUrl, waitMs: 0 });
    const { server, url } = await listen(createApp(deps, { checkResponses: true }), '127.0.0.1', 0);
    servers.push(server);
    return url.replace(/\/$/, '');
  }

  const get = (path: string) => fetch(`${base}${path}`, { headers: { Cookie: cookie } });

  async function untilDone(id: string): Promise<Job> {
    for (let i = 0; i < 1200; i++) {
      const job = (await (await get(`/api/v1/analyses/jobs/${id}`)).json()) as Job;
      if (job.state === 'done' || job.state === 'failed') return job;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`job ${id} did not finish`);
  }

  beforeAll(async () => {
    await loadDemoFixture(store(), { seed: DEMO_SEED, scale: DEMO_SCALE });
    const accounts = await createDemoAccounts(store().db, new Date());
    national = accounts?.find((a) => a.role === 'national') as DemoAccount;
    campus = accounts?.find((a) => a.role === 'campus') as DemoAccount;
    base = await serve();
    const res = await fetch(`${base}/api/v1/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: base },
      body: JSON.stringify({ username: national.username, password: national.password }),
    });
    cookie = res.headers.get('set-cookie')?.split(';')[0] ?? '';
    expect(cookie).toMatch(/^trayecto_session=/);
  }, 120_000);

  afterAll(() => {
    for (const s of servers) s.close();
  });

  it('answers a light request while an effect estimate computes, then serves the estimate from the cache', async () => {
    const heavy = await get('/api/v1/effects?kind=tutoring,counseling');
    expect(heavy.status).toBe(202);
    const pending = (await heavy.json()) as { analysis: Analysis };
    expect(pending.analysis.status).toBe('pending');
    const job = pending.analysis.job as Job;
    expect(heavy.headers.get('location')).toBe(`/api/v1/analyses/jobs/${job.id}`);
    // The light request is answered while the estimate is still being computed.
    const light = await get('/api/v1/catalog/years');
    expect(light.status).toBe(200);
    const during = (await (await get(`/api/v1/analyses/jobs/${job.id}`)).json()) as Job;
    expect(['queued', 'running']).toContain(during.state);
    expect((await untilDone(job.id)).state).toBe('done');
    // The same kinds in another order, repeated: the same result, at once.
    const again = await get('/api/v1/effects?kind=counseling,tutoring,counseling');
    expect(again.status).toBe(200);
    const body = (await again.json()) as { analysis: Analysis; effects: { kind: string }[] };
    expect(body.analysis.status).toBe('fresh');
    expect(body.effects.map((e) => e.kind).sort()).toEqual(['counseling', 'tutoring']);
  });

  it('answers from the stored result after a restart, without computing again', async () => {
    const before = (await (await get('/api/v1/effects?kind=tutoring,counseling')).json()) as {
      analysis: Analysis;
    };
    base = await serve(); // a new process's runner: empty memory, same database
    const res = await get('/api/v1/effects?kind=tutoring,counseling');
    expect(res.status).toBe(200);
    const after = (await res.json()) as { analysis: Analysis };
    expect(after.analysis).toEqual({ status: 'fresh', computedAt: before.analysis.computedAt, job: null });
  });

  it('marks the result stale after an import changes what it reads (enrollments), and computes it again', async () => {
    const r = await store()
      .db.selectFrom('enrollments as e')
      .innerJoin('student_identities as i', 'i.student_id', 'e.student_id')
      .innerJoin('campuses as c', 'c.id', 'e.campus_id')
      .select(['i.curp', 'c.cct', 'e.school_year', 'e.term_no', 'e.attendance_pct'])
      .orderBy('e.id')
      .executeTakeFirstOrThrow();
    const pct = Number(r.attendance_pct) >= 99 ? 50 : Math.round(Number(r.attendance_pct)) + 1;
    const csv = `curp,cct,ciclo_escolar,periodo,asistencia\n${[r.curp, r.cct, r.school_year, r.term_no, pct].join(',')}\n`;
    const imported = await fetch(`${base}/api/v1/imports/attendance?filename=asistencia.csv`, {
      method: 'POST',
      headers: { Cookie: cookie, Origin: base, 'Content-Type': 'text/csv' },
      body: csv,
    });
    expect(imported.status).toBe(200);
    expect(await imported.json()).toMatchObject({ rejected: false, updated: 1 });
    // PostgreSQL's content version is read again at most once a second (storage/data-version.ts).
    let stale = { analysis: { status: 'fresh' } as Analysis };
    for (let i = 0; i < 30 && stale.analysis.status === 'fresh'; i++) {
      if (i > 0) await new Promise((done) => setTimeout(done, 100));
      stale = (await (await get('/api/v1/effects?kind=tutoring,counseling')).json()) as {
        analysis: Analysis;
      };
    }
    expect(stale.analysis.status).toBe('stale');
    expect((await untilDone((stale.analysis.job as Job).id)).state).toBe('done');
    const fresh = (await (await get('/api/v1/effects?kind=tutoring,counseling')).json()) as {
      analysis: Analysis;
    };
    expect(fresh.analysis.status).toBe('fresh');
    expect(fresh.analysis.computedAt).not.toBe(stale.analysis.computedAt);
  });

  it('lists a group for a national user from the worker, as the search here does', async () => {
    const g = await store()
      .db.selectFrom('enrollments')
      .select('group_code')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const res = await get(`/api/v1/students?group=${encodeURIComponent(g.group_code)}&pageSize=50`);
    expect(res.status).toBe(200);
    const listed = (await res.json()) as { items: { id: string }[]; total: number };
    expect(listed.total).toBeGreaterThan(0);
    const deps = await apiDeps(store(), loadConfig(HARNESS_ENV), () => {}, { workerUrl: null });
    const here = await findStudents(
      { db: store().db, pseudonyms: deps.pseudonyms, currentYear: deps.currentYear },
      { userId: 0, role: 'national', stateId: null, campusId: null, groups: [] },
      { group: g.group_code, page: 1, pageSize: 50 },
    );
    expect(listed).toEqual(JSON.parse(JSON.stringify(here)));
  });

  it('gives a national user its memory by part: the worker threads it ran, within the pool bounds', async () => {
    type Memory = {
      rss: number;
      heapTotal: number;
      workers: { heapUsed: number; heapLimit: number }[];
      keptResults: number;
    };
    const res = await get('/api/v1/analyses/status');
    expect(res.status).toBe(200);
    const { memory } = (await res.json()) as { memory: Memory };
    expect(memory.rss).toBeGreaterThan(memory.heapTotal);
    // The estimate and the group list above ran in pooled threads (they end after a minute idle).
    expect(memory.workers.length).toBeGreaterThan(0);
    expect(memory.workers.length).toBeLessThanOrEqual(DEFAULT_POOL_LIMITS.max);
    for (const w of memory.workers) {
      expect(w.heapUsed).toBeGreaterThan(0);
      // V8's limit is the old space's (heapMb) plus the young space's (192 MiB here); its default is ≈ 4 GB.
      expect(w.heapLimit).toBeLessThanOrEqual((DEFAULT_POOL_LIMITS.heapMb + 256) * 2 ** 20);
    }
    expect(memory.keptResults).toBeGreaterThan(0);
    // Another role sees no memory figures.
    const login = await fetch(`${base}/api/v1/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: base },
      body: JSON.stringify({ username: campus.username, password: campus.password }),
    });
    const other = login.headers.get('set-cookie')?.split(';')[0] ?? '';
    const theirs = await fetch(`${base}/api/v1/analyses/status`, { headers: { Cookie: other } });
    expect(theirs.status).toBe(200);
    expect(((await theirs.json()) as { memory: unknown }).memory).toBeNull();
  });

  it('answers a bad parameter at once, never as a job', async () => {
    expect((await get('/api/v1/effects?kind=magic')).status).toBe(400);
  });
});
