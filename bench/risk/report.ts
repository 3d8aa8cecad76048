/** Model rows, the printed side-by-side table and the JSON record of the risk benchmark. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderTable } from '../lib/report.js';
import { summarize, type Timing } from '../lib/stats.js';

export interface FoldMetrics {
  readonly roc_auc: number;
  readonly pr_auc: number;
  readonly brier: number;
  readonly trainWallMs: number;
  readonly trainCpuMs: number;
}

export interface ModelResult {
  readonly id: string;
  readonly label: string;
  readonly side: 'trayecto' | 'scikit-learn';
  /** Means over folds (of the last repeat; the models are deterministic for their seed). */
  readonly roc_auc: number;
  readonly pr_auc: number;
  readonly brier: number;
  readonly perFoldRocAuc: readonly number[];
  /** Training time of a whole cross-validation (sum over folds), over repeats. */
  readonly trainWallMs: Timing;
  readonly trainCpuMs: Timing;
}

const mean = (xs: readonly number[]) => xs.reduce((s, v) => s + v, 0) / Math.max(1, xs.length);

export function modelRow(
  id: string,
  label: string,
  side: ModelResult['side'],
  repeats: readonly (readonly FoldMetrics[])[],
): ModelResult {
  const last = repeats[repeats.length - 1] ?? [];
  const sum = (folds: readonly FoldMetrics[], key: 'trainWallMs' | 'trainCpuMs') =>
    folds.reduce((s, f) => s + f[key], 0);
  return {
    id,
    label,
    side,
    roc_auc: mean(last.map((f) => f.roc_auc)),
    pr_auc: mean(last.map((f) => f.pr_auc)),
    brier: mean(last.map((f) => f.brier)),
    perFoldRocAuc: last.map((f) => f.roc_auc),
    trainWallMs: summarize(repeats.map((r) => sum(r, 'trainWallMs'))),
    trainCpuMs: summarize(repeats.map((r) => sum(r, 'trainCpuMs'))),
  };
}

const sec = (t: Timing) =>
  t.runsMs.length === 1
    ? `${(t.medianMs / 1000).toFixed(2)} s`
    : `${(t.medianMs / 1000).toFixed(2)} s (${(t.minMs / 1000).toFixed(2)}–${(t.maxMs / 1000).toFixed(2)})`;

export function renderModels(models: readonly ModelResult[], bestSklearn: string | null): string {
  return renderTable(
    ['model', 'ROC-AUC', 'PR-AUC', 'Brier', 'train (wall)', 'train (CPU)', ''],
    models.map((m) => [
      m.id,
      m.roc_auc.toFixed(4),
      m.pr_auc.toFixed(4),
      m.brier.toFixed(4),
      sec(m.trainWallMs),
      sec(m.trainCpuMs),
      m.id === bestSklearn ? 'best scikit-learn' : '',
    ]),
  );
}

export function writeRiskRecord(root: string, startedAt: Date, record: unknown): string[] {
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = startedAt
    .toISOString()
    .replace(/:/g, '-')
    .replace(/\.\d+Z$/, 'Z');
  const files = [join(dir, `risk-${stamp}.json`), join(dir, 'risk-latest.json')];
  const text = `${JSON.stringify(record, null, 2)}\n`;
  for (const f of files) writeFileSync(f, text);
  return files;
}
