/**
 * API benchmark (`npm run bench:api`): latency (p50, p95, p99) and requests per second at 50 connections, with
 * autocannon, of the requests the web app makes for the national dashboard, a state page, a campus page and
 * student search, against the full national demo served by `trayecto serve` in a child process; and the
 * initial JavaScript of the built web app, gzipped. Prints a table and writes bench/results/api-<time>.json
 * and api-latest.json. Every figure is measured in the run that prints it; any non-2xx answer fails the run.
 */
import { existsSync, rmSync } from 'node:fs';
import { arch, cpus, loadavg, platform, totalmem } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { API_BENCH_HELP, parseApiBenchArgs, type ApiBenchOptions } from './api/args.js';
import { measureBundle } from './api/bundle.js';
import { buildCases, SEARCH_PREFIX, TARGET_INITIAL_JS_BYTES, TARGET_P95_MS, type Case } from './api/cases.js';
import { prepareFixtures, schemaStatus, type Fixtures } from './api/database.js';
import { runLoad, type LoadRun } from './api/load.js';
import { profilesIn, renderProfile, summarizeProfile } from './api/profile.js';
import { heavyProcesses, selfAndAncestors, waitForQuiet, type QuietCheck } from './api/quiet.js';
import {
  endpointVerdict,
  pageName,
  renderBundle,
  renderEndpoints,
  targetFor,
  writeApiRecord,
  type EndpointResult,
} from './api/report.js';
import { getJson, login, startServer, type ServerChild } from './api/server.js';
import { UsageError } from './lib/args.js';
import { databaseBytes, generateInChild, type GenerationRun } from './lib/child.js';
import { bytes, ms } from './lib/report.js';

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

/** A run that must not be reported as a measurement: non-2xx answers, connection errors, empty answers. */
class BenchFailure extends Error {}

interface DatabaseRun {
  readonly file: string;
  readonly reused: boolean;
  readonly reason: string;
  readonly generation: GenerationRun | null;
  readonly quietBeforeGeneration: QuietCheck | null;
}

async function ensureDatabase(root: string, o: ApiBenchOptions, dbFile: string): Promise<DatabaseRun> {
  let reason: string;
  if (o.keep) {
    const status = await schemaStatus(root, dbFile, o.scale);
    if (status.current) {
      log(`--keep: reusing ${o.db} (${status.reason})`);
      return {
        file: dbFile,
        reused: true,
        reason: status.reason,
        generation: null,
        quietBeforeGeneration: null,
      };
    }
    reason = `--keep, but ${o.db}: ${status.reason}`;
  } else reason = 'no --keep';
  log(`${reason}: generating the demo at scale ${o.scale} into ${o.db} (minutes at scale 1)`);
  const quiet = await waitForQuiet('generating', o.waitMax * 1000, log);
  const generation = await generateInChild(root, o.scale, dbFile);
  log(`  generated in ${ms(generation.wallMs)}, ${bytes(generation.dbBytes)}`);
  const status = await schemaStatus(root, dbFile, o.scale);
  if (!status.current) throw new Error(`the generated database is not usable: ${status.reason}`);
  return { file: dbFile, reused: false, reason, generation, quietBeforeGeneration: quiet };
}

interface Sample {
  readonly bytes: number[];
  /** Time of each first answer, on a server that has not answered it before (its caches are cold for it). */
  readonly ms: number[];
}

/** One answer per path, with the account's session: a 200 with content, or the run stops here. */
async function sample(server: ServerChild, c: Case, cookie: string): Promise<Sample> {
  const bodies: unknown[] = [];
  const out: Sample = { bytes: [], ms: [] };
  for (const path of c.paths) {
    const r = await getJson<unknown>(server, path, cookie);
    bodies.push(r.body);
    out.bytes.push(r.bytes);
    out.ms.push(r.ms);
  }
  const problem = c.check(c.paths.length === 1 ? bodies[0] : bodies);
  if (problem) throw new BenchFailure(`${c.id} (${c.paths.join(', ')}): ${problem}`);
  return out;
}

function assertClean(c: Case, run: LoadRun, phase: string): void {
  if (run.non2xx === 0 && run.errors === 0) return;
  const codes = Object.entries(run.statusCodes)
    .map(([code, n]) => `${code}×${n}`)
    .join(', ');
  throw new BenchFailure(
    `${c.id} during ${phase}: ${run.non2xx} non-2xx answers and ${run.errors} connection errors ` +
      `(${run.timeouts} timeouts); status codes ${codes}`,
  );
}

async function measureCase(
  o: ApiBenchOptions,
  server: ServerChild,
  c: Case,
  cookie: string,
  first: Sample,
): Promise<Omit<EndpointResult, 'othersRunning'>> {
  const spec = { server, paths: c.paths, cookie };
  const warmup =
    o.warmup > 0 ? await runLoad({ ...spec, connections: o.connections, seconds: o.warmup }) : null;
  if (warmup) assertClean(c, warmup, 'the warm-up');
  const measured = await runLoad({ ...spec, connections: o.connections, seconds: o.duration });
  const single = o.single > 0 ? await runLoad({ ...spec, connections: 1, seconds: o.single }) : null;
  const targetP95Ms = targetFor(c);
  return {
    id: c.id,
    page: pageName(c),
    label: c.label,
    paths: c.paths,
    account: c.account,
    listed: c.listed,
    target: c.target,
    targetP95Ms,
    responseBytes: first.bytes,
    firstAnswerMs: first.ms,
    warmup,
    measured,
    single,
    verdict: endpointVerdict(measured, targetP95Ms),
  };
}

