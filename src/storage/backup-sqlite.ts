/**
 * The SQLite backup program: an online backup (SQLite's backup API through better-sqlite3): readers and writers
 * may keep working, the copy is one consistent snapshot. A restore copies the backup next to the database,
 * verifies the copy (backup-verify.ts) and renames it into place, so the database is at every moment either the
 * old one or the restored one. Chosen by the dialect adapter (dialect.ts).
 */
import { existsSync, rmSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { AppError } from '../domain/errors.js';
import { expectArchiveOf, missingDatabase, type RestoreResult, type TableRows } from './backup-archive.js';
import { verifySqliteCopy } from './backup-verify.js';
import { removeStaleTemporaries, replaceDatabaseFile } from './sqlite-files.js';

/** Writes a consistent, checked copy of the database `file` to `tmp`; its tables with their row counts. */
export async function backupSqlite(file: string, tmp: string): Promise<TableRows[]> {
  if (file === ':memory:' || !existsSync(file)) throw missingDatabase(file);
  const source = new SQLite(file, { fileMustExist: true });
  try {
    await source.backup(tmp);
  } finally {
    source.close();
  }
  return checkSqliteCopy(tmp, tmp);
}

/** Opens a copy read-only: integrity check, a Trayecto schema, and its tables with their row counts. */

/** Opens a copy read-only: integrity check, a Trayecto schema, and its tables with their row counts. */
export function checkSqliteCopy(file: string, shownAs: string): TableRows[] {
  let db: SQLite.Database;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch {
    throw new AppError('invalid', 'not_a_backup', `${shownAs} no es una base de datos SQLite legible`);
  }
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok')
      throw new AppError('invalid', 'backup_corrupt', `La copia ${shownAs} está dañada: ${String(check)}`);
    const names = (
      db
        .prepare(
          "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
        )
        .all() as { name: string }[]
    ).map((r) => r.name);
    if (!names.includes('flow_counts'))
      throw new AppError('invalid', 'not_a_backup', `${shownAs} no es una base de datos de Trayecto`);
    return names.map((name) => ({
      name,
      rows: (db.prepare(`select count(*) as n from "${name.replaceAll('"', '""')}"`).get() as { n: number })
        .n,
    }));
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError(
      'invalid',
      'backup_corrupt',
      `La copia ${shownAs} está dañada: ${(e as Error).message}`,
    );
  } finally {
    db.close();
  }
}

/** Restores the backup `file` over the database `target` (verified first; all or nothing). */
export async function restoreSqlite(file: string, target: string, force: boolean): Promise<RestoreResult> {
  expectArchiveOf(file, 'sqlite');
  checkSqliteCopy(file, file);
  const exists = existsSync(target);
  const replaced = exists && hasTables(target);
  if (replaced && !force)
    throw new AppError(
      'conflict',
      'database_not_empty',
      `La base de datos ${target} ya tiene datos; use --force para reemplazarla con la copia`,
    );
  removeStaleTemporaries(target, '.restore-');
  const tmp = `${target}.restore-${process.pid}`;
  rmSync(tmp, { force: true });
  let tables: TableRows[];
  try {
    // A consistent copy next to the target (same file system, so that the rename below is atomic), verified
    // before anything is replaced: the copy is what gets renamed, so what was checked is what is restored.
    const source = new SQLite(file, { readonly: true, fileMustExist: true });
    try {
      await source.backup(tmp);
    } finally {
      source.close();
    }
    tables = checkSqliteCopy(tmp, file);
    const copy = new SQLite(tmp);
    try {
      await verifySqliteCopy(copy, file);
      copy.pragma('journal_mode = WAL');
    } finally {
      copy.close();
    }
    try {
      replaceDatabaseFile(tmp, target, true);
    } catch (e) {
      throw new AppError(
        'unavailable',
        'database_in_use',
        `La base de datos ${target} está en uso por otro proceso (¿el servidor?); deténgalo y repita la restauración`,
        [(e as Error).message],
      );
    }
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${tmp}${suffix}`, { force: true });
  }
  return { replaced, tables };
}

function hasTables(file: string): boolean {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const r = db.prepare("select count(*) as n from sqlite_master where type = 'table'").get() as {
      n: number;
    };
    return r.n > 0;
  } finally {
    db.close();
  }
}
