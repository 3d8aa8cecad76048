/** The printed tables and the JSON record of an API benchmark run (the core benchmark's conventions). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderResults, renderTable, verdict, type TableRow, type Verdict } from '../lib/report.js';
import type { BundleReport } from './bundle.js';
import { pageLabel, TARGET_INITIAL_JS_BYTES, TARGET_P95_MS, type Case } from './cases.js';
import type { LoadRun } from './load.js';

export interface EndpointResult {
  readonly id: string;
  readonly page: string;
  readonly label: string;
  readonly paths: readonly string[];
  readonly account: Case['account'];
  readonly listed: boolean;
  readonly target: Case['target'];
  readonly targetP95Ms: number;
  /** Size of one answer (a page mix: of each answer, in order), uncompressed. */
  readonly responseBytes: readonly number[];
  /** The first answer of each path, before any load: a cache miss unless an earlier case asked the same. */
  readonly firstAnswerMs: readonly number[];
  readonly warmup: LoadRun | null;
  readonly measured: LoadRun;
  readonly single: LoadRun | null;
  readonly verdict: Verdict;
  /** Other people's heavy processes (tests, generation, benchmarks) seen at the start or end of the case. */
  readonly othersRunning: readonly string[];
}

export function endpointVerdict(run: LoadRun, targetMs: number): Verdict {
  return verdict(run.non2xx === 0 && run.errors === 0 && run.latencyMs.p95 <= targetMs);
}

/** Milliseconds with two decimals below 10 ms, one below 1 s (as the core benchmark prints them). */
const ms = (v: number): string =>
  Number.isNaN(v)
    ? '—'
    : v < 10
      ? `${v.toFixed(2)} ms`
      : v < 1000
        ? `${v.toFixed(1)} ms`
        : `${(v / 1000).toFixed(2)} s`;
const kb = (v: number) => (v >= 1e6 ? `${(v / 1e6).toFixed(2)} MB` : `${(v / 1000).toFixed(1)} kB`);
const mark = (v: Verdict): string => (v === 'pass' ? '✓' : v === 'fail' ? '✗' : v === 'n/a' ? 'n/a' : '');

export function renderEndpoints(results: readonly EndpointResult[], connections: number): string {
  const rows = results.map((r) => {
    const m = r.measured;
    const who = r.page === 'student search' ? ` [${r.account} user]` : '';
    return [
      r.page,
      `${r.label}${who}`,
      ms(m.latencyMs.p50),
      ms(m.latencyMs.p95),
      ms(m.latencyMs.p99),
      m.requestsPerSecond.toFixed(0),
      `${m.errors}/${m.non2xx}`,
      `p95 ≤ ${r.targetP95Ms} ms`,
      mark(r.verdict),
      r.single ? ms(r.single.latencyMs.p50) : '—',
      r.firstAnswerMs.length === 1 ? ms(r.firstAnswerMs[0] ?? Number.NaN) : 'see above',
      r.responseBytes.length === 1 ? kb(r.responseBytes[0] ?? 0) : `${r.responseBytes.length} answers`,
      m.serverCpuCores === null ? '—' : m.serverCpuCores.toFixed(2),
      m.loadGeneratorCpuCores.toFixed(2),
      `${m.load1AtStart.toFixed(2)}${r.othersRunning.length ? ' *' : ''}`,
    ];
  });
  const note =
    `(${connections} connections; CPU in cores, 1.00 = one core busy; the 1-minute load average includes this ` +
    `benchmark's own server and autocannon, about 1.1; first answer: the first request of that path to the ` +
    `fresh server, before any load, i.e. with its result cache cold)`;
  const table = renderTable(
    [
      'page',
      'endpoint',
      'p50',
      'p95',
      'p99',
      'req/s',
      'errors/non-2xx',
      'target',
      'verdict',
      'p50 @1 conn',
      'first answer',
      'answer',
      `server CPU`,
      'autocannon CPU',
      'load 1m',
    ],
    rows,
  );
  const disturbed = results.some((r) => r.othersRunning.length > 0)
    ? '\n* other heavy processes (tests, a generation, another benchmark) ran during that case: see the JSON record'
    : '';
  return `${note}\n${table}${disturbed}`;
}

export function bundleRows(b: BundleReport): TableRow[] {
  const list = (files: BundleReport['initial']) =>
    files.map((f) => `${f.file} ${(f.gzipBytes / 1000).toFixed(1)} kB`).join(' + ');
  return [
    {
      metric: 'initial JavaScript of the web app (gzip)',
      value: `${(b.initialGzipBytes / 1000).toFixed(1)} kB`,
      target: `≤ ${TARGET_INITIAL_JS_BYTES / 1000} kB`,
      reference: `${b.indexHtml} loads ${list(b.initial)}`,
      verdict: verdict(b.initialGzipBytes <= TARGET_INITIAL_JS_BYTES),
    },
    {
      metric: 'national page: initial + its lazy chunks (gzip)',
      value: `${(b.nationalPageGzipBytes / 1000).toFixed(1)} kB`,
      target: '',
      reference: b.nationalPageExtra.length
        ? `adds ${list(b.nationalPageExtra)}`
        : 'no lazy NacionalPage chunk found',
      verdict: null,
    },
  ];
}

export const renderBundle = (b: BundleReport) => renderResults(bundleRows(b));

export const targetFor = (c: Case) => TARGET_P95_MS[c.target];
export const pageName = (c: Case) => pageLabel(c.page);

/** Writes bench/results/api-<timestamp>.json and, for a full run, bench/results/api-latest.json. */
export function writeApiRecord(root: string, startedAt: Date, record: unknown, latest: boolean): string[] {
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = startedAt
    .toISOString()
    .replace(/:/g, '-')
    .replace(/\.\d+Z$/, 'Z');
  const files = [join(dir, `api-${stamp}.json`), ...(latest ? [join(dir, 'api-latest.json')] : [])];
  const text = `${JSON.stringify(record, null, 2)}\n`;
  for (const f of files) writeFileSync(f, text);
  return files;
}
