/**
 * What the runner and its worker threads say to each other, and running one task in a worker of the shared
 * pool (risk/threads.ts: idle workers are kept, unreferenced, with their modules loaded).
 */
import type { Worker } from 'node:worker_threads';
import type { DatabaseTarget } from '../../config.js';
import type { Scope } from '../../domain/access.js';
import { AppError, type ErrorKind } from '../../domain/errors.js';
import type { RecordKind } from '../../ingest/record-kinds.js';
import { databaseBusy } from '../../storage/db.js';
import type { CountsImportOptions, RecordImportOptions } from '../imports/index.js';
import type { SearchInput } from '../students/index.js';
import { acquireWorker, releaseWorker } from '../risk/index.js';
import type { AnalysisName } from './catalog.js';

export type WorkerTask =
  | {
      readonly type: 'analysis';
      readonly target: DatabaseTarget;
      readonly name: AnalysisName;
      readonly params: unknown;
      readonly scope: Scope | null;
    }
  | {
      readonly type: 'import';
      readonly target: DatabaseTarget;
      readonly kind: RecordKind;
      /** The uploaded file, on disk (api/upload-file.ts): read by the worker, removed by the caller. */
      readonly path: string;
      readonly fileName: string;
      /** Functions do not cross threads: the worker makes its own clock and pseudonymizer (from `secret`). */
      readonly options: Omit<RecordImportOptions, 'onProgress' | 'now' | 'pseudonyms'>;
      /** The configured pseudonym key (null: the one kept in the database). */
      readonly secret: string | null;
    }
  | {
      readonly type: 'counts';
      readonly target: DatabaseTarget;
      readonly path: string;
      readonly fileName: string;
      readonly options: Omit<CountsImportOptions, 'now'>;
    }
  | { readonly type: 'risk-setup'; readonly target: DatabaseTarget; readonly actor: string }
  | {
      readonly type: 'students';
      readonly target: DatabaseTarget;
      readonly scope: Scope;
      readonly input: SearchInput;
      readonly currentYear: string;
      /** The configured pseudonym key (null: the one kept in the database). */
      readonly secret: string | null;
    };

/** An application error crosses the thread boundary as its fields and is rebuilt on the other side. */
export interface ErrorFields {
  readonly kind: ErrorKind | null;
  readonly code: string;
  readonly message: string;
  readonly details: readonly string[];
}

export type WorkerAnswer =
  | { readonly progress: number }
  | { readonly message: string }
  | { readonly result: unknown }
  | { readonly error: ErrorFields };

export function errorOf(thrown: unknown): ErrorFields {
  // A busy database crosses as the 503 it is (storage/db.ts), not as an internal error.
  const e = databaseBusy(thrown) ?? thrown;
  if (e instanceof AppError) return { kind: e.kind, code: e.code, message: e.message, details: e.details };
  return {
    kind: null,
    code: 'internal_error',
    message: e instanceof Error ? e.message : String(e),
    details: [],
  };
}

/** The error again: an AppError when it was one (so the API answers its status), else a plain Error. */
export function errorFrom(f: ErrorFields): Error {
  return f.kind ? new AppError(f.kind, f.code, f.message, f.details) : new Error(f.message);
}

/** Runs one task in a pooled worker; progress messages (0…1) go to `onProgress`. */
export function runInWorker(
  url: URL,
  task: WorkerTask,
  onProgress: (fraction: number) => void = () => {},
  onNote: (message: string) => void = () => {},
): Promise<unknown> {
  // Waits for a worker when the pool is at its bound (risk/threads.ts PoolLimits).
  return acquireWorker(url).then((w) => inWorker(w, url, task, onProgress, onNote));
}

function inWorker(
  w: Worker,
  url: URL,
  task: WorkerTask,
  onProgress: (fraction: number) => void,
  onNote: (message: string) => void,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const done = () => {
      w.off('message', onMessage);
      w.off('error', onError);
      w.off('exit', onExit);
    };
    const onMessage = (m: WorkerAnswer) => {
      if ('progress' in m) return onProgress(m.progress);
      if ('message' in m) return onNote(m.message);
      done();
      releaseWorker(url, w);
      if ('result' in m) resolve(m.result);
      else reject(errorFrom(m.error));
    };
    const onError = (e: Error) => {
      done();
      reject(e);
    };
    const onExit = (code: number) => {
      done();
      reject(new Error(`analysis worker exited (${code}) without an answer`));
    };
    w.on('message', onMessage);
    w.on('error', onError);
    w.on('exit', onExit);
    w.postMessage(task);
  });
}
