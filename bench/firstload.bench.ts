/**
 * First-load benchmark (`npm run bench:firstload`): how long a national user waits, on first opening Efectos,
 * Escenarios and Generaciones, for the answer each page shows, against the ≤ 1 s target (issue 13, finding
 * 7). On a given database (--db; generated at --scale when the file is missing) the server is started in a
 * child process (`trayecto serve`), the national benchmark account signs in, and each page's API calls (the
 * ones the web features make with their default choices) are timed cold (just after the start) and warm (the
 * second time). A call answered 202 (the analysis is being computed: not precomputed) is followed, as the
 * page does, until its result is there; the time to that result is what the target judges. Repeated --runs
 * times (a fresh server each run), medians reported. Prints the load average, the verdicts, the server's CPU
 * time, and writes bench/results/firstload-<time>.json and firstload-latest.json.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { prepareFixtures } from './api/database.js';
import { login, startServer, type ServerChild } from './api/server.js';
import { generateInChild } from './lib/child.js';
import { median } from './lib/stats.js';

const TARGET_MS = 1000;
const POLL_MS = 200;
const HELP = `npm run bench:firstload -- [--db FILE] [--scale 0.1] [--runs 3] [--port 0]
  --db     SQLite database to serve (default data/bench/firstload.db; generated at --scale when missing)
  --scale  scale of the demo generated when --db does not exist (1 = national scale)
  --runs   server starts measured (a cold and a warm answer of every page each); medians reported
  --port   port of the server (0: a free one)`;

const log = (text: string) => process.stderr.write(`${text}\n`);

interface Options {
  readonly db: string;
  readonly scale: number;
  readonly runs: number;
  readonly port: number;
}

function options(argv: readonly string[]): Options | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      db: { type: 'string', default: 'data/bench/firstload.db' },
      scale: { type: 'string', default: '0.1' },
      runs: { type: 'string', default: '3' },
      port: { type: 'string', default: '0' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  const scale = Number(values.scale);
  const runs = Number(values.runs);
  const port = Number(values.port);
  if (!(scale > 0 && scale <= 2)) throw new Error(`--scale must be in (0, 2], got "${values.scale}"`);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs: a positive integer, got "${values.runs}"`);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: got "${values.port}"`);
  return { db: values.db, scale, runs, port };
}

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above the benchmark');
    dir = up;
  }
  return dir;
}

/** One API call as the page makes it: the first answer, and the result once computed. */
interface CallTiming {
  readonly path: string;
  /** The first HTTP answer: a result (fresh, stale, or a route without analyses) or a job (pending). */
  readonly firstMs: number;
  readonly first: 'fresh' | 'stale' | 'pending' | 'plain';
  /** Until the page has a result to show (= firstMs unless the first answer was a job). */
  readonly readyMs: number;
}

interface Analysis {
  readonly status: 'fresh' | 'stale' | 'pending';
  readonly job?: { readonly id: string; readonly state: string } | null;
}

