/**
 * vitest global setup: one fixture directory per run for the demo templates (demo-fixtures.ts), given to the
 * test processes with provide(); at the end of the run, the directory and the PostgreSQL template databases named
 * in it (the migrated template and the suites' databases of stores.ts, the demo templates of demo-fixtures.ts) are
 * removed.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { PG_DROP_PREFIX, PG_URL_VAR } from './stores.js';

export default function setup(project: TestProject): () => Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'trayecto-fixtures-'));
  project.provide('demoFixtureDir', dir);
  return async () => {
    const files = readdirSync(dir);
    const databases = [
      ...files
        .filter((f) => (f.startsWith('postgres-') || f.startsWith('pgdb-')) && f.endsWith('.json'))
        .map((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { database: string }).database),
      // The suites' databases, disposed during the run (stores.ts).
      ...files
        .filter((f) => f.startsWith(PG_DROP_PREFIX) && f.endsWith('.txt'))
        .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n')),
    ].filter((d) => /^[a-z_][a-z0-9_]*$/.test(d));
    const url = process.env[PG_URL_VAR]?.trim();
    if (databases.length > 0 && url) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        for (const d of databases) await client.query(`drop database if exists ${d} with (force)`);
      } finally {
        await client.end();
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
}
