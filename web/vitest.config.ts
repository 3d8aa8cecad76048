import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit tests of the web app's pure shaping and formatting functions, and of components rendered to markup by
// react-dom/server (*.test.tsx): node environment, no DOM.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
    // One worker per core, at least two (vitest's default leaves one of CI's 2 cores idle; see ../vitest.config.ts).
    maxWorkers: Math.max(2, availableParallelism()),
    // CSS modules are processed (an unknown class name is undefined, not a made-up one) with stable names;
    // styles.css?raw is read as text by styles.test.ts (the other plain CSS imports stay empty).
    css: { include: [/\.module\.css$/, /styles\.css\?raw$/], modules: { classNameStrategy: 'stable' } },
  },
});
