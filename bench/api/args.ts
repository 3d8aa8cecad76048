/** Command-line options of `npm run bench:api -- [options]`. */
import { parseArgs } from 'node:util';
import { UsageError } from '../lib/args.js';

export interface ApiBenchOptions {
  readonly db: string;
  readonly keep: boolean;
  readonly scale: number;
  /** Measured seconds per endpoint, after `warmup` seconds that are not measured. */
  readonly duration: number;
  readonly warmup: number;
  readonly connections: number;
  /** Seconds of one connection per endpoint: the latency without queueing (0: skipped). */
  readonly single: number;
  /** Longest wait for a quiet machine before generating and before measuring, in seconds. */
  readonly waitMax: number;
  /** Only the endpoints whose id contains one of these strings (a partial run: api-latest.json is kept). */
  readonly only: readonly string[];
  /** Runs the server child with --cpu-prof and writes its profile under data/bench/api-prof/. */
  readonly cpuProf: boolean;
}

export const API_BENCH_HELP = `npm run bench:api -- [--keep] [--duration 10] [--warmup 3] [--connections 50] [--db FILE]
  --db           SQLite file of the full national demo (default data/bench/api.db, under the ignored data/)
  --keep         reuse the database when it exists, was generated at --scale and has the current schema
  --scale        scale of the demo to generate (1 = full national scale, the scale of the targets)
  --duration     measured seconds per endpoint (default 10), after --warmup seconds (default 3)
  --connections  concurrent connections of autocannon (default 50)
  --single       seconds at 1 connection per endpoint, the latency without queueing (default 2; 0 skips)
  --wait-max     seconds to wait for a quiet machine (no generation, vitest or other benchmark, 1-minute
                 load average < 1.5) before generating and before measuring (default 600)
  --only         comma-separated parts of endpoint ids to measure (a partial run; api-latest.json is kept)
  --cpu-prof     profile the server child (node --cpu-prof) into data/bench/api-prof/`;

export const DEFAULT_API_DB = 'data/bench/api.db';

export function parseApiBenchArgs(argv: readonly string[]): ApiBenchOptions | 'help' {
  const { values } = parseOrThrow(argv);
  if (values.help) return 'help';
  const scale = Number(values.scale);
  if (!(scale > 0 && scale <= 2)) throw new UsageError(`--scale must be in (0, 2], got "${values.scale}"`);
  const int = (name: string, raw: string, min: number) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min)
      throw new UsageError(`--${name} must be an integer ≥ ${min}, got "${raw}"`);
    return n;
  };
  return {
    db: values.db,
    keep: values.keep,
    scale,
    duration: int('duration', values.duration, 1),
    warmup: int('warmup', values.warmup, 0),
    connections: int('connections', values.connections, 1),
    single: int('single', values.single, 0),
    waitMax: int('wait-max', values['wait-max'], 0),
    only: (values.only ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    cpuProf: values['cpu-prof'],
  };
}

function parseOrThrow(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      options: {
        db: { type: 'string', default: DEFAULT_API_DB },
        keep: { type: 'boolean', default: false },
        scale: { type: 'string', default: '1' },
        duration: { type: 'string', default: '10' },
        warmup: { type: 'string', default: '3' },
        connections: { type: 'string', default: '50' },
        single: { type: 'string', default: '2' },
        'wait-max': { type: 'string', default: '600' },
        only: { type: 'string' },
        'cpu-prof': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}
