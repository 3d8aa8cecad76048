/** Command-line options of `npm run bench -- [options]`. */
import { parseArgs } from 'node:util';

export interface BenchOptions {
  readonly scale: number;
  /** Whether --scale was given (with --keep, the scale recorded in the database wins otherwise). */
  readonly scaleGiven: boolean;
  readonly runs: number;
  readonly db: string;
  readonly keep: boolean;
}

export const BENCH_HELP = `npm run bench -- [--scale 1] [--runs 5] [--db FILE] [--keep]
  --scale  fraction of national scale to generate (1 = full national scale, the scale of the targets)
  --runs   measured runs of the flow-count rebuild and of each query (medians, with min and max)
  --db     SQLite file to generate and measure (default data/bench/trayecto-bench.db, under the ignored data/)
  --keep   reuse an existing generated database: skip generation`;

/** A bad option: reported with the help text, without a stack trace. */
export class UsageError extends Error {}

export const DEFAULT_DB = 'data/bench/trayecto-bench.db';

export function parseBenchArgs(argv: readonly string[]): BenchOptions | 'help' {
  const { values } = parseOrThrow(argv);
  if (values.help) return 'help';
  const scale = Number(values.scale ?? '1');
  if (!(scale > 0 && scale <= 2)) throw new UsageError(`--scale must be in (0, 2], got "${values.scale}"`);
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1)
    throw new UsageError(`--runs must be a positive integer, got "${values.runs}"`);
  return { scale, scaleGiven: values.scale !== undefined, runs, db: values.db, keep: values.keep };
}

function parseOrThrow(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      options: {
        scale: { type: 'string' },
        runs: { type: 'string', default: '5' },
        db: { type: 'string', default: DEFAULT_DB },
        keep: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}
