/**
 * Helpers for the in-process CLI end-to-end tests: a capturing Io, temporary directories, and run(), which
 * calls main() exactly as bin/trayecto.js does but with its output kept in memory.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { main } from '../src/cli/main.js';
import type { Io } from '../src/cli/io.js';
import { DEFAULT_SEED } from '../src/services/operations/index.js';
import { generateDemoFileFixture } from '../src/test-support/demo-fixtures.js';

export interface CapturedIo {
  readonly io: Io;
  readonly out: () => string;
  readonly err: () => string;
}

/** An Io that keeps stdout and stderr as strings. The environment is empty unless given, so that the
 * developer's DATABASE_URL or TRAYECTO_LANG never leak into a test. */
export function captureIo(env: Readonly<Record<string, string | undefined>> = {}): CapturedIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (t) => void out.push(t), err: (t) => void err.push(t), env, errIsTty: false },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

export interface RunResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `trayecto <args>` in process. */
export async function run(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): Promise<RunResult> {
  const cap = captureIo(env);
  const code = await main([...args], cap.io);
  return { code, out: cap.out(), err: cap.err() };
}

/** Runs a command that must succeed and parses its stdout as JSON (fails with stderr otherwise). */
export async function runJson<T>(args: readonly string[]): Promise<T> {
  const r = await run(args);
  if (r.code !== 0) throw new Error(`trayecto ${args.join(' ')} exited ${r.code}:\n${r.err}`);
  return JSON.parse(r.out) as T;
}

export interface TempDir {
  readonly path: string;
  /** A path inside the directory (nothing is created). */
  readonly file: (name: string) => string;
  /** Writes a text file inside the directory and returns its path. */
  readonly write: (name: string, text: string) => string;
  readonly remove: () => void;
}

/** A fresh directory under os.tmpdir(); remove() deletes it with everything inside. */
export function tempDir(prefix = 'trayecto-e2e-'): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  const file = (name: string) => join(path, name);
  return {
    path,
    file,
    write: (name, text) => {
      const p = file(name);
      writeFileSync(p, text);
      return p;
    },
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}

/** Generates a demo database at a small scale; throws with the command's stderr when it fails. */
export async function generateDemoDb(file: string, extra: readonly string[] = []): Promise<void> {
  // The plain demo is generated once per test run and copied (src/test-support/demo-fixtures.ts).
  if (extra.length === 0 && (await generateDemoFileFixture(file, { seed: DEFAULT_SEED, scale: 0.003 })))
    return;
  const r = await run(['generate', '--scale', '0.003', '--db', file, ...extra]);
  if (r.code !== 0 || !existsSync(file)) throw new Error(`generate failed (exit ${r.code}):\n${r.err}`);
}

export function sha256File(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Reads a SQLite file directly, bypassing the application, for assertions. */
export function querySqlite<T>(file: string, query: string): T[] {
  const db = new SQLite(file, { fileMustExist: true });
  try {
    return db.prepare(query).all() as T[];
  } finally {
    db.close();
  }
}

export function countRows(file: string, table: string): number {
  const [row] = querySqlite<{ n: number }>(file, `select count(*) as n from "${table}"`);
  return row?.n ?? -1;
}
