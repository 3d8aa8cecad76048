/**
 * Planner statistics after a bulk load (dialect.ts analyze) cover the store's own tables, and on PostgreSQL only
 * them: a bare ANALYZE sampled every schema of the database (the test database holds one per suite), which made
 * most of the time of a small demo's generation there.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { buildPlaces } from '../test-support/small-world.js';
import { describeEachDialect } from '../test-support/stores.js';
import { dialectAdapter } from './dialect.js';

describeEachDialect('analyze after a bulk load', ({ dialect, store }) => {
  it("gathers the statistics of the store's tables (and, on PostgreSQL, of no other schema's)", async () => {
    const s = store();
    await buildPlaces(s.db);
    const other = `x_${randomBytes(6).toString('hex')}`;
    if (dialect === 'postgres') {
      // Ten rows: below autovacuum's analyze threshold (50), so only an ANALYZE of this schema counts them.
      await sql`create schema ${sql.id(other)}`.execute(s.db);
      await sql`create table ${sql.id(other, 'elsewhere')} as select generate_series(1, 10) as n`.execute(
        s.db,
      );
    }
    try {
      await dialectAdapter(dialect).analyze(s);
      if (dialect === 'sqlite') {
        const stats = await sql<{ tbl: string }>`select tbl from sqlite_stat1`.execute(s.db);
        expect(stats.rows.map((r) => r.tbl)).toContain('campuses');
        return;
      }
      // reltuples is -1 until a table has been analyzed (or vacuumed).
      const tuples = await sql<{ schema: string; reltuples: number }>`
        select n.nspname as schema, c.reltuples from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where (n.nspname = current_schema() and c.relname = 'campuses')
           or (n.nspname = ${other} and c.relname = 'elsewhere')`.execute(s.db);
      const bySchema = new Map(tuples.rows.map((r) => [r.schema === other ? 'other' : 'own', r.reltuples]));
      expect(bySchema.get('own')).toBe(2);
      expect(bySchema.get('other')).toBe(-1);
    } finally {
      if (dialect === 'postgres') await sql`drop schema ${sql.id(other)} cascade`.execute(s.db);
    }
  });
});
