/**
 * The browser tests' demo databases, generated once per run instead of once per stack: the global setup
 * (global-setup.ts) builds the demo at DEMO_SCALE and a copy of it with the active students scored, and every
 * stack (harness.ts) copies the one it needs. Without the global setup (a stack started some other way) the
 * stack generates its own, as before.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
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

async function score(file: string): Promise<void> {
  const store = openStore({ dialect: 'sqlite', file });
  try {
    await runScoring(store.db, {});
    // Everything in the main file, so that copying the file alone copies the scores.
    store.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    await store.close();
  }
}

/** Builds the run's two templates in `dir`: the demo, and the demo with the active students scored (rules only). */
export async function buildDemoTemplates(dir: string): Promise<void> {
  await generate(templateFile(dir, false), false);
  copyFileSync(templateFile(dir, false), templateFile(dir, true));
  await score(templateFile(dir, true));
}

/**
 * Writes a stack's demo database to `file` (a path that does not exist yet): the run's template copied, or
 * generated here when the global setup built none. `scored`: the active students' semáforo stored, as after
 * `trayecto risk score`.
 */
export async function writeDemo(file: string, scored: boolean): Promise<void> {
  const dir = process.env[DEMO_TEMPLATE_DIR_VAR];
  if (dir) copyFileSync(templateFile(dir, scored), file);
  else await generate(file, scored);
}
