/**
 * The analysis worker script (services/analyses/worker.ts) bundled for a test run: the tests run from
 * TypeScript, where the runner finds no compiled worker.js and would compute in the HTTP thread. Each caller
 * gets its own file (removed by the returned function).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'rolldown';

const ROOT = new URL('../..', import.meta.url).pathname;
const BUNDLE_DIR = join(ROOT, 'node_modules', '.trayecto-e2e');

export async function bundleAnalysisWorker(
  name: string,
): Promise<{ readonly url: URL; readonly remove: () => void }> {
  mkdirSync(BUNDLE_DIR, { recursive: true });
  const file = join(BUNDLE_DIR, `${name}-${process.pid}.mjs`);
  await build({
    input: join(ROOT, 'src', 'services', 'analyses', 'worker.ts'),
    platform: 'node',
    external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
    output: { file, format: 'esm' },
    write: true,
    logLevel: 'silent',
  });
  return { url: pathToFileURL(file), remove: () => rmSync(file, { force: true }) };
}
