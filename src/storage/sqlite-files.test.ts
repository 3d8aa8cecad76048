/**
 * Replacing an SQLite file (SQLite only: PostgreSQL has no files): the old database's write-ahead log is folded
 * in before the rename, a database still open elsewhere is refused when exclusive and replaced anyway when not,
 * and temporaries of processes that no longer run are removed while a running one's are kept.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { releaseForReplacement, removeStaleTemporaries, replaceDatabaseFile } from './sqlite-files.js';

/** A pid that no process has (above Linux's default pid_max of 4194304). */
const DEAD_PID = 4_194_999;

describe('sqlite files', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'trayecto-files-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A WAL database with one row per value (its -wal file stays while it is open). */
  function database(file: string, values: readonly string[]): SQLite.Database {
    const db = new SQLite(file);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('create table t (v text)');
    for (const v of values) db.prepare('insert into t values (?)').run(v);
    return db;
  }

  const values = (file: string) => {
    const db = new SQLite(file, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('select v from t order by v').all() as { v: string }[]).map((r) => r.v);
    } finally {
      db.close();
    }
  };

  it('folds the write-ahead log into the file and leaves rollback-journal mode', () => {
    const file = join(dir, 'a.db');
    const db = database(file, ['uno', 'dos']);
    expect(existsSync(`${file}-wal`)).toBe(true);
    // Another connection (a running server) has it open: refused, the log left as it was.
    expect(() => releaseForReplacement(file)).toThrow(/locked/);
    expect(existsSync(`${file}-wal`)).toBe(true);
    db.close();
    releaseForReplacement(file);
    expect(existsSync(`${file}-wal`)).toBe(false);
    const check = new SQLite(file);
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    check.close();
    expect(values(file)).toEqual(['dos', 'uno']);
    expect(() => releaseForReplacement(join(dir, 'none.db'))).toThrow();
  });

  it('renames the prepared file over the target and removes the old -wal/-shm/-journal files', () => {
    const target = join(dir, 'live.db');
    const prepared = join(dir, 'live.db.tmp-1');
    database(target, ['viejo']).close();
    const fresh = new SQLite(prepared);
    fresh.exec("create table t (v text); insert into t values ('nuevo')");
    fresh.close();
    writeFileSync(`${target}-journal`, 'basura');
    replaceDatabaseFile(prepared, target, true);
    expect(values(target)).toEqual(['nuevo']);
    expect(existsSync(prepared)).toBe(false);
    for (const s of ['-wal', '-shm', '-journal']) expect(existsSync(`${target}${s}`), s).toBe(false);
    // No target yet: a plain rename.
    const other = join(dir, 'new.db');
    const p2 = join(dir, 'new.db.tmp-2');
    new SQLite(p2).exec('create table t (v text)');
    replaceDatabaseFile(p2, other, true);
    expect(values(other)).toEqual([]);
  });

  it('refuses a database in use when exclusive, replaces it when not', () => {
    const target = join(dir, 'busy.db');
    // Another connection has it open (a running server): leaving WAL mode fails at once.
    const holder = database(target, ['viejo']);
    try {
      const prep = (n: number) => {
        const f = join(dir, `busy.db.tmp-${n}`);
        const db = new SQLite(f);
        db.exec(`create table t (v text); insert into t values ('nuevo${n}')`);
        db.close();
        return f;
      };
      const first = prep(1);
      expect(() => replaceDatabaseFile(first, target, true)).toThrow();
      expect(existsSync(first)).toBe(true);
      replaceDatabaseFile(prep(2), target, false);
    } finally {
      holder.close();
    }
    expect(values(target)).toEqual(['nuevo2']);
  });

  it('removes the temporaries of processes that no longer run, and only those', () => {
    const target = join(dir, 'trayecto.db');
    const dead = `${target}.tmp-${DEAD_PID}`;
    const mine = `${target}.tmp-${process.pid}`;
    for (const f of [dead, `${dead}-wal`, mine, `${target}.tmp-abc`, `${target}.restore-${DEAD_PID}`])
      writeFileSync(f, 'x');
    expect(removeStaleTemporaries(target, '.tmp-')).toEqual([dead]);
    expect(existsSync(dead) || existsSync(`${dead}-wal`)).toBe(false);
    expect(existsSync(mine)).toBe(true);
    expect(existsSync(`${target}.tmp-abc`)).toBe(true);
    expect(existsSync(`${target}.restore-${DEAD_PID}`)).toBe(true);
    expect(removeStaleTemporaries(join(dir, 'missing', 'x.db'), '.tmp-')).toEqual([]);
  });
});
