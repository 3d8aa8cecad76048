/** Which kind of backup a file is, from its first bytes, and the refusal of a backup of the other dialect. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { AppError } from '../domain/errors.js';
import { archiveKind, expectArchiveOf } from './backup-archive.js';

const dir = mkdtempSync(join(tmpdir(), 'trayecto-archive-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string) => {
  const p = join(dir, name);
  writeFileSync(p, content, 'latin1');
  return p;
};
const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return (e as AppError).code;
  }
  return null;
};

it('tells an SQLite database from a pg_dump archive by their first bytes', () => {
  expect(archiveKind(file('a.db', 'SQLite format 3\0rest of the page'))).toBe('sqlite');
  expect(archiveKind(file('a.dump', 'PGDMP\x01\x0f\x00'))).toBe('postgres');
});

it('refuses what is neither, a file it cannot read, and a backup of the other dialect, in Spanish', () => {
  expect(codeOf(() => archiveKind(file('notes.txt', 'hola')))).toBe('not_a_backup');
  expect(codeOf(() => archiveKind(file('empty', '')))).toBe('not_a_backup');
  expect(codeOf(() => archiveKind(join(dir, 'missing.bak')))).toBe('backup_not_readable');
  const dump = file('b.dump', 'PGDMP\x01');
  expect(codeOf(() => expectArchiveOf(dump, 'postgres'))).toBeNull();
  let message = '';
  try {
    expectArchiveOf(dump, 'sqlite');
  } catch (e) {
    expect((e as AppError).code).toBe('backup_dialect_mismatch');
    message = (e as Error).message;
  }
  expect(message).toBe(`${dump} es una copia de PostgreSQL (pg_dump); la base de datos de destino es SQLite`);
});
