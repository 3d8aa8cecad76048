/**
 * Load benchmark (`npm run bench:load`): 200 concurrent connections for 60 s of mixed reads — national dashboard,
 * state page, campus page, student search, student profiles, cohort reports — against the full national demo
 * served by `trayecto serve` (its cluster workers) in a child process, while `trayecto import campuses` runs in
 * a loop against the same database. Reports errors, latency p50/p95/p99, requests per second and the resident
 * memory of the server processes sampled every second; writes bench/results/load-<time>.json and
 * load-latest.json. The source demo (data/bench/api.db) is only copied, never written.
 *
 * Targets (issue 6): no errors, p99 ≤ 250 ms, memory growth after warm-up ≤ 10 %. Any error or non-2xx answer
 * makes the run exit non-zero; a missed latency or memory target is reported as such (exit code 3).
 */
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform, totalmem } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrateToLatest, openStore } from '../src/storage/db.js';
import { SEARCH_PREFIX } from './api/cases.js';
import { prepareFixtures } from './api/database.js';
import { profilesIn, renderProfile, summarizeProfile } from './api/profile.js';
import { runLoad, type LoadRun } from './api/load.js';
import { getJson, login, startServer } from './api/server.js';
import { UsageError } from './lib/args.js';
import { LOAD_BENCH_HELP, parseLoadBenchArgs } from './load/args.js';
import { eventLoopDelay, heavyFixtures, startHeavyLoop, type HeavyResult } from './load/heavy.js';
import { startImportLoop, type ImportLoopResult } from './load/import-loop.js';
import {
  breakdownLine,
  memoryVerdict,
  sampleBreakdown,
  sampleMemory,
  type StatusMemory,
} from './load/memory.js';

export const TARGET_P99_MS = 250;
export const TARGET_MEMORY_GROWTH = 0.1;

const log = (text: string) => process.stderr.write(`${text}\n`);

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above the benchmark');
    dir = up;
  }
  return dir;
}

async function count(file: string, action: string): Promise<number> {
  const store = openStore({ dialect: 'sqlite', file });
  try {
    const r = await store.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', action)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  } finally {
    await store.close();
  }
}

