/** Runs bench/risk/sklearn_cv.py with the folds of the TypeScript side; detects a usable scikit-learn first. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const SKLEARN_MODELS = ['gbc', 'hgb', 'logistic'] as const;
export type SklearnModel = (typeof SKLEARN_MODELS)[number];

export interface SklearnFold {
  readonly roc_auc: number;
  readonly pr_auc: number;
  readonly brier: number;
  readonly train_wall_s: number;
  readonly train_cpu_s: number;
}

export interface SklearnRun {
  readonly sklearn: string;
  readonly numpy: string;
  readonly python: string;
  readonly models: Record<SklearnModel, SklearnFold[]>;
}

const env = (threads: number) => ({
  ...process.env,
  OMP_NUM_THREADS: String(threads),
  OPENBLAS_NUM_THREADS: String(threads),
  MKL_NUM_THREADS: String(threads),
});

/** The scikit-learn version, or why it cannot be used. */
export function probeSklearn(python: string): { ok: true; version: string } | { ok: false; reason: string } {
  const r = spawnSync(python, ['-c', 'import sklearn, numpy; print(sklearn.__version__)'], {
    encoding: 'utf8',
  });
  if (r.error) return { ok: false, reason: `${python} cannot be run (${r.error.message})` };
  if (r.status !== 0)
    return {
      ok: false,
      reason: `${python} has no scikit-learn (${r.stderr.trim().split('\n').pop() ?? ''}); on Debian: apt install python3-sklearn`,
    };
  return { ok: true, version: r.stdout.trim() };
}

export function runSklearn(
  root: string,
  python: string,
  threads: number,
  request: { X: number[][]; y: number[]; fold: number[]; seed: number; models: readonly SklearnModel[] },
): SklearnRun {
  const r = spawnSync(python, [join(root, 'bench', 'risk', 'sklearn_cv.py')], {
    input: JSON.stringify(request),
    encoding: 'utf8',
    env: env(threads),
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`sklearn_cv.py exited ${r.status}:\n${r.stderr}`);
  return JSON.parse(r.stdout) as SklearnRun;
}
