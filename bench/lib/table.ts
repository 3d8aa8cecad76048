/** The summary table of a run: each measurement against its target, with its reference and verdict. */
import type { CalibrationFit } from './calibration.js';
import type { GenerationRun } from './child.js';
import type { DuckResults } from './duckdb-reference.js';
import { bytes, ms, timing, verdict, type TableRow } from './report.js';
import type { QueryResult } from './sqlite-bench.js';
import type { Timing } from './stats.js';

/** The targets of the issue, at full national scale (--scale 1) on the 2-core reference machine. */
export const TARGETS = {
  generationSeconds: 120,
  generationPeakBytes: 4e9,
  firstStartSeconds: 180,
  queryMs: 50,
  // Issue 15: the full flow-count rebuild ≤ 3× DuckDB on the same records (it was 5).
  rebuildVsDuckDb: 3,
} as const;

/** A first `npm start`, estimated from its parts: build, generation, then start on the data until ready. */
export interface FirstStart {
  readonly coldBuildMs: number;
  readonly generationMs: number;
  readonly startMs: number;
  readonly totalMs: number;
}

export interface BenchResults {
  readonly scale: number;
  readonly tableRows: Readonly<Record<string, number>>;
  readonly generation: GenerationRun | null;
  readonly firstStart: FirstStart | null;
  readonly rebuild: { readonly timing: Timing; readonly rows: number };
  readonly queries: readonly QueryResult[];
  readonly duck: DuckResults;
  readonly fit: CalibrationFit;
}

const count = (n: number | undefined) => (n ?? 0).toLocaleString('en-US');

export function buildTable(r: BenchResults): TableRow[] {
  return [
    ...generationRows(r),
    ...rebuildRows(r),
    ...r.queries.map((q) => queryRow(q, r.duck)),
    ...calibrationRows(r.fit),
    ...(r.scale === 1
      ? []
      : [
          {
            metric: 'note',
            value: `scale ${r.scale}`,
            target: 'targets are for --scale 1',
            reference: '',
            verdict: null,
          },
        ]),
  ];
}

/** Absolute targets hold at full scale only; at another scale the value is shown without a verdict. */
const atScale = (r: BenchResults, ok: boolean) => (r.scale === 1 ? verdict(ok) : 'n/a');

function generationRows(r: BenchResults): TableRow[] {
  const g = r.generation;
  const rows: TableRow[] = [];
  if (g) {
    rows.push(
      {
        metric: `generation, scale ${r.scale} (1 run, child process)`,
        value: ms(g.wallMs),
        target: `≤ ${TARGETS.generationSeconds} s`,
        reference: g.phases.map((p) => `${p.label} ${(p.ms / 1000).toFixed(1)} s`).join(' · '),
        verdict: atScale(r, g.wallMs <= TARGETS.generationSeconds * 1000),
      },
      {
        metric: 'generation peak memory (RSS)',
        value: g.peakRssBytes === null ? 'unknown' : bytes(g.peakRssBytes),
        target: `≤ ${bytes(TARGETS.generationPeakBytes)}`,
        reference: g.peakRssSource,
        verdict: g.peakRssBytes === null ? 'n/a' : atScale(r, g.peakRssBytes <= TARGETS.generationPeakBytes),
      },
      {
        metric: 'database size after generation',
        value: bytes(g.dbBytes),
        target: '',
        reference: [
          `${count(r.tableRows.students)} students`,
          `${count(r.tableRows.enrollments)} enrollments`,
          `${count(r.tableRows.year_results)} year results`,
        ].join(', '),
        verdict: null,
      },
    );
  }
  const s = r.firstStart;
  if (s)
    rows.push({
      metric: 'first npm start (estimate)',
      value: ms(s.totalMs),
      target: `≤ ${TARGETS.firstStartSeconds} s`,
      reference: `cold build ${ms(s.coldBuildMs)} + generation + start until ready ${ms(s.startMs)}`,
      verdict: atScale(r, s.totalMs <= TARGETS.firstStartSeconds * 1000),
    });
  return rows;
}

function rebuildRows(r: BenchResults): TableRow[] {
  const ratio = r.rebuild.timing.medianMs / r.duck.rebuild.medianMs;
  const loaded = Object.values(r.duck.load.rows).reduce((a, b) => a + b, 0);
  return [
    {
      metric: `flow-count rebuild, SQLite (${count(r.rebuild.rows)} rows)`,
      value: timing(r.rebuild.timing),
      target: `≤ ${TARGETS.rebuildVsDuckDb}× DuckDB`,
      reference: `DuckDB ${timing(r.duck.rebuild)} → ${ratio.toFixed(1)}×`,
      verdict: verdict(ratio <= TARGETS.rebuildVsDuckDb),
    },
    {
      metric: `DuckDB ${r.duck.version}: load from SQLite`,
      value: ms(r.duck.load.ms),
      target: '',
      reference: `${count(loaded)} rows, ${r.duck.threads} threads; not compared`,
      verdict: null,
    },
    {
      metric: 'DuckDB rebuild = SQLite rebuild',
      value: `${count(r.duck.checks.reduce((a, c) => a + c.sqlite.rows, 0))} rows, ${r.duck.checks.length} tables`,
      target: 'equal',
      reference: `${r.duck.checks.map((c) => c.table).join(', ')}: count, sums, every row`,
      verdict: 'pass',
    },
  ];
}

function queryRow(q: QueryResult, duck: DuckResults): TableRow {
  const d = q.duckLevel ? duck.indicators.find((i) => i.level === q.duckLevel) : undefined;
  return {
    metric: `indicators: ${q.label} (${q.rows} rows)`,
    value: timing(q.timing),
    target: `≤ ${TARGETS.queryMs} ms`,
    reference: `its SQL ${ms(q.aggregationTiming.medianMs)}${d ? ` · DuckDB on flow_counts ${ms(d.timing.medianMs)}` : ''}`,
    verdict: verdict(q.timing.medianMs <= TARGETS.queryMs),
  };
}

function calibrationRows(fit: CalibrationFit): TableRow[] {
  const targets = fit.rows.filter((r) => r.kind !== 'claim');
  const claims = fit.rows.filter((r) => r.kind === 'claim');
  const met = targets.filter((r) => r.pass).length;
  const c = fit.correlation;
  return [
    {
      metric: 'calibration targets (counts, rates)',
      value: `${met} of ${targets.length} met`,
      target: 'all',
      reference: 'counts ±0.5 %, rates ±0.3 pp (table below)',
      verdict: verdict(met === targets.length),
    },
    {
      metric: 'public claims (derived, year mapping assumed)',
      value: `${claims.filter((r) => r.pass).length} of ${claims.length} hold`,
      target: '',
      reference: 'INDICATORS.md §6-7 (table below)',
      verdict: null,
    },
    {
      metric: `campus dropout correlation ${c.schoolYear}`,
      value: c.pearson === null ? '—' : c.pearson.toFixed(3),
      target: `≥ ${c.target}`,
      reference: `Pearson, ${c.campusesCompared} campuses matched by CCT`,
      verdict: verdict(c.pass),
    },
  ];
}
