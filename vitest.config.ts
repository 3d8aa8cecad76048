import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Two projects: the pure domain tests (src/domain: no database, no files, no environment; their only
 * module-level state is constants and a memo of compiled patterns) share one module graph per worker
 * (isolate: false, about half their CPU time: imports once instead of once per file; every one of them passed
 * that way in shuffled orders on one and two workers), and everything else, each file in a fresh module graph.
 */
const DOMAIN = 'src/domain/**/*.test.ts';

export default defineConfig({
  test: {
    // vitest's default for `run` is one worker fewer than the cores: a single worker on CI's 2 cores, which left
    // the second core idle whenever a suite waited on PostgreSQL, a child process or a worker thread (the Node 24
    // step took as long as the sum of its files). One worker per core, and never fewer than two.
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      {
        test: {
          name: 'domain',
          include: [DOMAIN],
          pool: 'forks',
          isolate: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'main',
          include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'],
          // The browser tests need the built app and Chromium: `npm run test:browser` runs them.
          exclude: [...configDefaults.exclude, 'e2e/browser/**', DOMAIN],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One fixture directory per run: demo databases generated once and copied per suite (src/test-support).
          globalSetup: ['src/test-support/global-setup.ts'],
          pool: 'forks',
          fileParallelism: true,
        },
      },
    ],
  },
});
