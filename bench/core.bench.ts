/**
 * Core benchmark (`npm run bench`): demo generation at national scale (time, peak memory, database size), the
 * flow-count rebuild from the records, indicator queries, and the same aggregation in DuckDB over the same
 * records as the reference; then the calibration fit of the generated data. Prints a table and writes
 * bench/results/core-<time>.json and core-latest.json. Every figure is measured in the run that prints it.
 */
import { existsSync } from 'node:fs';
import { arch, cpus, loadavg, platform, totalmem } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openStore, type Store } from '../src/storage/db.js';
import { readMeta } from '../src/storage/meta.js';
import { BENCH_HELP, parseBenchArgs, UsageError, type BenchOptions } from './lib/args.js';
import { calibrationFit } from './lib/calibration.js';
import {
  coldBuildInChild,
  databaseBytes,
  generateInChild,
  startInChild,
  type GenerationRun,
} from './lib/child.js';
import { runDuckReference } from './lib/duckdb-reference.js';
import { bytes, ms, renderCalibration, renderResults, writeRecord } from './lib/report.js';
import {
  queryCases,
  rebuildRuns,
  referenceYear,
  runQueries,
  sqliteSide,
  tableRows,
} from './lib/sqlite-bench.js';
import { buildTable, TARGETS, type FirstStart } from './lib/table.js';

type ReferenceModule = typeof import('../src/services/operations/index.js');

/** What the measurements on the open database need to know about the run so far. */
interface Run {
  readonly root: string;
  readonly options: BenchOptions;
  readonly startedAt: Date;
  /** Load average when the run started: other work on the machine skews every timing. */
  readonly loadAtStart: readonly number[];
  readonly dbFile: string;
  readonly generation: GenerationRun | null;
  readonly firstStart: FirstStart | null;
}

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

async function main(): Promise<number> {
  const parsed = parseBenchArgs(process.argv.slice(2));
  if (parsed === 'help') return (process.stdout.write(`${BENCH_HELP}\n`), 0);
  const startedAt = new Date();
  const loadAtStart = loadavg();
  const root = repoRoot();
  if (!existsSync(join(root, 'dist', 'cli', 'main.js')))
    throw new Error('dist/ is missing: run npm run build');
  const dbFile = isAbsolute(parsed.db) ? parsed.db : join(root, parsed.db);

  let generation: GenerationRun | null = null;
  let firstStart: FirstStart | null = null;
  if (parsed.keep && existsSync(dbFile)) log(`--keep: reusing ${parsed.db}; generation is not measured`);
  else {
    if (parsed.keep) log(`--keep: ${parsed.db} does not exist, so it is generated`);
    log(`Generation at scale ${parsed.scale}: measured once, in a child process (minutes at scale 1)`);
    generation = await generateInChild(root, parsed.scale, dbFile);
    const peak = generation.peakRssBytes === null ? '?' : bytes(generation.peakRssBytes);
    log(`  ${ms(generation.wallMs)}, peak RSS ${peak}`);
    log('First start, estimated: a cold `npm run build`, and `trayecto start` on the data until it serves…');
    const coldBuildMs = await coldBuildInChild(root, join(dirname(dbFile), 'cold-build'));
    const startMs = await startInChild(root, dbFile);
    const totalMs = coldBuildMs + generation.wallMs + startMs;
    firstStart = { coldBuildMs, generationMs: generation.wallMs, startMs, totalMs };
  }

  const store = openStore({ dialect: 'sqlite', file: dbFile });
  try {
    await measureStore(
      { root, options: parsed, startedAt, loadAtStart, dbFile, generation, firstStart },
      store,
    );
  } finally {
    await store.close();
  }
  return 0;
}

async function measureStore(run: Run, store: Store): Promise<void> {
  const { root, options, startedAt, loadAtStart, dbFile, generation, firstStart } = run;
  const sqlite = store.sqlite;
  if (!sqlite) throw new Error('expected an SQLite store');
  const meta = await readMeta<{ scale?: number }>(store.db, 'generator');
  const scale = meta?.scale ?? options.scale;
  if (options.scaleGiven && scale !== options.scale)
    log(`warning: the database was generated at scale ${scale}, not ${options.scale}; targets use ${scale}`);
  const rows = tableRows(sqlite);
  const { year, years } = await referenceYear(store.db);

  log('Calibration fit…');
  // The product's build, not dist-bench/: assetPath() finds assets/ two folders above the compiled module.
  const referenceUrl = pathToFileURL(join(root, 'dist/services/operations/index.js')).href;
  const reference = (await import(referenceUrl)) as ReferenceModule;
  const fit = await calibrationFit(store.db, root, scale, reference.loadReferenceCampuses().campuses);

  log(`Flow-count rebuild in SQLite, ${options.runs} runs…`);
  const rebuild = await rebuildRuns(store.db, options.runs);
  log(`Indicator queries, 1 warm-up + ${options.runs} runs each…`);
  const queries = await runQueries(store.db, await queryCases(store.db, year), options.runs);
  log('DuckDB reference: loading the records…');
  const duck = await runDuckReference(sqlite, sqliteSide(sqlite), options.runs, year, log);

  const table = buildTable({ scale, tableRows: rows, generation, firstStart, rebuild, queries, duck, fit });
  const failed = table.filter((r) => r.verdict === 'fail').length;
  const judged = table.filter((r) => r.verdict === 'pass' || r.verdict === 'fail').length;
  const runsNote = `median (min–max) of ${options.runs} runs`;
  const note = generation
    ? `Generation ran once (one measurement, not a median); other timings: ${runsNote}.`
    : `Generation not measured (--keep); timings: ${runsNote}.`;
  const load = loadAtStart.map((l) => l.toFixed(2)).join(' ');
  const heading =
    `Trayecto core benchmark · scale ${scale} · ${cpus().length} CPUs · ${bytes(totalmem())} RAM · ` +
    `node ${process.version} · load average ${load} at start`;
  const calibrationHeading =
    'Calibration fit: national indicators of the generated data vs assets/reference/calibration-targets.json';
  process.stdout.write(
    [
      '',
      heading,
      note,
      '',
      renderResults(table),
      '',
      `${judged - failed} of ${judged} targets met.`,
      '',
      calibrationHeading,
      '',
      renderCalibration(fit),
      '',
    ].join('\n'),
  );

  const finishedAt = new Date();
  const record = {
    benchmark: 'core',
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? null,
      totalMemoryBytes: totalmem(),
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: loadavg(),
      node: process.version,
      platform: `${platform()}-${arch()}`,
      sqlite: (sqlite.prepare('select sqlite_version()').raw().get() as string[])[0] ?? null,
      duckdb: duck.version,
      duckdbThreads: duck.threads,
    },
    options,
    scale,
    database: { file: options.db, bytes: databaseBytes(dbFile), rows, years, generator: meta },
    targets: TARGETS,
    generation,
    firstStart,
    rebuild: { sqlite: rebuild.timing, rowsWritten: rebuild.rows },
    queries,
    duckdb: duck,
    calibration: fit,
    table,
    verdicts: { judged, passed: judged - failed, failed },
  };
  const files = writeRecord(root, startedAt, record);
  log(`\nWrote ${files.map((f) => f.slice(root.length + 1)).join(' and ')}`);
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n\n${BENCH_HELP}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
