/**
 * Every repository has its own test: a source in src/storage/ (top level) without a sibling `<name>.test.ts`
 * fails this test, unless it is named below with the reason. Subfolders (imports/, interventions/) are
 * repositories of one wing each, tested by the folder's own suite.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const DIR = import.meta.dirname;

/** Sources without a sibling test, and why. */
const WITHOUT_OWN_TEST: Readonly<Record<string, string>> = {
  'schema.ts': 'types only (the tables as Kysely sees them): nothing runs',
  'db.ts':
    'opens the connection and runs the migrator: migrated.test.ts, indexes.test.ts and every describeEachDialect suite',
  'risk-models.ts':
    'rule sets and models: risk-store.test.ts, one small world for the risk repositories and the scores they produce',
  'risk-scores.ts':
    'stored scores: risk-store.test.ts (replace within a campus, state or students; history; flag counts)',
};

/** The top-level sources of src/storage/ that have no sibling test file. */
export function untested(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter(
      (e) => e.isFile() && /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) && !/\.d\.ts$/.test(e.name),
    )
    .map((e) => e.name)
    .filter((name) => !existsSync(join(dir, name.replace(/\.ts$/, '.test.ts'))))
    .sort();
}

it('finds a sibling test for every storage source but those named with their reason', () => {
  expect(untested(DIR)).toEqual(Object.keys(WITHOUT_OWN_TEST).sort());
  expect(existsSync(join(DIR, 'risk-store.test.ts'))).toBe(true);
});

it('would see a source without a test', () => {
  expect(untested(join(DIR, 'migrations')).length).toBeGreaterThan(10);
});
