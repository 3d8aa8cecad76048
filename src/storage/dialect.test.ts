/**
 * The dialect adapter and the generation repository on both dialects: foreign keys checked at commit where
 * loads need it, a fresh database all or nothing, statistics, a kept connection reopened when its SQLite file
 * is replaced, and the tables a regeneration empties.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/stores.js';
import { sharedTarget } from './db.js';
import { dialectAdapter, KeptStore } from './dialect.js';
import { clearTables, hasCampuses } from './generation.js';

const state = { id: 9, code: '09', name: 'Ciudad de México', short_name: 'CDMX' };
const campus = {
  id: 1,
  cct: '09DPT0001A',
  campus_number: 1,
  name: 'Plantel de prueba',
  state_id: 9,
  reporting_unit: 'CDMX',
  latitude: 19.4,
  longitude: -99.1,
  address: 'Calle 1',
  active: 1,
};

describeEachDialect('dialect adapter and generation repository', ({ store, dialect }) => {
  it('answers for the store it is asked about', () => {
    expect(dialectAdapter(store().dialect).dialect).toBe(dialect);
  });

  it('loads children before parents in one transaction, then tells the database holds data and empties it', async () => {
    const db = store().db;
    const adapter = dialectAdapter(store().dialect);
    expect(await hasCampuses(db)).toBe(false);
    await db.transaction().execute(async (trx) => {
      await adapter.deferForeignKeys(trx);
      // SQLite checks the campus's state at commit; PostgreSQL's loader writes parents first.
      if (dialect === 'sqlite') {
        await trx.insertInto('campuses').values(campus).execute();
        await trx.insertInto('states').values(state).execute();
      } else {
        await trx.insertInto('states').values(state).execute();
        await trx.insertInto('campuses').values(campus).execute();
      }
    });
    expect(await hasCampuses(db)).toBe(true);
    // PostgreSQL's ANALYZE covers the whole test database (every suite's schema): seconds to minutes.
    if (dialect === 'sqlite') await adapter.analyze(store());
    await clearTables(db, ['campuses', 'states']);
    expect(await hasCampuses(db)).toBe(false);
    expect(await db.selectFrom('states').selectAll().execute()).toEqual([]);
  });

  it('without deferred checks, a campus whose state is missing is refused', async () => {
    const db = store().db;
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('campuses').values(campus).execute();
      }),
    ).rejects.toThrow();
    expect(await hasCampuses(db)).toBe(false);
  });

  it('keeps one connection per target and reopens it when the SQLite file was replaced', async () => {
    const dir = join('data', 'test-tmp', `kept-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'kept.db');
    const target = dialect === 'sqlite' ? ({ dialect: 'sqlite', file } as const) : sharedTarget(store().db)!;
    const kept = new KeptStore();
    try {
      if (target.dialect === 'sqlite') writeFileSync(file, '');
      const first = await kept.get(target);
      expect(await kept.get(target)).toBe(first);
      if (target.dialect === 'sqlite') {
        // A new file at the same path (a restore, a regenerated demo): another inode.
        writeFileSync(`${file}.new`, '');
        renameSync(`${file}.new`, file);
        const second = await kept.get(target);
        expect(second).not.toBe(first);
        expect(await kept.get(target)).toBe(second);
      }
    } finally {
      await kept.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('creates a fresh database all or nothing (SQLite: a temporary file renamed into place)', async () => {
    if (dialect !== 'sqlite') {
      // PostgreSQL: the fill runs on a store of its own, whose work the caller's transaction makes atomic.
      const target = sharedTarget(store().db)!;
      const answer = await dialectAdapter('postgres').freshDatabase(target, false, async (s) => {
        expect(s.dialect).toBe('postgres');
        return hasCampuses(s.db);
      });
      expect(answer).toBe(false);
      return;
    }
    const dir = join('data', 'test-tmp', `dialect-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    try {
      const file = join(dir, 'fresh.db');
      const adapter = dialectAdapter('sqlite');
      const fail = adapter.freshDatabase({ dialect: 'sqlite', file }, false, () =>
        Promise.reject(new Error('generación interrumpida')),
      );
      await expect(fail).rejects.toThrow('generación interrumpida');
      expect(readdirSync(dir)).toEqual([]);
      await adapter.freshDatabase({ dialect: 'sqlite', file }, false, () => Promise.resolve(1));
      expect(existsSync(file)).toBe(true);
      await expect(
        adapter.freshDatabase({ dialect: 'sqlite', file }, false, () => Promise.resolve(2)),
      ).rejects.toMatchObject({ code: 'database_exists' });
      expect(await adapter.freshDatabase({ dialect: 'sqlite', file }, true, () => Promise.resolve(3))).toBe(
        3,
      );
      expect(readdirSync(dir).sort()).toEqual(['fresh.db']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
