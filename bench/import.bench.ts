/**
 * Import benchmark (`npm run bench:import`): a national semester of module results (the full demo's
 * 2025-2026 term 1, about 2.3 million CSV rows exported from a copy of data/bench/api.db) imported with
 * `importRecords` into SQLite and into PostgreSQL, each run in a child process of its own (peak RSS is the
 * import's), followed by the rebuild of the touched year's flow counts (what indicators read); and DuckDB's
 * read_csv of the same file as the reference. Medians of --runs runs; prints a table and writes
 * bench/results/import-<time>.json and import-latest.json.
 *
 *   npm run bench:import -- [--runs 3] [--pg URL | --no-pg] [--source data/bench/api.db | /absolute/path.db]
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance, version as duckdbVersion } from '@duckdb/node-api';
import {
  BENCH_TERM,
  BENCH_YEAR,
  prepareSqlite,
  preparePostgres,
  resetPostgres,
  resetSqlite,
} from './import/prepare.js';
import { runChild } from './lib/child.js';
import { renderTable } from './lib/report.js';
import { median } from './lib/stats.js';

const TARGET_SQLITE = 100_000;
const TARGET_PG = 50_000;
const TARGET_REFRESH_MS = 10_000;
const DEFAULT_PG = 'postgres://root@/trayecto_bench_import?host=/var/run/postgresql';

const log = (text: string) => process.stderr.write(`${text}\n`);

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

interface RunResult {
  readonly rows: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly importMs: number;
  readonly importCpuMs: number;
  readonly refreshMs: number;
  readonly peakRssBytes: number;
  readonly loadavg1: number;
}

function args(argv: readonly string[]) {
  const get = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    runs: Number(get('--runs') ?? 3),
    pg: argv.includes('--no-pg') ? null : (get('--pg') ?? process.env.TRAYECTO_BENCH_PG_URL ?? DEFAULT_PG),
    source: get('--source') ?? 'data/bench/api.db',
  };
}

async function importOnce(root: string, dialect: string, target: string, csv: string): Promise<RunResult> {
  const loadavg1 = loadavg()[0] ?? 0;
  const r = await runChild(
    'node',
    [join(root, 'dist-bench/bench/import/run-one.js'), dialect, target, csv],
    root,
    {
      relay: null,
    },
  );
  const line = r.lines.find((l) => l.text.startsWith('{'));
  if (r.exitCode !== 0 || !line)
    throw new Error(`import (${dialect}) failed: ${r.lines.map((l) => l.text).join('\n')}`);
  return { ...(JSON.parse(line.text) as Omit<RunResult, 'loadavg1'>), loadavg1 };
}

interface DialectResult {
  readonly runs: readonly RunResult[];
  readonly reimport: RunResult;
  readonly medianRowsPerSecond: number;
  readonly medianRefreshMs: number;
  readonly peakRssBytes: number;
  readonly reimportRowsPerSecond: number;
  /** Rows per second of the importer's own CPU time: what one free core would do (SQLite: all the work). */
  readonly medianRowsPerCpuSecond: number;
}

async function benchDialect(
  root: string,
  dialect: 'sqlite' | 'postgres',
  target: string,
  csv: string,
  runs: number,
): Promise<DialectResult> {
  const results: RunResult[] = [];
  for (let i = 0; i < runs; i++) {
    if (dialect === 'sqlite') resetSqlite(target);
    else await resetPostgres(target);
    const r = await importOnce(root, dialect, target, csv);
    log(
      `${dialect} run ${i + 1}: ${r.rows} rows in ${(r.importMs / 1000).toFixed(1)} s = ${Math.round(rate(r))} rows/s; ` +
        `refresh ${(r.refreshMs / 1000).toFixed(2)} s; peak RSS ${(r.peakRssBytes / 2 ** 20).toFixed(0)} MB; load ${r.loadavg1.toFixed(1)}`,
    );
    results.push(r);
  }
  // The same file again: every row unchanged (idempotence), measured once.
  const reimport = await importOnce(root, dialect, target, csv);
  log(`${dialect} re-import: ${reimport.unchanged} unchanged, ${Math.round(rate(reimport))} rows/s`);
  if (reimport.unchanged !== reimport.rows) throw new Error(`${dialect}: the re-import changed rows`);
  return {
    runs: results,
    reimport,
    medianRowsPerSecond: median(results.map(rate)),
    medianRefreshMs: median(results.map((r) => r.refreshMs)),
    peakRssBytes: Math.max(...results.map((r) => r.peakRssBytes), reimport.peakRssBytes),
    reimportRowsPerSecond: rate(reimport),
    medianRowsPerCpuSecond: median(results.map((r) => r.rows / (r.importCpuMs / 1000))),
  };
}

