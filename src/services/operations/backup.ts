/**
 * Use case: back up and restore the database (trayecto backup / trayecto restore). The program of each dialect
 * and its checks live in storage/ behind the dialect adapter: SQLite's online backup (storage/backup-sqlite.ts),
 * pg_dump / pg_restore of the application's schema (storage/backup-postgres.ts). A restore verifies the backup's
 * schema (storage/backup-verify.ts) before anything is replaced, and a failed or interrupted restore changes
 * nothing.
 *
 * A backup is written to a temporary file renamed at the end, and nothing is overwritten without force.
 */
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DatabaseTarget } from '../../config.js';
import { AppError } from '../../domain/errors.js';
import { PG_TOOLS, type PgTools, type TableRows } from '../../storage/backup-archive.js';
import { dialectAdapter } from '../../storage/dialect.js';
import { removeStaleTemporaries } from '../../storage/sqlite-files.js';

export { PG_TOOLS, type PgTools, type TableRows } from '../../storage/backup-archive.js';
export { libpqUrl } from '../../storage/backup-postgres.js';

export interface BackupOptions {
  /** Replace an existing output file (backup) or a database that has data (restore). */
  readonly force?: boolean;
  readonly pgTools?: PgTools;
}

export interface BackupSummary {
  readonly dialect: DatabaseTarget['dialect'];
  readonly file: string;
  readonly bytes: number;
  readonly tables: readonly TableRows[];
}

export async function backupDatabase(
  target: DatabaseTarget,
  out: string,
  options: BackupOptions = {},
): Promise<BackupSummary> {
  if (existsSync(out) && !options.force)
    throw new AppError(
      'conflict',
      'backup_exists',
      `El archivo ${out} ya existe; use --force para reemplazarlo`,
    );
  removeStaleTemporaries(out, '.tmp-');
  const tmp = `${out}.tmp-${process.pid}`;
  rmSync(tmp, { force: true });
  try {
    const tables = await dialectAdapter(target.dialect).backup(target, tmp, options.pgTools ?? PG_TOOLS);
    renameSync(tmp, out);
    return { dialect: target.dialect, file: out, bytes: statSync(out).size, tables };
  } finally {
    rmSync(tmp, { force: true });
  }
}

export interface RestoreSummary {
  readonly dialect: DatabaseTarget['dialect'];
  readonly file: string;
  /** Whether the target had data that the restore replaced. */
  readonly replaced: boolean;
  readonly tables: readonly TableRows[];
}

export async function restoreDatabase(
  target: DatabaseTarget,
  file: string,
  options: BackupOptions = {},
): Promise<RestoreSummary> {
  const r = await dialectAdapter(target.dialect).restore(target, file, {
    force: options.force ?? false,
    pgTools: options.pgTools ?? PG_TOOLS,
  });
  return { dialect: target.dialect, file, replaced: r.replaced, tables: r.tables };
}

/** The directory a backup is written to exists (for a clear error instead of ENOENT). */
export function checkOutputDirectory(out: string): void {
  if (!existsSync(dirname(out)))
    throw new AppError('invalid', 'no_such_directory', `No existe el directorio de ${out}`);
}
