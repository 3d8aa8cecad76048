/**
 * The write lock of a transaction that reads before it writes: on SQLite, once taken, another connection cannot
 * commit a write until the transaction ends (BEGIN IMMEDIATE's effect); on both dialects it changes no row.
 */
import { expect, it } from 'vitest';
import { openStore } from './db.js';
import { describeEachDialect } from '../test-support/stores.js';
import { takeWriteLock } from './write-lock.js';

describeEachDialect('write lock', ({ dialect, store }) => {
  it('changes no row, and on SQLite holds off other writers until the transaction ends', async () => {
    const db = store().db;
    await db.insertInto('dataset_meta').values({ key: 'k', value: '1' }).execute();
    const file = store().sqlite?.name;
    const other = dialect === 'sqlite' && file ? openStore({ dialect: 'sqlite', file }) : null;
    other?.sqlite?.pragma('busy_timeout = 0');
    try {
      await db.transaction().execute(async (trx) => {
        await takeWriteLock(trx);
        if (other)
          await expect(
            other.db.insertInto('dataset_meta').values({ key: 'x', value: '2' }).execute(),
          ).rejects.toThrow(/locked|busy/i);
      });
      const rows = await db.selectFrom('dataset_meta').select(['key', 'value']).execute();
      expect(rows).toEqual([{ key: 'k', value: '1' }]);
      if (other) await other.db.insertInto('dataset_meta').values({ key: 'x', value: '2' }).execute();
    } finally {
      await other?.close();
    }
  });
});
