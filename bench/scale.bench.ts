/**
 * Scale benchmark (`npm run bench:scale`, issue 15): for each scale, on PostgreSQL, in a database of its own
 * (trayecto_scale_<N>, dropped at the end unless --keep): generation (wall time and peak RSS of the CLI child),
 * database size (pg_database_size), the full flow-count rebuild and the national/state/campus indicator queries
 * (medians of --runs), bench:api's requests (p95 at --connections) and a national import of one semester of
 * module results (bench:import's child). Prints a table with the load average each figure was measured under
 * and writes bench/results/scale-<time>.json and scale-latest.json.
 *
 *   npm run bench:scale -- [--scales 1,2,4] [--db-url postgres://root@/postgres?host=/var/run/postgresql]
 *                          [--runs 5] [--duration 5] [--warmup 2] [--connections 50] [--keep] [--no-api] [--no-import]
 *                          [--reuse] [--import-term 2025-2026:1]
 *
 * --reuse measures a database kept by an earlier --keep run again without generating it (its generation figures
 * are then taken from bench/results/scale-latest.json when that run wrote them, and marked as reused): a 4× run
 * generates for hours, and what follows generation can be measured again on a quieter machine. It implies --keep.
 * --import-term names the semester exported, deleted and imported back (default 2025-2026:1). The import's row
 * bound (TRAYECTO_IMPORT_MAX_ROWS, 5 million by default) is raised to the file's rows: a 4× semester has about 9
 * million. When the import fails, the exported file is kept (its path is printed), so that the semester it
 * deleted can be imported back into a kept database.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openStore } from '../src/storage/db.js';
import { BENCH_TERM, BENCH_YEAR } from './import/prepare.js';
import { generateInChild, runChild } from './lib/child.js';
import { bytes, ms, renderTable } from './lib/report.js';
import { queryCases, rebuildRuns, referenceYear, runQueries } from './lib/sqlite-bench.js';
import type { Timing } from './lib/stats.js';
import { measureApi, type ApiScaleResult } from './scale/api.js';
import {
  createDatabase,
  databaseExists,
  databaseSize,
  databaseUrl,
  dropDatabase,
  exportAndRemoveSemester,
  tableRows,
} from './scale/postgres.js';

const DEFAULT_ADMIN_URL = 'postgres://root@/postgres?host=/var/run/postgresql';
const QUERY_IDS = ['national_year', 'state_year', 'campus_year', 'national_all'] as const;

const log = (text: string) => process.stderr.write(`${text}\n`);
const load1 = () => loadavg()[0] ?? 0;

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

function options() {
  const { values } = parseArgs({
    options: {
      scales: { type: 'string', default: '1,2,4' },
      'db-url': { type: 'string', default: process.env.TRAYECTO_BENCH_PG_ADMIN_URL ?? DEFAULT_ADMIN_URL },
      runs: { type: 'string', default: '5' },
      duration: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '50' },
      keep: { type: 'boolean', default: false },
      reuse: { type: 'boolean', default: false },
      'import-term': { type: 'string', default: `${BENCH_YEAR}:${String(BENCH_TERM)}` },
      'no-api': { type: 'boolean', default: false },
      'no-import': { type: 'boolean', default: false },
    },
  });
  const scales = values.scales.split(',').map(Number);
  const termMatch = /^(\d{4}-\d{4}):([12])$/.exec(values['import-term']);
  if (!termMatch?.[1] || !termMatch[2])
    throw new Error(`--import-term: YYYY-YYYY:1 or :2, got ${values['import-term']}`);
  const importTerm = { year: termMatch[1], term: Number(termMatch[2]) };
  if (scales.some((s) => !(s > 0 && s <= 4)))
    throw new Error(`--scales: each in (0, 4], got ${values.scales}`);
  return {
    scales,
    adminUrl: values['db-url'],
    runs: Number(values.runs),
    api: values['no-api']
      ? null
      : {
          duration: Number(values.duration),
          warmup: Number(values.warmup),
          connections: Number(values.connections),
        },
    importing: !values['no-import'],
    keep: values.keep || values.reuse,
    reuse: values.reuse,
    importTerm,
  };
}

interface ImportResult {
  readonly rows: number;
  readonly importMs: number;
  readonly rowsPerSecond: number;
  /** File in → everything current: the import with the refresh of what depends on it (run-one's endToEndMs). */
  readonly endToEndMs: number;
  readonly peakRssBytes: number;
  readonly load1AtStart: number;
}

interface ScaleResult {
  readonly scale: number;
  readonly database: string;
  readonly generation: {
    wallMs: number;
    peakRssBytes: number | null;
    load1AtEnd: number;
    phases: unknown;
    /** Set when --reuse measured a kept database: when the figures of its generation were taken. */
    reusedFrom?: string;
  } | null;
  readonly sizeBytes: number;
  readonly rows: Record<string, number>;
  readonly rebuild: { timing: Timing; rows: number; load1AtStart: number };
  readonly queries: { id: string; label: string; timing: Timing; rows: number }[];
  readonly queriesLoad1AtStart: number;
  readonly api: ApiScaleResult | { error: string } | null;
  readonly import: ImportResult | { error: string } | null;
}