const rate = (r: RunResult) => r.rows / (r.importMs / 1000);

/** DuckDB's read_csv of the same file into a table (the reference), median of `runs`. */
async function duckdbReference(csv: string, runs: number) {
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < runs; i++) {
    const instance = await DuckDBInstance.create(':memory:');
    const con = await instance.connect();
    const t0 = performance.now();
    await con.run(`create table mr as select * from read_csv('${csv.replace(/'/g, "''")}', header = true)`);
    times.push(performance.now() - t0);
    const r = await con.runAndReadAll('select count(*) from mr');
    rows = Number(r.getRowsJS()[0]?.[0]);
    con.closeSync();
    instance.closeSync();
  }
  const ms = median(times);
  return { version: duckdbVersion(), rows, runsMs: times, medianMs: ms, rowsPerSecond: rows / (ms / 1000) };
}

async function main(): Promise<void> {
  const root = repoRoot();
  const o = args(process.argv.slice(2));
  const startedAt = new Date();
  const dir = join(root, 'data', 'imports');
  mkdirSync(dir, { recursive: true });
  const fixture = await prepareSqlite(resolve(root, o.source), dir);
  log(`${fixture.rows} rows, ${(fixture.csvBytes / 2 ** 20).toFixed(0)} MB: ${fixture.csvFile}`);
  const sqlite = await benchDialect(root, 'sqlite', fixture.sqliteFile, fixture.csvFile, o.runs);
  let postgres: DialectResult | null = null;
  if (o.pg) {
    await preparePostgres(o.pg, fixture.sqliteFile);
    postgres = await benchDialect(root, 'postgres', o.pg, fixture.csvFile, o.runs);
  }
  const duckdb = await duckdbReference(fixture.csvFile, o.runs);
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const rowsOf = (name: string, d: DialectResult, target: number) => [
    name,
    fmt(d.medianRowsPerSecond),
    `≥ ${fmt(target)}`,
    d.medianRowsPerSecond >= target ? 'pass' : 'fail',
    `${(d.peakRssBytes / 2 ** 20).toFixed(0)} MB`,
    `${(d.medianRefreshMs / 1000).toFixed(2)} s`,
    d.medianRefreshMs <= TARGET_REFRESH_MS ? 'pass' : 'fail',
    fmt(d.reimportRowsPerSecond),
    fmt(d.medianRowsPerCpuSecond),
  ];
  const table = renderTable(
    [
      'engine',
      'rows/s (median)',
      'target',
      '',
      'peak RSS',
      'refresh',
      '≤ 10 s',
      're-import rows/s',
      'rows/CPU-s',
    ],
    [
      rowsOf('SQLite', sqlite, TARGET_SQLITE),
      ...(postgres ? [rowsOf('PostgreSQL', postgres, TARGET_PG)] : []),
      ['DuckDB read_csv (reference)', fmt(duckdb.rowsPerSecond), '', '', '', '', '', '', ''],
    ],
  );
  process.stdout.write(
    `\nImport of ${fixture.rows} module results (${BENCH_YEAR}/${BENCH_TERM}), ${o.runs} runs\n${table}\n`,
  );
  const record = {
    benchmark: 'import',
    startedAt: startedAt.toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryBytes: totalmem(), loadavg: loadavg() },
    file: { path: fixture.csvFile, rows: fixture.rows, bytes: fixture.csvBytes },
    targets: {
      sqliteRowsPerSecond: TARGET_SQLITE,
      postgresRowsPerSecond: TARGET_PG,
      refreshMs: TARGET_REFRESH_MS,
    },
    sqlite,
    postgres,
    duckdb,
  };
  const out = join(root, 'bench', 'results');
  mkdirSync(out, { recursive: true });
  const stamp = startedAt
    .toISOString()
    .replace(/:/g, '-')
    .replace(/\.\d+Z$/, 'Z');
  const text = `${JSON.stringify(record, null, 2)}\n`;
  for (const f of [join(out, `import-${stamp}.json`), join(out, 'import-latest.json')])
    writeFileSync(f, text);
  log(`results: bench/results/import-${stamp}.json`);
}

await main();
