/**
 * Dataset metadata on both dialects: a JSON value per key, replaced by writeMeta, kept by insertMetaIfAbsent,
 * null for a key never written; and the current-schema count PostgreSQL's start-up check reads.
 */
import { expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/stores.js';
import { dialectAdapter } from './dialect.js';
import { insertMetaIfAbsent, readMeta, schemaTables, writeMeta } from './meta.js';

describeEachDialect('dataset metadata', ({ dialect, store }) => {
  it('writes, replaces and reads JSON values by key; a missing key reads null', async () => {
    const db = store().db;
    expect(await readMeta(db, 'generator')).toBeNull();
    await writeMeta(db, 'generator', { seed: 7, scale: 0.01, years: ['2024-2025'] }, '2026-12-01T00:00:00Z');
    await writeMeta(db, 'other', null);
    expect(await readMeta(db, 'generator')).toEqual({ seed: 7, scale: 0.01, years: ['2024-2025'] });
    await writeMeta(db, 'generator', 'ñandú', '2026-12-02T00:00:00Z');
    expect(await readMeta(db, 'generator')).toBe('ñandú');
    // A JSON null is a value, told apart from a missing key only by the row (readMeta answers null for both).
    expect(await readMeta(db, 'other')).toBeNull();
    const rows = await db.selectFrom('dataset_meta').select(['key', 'updated_at']).orderBy('key').execute();
    expect(rows.map((r) => r.key)).toEqual(['generator', 'other']);
    expect(rows[0]!.updated_at).toBe('2026-12-02T00:00:00Z');
  });

  it('insertMetaIfAbsent keeps the first value of a key', async () => {
    const db = store().db;
    await insertMetaIfAbsent(db, 'first-start', { at: 1 });
    await insertMetaIfAbsent(db, 'first-start', { at: 2 });
    expect(await readMeta(db, 'first-start')).toEqual({ at: 1 });
    const n = await db
      .selectFrom('dataset_meta')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('key', '=', 'first-start')
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it.runIf(dialect === 'postgres')('counts the tables of the current schema (PostgreSQL)', async () => {
    const r = await schemaTables(store().db);
    // The suite's own schema, not public; every table of the application plus Kysely's bookkeeping tables.
    expect(r?.schema).toBeTruthy();
    expect(r?.schema).not.toBe('public');
    const names = await dialectAdapter('postgres').tableNames(store().db);
    expect(names).toContain('dataset_meta');
    expect(Number(r?.tables)).toBe(names.length);
  });
});
