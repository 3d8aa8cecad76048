/**
 * Bounds on what a file may make the readers do, checked while streaming, before memory grows: a hostile
 * workbook (a zip bomb, millions of shared strings, a sheet of a billion empty rows) or CSV (a million columns,
 * one 60 MB line) is refused within seconds with an error that names the file, the limit and the setting that
 * changes it. Defaults fit a national semester file (2.3 M rows, 127 MB of CSV) with room to spare.
 */
import { AppError } from '../domain/errors.js';

export interface FileLimits {
  /** Data rows in one file (CSV or sheet). */
  readonly maxRows: number;
  /** Columns of the header, and cells of a CSV record. */
  readonly maxColumns: number;
  /** Characters of one CSV record (quoted line breaks included). */
  readonly maxLineChars: number;
  /** Characters of one workbook cell or shared string (Excel's own limit is 32,767). */
  readonly maxCellChars: number;
  /** Bytes a workbook may inflate to, all the parts read together. */
  readonly maxXlsxBytes: number;
  /** How many times its compressed size a workbook part may inflate to (zip bombs)... */
  readonly maxXlsxRatio: number;
  /** ...once past this many bytes (small parts compress far better than whole sheets). */
  readonly xlsxRatioFloorBytes: number;
  /** Entries of the shared-string table. */
  readonly maxSharedStrings: number;
  /** Characters of the shared-string table, all strings together. */
  readonly maxSharedStringChars: number;
}

export const DEFAULT_FILE_LIMITS: FileLimits = Object.freeze({
  maxRows: 5_000_000,
  maxColumns: 1_000,
  maxLineChars: 100_000,
  maxCellChars: 32_767,
  maxXlsxBytes: 1024 * 1024 * 1024,
  maxXlsxRatio: 100,
  xlsxRatioFloorBytes: 64 * 1024 * 1024,
  maxSharedStrings: 5_000_000,
  maxSharedStringChars: 100_000_000,
});

/** The environment variable that sets each limit (config.ts reads them). */
export const LIMIT_ENV: Readonly<Record<keyof FileLimits, string>> = {
  maxRows: 'TRAYECTO_IMPORT_MAX_ROWS',
  maxColumns: 'TRAYECTO_IMPORT_MAX_COLUMNS',
  maxLineChars: 'TRAYECTO_IMPORT_MAX_LINE_CHARS',
  maxCellChars: 'TRAYECTO_IMPORT_MAX_CELL_CHARS',
  maxXlsxBytes: 'TRAYECTO_IMPORT_MAX_XLSX_BYTES',
  maxXlsxRatio: 'TRAYECTO_IMPORT_MAX_XLSX_RATIO',
  xlsxRatioFloorBytes: 'TRAYECTO_IMPORT_XLSX_RATIO_FLOOR_BYTES',
  maxSharedStrings: 'TRAYECTO_IMPORT_MAX_SHARED_STRINGS',
  maxSharedStringChars: 'TRAYECTO_IMPORT_MAX_SHARED_STRING_CHARS',
};

/** A file refused for going past a limit: a 400 in the API, exit code 2 in the CLI; nothing is read further. */
export class FileLimitError extends AppError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly limit: keyof FileLimits,
    what: string,
  ) {
    super(
      'invalid',
      'file_limit_exceeded',
      `${file}:${line}: ${what}; el archivo se rechazó sin leerlo completo (límite ${LIMIT_ENV[limit]})`,
    );
    this.name = 'FileLimitError';
  }
}

const fmt = (n: number) => n.toLocaleString('es-MX');

/** Throws the FileLimitError of `limit`: "<what> pasa del máximo de N". */
export function refuse(
  limits: FileLimits,
  limit: keyof FileLimits,
  file: string,
  line: number,
  what: string,
): never {
  throw new FileLimitError(file, line, limit, `${what} pasa del máximo de ${fmt(limits[limit])}`);
}

/** Throws a FileLimitError when `value` is past `limits[limit]`. */
export function checkLimit(
  limits: FileLimits,
  limit: keyof FileLimits,
  value: number,
  file: string,
  line: number,
  what: string,
): void {
  if (value > limits[limit]) refuse(limits, limit, file, line, what);
}
