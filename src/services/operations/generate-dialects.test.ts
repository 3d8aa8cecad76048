/**
 * A generated demo is the same on both dialects: every table the generator writes, and the flow counts built
 * from them, hold the same rows on PostgreSQL (bulk loads as unnest arrays, storage/bulk.ts) as on SQLite
 * (prepared multi-row INSERTs), compared as order-independent digests of their rows. Reals are compared as the
 * 4-byte floats PostgreSQL's `real` keeps (SQLite keeps the 8-byte double the generator gave).
 */
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { digestRows, type TableChecksum } from '../../storage/checksums.js';
import { SYNTH_COLUMNS } from '../../synth/tables.js';
import { describeEachDialect } from '../../test-support/stores.js';
import { loadDemo } from './generate-demo.js';

const TABLES = [...Object.keys(SYNTH_COLUMNS), 'flow_counts'];

/** Numbers with a fraction as 4-byte floats (the generated tables have no bigint column). */
function normalized(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    out[k] = typeof v === 'number' && !Number.isInteger(v) ? Math.fround(v) : v;
  }
  return out;
}

const digests = new Map<string, Record<string, TableChecksum>>();

describeEachDialect('generated demo on both dialects', ({ dialect, store }) => {
  it('writes the same rows in every generated table (PostgreSQL compared with SQLite)', async () => {
    const s = store();
    await loadDemo(s, { seed: 11, scale: 0.003, force: false, firstStartYear: 2025, lastStartYear: 2025 });
    const mine: Record<string, TableChecksum> = {};
    for (const table of TABLES) {
      const r = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(s.db);
      mine[table] = digestRows(r.rows.map(normalized));
    }
    for (const table of TABLES) expect(mine[table]?.rows, table).toBeGreaterThan(0);
    digests.set(dialect, mine);
    // The SQLite suite runs first (suites of a file run in order): PostgreSQL's is compared with it.
    if (dialect === 'postgres') expect(mine).toEqual(digests.get('sqlite'));
  }, 300_000);
});
