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
  },
});
