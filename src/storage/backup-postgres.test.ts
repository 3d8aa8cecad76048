/**
 * The PostgreSQL backup program's own promises: the password never on a command line, and a restore that
 * refuses a backup of the other dialect before it connects or runs anything. The programs themselves
 * (pg_dump, pg_restore, psql; a verified restore, a crafted archive) are exercised end to end by
 * services/operations/backup.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { AppError } from '../domain/errors.js';
import { PG_TOOLS } from './backup-archive.js';
import { libpqUrl, restorePostgres } from './backup-postgres.js';

const dir = mkdtempSync(join(tmpdir(), 'trayecto-pgbackup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('passes the password of a PostgreSQL URL apart and re-encodes form-style options for libpq', () => {
  expect(libpqUrl('postgres://ana:s%40cr3t@db.example:5433/t?options=-c+search_path%3Dx')).toEqual({
    url: 'postgres://ana@db.example:5433/t?options=-c%20search_path%3Dx',
    password: 's@cr3t',
  });
  expect(libpqUrl('postgres://root@/trayecto_test?host=/var/run/postgresql')).toEqual({
    url: 'postgres://root@/trayecto_test?host=/var/run/postgresql',
    password: null,
  });
});

it('refuses an SQLite backup before connecting or running any program', async () => {
  const file = join(dir, 'copy.db');
  writeFileSync(file, 'SQLite format 3\0');
  const missing = { pgDump: '/nonexistent/pg_dump', pgRestore: '/nonexistent/pg_restore', psql: '/x' };
  expect(PG_TOOLS.pgRestore).toBe('pg_restore');
  const err = await restorePostgres(file, 'postgres://nobody@127.0.0.1:1/none', {
    force: true,
    pgTools: missing,
  }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('backup_dialect_mismatch');
});
