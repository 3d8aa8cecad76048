/** Command-line options of `npm run bench:risk -- [options]`. */
import { parseArgs } from 'node:util';
import { UsageError } from '../lib/args.js';

export interface RiskBenchOptions {
  readonly data: string;
  readonly target: string;
  readonly positive: string;
  readonly folds: number;
  readonly seed: number;
  readonly repeats: number;
  readonly python: string;
  /** OMP / BLAS threads for scikit-learn (1 = single-threaded, like our models). */
  readonly threads: number;
}

export const RISK_BENCH_HELP = `npm run bench:risk -- [--repeats 3] [--folds 5] [--seed 42] [--threads 1] [--python /usr/bin/python3]
                        [--data assets/data/uci-dropout/data.csv --target Target --positive Dropout]
  Trayecto's gradient-boosted trees and logistic regression vs scikit-learn's GradientBoostingClassifier,
  HistGradientBoostingClassifier and LogisticRegression, stratified k-fold on the SAME folds (the fold of
  each row is passed to Python), ROC-AUC / PR-AUC / Brier and training time, medians over repeats.
  --repeats  measured repeats of the whole cross-validation per model (after one unmeasured warm-up)
  --threads  OMP_NUM_THREADS / OPENBLAS_NUM_THREADS for scikit-learn (default 1: our models use one core)
  --python   interpreter with scikit-learn (default Debian's /usr/bin/python3 with python3-sklearn)`;

export function parseRiskBenchArgs(argv: readonly string[]): RiskBenchOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        data: { type: 'string', default: 'assets/data/uci-dropout/data.csv' },
        target: { type: 'string', default: 'Target' },
        positive: { type: 'string', default: 'Dropout' },
        folds: { type: 'string', default: '5' },
        seed: { type: 'string', default: '42' },
        repeats: { type: 'string', default: '3' },
        python: { type: 'string', default: '/usr/bin/python3' },
        threads: { type: 'string', default: '1' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
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
  return {
    data: values.data,
    target: values.target,
    positive: values.positive,
    folds: int('folds', values.folds, 2),
    seed: int('seed', values.seed, 0),
    repeats: int('repeats', values.repeats, 1),
    python: values.python,
    threads: int('threads', values.threads, 1),
  };
}
