/** The printed table and the JSON record of a benchmark run. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CalibrationFit } from './calibration.js';
import type { Timing } from './stats.js';

export type Verdict = 'pass' | 'fail' | 'n/a' | null;

export interface TableRow {
  readonly metric: string;
  readonly value: string;
  readonly target: string;
  readonly reference: string;
  readonly verdict: Verdict;
}

export const ms = (v: number): string =>
  v < 10 ? `${v.toFixed(2)} ms` : v < 1000 ? `${v.toFixed(1)} ms` : `${(v / 1000).toFixed(2)} s`;

/** Decimal units, as the targets are stated (4 GB = 4 × 10⁹ bytes). */
export const bytes = (v: number): string =>
  v >= 1e9 ? `${(v / 1e9).toFixed(2)} GB` : `${(v / 1e6).toFixed(1)} MB`;

export const timing = (t: Timing): string =>
  t.runsMs.length === 1 ? ms(t.medianMs) : `${ms(t.medianMs)} (${ms(t.minMs)}–${ms(t.maxMs)})`;

const mark = (v: Verdict): string => (v === 'pass' ? '✓' : v === 'fail' ? '✗' : v === 'n/a' ? 'n/a' : '');

export const verdict = (ok: boolean): Verdict => (ok ? 'pass' : 'fail');

export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function renderResults(rows: readonly TableRow[]): string {
  return renderTable(
    ['metric', 'value', 'target', 'reference', 'verdict'],
    rows.map((r) => [r.metric, r.value, r.target, r.reference, mark(r.verdict)]),
  );
}

const num = (v: number | null, digits: number): string =>
  v === null
    ? '—'
    : v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function renderCalibration(fit: CalibrationFit): string {
  const table = renderTable(
    ['target', 'published', 'expected at scale', 'computed', 'difference', 'tolerance', 'verdict'],
    fit.rows.map((r) => {
      const d = r.kind === 'rate' ? 2 : 0;
      const diff =
        r.difference === null
          ? '—'
          : r.kind === 'rate'
            ? `${r.difference >= 0 ? '+' : ''}${num(r.difference, 2)} pp`
            : `${r.difference >= 0 ? '+' : ''}${num(r.difference, 0)} (${num(r.differencePct, 2)} %)`;
      return [
        r.target,
        num(r.published, d),
        num(r.expected, d),
        num(r.computed, d),
        diff,
        r.tolerance,
        mark(verdict(r.pass)),
      ];
    }),
  );
  const c = fit.correlation;
  const corr =
    `campus dropout ${c.schoolYear}, generated vs published (matched by CCT): ` +
    `Pearson r = ${num(c.pearson, 3)} ` +
    `over ${c.campusesCompared} campuses (target ≥ ${c.target}) ${mark(verdict(c.pass))}; ` +
    `mean |difference| ${num(c.meanAbsoluteDifferencePp, 2)} pp; ` +
    `${c.publishedWithoutGenerated} published campuses without a generated rate`;
  const extra = fit.notChecked.length ? `\nnot checked: ${fit.notChecked.join(', ')}` : '';
  return `${table}\n${corr}${extra}`;
}

/** Writes the record as bench/results/core-<timestamp>.json and bench/results/core-latest.json. */
export function writeRecord(root: string, startedAt: Date, record: unknown): string[] {
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = startedAt
    .toISOString()
    .replace(/:/g, '-')
    .replace(/\.\d+Z$/, 'Z');
  const files = [join(dir, `core-${stamp}.json`), join(dir, 'core-latest.json')];
  const text = `${JSON.stringify(record, null, 2)}\n`;
  for (const f of files) writeFileSync(f, text);
  return files;
}
