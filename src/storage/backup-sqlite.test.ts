/**
 * The SQLite backup program on a tiny migrated database: an online copy whose tables are counted, a restore
 * into a new file that gives the same rows back, and refusals (not Trayecto's, data without force, the other
 * dialect's backup) that leave the target as it was. The crafted-backup findings are exercised by
 * services/operations/backup.test.ts.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AppError } from '../domain/errors.js';
import { createTestStore, type TestStore } from '../test-support/stores.js';
import { backupSqlite, checkSqliteCopy, restoreSqlite } from './backup-sqlite.js';

const dir = mkdtempSync(join(tmpdir(), 'trayecto-sqlitebackup-'));
const file = (name: string) => join(dir, name);
let source: TestStore;

async function codeOf(p: Promise<unknown> | (() => unknown)): Promise<string | null> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return (e as AppError).code;
  }
  return null;
}

beforeAll(async () => {
  source = await createTestStore('sqlite');
  await source.store.db
    .insertInto('dataset_meta')
    .values([
      { key: 'a', value: '1' },
      { key: 'b', value: '2' },
    ])
    .execute();
});
afterAll(async () => {
  await source.dispose();
  rmSync(dir, { recursive: true, force: true });
});

it('copies the database online and counts the rows of every table', async () => {
  const tables = await backupSqlite(source.store.sqlite?.name ?? '', file('a.bak'));
  expect(tables.find((t) => t.name === 'dataset_meta')?.rows).toBe(2);
  expect(tables.map((t) => t.name)).toContain('flow_counts');
  expect(tables.map((t) => t.name)).toEqual([...tables.map((t) => t.name)].sort());
  expect(await codeOf(backupSqlite(file('none.db'), file('x.bak')))).toBe('no_database');
});

it('restores into a new file with the same rows, and replaces data only with force', async () => {
  const into = file('restored.db');
  expect(await restoreSqlite(file('a.bak'), into, false)).toMatchObject({ replaced: false });
  const read = () => {
    const db = new SQLite(into, { readonly: true });
    try {
      return db.prepare('select key, value from dataset_meta order by key').all();
    } finally {
      db.close();
    }
  };
  expect(read()).toEqual([
    { key: 'a', value: '1' },
    { key: 'b', value: '2' },
  ]);
  expect(await codeOf(restoreSqlite(file('a.bak'), into, false))).toBe('database_not_empty');
  expect((await restoreSqlite(file('a.bak'), into, true)).replaced).toBe(true);
  expect(readdirTemporaries()).toEqual([]);
});

it("refuses a database that is not Trayecto's and a pg_dump archive, changing nothing", async () => {
  const other = new SQLite(file('other.db'));
  other.exec('create table t (x)');
  other.close();
  expect(await codeOf(() => checkSqliteCopy(file('other.db'), 'other.db'))).toBe('not_a_backup');
  expect(await codeOf(restoreSqlite(file('other.db'), file('new.db'), true))).toBe('not_a_backup');
  writeFileSync(file('a.dump'), 'PGDMP\x01');
  expect(await codeOf(restoreSqlite(file('a.dump'), file('new.db'), true))).toBe('backup_dialect_mismatch');
  expect(existsSync(file('new.db'))).toBe(false);
});

function readdirTemporaries(): string[] {
  return ['restored.db.restore-', 'a.bak.tmp-']
    .map((p) => file(`${p}${process.pid}`))
    .filter((p) => existsSync(p));
}