/** GET with the session; a 202 job is followed until done, then the call is made again (as untilComputed). */
async function timeCall(server: ServerChild, cookie: string, path: string): Promise<CallTiming> {
  const headers = { Cookie: cookie };
  const t0 = performance.now();
  let firstMs: number | null = null;
  let first: CallTiming['first'] = 'plain';
  for (;;) {
    const res = await fetch(`${server.origin}${path}`, { headers });
    const body = (await res.json()) as { analysis?: Analysis };
    if (res.status !== 200 && res.status !== 202)
      throw new Error(`GET ${path} answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
    const status = body.analysis?.status ?? 'plain';
    if (firstMs === null) {
      firstMs = performance.now() - t0;
      first = status;
    }
    if (status !== 'pending') return { path, firstMs, first, readyMs: performance.now() - t0 };
    let job = body.analysis?.job ?? null;
    while (job && (job.state === 'queued' || job.state === 'running')) {
      await sleep(POLL_MS);
      const j = await fetch(`${server.origin}/api/v1/analyses/jobs/${job.id}`, { headers });
      job = (await j.json()) as { id: string; state: string };
    }
    if (job?.state === 'failed') throw new Error(`GET ${path}: the analysis failed`);
  }
}

interface PageCase {
  readonly page: 'efectos' | 'escenarios' | 'generaciones';
  /** Made at once, as the page does; the page is ready when the last one is. */
  readonly paths: readonly string[];
}

/** The calls each page makes on first opening, with its default choices (web/src/features/<page>/). */
function pageCases(years: readonly string[], latestComplete: string | null): PageCase[] {
  const start = (y: string) => Number(y.slice(0, 4));
  const has = new Set(years);
  const sy = (n: number) => `${n}-${n + 1}`;
  // A generation is named by its entry and graduation years and needs its third school year recorded.
  const generations = years
    .map(start)
    .filter((y) => has.has(sy(y + 2)))
    .sort((a, b) => b - a)
    .map((y) => `${y}-${y + 3}`);
  // Escenarios: 2022-2025 when there is one, else the latest; semester 1, dropout −20 %.
  const whatifGen = generations.includes('2022-2025') ? '2022-2025' : (generations[0] ?? '');
  // Generaciones: the cohort that graduated in the latest complete year, and up to four earlier for its charts.
  const wanted = latestComplete ? `${start(latestComplete) - 2}-${start(latestComplete) + 1}` : null;
  const cohort = wanted && generations.includes(wanted) ? wanted : (generations[0] ?? '');
  const i = generations.indexOf(cohort);
  const compared = generations.slice(i, i + 5);
  return [
    { page: 'efectos', paths: ['/api/v1/effects'] },
    {
      page: 'escenarios',
      paths: [`/api/v1/whatif?generation=${whatifGen}&semester=1&dropoutChange=-20`],
    },
    { page: 'generaciones', paths: compared.map((g) => `/api/v1/cohorts?generation=${g}`) },
  ];
}

interface PageTiming {
  readonly page: PageCase['page'];
  readonly firstMs: number;
  readonly readyMs: number;
  readonly calls: readonly CallTiming[];
}

async function timePage(server: ServerChild, cookie: string, c: PageCase): Promise<PageTiming> {
  const calls = await Promise.all(c.paths.map((p) => timeCall(server, cookie, p)));
  return {
    page: c.page,
    firstMs: Math.max(...calls.map((x) => x.firstMs)),
    readyMs: Math.max(...calls.map((x) => x.readyMs)),
    calls,
  };
}

interface Run {
  readonly startMs: number;
  readonly cold: readonly PageTiming[];
  readonly warm: readonly PageTiming[];
  readonly serverCpuSeconds: number | null;
  readonly loadAverage: readonly number[];
}

async function oneRun(root: string, db: string, o: Options, account: { username: string; password: string }) {
  const server = await startServer(root, db, log, null, 600_000, o.port || undefined);
  try {
    const cookie = await login(server, account);
    const yearsRes = await fetch(`${server.origin}/api/v1/catalog/years`, { headers: { Cookie: cookie } });
    const years = (await yearsRes.json()) as { years: string[]; latestComplete: string | null };
    const cases = pageCases(years.years, years.latestComplete);
    const cold: PageTiming[] = [];
    for (const c of cases) cold.push(await timePage(server, cookie, c));
    const warm: PageTiming[] = [];
    for (const c of cases) warm.push(await timePage(server, cookie, c));
    const run: Run = {
      startMs: server.startMs,
      cold,
      warm,
      serverCpuSeconds: server.cpuSeconds(),
      loadAverage: loadavg(),
    };
    return run;
  } finally {
    await server.stop();
  }
}

const fmt = (v: number) => (v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`);

async function main(): Promise<void> {
  const o = options(process.argv.slice(2));
  if (o === 'help') return void process.stdout.write(`${HELP}\n`);
  const root = repoRoot();
  const db = isAbsolute(o.db) ? o.db : join(root, o.db);
  const startedAt = new Date();
  const loadBefore = loadavg();
  let generation: { wallMs: number } | null = null;
  if (!existsSync(db)) {
    mkdirSync(dirname(db), { recursive: true });
    log(`${o.db} does not exist: generating the demo at scale ${o.scale} (minutes)`);
    generation = await generateInChild(root, o.scale, db);
  }
  const fixtures = await prepareFixtures(db);
  const cpu0 = process.cpuUsage();
  const runs: Run[] = [];
  for (let i = 0; i < o.runs; i++) {
    log(`run ${i + 1} of ${o.runs}: starting the server on ${o.db}`);
    runs.push(await oneRun(root, db, o, fixtures.national));
  }
  const cpu = process.cpuUsage(cpu0);
  const pages = (runs[0]?.cold ?? []).map((p, k) => {
    const cold = runs.map((r) => r.cold[k] as PageTiming);
    const warm = runs.map((r) => r.warm[k] as PageTiming);
    const coldReady = median(cold.map((x) => x.readyMs));
    const warmReady = median(warm.map((x) => x.readyMs));
    return {
      page: p.page,
      paths: p.calls.map((c) => c.path),
      coldFirstMs: median(cold.map((x) => x.firstMs)),
      coldReadyMs: coldReady,
      warmReadyMs: warmReady,
      /**
       * Each run's cold answer: how it came (fresh/stale: precomputed; pending: computed on demand) and the time
       * to the result. The first run on a database never analysed shows what a first start costs; the median,
       * what later starts cost once results are stored.
       */
      coldPerRun: cold.map((x) => `${[...new Set(x.calls.map((c) => c.first))].join('+')} ${fmt(x.readyMs)}`),
      precomputed: cold.every((x) => x.calls.every((c) => c.first !== 'pending')),
      coldVerdict: coldReady <= TARGET_MS ? 'pass' : 'fail',
      warmVerdict: warmReady <= TARGET_MS ? 'pass' : 'fail',
    };
  });
  const loadAfter = loadavg();
  const lines = [
    `First loads on ${o.db} (${fixtures.rows.students?.toLocaleString('en-US')} students), ${o.runs} run(s), target ≤ ${TARGET_MS} ms`,
    `load average before ${loadBefore.map((x) => x.toFixed(2)).join(' ')}, after ${loadAfter.map((x) => x.toFixed(2)).join(' ')} (${cpus().length} cores)`,
    '',
    'page          cold first  cold ready  warm ready  precomputed  cold  warm  cold answer per run',
    ...pages.map(
      (p) =>
        `${p.page.padEnd(13)} ${fmt(p.coldFirstMs).padStart(10)}  ${fmt(p.coldReadyMs).padStart(10)}  ${fmt(p.warmReadyMs).padStart(10)}  ${(p.precomputed ? 'yes' : 'no').padEnd(11)}  ${p.coldVerdict.padEnd(4)}  ${p.warmVerdict.padEnd(4)}  ${p.coldPerRun.join(', ')}`,
    ),
    '',
    `server start (to listening): median ${fmt(median(runs.map((r) => r.startMs)))}; server CPU per run: ${runs
      .map((r) => (r.serverCpuSeconds === null ? '?' : `${r.serverCpuSeconds.toFixed(1)} s`))
      .join(', ')}; benchmark CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`,
  ];
  for (const p of pages.filter((x) => !x.precomputed))
    lines.push(
      `${p.page}: not precomputed in some run (its first answer was a job, 202): computed on demand, ${p.coldPerRun.join(', ')}`,
    );
  process.stdout.write(`${lines.join('\n')}\n`);
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = startedAt
    .toISOString()
    .replace(/:/g, '-')
    .replace(/\.\d+Z$/, 'Z');
  const record = {
    benchmark: 'firstload',
    startedAt: startedAt.toISOString(),
    db: o.db,
    rows: fixtures.rows,
    generation,
    targetMs: TARGET_MS,
    cores: cpus().length,
    loadAverage: { before: loadBefore, after: loadAfter },
    benchmarkCpuSeconds: (cpu.user + cpu.system) / 1e6,
    pages,
    runs,
  };
  const text = `${JSON.stringify(record, null, 2)}\n`;
  for (const f of [`firstload-${stamp}.json`, 'firstload-latest.json']) writeFileSync(join(dir, f), text);
  log(`written bench/results/firstload-${stamp}.json and firstload-latest.json`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
