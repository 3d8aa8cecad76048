/**
 * The queued audit writer (audit-writer.ts) on both dialects: on SQLite the rows asked for in one tick are
 * written together and each caller's promise settles after the commit; a row the table refuses fails only its
 * own caller; inside a transaction, and on PostgreSQL, there is no queue (rows are written the plain way). The
 * busy-lock behaviour (another process holding the write lock) is tested in src/api/busy-audit.test.ts.
 */
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/stores.js';
import { queuedAuditWriter } from './audit-writer.js';

const row = (action: string | null) => ({
  at: '2026-12-07T10:00:00.000Z',
  actor: 'ana',
  role: 'campus',
  action: action as string,
  target: 'student:1',
  state_id: 9,
  campus_id: 3,
  details: null,
  request_id: 'req-1',
});

describeEachDialect('queued audit writer', ({ dialect, store }) => {
  const count = async () =>
    Number(
      (await sql<{ n: number }>`select count(*) as n from audit_log where actor = 'ana'`.execute(store().db))
        .rows[0]?.n,
    );

  it.runIf(dialect === 'postgres')(
    'is absent on PostgreSQL (its driver waits asynchronously already)',
    () => {
      expect(queuedAuditWriter(store().db)).toBeNull();
    },
  );

  it.runIf(dialect === 'sqlite')(
    'writes the rows of one tick and settles each caller after the commit',
    async () => {
      const write = queuedAuditWriter(store().db);
      expect(write).not.toBeNull();
      const before = await count();
      const pending = [write!(row('student.view')), write!(row('student.view')), write!(row('export.csv'))];
      expect(await count()).toBe(before); // queued: nothing written before the tick ends
      await Promise.all(pending);
      expect(await count()).toBe(before + 3);
      expect(queuedAuditWriter(store().db)).toBe(write); // one queue per connection
    },
  );

  it.runIf(dialect === 'sqlite')('fails only the caller whose row the table refuses', async () => {
    const write = queuedAuditWriter(store().db)!;
    const before = await count();
    const results = await Promise.allSettled([write(row('student.view')), write(row(null)), write(row('x'))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await count()).toBe(before + 2);
  });

  it.runIf(dialect === 'sqlite')('has no queue inside a transaction', async () => {
    const inside = await store()
      .db.transaction()
      .execute((trx) => Promise.resolve(queuedAuditWriter(trx)));
    expect(inside).toBeNull();
  });
});
