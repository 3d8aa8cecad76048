/**
 * The browser tests (npm run test:browser, after npm run build): one file at a time, one Chromium, generous
 * timeouts. The default `vitest run` leaves them out (see the root vitest.config.ts).
 */
import { fileURLToPath } from 'node:url';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/** The default order, except that the scan of the server logs runs after every other browser test. */
class LogScanLast extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const last = (f: TestSpecification) => f.moduleId.endsWith('server-logs.test.ts');
    return [...sorted.filter((f) => !last(f)), ...sorted.filter(last)];
  }
}

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['e2e/browser/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
    globalSetup: ['e2e/browser/global-setup.ts'],
    sequence: { sequencer: LogScanLast },
  },
});
