/**
 * What both backup programs share (backup-sqlite.ts, backup-postgres.ts, chosen by the dialect adapter): the
 * client programs of PostgreSQL, the tables a backup reports, and which kind of backup a file is from its first
 * bytes.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { AppError } from '../domain/errors.js';
import type { Dialect } from './db.js';

export interface PgTools {
  readonly pgDump: string;
  readonly pgRestore: string;
  readonly psql: string;
}

/** The client programs, found on the PATH. */
export const PG_TOOLS: PgTools = { pgDump: 'pg_dump', pgRestore: 'pg_restore', psql: 'psql' };

export interface TableRows {
  readonly name: string;
  /** Rows in the backup; null when not counted (PostgreSQL archives). */
  readonly rows: number | null;
}

export interface RestoreOptions {
  /** Replace a database that has data. */
  readonly force: boolean;
  readonly pgTools: PgTools;
}

export interface RestoreResult {
  /** Whether the target had data that the restore replaced. */
  readonly replaced: boolean;
  readonly tables: readonly TableRows[];
}

const MAGIC: readonly (readonly [Dialect, string])[] = [
  ['sqlite', 'SQLite format 3\0'],
  ['postgres', 'PGDMP'],
];
const ARCHIVE_NAMES: Readonly<Record<Dialect, string>> = {
  sqlite: 'una copia de SQLite',
  postgres: 'una copia de PostgreSQL (pg_dump)',
};
const DATABASE_NAMES: Readonly<Record<Dialect, string>> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

/** Which kind of backup a file is, from its first bytes; an `invalid` error when it is neither. */
export function archiveKind(file: string): Dialect {
  let head: string;
  try {
    const fd = openSync(file, 'r');
    try {
      const buf = Buffer.alloc(16);
      head = buf.subarray(0, readSync(fd, buf, 0, 16, 0)).toString('latin1');
    } finally {
      closeSync(fd);
    }
  } catch {
    throw new AppError('invalid', 'backup_not_readable', `No se puede leer la copia ${file}`);
  }
  const found = MAGIC.find(([, magic]) => head.startsWith(magic));
  if (found) return found[0];
  throw new AppError(
    'invalid',
    'not_a_backup',
    `${file} no es una copia de Trayecto (ni una base de datos SQLite ni un archivo de pg_dump)`,
  );
}

/** Throws unless `file` is a backup of the `want` kind (a restore into a database of that dialect). */
export function expectArchiveOf(file: string, want: Dialect): void {
  const kind = archiveKind(file);
  if (kind !== want)
    throw new AppError(
      'invalid',
      'backup_dialect_mismatch',
      `${file} es ${ARCHIVE_NAMES[kind]}; la base de datos de destino es ${DATABASE_NAMES[want]}`,
    );
}

export const missingDatabase = (where: string) =>
  new AppError(
    'unavailable',
    'no_database',
    `No hay base de datos en ${where}: indique otra con --db o cree la de demostración con "trayecto generate"`,
  );
