/**
 * vitest global setup: one fixture directory per run for the demo templates (demo-fixtures.ts), given to the
 * test processes with provide(); at the end of the run, the directory and the PostgreSQL template schemas named
 * in it are removed.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { PG_URL_VAR } from './stores.js';

export default function setup(project: TestProject): () => Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'trayecto-fixtures-'));
  project.provide('demoFixtureDir', dir);
  return async () => {
    const schemas = readdirSync(dir)
      .filter((f) => f.startsWith('postgres-') && f.endsWith('.json'))
      .map((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { schema: string }).schema)
      .filter((s) => /^[a-z_][a-z0-9_]*$/.test(s));
    const url = process.env[PG_URL_VAR]?.trim();
    if (schemas.length > 0 && url) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        for (const s of schemas) await client.query(`drop schema if exists ${s} cascade`);
      } finally {
        await client.end();
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
}