async function main(): Promise<number> {
  const parsed = parseApiBenchArgs(process.argv.slice(2));
  if (parsed === 'help') return (process.stdout.write(`${API_BENCH_HELP}\n`), 0);
  const o = parsed;
  const startedAt = new Date();
  const loadAtStart = loadavg();
  const root = repoRoot();
  if (!existsSync(join(root, 'dist', 'cli', 'main.js')))
    throw new Error('dist/ is missing: run npm run build');
  const dbFile = isAbsolute(o.db) ? o.db : join(root, o.db);

  const bundle = measureBundle(root);
  const database = await ensureDatabase(root, o, dbFile);
  const fixtures = await prepareFixtures(dbFile);
  log(
    `Pages: state ${fixtures.stateCode}, campus ${fixtures.cct} (${fixtures.campusName}), ` +
      `year ${fixtures.latestComplete}; ${fixtures.rows.students?.toLocaleString('en-US')} students`,
  );

  const profileDir = o.cpuProf ? join(root, 'data', 'bench', 'api-prof') : null;
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  const server = await startServer(root, dbFile, log, profileDir);
  log(`Server child pid ${server.pid} at ${server.url}, ready after ${ms(server.startMs)}`);
  let results: EndpointResult[];
  let quietBeforeMeasuring: QuietCheck;
  let loadBeforeMeasuring: number[];
  let serverRssBytes: number | null;
  let baseline: string;
  try {
    const cookies = {
      national: await login(server, fixtures.national),
      campus: await login(server, fixtures.campus),
    };
    const years = await getJson<{ latestComplete: string | null; baseline: string }>(
      server,
      '/api/v1/catalog/years',
      cookies.national,
    );
    baseline = years.body.baseline;
    if (years.body.latestComplete !== fixtures.latestComplete)
      throw new BenchFailure(
        `the API's latest complete year ${years.body.latestComplete} ≠ ${fixtures.latestComplete}`,
      );
    const all = buildCases(fixtures, baseline);
    const cases = o.only.length ? all.filter((c) => o.only.some((s) => c.id.includes(s))) : all;
    if (cases.length === 0)
      throw new UsageError(`--only matches no endpoint; ids: ${all.map((c) => c.id).join(', ')}`);
    log('Checking one answer of each request…');
    const samples = new Map<string, Sample>();
    for (const c of cases) samples.set(c.id, await sample(server, c, cookies[c.account]));

    quietBeforeMeasuring = await waitForQuiet('measuring', o.waitMax * 1000, log, ownProcesses(server));
    loadBeforeMeasuring = loadavg();
    const perCase = o.warmup + o.duration + o.single;
    log(
      `Measuring ${cases.length} cases: ${o.warmup} s warm-up + ${o.duration} s at ${o.connections} connections` +
        `${o.single ? ` + ${o.single} s at 1 connection` : ''} each (about ${Math.ceil((cases.length * (perCase + 1)) / 60)} min)`,
    );
    results = [];
    const own = ownProcesses(server);
    for (const c of cases) {
      // Someone may start tests or a generation mid-run: wait again, and record what ran during the case.
      if (heavyProcesses(own).length > 0) await waitForQuiet(`measuring ${c.id}`, o.waitMax * 1000, log, own);
      const before = heavyProcesses(own);
      const measured = await measureCase(
        o,
        server,
        c,
        cookies[c.account],
        samples.get(c.id) ?? { bytes: [], ms: [] },
      );
      const r = { ...measured, othersRunning: [...new Set([...before, ...heavyProcesses(own)])] };
      results.push(r);
      const m = r.measured;
      log(
        `  ${c.id.padEnd(24)} p50 ${ms(m.latencyMs.p50)}  p95 ${ms(m.latencyMs.p95)}  p99 ${ms(m.latencyMs.p99)}  ` +
          `${m.requestsPerSecond.toFixed(0)} req/s  ${r.verdict === 'pass' ? '✓' : '✗'}  (load ${m.load1AtStart.toFixed(2)})` +
          (r.othersRunning.length ? `  other heavy processes: ${r.othersRunning.join(' | ')}` : ''),
      );
      await sleep(500);
    }
    serverRssBytes = server.rssBytes();
  } finally {
    await server.stop();
  }

  const finishedAt = new Date();
  const loadAtEnd = loadavg();
  const failed = results.filter((r) => r.verdict === 'fail');
  const dirty = results.filter((r) => r.measured.non2xx > 0 || r.measured.errors > 0);
  const bundleOk = bundle.initialGzipBytes <= TARGET_INITIAL_JS_BYTES;
  const judged = results.length + 1;
  const passed = results.length - failed.length + (bundleOk ? 1 : 0);
  const fmtLoad = (l: readonly number[]) => l.map((v) => v.toFixed(2)).join(' ');
  const quietNote = quietBeforeMeasuring.quiet
    ? 'quiet machine when measuring began'
    : `machine NOT quiet when measuring began (${quietBeforeMeasuring.busy.join(' | ') || 'load too high'})`;
  const heading =
    `Trayecto API benchmark · ${fixtures.rows.students?.toLocaleString('en-US')} students (scale ${o.scale}) · ` +
    `${cpus().length} CPUs · ${bytes(totalmem())} RAM · node ${process.version} · autocannon ${autocannonVersion()}`;
  const loads =
    `load average (1 5 15 min): ${fmtLoad(loadAtStart)} at start, ${fmtLoad(loadBeforeMeasuring)} before ` +
    `measuring, ${fmtLoad(loadAtEnd)} at end; ${quietNote}`;
  const method =
    `Each case: ${o.warmup} s warm-up, ${o.duration} s measured at ${o.connections} connections (closed loop), ` +
    `${o.single ? `${o.single} s at 1 connection; ` : ''}server: separate process, TRAYECTO_LOG_LEVEL=warn, ` +
    `SQLite ${fixtures.sqliteVersion ?? '?'}; state ${fixtures.stateCode}, campus ${fixtures.cct}, ` +
    `year ${fixtures.latestComplete}, search "${SEARCH_PREFIX}".`;
  process.stdout.write(
    [
      '',
      heading,
      loads,
      method,
      '',
      renderEndpoints(results, o.connections),
      '',
      renderBundle(bundle),
      '',
      `${passed} of ${judged} targets met.`,
      '',
    ].join('\n'),
  );

  const profiles =
    profileDir && existsSync(profileDir)
      ? profilesIn(profileDir).map((file) => ({
          file: file.slice(root.length + 1),
          ...summarizeProfile(file),
        }))
      : [];
  for (const p of profiles) process.stdout.write(`\n${renderProfile(p.file, p)}\n`);

  const record = {
    benchmark: 'api',
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    machine: machineInfo(loadAtStart, loadBeforeMeasuring, loadAtEnd, fixtures),
    quiet: { beforeGeneration: database.quietBeforeGeneration, beforeMeasuring: quietBeforeMeasuring },
    options: o,
    database: {
      file: o.db,
      bytes: databaseBytes(dbFile),
      reused: database.reused,
      reason: database.reason,
      rows: fixtures.rows,
      years: fixtures.years,
      generation: database.generation,
    },
    server: {
      command: server.command,
      startMs: server.startMs,
      rssBytesAtEnd: serverRssBytes,
      logged: server.logged,
    },
    fixtures: {
      stateCode: fixtures.stateCode,
      cct: fixtures.cct,
      campusName: fixtures.campusName,
      latestComplete: fixtures.latestComplete,
      baseline,
      searchPrefix: SEARCH_PREFIX,
      accounts: { national: fixtures.national.username, campus: fixtures.campus.username },
    },
    targets: { p95Ms: TARGET_P95_MS, initialJsGzipBytes: TARGET_INITIAL_JS_BYTES },
    endpoints: results,
    bundle,
    cpuProfiles: profiles,
    verdicts: {
      judged,
      passed,
      failed: judged - passed,
      failedEndpoints: failed.map((r) => r.id),
      bundle: bundleOk,
    },
  };
  const files = writeApiRecord(root, startedAt, record, o.only.length === 0);
  log(`\nWrote ${files.map((f) => f.slice(root.length + 1)).join(' and ')}`);
  if (o.only.length) log('(a partial run: --only; api-latest.json is left as it was)');
  if (dirty.length) {
    throw new BenchFailure(
      `non-2xx answers or connection errors in ${dirty.map((r) => `${r.id} (${r.measured.errors}/${r.measured.non2xx})`).join(', ')}`,
    );
  }
  return 0;
}

/** This process, its ancestors (npm, sh) and the server child: never "other people's" heavy work. */
function ownProcesses(server: ServerChild): Set<number> {
  return new Set([...selfAndAncestors(), server.pid]);
}

function autocannonVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('autocannon/package.json') as { version: string }).version;
}

function machineInfo(start: number[], beforeMeasuring: number[], end: number[], f: Fixtures) {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
    totalMemoryBytes: totalmem(),
    loadAverageAtStart: start,
    loadAverageBeforeMeasuring: beforeMeasuring,
    loadAverageAtEnd: end,
    node: process.version,
    platform: `${platform()}-${arch()}`,
    sqlite: f.sqliteVersion,
    autocannon: autocannonVersion(),
  };
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n\n${API_BENCH_HELP}\n`);
      process.exitCode = 2;
      return;
    }
    if (e instanceof BenchFailure) {
      process.stderr.write(`\nBENCHMARK FAILED: ${e.message}\n`);
      process.exitCode = 1;
      return;
    }
    process.stderr.write(`bench:api failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
