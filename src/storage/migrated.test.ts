/**
 * isMigrated (db.ts): whether the current database or schema holds the migrated tables, on both dialects. On
 * PostgreSQL it reads the current schema's catalog only, so other schemas (another suite's, dropped meanwhile)
 * neither count nor break it.
 */
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/stores.js';
import { isMigrated } from './db.js';

describeEachDialect('isMigrated', ({ store }) => {
  it('is true once migrated and false when the schema lacks the flow counts', async () => {
    const db = store().db;
    expect(await isMigrated(db)).toBe(true);
    await sql`drop table flow_counts`.execute(db);
    expect(await isMigrated(db)).toBe(false);
  });
});
