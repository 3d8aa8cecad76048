/**
 * Section 2 of `npm run bench:risk`: scoring all active students of the national demo (rules + the latest
 * trained model, exactly what `currentRisk` does for every caller) in ≤ 2 s.
 *
 * The full-scale database (TRAYECTO_RISK_BENCH_DB, default data/bench/api.db, 1.67 M students): scoring only
 * reads, but opening the store runs pending migrations (the risk tables), so point it at a copy
 * (data/<you>/api.db) when the original must stay untouched. Without a trained
 * model the run measures the rules alone and says so.
 *
 * Runs in a child process (node dist-bench/bench/risk/scoring.js DB) so that the synchronous benchmark main
 * can call it: `scoringSection` returns the JSON record and the table rows.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrateToLatest, openStore } from '../../src/storage/db.js';
import { currentRisk, latestModel } from '../../src/services/risk/index.js';
import { waitForQuiet } from '../api/quiet.js';
import type { TableRow } from '../lib/report.js';

export const SCORING_TARGET_MS = 2000;

export interface ScoringRecord {
  readonly status: 'measured' | 'skipped';
  readonly database?: string;
  readonly note?: string;
  readonly students?: number;
  readonly withProbability?: number;
  readonly modelVersion?: number | null;
  readonly byFlag?: Record<string, number>;
  /** Wall clock and CPU of each repeat (ms), after one unmeasured warm-up. */
  readonly wallMs?: number[];
  readonly cpuMs?: number[];
  readonly medianWallMs?: number;
  readonly medianCpuMs?: number;
  /** The same scoring on one thread (`threads: 1`), as the reference of the parallel default. */
  readonly oneThread?: {
    readonly wallMs: number[];
    readonly medianWallMs: number;
    readonly medianCpuMs: number;
  };
  /** Threads the default used (this one plus workers): the cores, at most 4. */
  readonly threads?: number;
  /** Whether the machine was quiet when measuring began (see bench/api/quiet.ts). */
  readonly quiet?: { readonly quiet: boolean; readonly waitedMs: number; readonly load1: number };
  readonly loadAverage?: number[];
}

const median = (v: readonly number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

async function measure(file: string, repeats: number): Promise<ScoringRecord> {
  // Section 1 has just run scikit-learn in other processes: wait for their load to settle (bounded).
  const quiet = await waitForQuiet(
    'scoring',
    120_000,
    (t) => process.stderr.write(`${t}\n`),
    undefined,
    5000,
  );
  const store = openStore({ dialect: 'sqlite', file });
  try {
    await migrateToLatest(store.db);
    const model = await latestModel(store.db);
    await currentRisk(store.db, {}); // warm-up: page cache, statement cache, parsed model
    const wallMs: number[] = [];
    const cpuMs: number[] = [];
    let last = new Map<number, { flag: string; probability: number | null }>();
    for (let i = 0; i < repeats; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      last = await currentRisk(store.db, {});
      wallMs.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpuMs.push((c.user + c.system) / 1000);
    }
    const oneWall: number[] = [];
    const oneCpu: number[] = [];
    for (let i = 0; i < repeats; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const single = await currentRisk(store.db, {}, { threads: 1 });
      oneWall.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      oneCpu.push((c.user + c.system) / 1000);
      if (single.size !== last.size)
        throw new Error(`one thread scored ${single.size}, threads ${last.size}`);
    }
    const byFlag: Record<string, number> = {};
    let withProbability = 0;
    for (const r of last.values()) {
      byFlag[r.flag] = (byFlag[r.flag] ?? 0) + 1;
      if (r.probability !== null) withProbability++;
    }
    return {
      status: 'measured',
      database: file,
      students: last.size,
      withProbability,
      modelVersion: model?.version ?? null,
      byFlag,
      wallMs,
      cpuMs,
      medianWallMs: median(wallMs),
      medianCpuMs: median(cpuMs),
      threads: Math.min(4, availableParallelism()),
      quiet: { quiet: quiet.quiet, waitedMs: quiet.waitedMs, load1: quiet.load1 },
      oneThread: { wallMs: oneWall, medianWallMs: median(oneWall), medianCpuMs: median(oneCpu) },
      loadAverage: loadavg(),
      ...(model ? {} : { note: 'no trained model in this database: rules only (run `trayecto risk train`)' }),
    };
  } finally {
    await store.close();
  }
}

/**
 * Runs the measurement in a child process on TRAYECTO_RISK_BENCH_DB (default data/bench/api.db, relative to
 * the repository root); a missing database gives a 'skipped' record.
 */
export function scoringSection(root: string, repeats: number): { record: ScoringRecord; rows: TableRow[] } {
  const file = resolve(root, process.env.TRAYECTO_RISK_BENCH_DB ?? 'data/bench/api.db');
  if (!existsSync(file))
    return {
      record: {
        status: 'skipped',
        database: file,
        note: `no database at ${file} (npm run bench:api builds it)`,
      },
      rows: [],
    };
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), file, String(repeats)], {
    encoding: 'utf8',
    maxBuffer: 16 << 20,
  });
  const record = JSON.parse(out) as ScoringRecord;
  const wall = record.medianWallMs ?? NaN;
  const rows: TableRow[] = [
    {
      metric: `scoring all active students (${record.students ?? 0}, model ${record.modelVersion ?? 'none'}), median wall`,
      value: `${(wall / 1000).toFixed(2)} s (CPU ${((record.medianCpuMs ?? NaN) / 1000).toFixed(2)} s)`,
      target: `≤ ${SCORING_TARGET_MS / 1000} s`,
      reference:
        `${record.threads ?? '?'} threads (CPU of all); one thread ` +
        `${((record.oneThread?.medianWallMs ?? NaN) / 1000).toFixed(2)} s; ` +
        `load ${(record.loadAverage ?? []).map((v) => v.toFixed(1)).join(' ')}`,
      verdict: wall <= SCORING_TARGET_MS ? 'pass' : 'fail',
    },
  ];
  return { record, rows };
}

// Child process entry point: node scoring.js DB [REPEATS] → one JSON record on stdout.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file = 'data/bench/api.db', repeats = '3'] = process.argv.slice(2);
  const record = await measure(file, Math.max(1, Number(repeats) || 3));
  process.stdout.write(`${JSON.stringify(record)}\n`);
}
