/**
 * The browser tests' demo databases, generated once per run instead of once per stack: the global setup
 * (global-setup.ts) builds the demo at DEMO_SCALE and a copy of it with the active students scored and the
 * national pages' analyses stored, and every stack (harness.ts) copies the one it needs. Without the global
 * setup's templates (a stack started some other way) the stack generates its own, as before.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { pseudonymSecret } from '../../src/services/accounts/index.js';
import { analysisRunner, defaultAnalyses } from '../../src/services/analyses/index.js';
import { DEFAULT_SEED, generateDemo } from '../../src/services/operations/index.js';
import { runScoring } from '../../src/services/risk/index.js';
import { openStore } from '../../src/storage/db.js';

export const DEMO_SCALE = 0.01;
/** The run's template directory, set by the global setup for the test processes. */
export const DEMO_TEMPLATE_DIR_VAR = 'TRAYECTO_E2E_DEMO_DIR';

const templateFile = (dir: string, scored: boolean) => join(dir, scored ? 'demo-scored.db' : 'demo.db');

async function generate(file: string, scored: boolean): Promise<void> {
  await generateDemo({
    target: { dialect: 'sqlite', file },
    seed: DEFAULT_SEED,
    scale: DEMO_SCALE,
    force: false,
  });
  if (scored) await score(file);
}

/**
 * Scores the active students and, with `analyses`, stores what the national pages ask first (Efectos,
 * Escenarios, Generaciones: the defaults a server keeps computed, services/analyses keepComputed), as a server
 * that has run a while has them: the scored stacks (a11y.test.ts, english.test.ts…) open these pages without
 * each computing the national effects again in the test's own thread. Computing on first open is tested
 * where it is the subject (src/api/analyses.test.ts, src/services/analyses/).
 */
async function score(file: string, analyses = false): Promise<void> {
  const store = openStore({ dialect: 'sqlite', file });
  try {
    await runScoring(store.db, {});
    if (analyses) {
      // The secret a first start stores (api/server.ts apiDeps): stored later, it would move the data version
      // (dataset_meta) and leave every stored analysis stale.
      await pseudonymSecret(store.db, null);
      const runner = analysisRunner(store, { workerUrl: null });
      for (const req of await defaultAnalyses(store)) await runner.get(req);
    }
    // Everything in the main file, so that copying the file alone copies the scores.
    store.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    await store.close();
  }
}

/**
 * Builds the run's two templates in `dir`: the demo, and the demo with the active students scored (rules only)
 * and the national pages' default analyses stored.
 */
export async function buildDemoTemplates(dir: string): Promise<void> {
  await generate(templateFile(dir, false), false);
  copyFileSync(templateFile(dir, false), templateFile(dir, true));
  await score(templateFile(dir, true), true);
}

/**
 * Writes a stack's demo database to `file` (a path that does not exist yet): the run's template copied, or
 * generated here when the global setup built none. `scored`: the active students' semáforo stored, as after
 * `trayecto risk score` (and, copied from the template, the national pages' default analyses).
 */
export async function writeDemo(file: string, scored: boolean): Promise<void> {
  const dir = process.env[DEMO_TEMPLATE_DIR_VAR];
  if (dir) copyFileSync(templateFile(dir, scored), file);
  else await generate(file, scored);
}
