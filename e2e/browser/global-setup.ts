/**
 * Once per browser-test run: a fresh directory for the server logs of every stack (harness.ts writes there;
 * server-logs.test.ts, sequenced last, scans them for personal data), kept after the run for inspection, under
 * the system's temporary directory; or the directory already named by TRAYECTO_E2E_SERVER_LOG_DIR, when runs
 * share one (CI runs a11y.test.ts beside the other files, then server-logs.test.ts over the logs of both). And
 * the run's demo databases (demo-template.ts), generated once here and copied by every stack; removed at the
 * end of the run. A run that starts no stack (CI's scan of the logs alone) sets TRAYECTO_E2E_NO_DEMO=1.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDemoTemplates, DEMO_TEMPLATE_DIR_VAR } from './demo-template.js';

/** Where every stack of the run writes its server log (harness.ts), scanned by server-logs.test.ts. */
export const SERVER_LOG_DIR_VAR = 'TRAYECTO_E2E_SERVER_LOG_DIR';

export default async function setup(): Promise<() => void> {
  const logDir = process.env[SERVER_LOG_DIR_VAR];
  if (logDir) mkdirSync(logDir, { recursive: true });
  else process.env[SERVER_LOG_DIR_VAR] = mkdtempSync(join(tmpdir(), 'trayecto-server-logs-'));
  if (process.env.TRAYECTO_E2E_NO_DEMO === '1') return () => {};
  const demoDir = mkdtempSync(join(tmpdir(), 'trayecto-browser-demo-'));
  try {
    await buildDemoTemplates(demoDir);
  } catch (e) {
    rmSync(demoDir, { recursive: true, force: true });
    throw e;
  }
  process.env[DEMO_TEMPLATE_DIR_VAR] = demoDir;
  return () => rmSync(demoDir, { recursive: true, force: true });
}