async function attempt<T>(what: string, fn: () => Promise<T>): Promise<T | { error: string }> {
  try {
    return await fn();
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    log(`  ${what} failed: ${error}`);
    return { error };
  }
}

/** The last run's record (scale-latest.json), read before this run overwrites it: --reuse takes its generation. */
let earlierRecord: { startedAt: string; results: ScaleResult[] } | null | undefined;

/** The generation figures of `scale` from the run before this one, for --reuse. */
function earlierGeneration(root: string, scale: number): ScaleResult['generation'] {
  if (earlierRecord === undefined) {
    const file = join(root, 'bench', 'results', 'scale-latest.json');
    earlierRecord = existsSync(file)
      ? (JSON.parse(readFileSync(file, 'utf8')) as { startedAt: string; results: ScaleResult[] })
      : null;
  }
  const record = earlierRecord;
  if (!record) return null;
  const g = record.results.find((r) => r.scale === scale)?.generation;
  if (!g) return null;
  return { ...g, reusedFrom: g.reusedFrom ?? record.startedAt };
}

function never(): never {
  throw new Error('unreachable');
}

const failed = (x: object): x is { error: string } => 'error' in x;

async function benchScale(root: string, o: ReturnType<typeof options>, scale: number): Promise<ScaleResult> {
  const name = `trayecto_scale_${String(scale).replace('.', '_')}`;
  const url = databaseUrl(o.adminUrl, name);
  log(`\n== scale ${scale}: ${name} (load ${load1().toFixed(1)})`);
  let generation: ScaleResult['generation'];
  if (o.reuse && (await databaseExists(o.adminUrl, name))) {
    generation = earlierGeneration(root, scale);
    log(`  reusing the kept database${generation ? ` (generated ${generation.reusedFrom})` : ''}`);
  } else {
    await createDatabase(o.adminUrl, name);
    const gen = await generateInChild(root, scale, url);
    generation = {
      wallMs: gen.wallMs,
      peakRssBytes: gen.peakRssBytes,
      load1AtEnd: load1(),
      phases: gen.phases,
    };
    log(`  generated in ${ms(gen.wallMs)}, peak RSS ${bytes(gen.peakRssBytes ?? 0)}`);
  }
  try {
    const sizeBytes = await databaseSize(url);
    const rows = await tableRows(url, [
      'students',
      'enrollments',
      'module_results',
      'status_events',
      'year_results',
      'flow_counts',
      'campuses',
    ]);
    log(`  ${bytes(sizeBytes)}; ${JSON.stringify(rows)}`);

    const store = openStore({ dialect: 'postgres', url });
    let rebuild: ScaleResult['rebuild'];
    let queries: ScaleResult['queries'];
    let queriesLoad1AtStart: number;
    try {
      const rebuildLoad = load1();
      rebuild = { ...(await rebuildRuns(store.db, o.runs)), load1AtStart: rebuildLoad };
      log(`  flow-count rebuild ${ms(rebuild.timing.medianMs)} (median of ${o.runs})`);
      const { year } = await referenceYear(store.db);
      const cases = (await queryCases(store.db, year)).filter((c) =>
        (QUERY_IDS as readonly string[]).includes(c.id),
      );
      queriesLoad1AtStart = load1();
      queries = (await runQueries(store.db, cases, o.runs)).map((q) => ({
        id: q.id,
        label: q.label,
        timing: q.timing,
        rows: q.rows,
      }));
      for (const q of queries) log(`  ${q.label}: ${ms(q.timing.medianMs)}`);
    } finally {
      await store.close();
    }

    // A failure of one part is recorded, not fatal: the hour of generation before it is not lost.
    const api = o.api ? await attempt('API', () => measureApi(root, url, o.api ?? never(), log)) : null;
    const imported = o.importing
      ? await attempt('import', () => nationalImport(root, url, name, o.importTerm))
      : null;
    return {
      scale,
      database: name,
      generation,
      sizeBytes,
      rows,
      rebuild,
      queries,
      queriesLoad1AtStart,
      api,
      import: imported,
    };
  } finally {
    if (!o.keep) await dropDatabase(o.adminUrl, name);
  }
}

