// Lint rules, including the import boundaries between layers (see docs/ARCHITECTURE.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (files, patterns, message) => ({
  files,
  ignores: ['**/*.test.ts'],
  rules: {
    'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
  },
});

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'dist-bench/',
      'web/vite.config.ts',
      'web/vitest.config.ts',
      'node_modules/',
      'data/',
      'bin/',
      'web/dist/',
      'web/generated/',
      'bench/results/',
      'eslint.config.js',
    ],
  },
  js.configs.recommended,
  { files: ['**/*.tsx'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  layer(
    ['src/domain/**/*.ts'],
    [
      'node:*',
      'kysely',
      'pg',
      'better-sqlite3',
      'react',
      'hono',
      '**/storage/**',
      '**/services/**',
      '**/cli/**',
      '**/api/**',
      '**/ingest/**',
      '**/synth/**',
      '**/config.js',
    ],
    'domain/ is pure: it imports nothing from other layers, node, the database or HTTP.',
  ),
  layer(
    ['src/synth/**/*.ts'],
    ['kysely', 'pg', 'better-sqlite3', '**/storage/**', '**/services/**', '**/cli/**', '**/api/**'],
    'synth/ is a pure generator: it may import domain/ only.',
  ),
  layer(
    ['src/storage/**/*.ts', 'src/ingest/**/*.ts'],
    ['**/services/**', '**/cli/**', '**/api/**'],
    'storage/ and ingest/ sit below services/: they never import services, cli or api.',
  ),
  layer(['src/services/**/*.ts'], ['**/cli/**', '**/api/**'], 'services/ never import cli/ or api/.'),
  // api/ never imports cli/; wings have one door: api and cli enter a wing of services/ by its index.ts only.
  ...[
    ['src/api/**/*.ts', [{ group: ['**/cli/**'], message: 'api/ never imports cli/.' }]],
    ['src/cli/**/*.ts', []],
  ].map(([glob, own]) => ({
    files: [glob],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...own,
            {
              group: ['**/services/*/*', '!**/services/*/index.js'],
              message: 'Enter a wing of services/ by its door (services/<wing>/index.js).',
            },
          ],
        },
      ],
    },
  })),
  {
    // The storage wall: queries live in src/storage/ repositories; above it only Kysely's types are used.
    files: ['src/services/**/*.ts', 'src/api/**/*.ts', 'src/cli/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'kysely',
              allowTypeImports: true,
              message:
                'Queries belong in src/storage/ repositories: services, api and cli import only Kysely types.',
            },
          ],
        },
      ],
    },
  },
  {
    // Role rules live in web/src/app/roles.ts: pages ask its predicates and never compare roles themselves.
    files: ['web/src/**/*.ts', 'web/src/**/*.tsx'],
    ignores: ['web/src/app/roles.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "BinaryExpression[operator=/^[!=]==?$/] > MemberExpression[property.name='role']",
          message: 'Ask web/src/app/roles.ts (canSeeNames, canImport, …) instead of comparing roles here.',
        },
      ],
    },
  },
);
