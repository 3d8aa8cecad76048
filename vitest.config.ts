import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'],
    // The browser tests need the built app and Chromium: `npm run test:browser` runs them.
    exclude: [...configDefaults.exclude, 'e2e/browser/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One fixture directory per run: demo databases generated once and copied per suite (src/test-support).
    globalSetup: ['src/test-support/global-setup.ts'],
    pool: 'forks',
    fileParallelism: true,
    // vitest's default for `run` is one worker fewer than the cores: a single worker on CI's 2 cores, which left
    // the second core idle whenever a suite waited on PostgreSQL, a child process or a worker thread (the Node 24
    // step took as long as the sum of its files). One worker per core, and never fewer than two.
    maxWorkers: Math.max(2, availableParallelism()),
  },
});