/** Exports the last semester's module results, deletes them, imports the file back (bench:import's child). */
async function nationalImport(
  root: string,
  url: string,
  name: string,
  at: { year: string; term: number },
): Promise<ImportResult> {
  const dir = join(root, 'data', 'imports');
  mkdirSync(dir, { recursive: true });
  const csv = join(dir, `${name}-module-results-${at.year}-${String(at.term)}.csv`);
  const exported = await exportAndRemoveSemester(url, at.year, at.term, csv);
  log(`  import: ${exported.toLocaleString('en-US')} module results exported to ${csv}`);
  const load1AtStart = load1();
  const r = await runChild(
    'node',
    [join(root, 'dist-bench/bench/import/run-one.js'), 'postgres', url, csv],
    root,
    {
      relay: null,
      timeoutMs: 3 * 3_600_000,
      env: { TRAYECTO_IMPORT_MAX_ROWS: String(Math.max(5_000_000, exported + 1)) },
    },
  );
  const line = r.lines.find((l) => l.text.startsWith('{'));
  if (r.exitCode !== 0 || !line)
    throw new Error(
      `import failed (the semester it deleted is in ${csv}): ${r.lines.map((l) => l.text).join('\n')}`,
    );
  rmSync(csv, { force: true });
  const j = JSON.parse(line.text) as {
    rows: number;
    importMs: number;
    endToEndMs: number;
    peakRssBytes: number;
  };
  const result = { ...j, rowsPerSecond: j.rows / (j.importMs / 1000), load1AtStart };
  log(
    `  import: ${j.rows} rows in ${ms(j.importMs)} = ${Math.round(result.rowsPerSecond)} rows/s; file in → everything current ${ms(j.endToEndMs)}`,
  );
  return result;
}

function render(results: readonly ScaleResult[]): string {
  const q = (r: ScaleResult, id: string) => {
    const t = r.queries.find((x) => x.id === id)?.timing;
    return t ? ms(t.medianMs) : '';
  };
  const rows = results.map((r) => [
    String(r.scale),
    (r.rows.students ?? 0).toLocaleString('en-US'),
    (r.rows.enrollments ?? 0).toLocaleString('en-US'),
    r.generation
      ? `${ms(r.generation.wallMs)} (${bytes(r.generation.peakRssBytes ?? 0)})` +
        (r.generation.reusedFrom ? ` [run of ${r.generation.reusedFrom}]` : '')
      : 'not measured (reused)',
    bytes(r.sizeBytes),
    `${ms(r.rebuild.timing.medianMs)} (${r.rebuild.load1AtStart.toFixed(1)})`,
    `${q(r, 'national_year')} / ${q(r, 'state_year')} / ${q(r, 'campus_year')} (${r.queriesLoad1AtStart.toFixed(1)})`,
    r.api
      ? failed(r.api)
        ? 'failed'
        : `${ms(r.api.maxP95Ms.dashboard)} / ${ms(r.api.maxP95Ms.search)}` +
          (r.api.unanswered.length > 0 ? `; no answer: ${r.api.unanswered.join(', ')}` : '')
      : '',
    r.import && failed(r.import)
      ? 'failed'
      : r.import
        ? `${Math.round(r.import.rowsPerSecond).toLocaleString('en-US')} rows/s, ${r.import.rows.toLocaleString('en-US')} rows (${r.import.load1AtStart.toFixed(1)})`
        : '',
  ]);
  return renderTable(
    [
      'scale',
      'students',
      'enrollments',
      'generation (peak RSS)',
      'size',
      'rebuild (load)',
      'national / state / campus year (load)',
      'API p95 dashboard / search',
      'import (load)',
    ],
    rows,
  );
}

async function main(): Promise<void> {
  const root = repoRoot();
  const o = options();
  if (o.reuse) earlierGeneration(root, 0); // reads the last run's record before this run writes its own
  const startedAt = new Date();
  const loadAtStart = loadavg();
  const results: ScaleResult[] = [];
  const out = join(root, 'bench', 'results');
  mkdirSync(out, { recursive: true });
  const stamp = startedAt
    .toISOString()
    .replace(/:/g, '-')
    .replace(/\.\d+Z$/, 'Z');
  for (const scale of o.scales) {
    results.push(await benchScale(root, o, scale));
    // Written after each scale: a long run that is stopped keeps what it measured.
    const record = {
      benchmark: 'scale',
      startedAt: startedAt.toISOString(),
      machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryBytes: totalmem() },
      loadavgAtStart: loadAtStart,
      loadavgNow: loadavg(),
      options: { ...o, adminUrl: undefined },
      results,
    };
    const text = `${JSON.stringify(record, null, 2)}\n`;
    for (const f of [join(out, `scale-${stamp}.json`), join(out, 'scale-latest.json')])
      writeFileSync(f, text);
  }
  process.stdout.write(
    `\nScale benchmark on PostgreSQL (load average at start ${loadAtStart.map((v) => v.toFixed(2)).join(' ')}, ` +
      `at end ${loadavg()
        .map((v) => v.toFixed(2))
        .join(' ')}; in parentheses: the 1-minute load when each figure was measured)\n${render(results)}\n`,
  );
  log(`results: bench/results/scale-${stamp}.json`);
}

await main();
