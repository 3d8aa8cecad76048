/**
 * Replacing an SQLite database file atomically (generation, restore): a complete file is prepared next to the
 * target and renamed over it, so the target is at every moment the old database or the new one. The old
 * database's write-ahead log is folded into it first, so that nothing but the file itself holds its data.
 */
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import SQLite from 'better-sqlite3';

/**
 * Folds the write-ahead log into the file and leaves it in rollback-journal mode. Needs the database to
 * ourselves: throws when another connection (a running server) has it open.
 */
export function releaseForReplacement(file: string): void {
  const db = new SQLite(file, { fileMustExist: true, timeout: 2_000 });
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    const mode = db.pragma('journal_mode = DELETE', { simple: true });
    if (mode !== 'delete') throw new Error(`journal_mode ${String(mode)}`);
  } finally {
    db.close();
  }
}

/**
 * Renames `prepared` over `target`. The old database is released first when `exclusive` (its WAL folded in;
 * throws when it is in use); otherwise a failure to release it is ignored. Its -wal/-shm files go before the
 * rename, never the database file itself.
 */
export function replaceDatabaseFile(prepared: string, target: string, exclusive: boolean): void {
  if (existsSync(target)) {
    try {
      releaseForReplacement(target);
    } catch (e) {
      if (exclusive) throw e;
    }
  }
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${target}${suffix}`, { force: true });
  renameSync(prepared, target);
}

/**
 * Deletes `<target><infix><pid>` files (and their -wal/-shm/-journal) left by processes that no longer run:
 * the temporary databases of a killed generation or restore.
 */
export function removeStaleTemporaries(target: string, infix: string): string[] {
  const prefix = `${basename(target)}${infix}`;
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dirname(target));
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = new RegExp(`^${escape(prefix)}(\\d+)$`).exec(name);
    if (!m || isRunning(Number(m[1]))) continue;
    const file = join(dirname(target), name);
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
    removed.push(file);
  }
  return removed;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
