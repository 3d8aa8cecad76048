/**
 * Once per browser-test run: a fresh directory for the server logs of every stack (harness.ts writes there;
 * server-logs.test.ts, sequenced last, scans them for personal data). Kept after the run for inspection, under
 * the system's temporary directory.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where every stack of the run writes its server log (harness.ts), scanned by server-logs.test.ts. */
export const SERVER_LOG_DIR_VAR = 'TRAYECTO_E2E_SERVER_LOG_DIR';

export default function setup(): void {
  process.env[SERVER_LOG_DIR_VAR] = mkdtempSync(join(tmpdir(), 'trayecto-server-logs-'));
}
