/**
 * The secondary index list on both dialects: a migrated database has every index of SECONDARY_INDEXES (the
 * partial ones with their condition, the unique ones enforcing their key); dropIndexes and createIndexes remove
 * and rebuild them and may run twice; the core migration's first forms differ only where FIRST_COLUMNS says.
 */
import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { buildPlaces } from '../test-support/small-world.js';
import { enrollmentRow, studentRow } from '../test-support/small-records.js';
import { describeEachDialect, type TestDialect } from '../test-support/stores.js';
import {
  CORE_INDEXES,
  createIndexes,
  dropIndexes,
  FIRST_COLUMNS,
  IMPORT_KEY_INDEXES,
  RISK_INDEXES,
  SECONDARY_INDEXES,
} from './indexes.js';
import type { Database } from './schema.js';

/** The indexes of the database by name, with their definition as the database prints it (lower case). */
async function indexes(db: Kysely<Database>, dialect: TestDialect): Promise<Map<string, string>> {
  const r =
    dialect === 'sqlite'
      ? await sql<{ name: string; def: string | null }>`
          select name, sql as def from sqlite_master where type = 'index'`.execute(db)
      : await sql<{ name: string; def: string | null }>`
          select indexname as name, indexdef as def from pg_indexes where schemaname = current_schema()`.execute(
          db,
        );
  return new Map(r.rows.map((x) => [x.name, (x.def ?? '').toLowerCase()]));
}

describeEachDialect('secondary indexes', ({ dialect, store }) => {
  it('has every index of the list after migration, partial ones with their condition', async () => {
    const found = await indexes(store().db, dialect);
    for (const d of SECONDARY_INDEXES) {
      const def = found.get(d.name);
      expect(def, d.name).toBeDefined();
      for (const c of d.columns) expect(def, `${d.name} ${c}`).toContain(c);
      expect(def!.includes('unique'), d.name).toBe(d.unique === true);
      expect(def!.includes('where'), d.name).toBe(d.where !== undefined);
    }
    expect(found.get('enrollments_flow_idx')).toMatch(/where.*term_no.*1/);
    expect(found.get('status_events_risk_idx')).toMatch(/where.*kind.*dropout.*temporary_leave.*graduation/);
    // The lists it is made of are in it.
    for (const d of [...IMPORT_KEY_INDEXES, ...RISK_INDEXES]) expect(SECONDARY_INDEXES).toContain(d);
    expect(new Set(SECONDARY_INDEXES.map((d) => d.name)).size).toBe(SECONDARY_INDEXES.length);
  });

  it('drops and rebuilds them, twice without error; a unique one refuses a second key', async () => {
    const db = store().db;
    await dropIndexes(db, SECONDARY_INDEXES);
    await dropIndexes(db, SECONDARY_INDEXES);
    const none = await indexes(db, dialect);
    for (const d of SECONDARY_INDEXES) expect(none.has(d.name), d.name).toBe(false);
    await createIndexes(db, SECONDARY_INDEXES);
    await createIndexes(db, SECONDARY_INDEXES);
    const again = await indexes(db, dialect);
    for (const d of SECONDARY_INDEXES) expect(again.has(d.name), d.name).toBe(true);

    await buildPlaces(db);
    await db.insertInto('students').values(studentRow(1, 1)).execute();
    await db
      .insertInto('enrollments')
      .values(enrollmentRow(1, 1, 1, '2018-2019', 1, 1))
      .execute();
    await expect(
      db
        .insertInto('enrollments')
        .values(enrollmentRow(2, 1, 1, '2018-2019', 1, 1))
        .execute(),
    ).rejects.toThrow(/unique|duplicate/i);
  });

  it('gives the core migration the first columns where a later one changed them, else the same index', () => {
    expect(CORE_INDEXES).toHaveLength(SECONDARY_INDEXES.length);
    for (const [i, core] of CORE_INDEXES.entries()) {
      const now = SECONDARY_INDEXES[i]!;
      expect(core.name).toBe(now.name);
      expect(core.columns).toEqual(FIRST_COLUMNS[now.name] ?? now.columns);
    }
    expect(Object.keys(FIRST_COLUMNS).every((n) => SECONDARY_INDEXES.some((d) => d.name === n))).toBe(true);
  });
});