/** Waits until `path` answers something else than 202 (an analysis being computed), at most 10 minutes. */
async function computed(server: { origin: string }, path: string, cookie: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const res = await fetch(`${server.origin}${path}`, { headers: { Cookie: cookie } });
    await res.arrayBuffer();
    if (res.status !== 202) return;
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

async function main(): Promise<number> {
  const o = parseLoadBenchArgs(process.argv.slice(2));
  if (o === 'help') return (process.stdout.write(`${LOAD_BENCH_HELP}\n`), 0);
  const root = repoRoot();
  const abs = (f: string) => (isAbsolute(f) ? f : join(root, f));
  const source = abs(o.source);
  const db = abs(o.db);
  if (!existsSync(source)) throw new UsageError(`${o.source} does not exist: run npm run bench:api first`);
  const startedAt = new Date();
  const loadAtStart = loadavg();
  if (o.fresh || !existsSync(db)) {
    log(`copying ${o.source} to ${o.db} (the source is never written)`);
    mkdirSync(dirname(db), { recursive: true });
    for (const suffix of ['-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
    copyFileSync(source, db);
  }
  const store = openStore({ dialect: 'sqlite', file: db });
  try {
    await migrateToLatest(store.db);
  } finally {
    await store.close();
  }
  const fixtures = await prepareFixtures(db);
  // 200 connections from one address are a load generator, not 200 people: the per-address and per-session
  // rate limits would answer 429 by design, so they are off for this run (their own tests cover them).
  process.env.TRAYECTO_RATE_API = '0';
  // With heavy requests, one HTTP process: what another user waits for shows on the one event loop.
  if (o.heavy) process.env.TRAYECTO_WORKERS = '1';
  const heavyData = o.heavy ? await heavyFixtures(db) : null;
  const server = await startServer(root, db, log, o.cpuProf === null ? null : abs(o.cpuProf));
  try {
    const cookie = await login(server, fixtures.national);
    const search = `/api/v1/students?q=${encodeURIComponent(SEARCH_PREFIX)}&pageSize=25`;
    const found = await getJson<{ items: { id: string }[] }>(server, search, cookie);
    const ids = found.body.items.map((s) => s.id);
    if (ids.length < 3) throw new Error(`the search ${search} found fewer than 3 students`);
    const y = fixtures.latestComplete;
    const st = fixtures.stateCode;
    const cct = encodeURIComponent(fixtures.cct);
    const entry = Number((fixtures.years.at(-5) ?? fixtures.years[0] ?? '2021').slice(0, 4));
    const generation = `${entry}-${entry + 3}`;
    const paths = [
      '/api/v1/summary',
      '/api/v1/indicators?level=national',
      `/api/v1/indicators?level=state&year=${y}`,
      `/api/v1/summary?level=state&unit=${st}`,
      `/api/v1/indicators?level=campus&state=${st}&year=${y}`,
      `/api/v1/catalog/campuses?state=${st}`,
      `/api/v1/summary?level=campus&unit=${cct}`,
      `/api/v1/indicators?level=program&campus=${cct}&year=${y}`,
      search,
      `/api/v1/students?campus=${cct}&pageSize=25`,
      `/api/v1/students/${ids[0]}`,
      `/api/v1/students/${ids[1]}`,
      `/api/v1/students/${ids[2]}`,
      `/api/v1/cohorts?generation=${generation}`,
      `/api/v1/cohorts?generation=${generation}&level=state&unit=${st}`,
    ];
    for (const p of paths) {
      await computed(server, p, cookie); // an analysis may answer 202 until its job is done
      const r = await getJson(server, p, cookie); // throws on anything but 200
      log(`  checked ${p} (${Math.round(r.ms)} ms cold, ${r.bytes} bytes)`);
    }
    const viewsBefore = await count(db, 'student.view');
    const importsBefore = await count(db, 'import.file');
    const memory = sampleMemory(server.pid);
    // The serving process's memory by part every 5 s (main heap, worker threads, the rest of the RSS), logged
    // every 30 s: which part grows when the RSS does.
    const breakdown = sampleBreakdown(
      async () => {
        const res = await fetch(`${server.origin}/api/v1/analyses/status`, { headers: { Cookie: cookie } });
        const body = (await res.json()) as { memory: StatusMemory | null };
        return res.status === 200 ? body.memory : null;
      },
      memory.t0,
      5_000,
      (s) => {
        if (Math.round(s.t) % 30 < 5) log(`  ${breakdownLine(s)}`);
      },
    );
    const phase = (p: string) => (memory.setPhase(p), breakdown.setPhase(p));
    // The heavy requests start with the warm-up, so that the worker threads they need exist before the
    // measured window; what the warm-up added is reported beside the growth after it (startupGrowth).
    const heavy = heavyData
      ? startHeavyLoop(server, cookie, { ...heavyData, generation, stateCode: st })
      : null;
    const loop = o.imports ? startImportLoop(root, db) : null;
    let warmup: LoadRun | null = null;
    if (o.warmupSeconds > 0) {
      phase('warmup');
      log(
        `warm-up: ${o.connections} connections for ${o.warmupSeconds} s (not measured)${heavy ? ', heavy requests' : ''}${loop ? ', imports in a loop' : ''}`,
      );
      warmup = await runLoad({ server, paths, cookie, connections: o.connections, seconds: o.warmupSeconds });
    }
    if (heavyData) await eventLoopDelay(server, cookie, true);
    phase('measured');
    const loadBeforeMeasuring = loadavg();
    log(`measuring: ${o.connections} connections for ${o.seconds} s${loop ? ', imports in a loop' : ''}`);
    const run = await runLoad({ server, paths, cookie, connections: o.connections, seconds: o.seconds });
    phase('after');
    const heavyResult: HeavyResult | null = heavy ? await heavy.stop() : null;
    const loopDelay = heavyData ? await eventLoopDelay(server, cookie, false) : null;
    const importResult: ImportLoopResult | null = loop ? await loop.stop() : null;
    const samples = memory.stop();
    const parts = await breakdown.stop();
    const mem = memoryVerdict(samples, 'measured');
    const viewsAudited = (await count(db, 'student.view')) - viewsBefore;
    const importsAudited = (await count(db, 'import.file')) - importsBefore;
    const errors = run.errors + run.timeouts + run.non2xx + (importResult?.failed ?? 0);
    const verdict = {
      noErrors: errors === 0,
      p99: run.latencyMs.p99 <= TARGET_P99_MS,
      memory: mem.growth <= TARGET_MEMORY_GROWTH,
    };
    const record = {
      benchmark: 'load',
      startedAt: startedAt.toISOString(),
      machine: {
        platform: platform(),
        arch: arch(),
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? null,
        memoryBytes: totalmem(),
        loadAtStart,
        loadBeforeMeasuring,
        loadAtEnd: loadavg(),
      },
      database: { source: o.source, copy: o.db, rows: fixtures.rows },
      server: {
        command: server.command,
        workers: o.heavy ? 'TRAYECTO_WORKERS=1' : 'TRAYECTO_WORKERS default (one per core, at most 4)',
      },
      connections: o.connections,
      seconds: o.seconds,
      warmupSeconds: o.warmupSeconds,
      paths,
      targets: { p99Ms: TARGET_P99_MS, memoryGrowth: TARGET_MEMORY_GROWTH },
      measured: run,
      warmup,
      imports: importResult,
      heavy: heavyResult,
      eventLoopDelayMs: loopDelay,
      audit: { profileViewsRecorded: viewsAudited, importsRecorded: importsAudited },
      memory: { ...mem, samples, breakdown: parts },
      errors,
      verdict,
    };
    const stamp = startedAt
      .toISOString()
      .replace(/:/g, '-')
      .replace(/\.\d+Z$/, 'Z');
    const dir = join(root, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const text = `${JSON.stringify(record, null, 2)}\n`;
    for (const f of [join(dir, `load-${stamp}.json`), join(dir, 'load-latest.json')]) writeFileSync(f, text);
    const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
    const lat = run.latencyMs;
    process.stdout.write(
      [
        `Load: ${o.connections} connections, ${o.seconds} s, ${paths.length} paths in turn` +
          (importResult ? `, ${importResult.completed} imports (${importResult.failed} failed)` : ''),
        `  requests ${run.requests} (${run.requestsPerSecond.toFixed(0)}/s), errors ${run.errors}, timeouts ${run.timeouts}, non-2xx ${run.non2xx}`,
        `  latency p50 ${lat.p50.toFixed(1)} ms, p95 ${lat.p95.toFixed(1)} ms, p99 ${lat.p99.toFixed(1)} ms (target ≤ ${TARGET_P99_MS}), max ${lat.max.toFixed(0)} ms`,
        `  server RSS before warm-up ${mb(mem.beforeWarmupBytes)}, after warm-up ${mb(mem.afterWarmupBytes)} (start-up: ${(mem.startupGrowth * 100).toFixed(1)} %)`,
        `  server RSS after warm-up ${mb(mem.afterWarmupBytes)}, end ${mb(mem.endBytes)}, max ${mb(mem.maxBytes)}: growth ${(mem.growth * 100).toFixed(1)} % (target ≤ ${TARGET_MEMORY_GROWTH * 100} %)`,
        ...[parts.find((p) => p.phase === 'measured'), parts.at(-1)]
          .filter((p) => p !== undefined)
          .map((p) => `  ${breakdownLine(p)}`),
        ...(heavyResult && loopDelay
          ? [
              `  heavy requests ${heavyResult.requests} (by status ${JSON.stringify(heavyResult.byStatus)}; slowest ${Object.entries(
                heavyResult.byKind,
              )
                .map(([k, v]) => `${k} ${v.maxMs} ms`)
                .join(', ')})`,
              `  event-loop delay in the server: p50 ${loopDelay.p50} ms, p99 ${loopDelay.p99} ms, max ${loopDelay.max} ms; light requests p95 ${lat.p95.toFixed(1)} ms`,
            ]
          : []),
        `  server CPU (primary + workers): ${mem.serverCpuCores.toFixed(2)} cores of ${cpus().length}`,
        `  audit rows written under load: ${viewsAudited} profile views, ${importsAudited} imports`,
        `  load average at start ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}, before measuring ${loadBeforeMeasuring.map((l) => l.toFixed(2)).join(' ')}`,
        `  verdict: errors ${verdict.noErrors ? 'none' : errors}, p99 ${verdict.p99 ? 'met' : 'MISSED'}, memory ${verdict.memory ? 'stable' : 'GREW'}`,
        `  results: bench/results/load-${stamp}.json`,
        '',
      ].join('\n'),
    );
    if (!verdict.noErrors) return 1;
    return verdict.p99 && verdict.memory ? 0 : 3;
  } finally {
    await server.stop();
    if (o.cpuProf !== null)
      for (const f of profilesIn(abs(o.cpuProf))) log(renderProfile(f, summarizeProfile(f, 25)));
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n\n${LOAD_BENCH_HELP}\n`);
      process.exit(2);
    }
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
