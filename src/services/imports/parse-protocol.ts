/**
 * The messages between a record import and its parse worker (parse-worker.ts, parsed-stream.ts), and errors
 * carried across: a file refused by the reader (CsvFileError, FileLimitError, any AppError) is thrown again in
 * the importing thread as the same kind of error, so that the CLI and the API answer it as before.
 */
import { AppError, type ErrorKind } from '../../domain/errors.js';
import { CsvFileError } from '../../ingest/csv-stream.js';
import type { CsvIssue } from '../../ingest/issues.js';
import { FileLimitError, type FileLimits } from '../../ingest/limits.js';
import type { RecordKind } from '../../ingest/record-kinds.js';
import type { PackedBatch } from './packed-rows.js';
import type { RecordHead, RecordSource } from './record-stream.js';

export interface ParseTask {
  readonly kind: RecordKind;
  readonly lastYear: string;
  readonly source: RecordSource;
}

/** Worker → importer. */
export type ToImporter =
  | { readonly t: 'head'; readonly head: RecordHead }
  | { readonly t: 'batch'; readonly batch: PackedBatch }
  | { readonly t: 'end'; readonly trailing: CsvIssue[] }
  | { readonly t: 'error'; readonly error: CarriedError };

/** Importer → worker: go on with the header's columns (and how many batches may be ahead); a batch was taken. */
export type ToParser =
  | { readonly t: 'start'; readonly columns: [string, number][]; readonly ahead: number }
  | { readonly t: 'ack' };

export interface CarriedError {
  readonly message: string;
  readonly issue?: CsvIssue;
  readonly app?: { readonly kind: ErrorKind; readonly code: string; readonly details: readonly string[] };
  readonly limit?: { readonly file: string; readonly line: number; readonly limit: keyof FileLimits };
}

export function errorMessage(e: unknown): CarriedError {
  if (e instanceof CsvFileError) return { message: e.message, issue: e.issue };
  if (e instanceof AppError) {
    const app = { kind: e.kind, code: e.code, details: e.details };
    if (e instanceof FileLimitError)
      return { message: e.message, app, limit: { file: e.file, line: e.line, limit: e.limit } };
    return { message: e.message, app };
  }
  return { message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
}

/** The error the worker met, as the same class in this thread. */
export function revive(c: CarriedError): Error {
  if (c.issue) return new CsvFileError(c.issue);
  if (c.app) {
    const e = new AppError(c.app.kind, c.app.code, c.message, c.app.details);
    if (!c.limit) return e;
    Object.setPrototypeOf(e, FileLimitError.prototype);
    e.name = 'FileLimitError';
    return Object.assign(e, c.limit);
  }
  return new Error(`parse worker: ${c.message}`);
}
