/**
 * The door of the analysis runner: heavy analyses in worker threads, cached by data version and stored, and
 * computed again for the pages' default parameters whenever the data change (runner.ts).
 */
import { contentVersion } from '../../storage/data-version.js';
import { sharedTarget, type Store } from '../../storage/db.js';
import { flowYears } from '../../storage/flow-queries.js';
import { unitScope, type WhatIfParams } from './catalog.js';
import { inputVersions } from './inputs.js';
import { AnalysisRunner, type AnalysisRequest } from './runner.js';

export { AnalysisRunner } from './runner.js';
export type { AnalysisAnswer, AnalysisRequest, JobView, RunnerStatus } from './runner.js';
export { effectsParams, unitScope, ANALYSES } from './catalog.js';
export type { AnalysisName, AnalysisResults, CohortParams, EffectsParams, WhatIfParams } from './catalog.js';

/** The compiled worker; under a TypeScript runner (tests) there is none and analyses run in this thread. */
const DEFAULT_WORKER = import.meta.url.endsWith('.js') ? new URL('./worker.js', import.meta.url) : null;

export interface RunnerSetup {
  /** The worker script (default: worker.js compiled next to this module; null: none). */
  readonly workerUrl?: URL | null;
  readonly waitMs?: number;
  readonly concurrency?: number;
  readonly log?: (entry: Record<string, unknown>) => void;
}

export function analysisRunner(store: Store, setup: RunnerSetup = {}): AnalysisRunner {
  return new AnalysisRunner({
    db: store.db,
    version: inputVersions(store),
    target: sharedTarget(store.db),
    workerUrl: setup.workerUrl === undefined ? DEFAULT_WORKER : setup.workerUrl,
    ...(setup.waitMs !== undefined ? { waitMs: setup.waitMs } : {}),
    ...(setup.concurrency !== undefined ? { concurrency: setup.concurrency } : {}),
    ...(setup.log ? { log: setup.log } : {}),
  });
}

/** The scenario the Escenarios page opens with: 2022-2025 when in the data, else the latest generation. */
export const DEFAULT_WHATIF: Omit<WhatIfParams, 'generation'> = { changes: [{ semester: 1, change: -0.2 }] };

/**
 * What the pages ask first, for the national unit: each generation's cohort table (Generaciones compares
 * them all), the opening scenario and the effects of every kind, in the order they are computed.
 */
export async function defaultAnalyses(store: Store): Promise<AnalysisRequest[]> {
  const years = await flowYears(store.db);
  const entries = years.map((y) => Number(y.slice(0, 4)));
  const generations = entries.filter((y) => years.includes(`${y + 1}-${y + 2}`)).map((y) => `${y}-${y + 3}`);
  const national = unitScope({ userId: 0, role: 'national', stateId: null, campusId: null, groups: [] });
  const scenario = generations.includes('2022-2025') ? '2022-2025' : generations.at(-1);
  // The quick ones first (the cohort tables, the scenario), the effects last: with one analysis computed at a
  // time, Generaciones and Escenarios never wait behind Efectos.
  return [
    ...entries
      .filter((y) => years.includes(`${y + 2}-${y + 3}`))
      .map((y) => ({ name: 'cohort' as const, params: { generation: `${y}-${y + 3}` }, scope: null })),
    ...(scenario
      ? [{ name: 'whatif' as const, params: { generation: scenario, ...DEFAULT_WHATIF }, scope: national }]
      : []),
    { name: 'effects', params: {}, scope: national },
  ];
}

/**
 * Keeps the defaults computed: now (a start with stale or missing results) and whenever the data version
 * moves (an import, a generation, a record change). Returns a stop function.
 */
export function keepComputed(
  runner: AnalysisRunner,
  store: Store,
  log: (entry: Record<string, unknown>) => void,
  intervalMs = 5_000,
): () => void {
  const version = contentVersion(store);
  let seen: string | null = null;
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const v = await version();
      if (v === seen) return;
      seen = v;
      const started = await runner.refresh(await defaultAnalyses(store));
      if (started > 0) log({ level: 'info', event: 'analyses_refresh', jobs: started });
    } catch (e) {
      log({
        level: 'warn',
        event: 'analyses_refresh_failed',
        error: e instanceof Error ? e.message : String(e),
      });
    } finally {
      busy = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
