/**
 * isMigrated and migrateToLatest (db.ts) where one PostgreSQL database holds many schemas: whether the current
 * database or schema holds the migrated tables, on both dialects; and, on PostgreSQL, that migrating one schema
 * neither reads nor trips over the others (another suite's, created and dropped meanwhile).
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { createTestStore, describeEachDialect } from '../test-support/stores.js';
import { isMigrated } from './db.js';

const WIDE = Array.from({ length: 1500 }, (_, i) => `c${i} int`).join(', ');

describeEachDialect('isMigrated', ({ dialect, store }) => {
  it('is true once migrated and false when the schema lacks the flow counts', async () => {
    const db = store().db;
    expect(await isMigrated(db)).toBe(true);
    await sql`drop table flow_counts`.execute(db);
    expect(await isMigrated(db)).toBe(false);
  });

  it.runIf(dialect === 'postgres')(
    'migrates a bare schema while other schemas with tables are created and dropped (CI failed so: relation "t_….audit_places" does not exist)',
    async () => {
      const db = store().db;
      let churning = true;
      let churned = 0;
      const churn = (async () => {
        while (churning) {
          const other = sql.id(`churn_${randomBytes(4).toString('hex')}`);
          await sql`create schema ${other}`.execute(db);
          // Many columns: Kysely's introspector calls pg_get_serial_sequence, a lookup by name, on each one.
          await sql`create table ${other}.t (id serial primary key, ${sql.raw(WIDE)})`.execute(db);
          await sql`create table ${other}.kysely_migration (name varchar(255) primary key)`.execute(db);
          await sql`drop schema ${other} cascade`.execute(db);
          churned++;
        }
      })();
      try {
        // A bare schema (no bookkeeping tables) in this suite's database, beside the churn, migrated from scratch.
        for (let i = 0; i < 4; i++) {
          const fresh = await createTestStore('postgres', { migrateBeside: store() });
          try {
            expect(await isMigrated(fresh.store.db)).toBe(true);
          } finally {
            await fresh.dispose();
          }
        }
      } finally {
        churning = false;
        await churn;
      }
      expect(churned).toBeGreaterThan(0);
    },
  );
});
