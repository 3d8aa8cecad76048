/** Command-line options of `npm run bench:load -- [options]`. */
import { parseArgs } from 'node:util';
import { UsageError } from '../lib/args.js';

export interface LoadBenchOptions {
  /** The full demo to copy (read only: never written). */
  readonly source: string;
  /** The working copy the server reads and the imports write. */
  readonly db: string;
  readonly connections: number;
  readonly seconds: number;
  readonly warmupSeconds: number;
  /** Copy the source again even when the working copy exists. */
  readonly fresh: boolean;
  readonly imports: boolean;
  /** Heavy requests (analyses, group list, an API import) beside the light load, one HTTP process. */
  readonly heavy: boolean;
  /** Profile the server child (node --cpu-prof) into this directory and print where its busy time went. */
  readonly cpuProf: string | null;
}

export const LOAD_BENCH_HELP = `npm run bench:load -- [--connections 200] [--seconds 60] [--warmup 60] [--db FILE] [--source FILE] [--fresh] [--no-imports] [--no-heavy] [--cpu-prof DIR]
  200 connections of mixed reads (dashboard, state, campus, student search, profile, cohort) for 60 s against
  the full demo, while campus-list imports run in a loop; reports errors, p50/p95/p99, requests/s and the
  resident memory of the server processes sampled every second. Targets: no errors, p99 ≤ 250 ms, memory
  growth after warm-up ≤ 10 %. Unless --no-heavy: one HTTP process (TRAYECTO_WORKERS=1) and, one after
  another from the start of the warm-up, heavy requests (effects with new kind lists, what-if, cohorts, a group
  list, an API import); the server's event-loop delay p99 is reported beside the light requests' p95, and the
  RSS the warm-up added (worker threads started) beside the growth after it. The server's memory by part
  (main heap, each worker thread's heap, the rest of the RSS) is sampled every 5 s and logged every 30 s.
  --warmup  seconds before measuring (default 60 with the heavy requests, 15 without)
  --source  the full demo (default data/bench/api.db, only read: it is copied)
  --db      the working copy (default data/audit/load.db; copied from --source when missing or with --fresh)
  --cpu-prof  profile the server child (node --cpu-prof) into DIR; prints its busy time by package and function`;

export function parseLoadBenchArgs(argv: readonly string[]): LoadBenchOptions | 'help' {
  let values;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        connections: { type: 'string', default: '200' },
        seconds: { type: 'string', default: '60' },
        warmup: { type: 'string' },
        db: { type: 'string', default: 'data/audit/load.db' },
        source: { type: 'string', default: 'data/bench/api.db' },
        fresh: { type: 'boolean', default: false },
        'no-imports': { type: 'boolean', default: false },
        'no-heavy': { type: 'boolean', default: false },
        'cpu-prof': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  if (values.help) return 'help';
  const int = (name: string, v: string, min: number) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min)
      throw new UsageError(`--${name} must be an integer ≥ ${min}, got "${v}"`);
    return n;
  };
  if (values.db === values.source)
    throw new UsageError('--db must differ from --source (the source is never written)');
  return {
    source: values.source,
    db: values.db,
    connections: int('connections', values.connections, 1),
    seconds: int('seconds', values.seconds, 1),
    // The heavy requests run during the warm-up; the effects thread's heap takes about a minute to reach its
    // working size (issue 11), so the measured window starts after it.
    warmupSeconds: int('warmup', values.warmup ?? (values['no-heavy'] ? '15' : '60'), 0),
    fresh: values.fresh,
    imports: !values['no-imports'],
    heavy: !values['no-heavy'],
    cpuProf: values['cpu-prof'] ?? null,
  };
}
