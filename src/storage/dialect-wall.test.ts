/**
 * One dialect adapter: no source file outside storage/dialect.ts branches on the dialect. The few places that
 * must are named below with their reason; a new branch anywhere else fails this test (move it into the
 * adapter).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

/** What a dialect check looks like in code. */
export const DIALECT_CHECK =
  /instanceof\s+(Sqlite|Postgres)\w*|\b(SqliteAdapter|PostgresAdapter|isSqlite|isPostgres)\b|dialect\s*[!=]==?|[!=]==?\s*'(sqlite|postgres)'/;

const ALLOWED: Readonly<Record<string, string>> = {
  'src/storage/dialect.ts': 'the adapter itself',
  'src/storage/db.ts':
    'opens the connection of either dialect and runs the migrator (the adapter builds on it)',
};
/** Migrations are frozen in time: they never import live code such as the adapter. */
const ALLOWED_DIRS = ['src/storage/migrations/'];

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(p));
    else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

/** The lines of `file` that check the dialect, as `path:line: text`. */
export function dialectChecks(file: string): string[] {
  const rel = relative(ROOT, file).split('\\').join('/');
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, i) => (DIALECT_CHECK.test(line) ? [`${rel}:${i + 1}: ${line.trim()}`] : []));
}

describe('one dialect adapter', () => {
  it('recognises the dialect checks it looks for', () => {
    for (const line of [
      'const s = db.getExecutor().adapter instanceof SqliteAdapter;',
      "if (store.dialect === 'sqlite') return;",
      "target.dialect !== 'postgres'",
      'const isSqlite = true;',
      "if (kind === 'sqlite') {",
    ])
      expect(DIALECT_CHECK.test(line), line).toBe(true);
    for (const line of ['dialectAdapter(store.dialect).memberOf(c, v, t)', "'sqlite format 3'"])
      expect(DIALECT_CHECK.test(line), line).toBe(false);
    expect(dialectChecks(join(ROOT, 'src/storage/dialect.ts')).length).toBeGreaterThan(0);
  });

  it('names only places that still check the dialect (a stale exception would let a new branch in)', () => {
    for (const rel of Object.keys(ALLOWED))
      expect(dialectChecks(join(ROOT, rel)).length, rel).toBeGreaterThan(0);
  });

  it('finds none outside storage/dialect.ts and the places named with their reason', () => {
    const files = [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'bin'))].filter((f) => {
      const rel = relative(ROOT, f).split('\\').join('/');
      return (
        !(rel in ALLOWED) &&
        !ALLOWED_DIRS.some((d) => rel.startsWith(d)) &&
        !rel.startsWith('src/test-support/')
      );
    });
    expect(files.length).toBeGreaterThan(100);
    expect(files.flatMap(dialectChecks)).toEqual([]);
  });
});
