/**
 * Backup and restore on both dialects: a restored database has every table with the same row count and the
 * same content checksum as the database that was backed up; nothing is overwritten without force; a bad or
 * truncated backup, a database in use or missing client programs change nothing.
 */
import SQLite from 'better-sqlite3';
import { copyFileSync, readFileSync, writeFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DatabaseTarget } from '../../config.js';
import { AppError } from '../../domain/errors.js';
import { tableChecksums, type TableChecksum } from '../../storage/checksums.js';
import { openStore, type Store } from '../../storage/db.js';
import { describeEachDialect } from '../../test-support/stores.js';
import { backupDatabase, restoreDatabase } from './backup.js';
import { loadDemoFixture } from '../../test-support/demo-fixtures.js';
import { createDemoAccounts } from '../accounts/index.js';

type Sums = Record<string, TableChecksum>;

async function expectAppError(p: Promise<unknown>, kind: string, code: string): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).kind).toBe(kind);
  expect((e as AppError).code).toBe(code);
  return e as AppError;
}

/** Mutates every kind of table a restore must bring back: facts, derived counts, accounts, metadata. */
async function scribble(store: Store): Promise<void> {
  await store.db.deleteFrom('flow_counts').execute();
  await store.db.updateTable('campuses').set({ name: 'CAMBIADO' }).execute();
  await store.db.deleteFrom('sessions').execute();
  await store.db.deleteFrom('dataset_meta').execute();
}

describeEachDialect('backup and restore', ({ dialect, store }) => {
  let dir: string;
  let target: DatabaseTarget;
  let before: Sums;
  const file = (name: string) => join(dir, name);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trayecto-backup-'));
    await loadDemoFixture(store(), { seed: 11, scale: 0.003 });
    await createDemoAccounts(store().db, new Date());
    target =
      dialect === 'sqlite'
        ? { dialect: 'sqlite', file: store().sqlite?.name ?? '' }
        : {
            dialect: 'postgres',
            url: (store().pool?.options as { connectionString: string }).connectionString,
          };
    before = await tableChecksums(store().db);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('backs up every table online and never overwrites a file without --force', async () => {
    const s = await backupDatabase(target, file('a.bak'));
    expect(s.bytes).toBeGreaterThan(10_000);
    const head = readFileSync(file('a.bak')).subarray(0, 16).toString('latin1');
    expect(head.startsWith(dialect === 'sqlite' ? 'SQLite format 3' : 'PGDMP')).toBe(true);
    expect(s.tables.map((t) => t.name)).toEqual(Object.keys(before).sort());
    if (dialect === 'sqlite') for (const t of s.tables) expect(t.rows, t.name).toBe(before[t.name]?.rows);
    expect(before.students?.rows).toBeGreaterThan(100);
    expect(before.users?.rows).toBeGreaterThan(0);

    await expectAppError(backupDatabase(target, file('a.bak')), 'conflict', 'backup_exists');
    await backupDatabase(target, file('a.bak'), { force: true });
    expect(existsSync(`${file('a.bak')}.tmp-${process.pid}`)).toBe(false);
  });

  it('restores every table with the same counts and checksums, refusing to overwrite data without --force', async () => {
    await scribble(store());
    const scribbled = await tableChecksums(store().db);
    expect(scribbled.flow_counts?.rows).toBe(0);
    expect(scribbled.campuses?.digest).not.toBe(before.campuses?.digest);

    if (dialect === 'sqlite') {
      // The live database is open (this suite's store): the restore refuses and changes nothing.
      await expectAppError(
        restoreDatabase(target, file('a.bak'), { force: true }),
        'unavailable',
        'database_in_use',
      );
      expect(await tableChecksums(store().db)).toEqual(scribbled);
      // A copy of the scribbled database stands in for a stopped server's database.
      const copy: DatabaseTarget = { dialect: 'sqlite', file: file('live.db') };
      await backupDatabase(target, copy.file);
      await expectAppError(restoreDatabase(copy, file('a.bak')), 'conflict', 'database_not_empty');
      expect(await checksumsOf(copy)).toEqual(scribbled);
      const r = await restoreDatabase(copy, file('a.bak'), { force: true });
      expect(r.replaced).toBe(true);
      expect(await checksumsOf(copy)).toEqual(before);
      // Into a database that does not exist yet: no --force needed.
      const fresh: DatabaseTarget = { dialect: 'sqlite', file: file('fresh.db') };
      expect((await restoreDatabase(fresh, file('a.bak'))).replaced).toBe(false);
      expect(await checksumsOf(fresh)).toEqual(before);
      return;
    }
    await expectAppError(restoreDatabase(target, file('a.bak')), 'conflict', 'database_not_empty');
    expect(await tableChecksums(store().db)).toEqual(scribbled);
    const r = await restoreDatabase(target, file('a.bak'), { force: true });
    expect(r.replaced).toBe(true);
    expect(await tableChecksums(store().db)).toEqual(before);
    // Into an empty schema: no --force needed.
    const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(store().db)).rows[0]?.s;
    await sql`drop schema ${sql.id(schema ?? '')} cascade`.execute(store().db);
    await sql`create schema ${sql.id(schema ?? '')}`.execute(store().db);
    expect((await restoreDatabase(target, file('a.bak'))).replaced).toBe(false);
    expect(await tableChecksums(store().db)).toEqual(before);
  });

  it('rejects what is not a backup, and a truncated backup changes nothing', async () => {
    const current = await checksumsOf(target);
    writeFileSync(file('notes.txt'), 'esto no es una copia\n');
    await expectAppError(
      restoreDatabase(target, file('notes.txt'), { force: true }),
      'invalid',
      'not_a_backup',
    );
    await expectAppError(
      restoreDatabase(target, file('missing.bak'), { force: true }),
      'invalid',
      'backup_not_readable',
    );
    const other = dialect === 'sqlite' ? 'PGDMP\x01\x0e\x00' : 'SQLite format 3\0';
    writeFileSync(file('other.bak'), other);
    await expectAppError(
      restoreDatabase(target, file('other.bak'), { force: true }),
      'invalid',
      'backup_dialect_mismatch',
    );

    const whole = readFileSync(file('a.bak'));
    writeFileSync(file('cut.bak'), whole.subarray(0, Math.floor(whole.length * 0.6)));
    const restoreInto: DatabaseTarget =
      dialect === 'sqlite' ? { dialect: 'sqlite', file: file('fresh.db') } : target;
    const was = await checksumsOf(restoreInto);
    const err = await restoreDatabase(restoreInto, file('cut.bak'), { force: true }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect(await checksumsOf(restoreInto)).toEqual(was);
    expect(await checksumsOf(target)).toEqual(current);
  });

  it('refuses a crafted backup (triggers removed or planted, a view, another version) and changes nothing (finding 10)', async () => {
    const planted = [
      // A view and two triggers: one deletes the restore's own audit row, one makes campus users national.
      'CREATE VIEW todo AS SELECT * FROM users',
      "CREATE TRIGGER borra AFTER INSERT ON audit_log WHEN NEW.action = 'data.restore' BEGIN DELETE FROM audit_log WHERE id = NEW.id; END",
      "CREATE TRIGGER asciende AFTER INSERT ON audit_log BEGIN UPDATE users SET role = 'national', campus_id = NULL WHERE role = 'campus'; END",
    ];
    const into: DatabaseTarget =
      dialect === 'sqlite' ? { dialect: 'sqlite', file: file('crafted.db') } : target;
    if (dialect === 'sqlite') {
      await restoreDatabase(into, file('a.bak'), { force: true });
      const craft = (name: string, statements: readonly string[]) => {
        copyFileSync(file('a.bak'), file(name));
        const db = new SQLite(file(name));
        for (const st of statements) db.exec(st);
        db.close();
      };
      craft('planted.bak', [
        'DROP TRIGGER audit_log_no_update',
        'DROP TRIGGER audit_log_no_delete',
        ...planted,
      ]);
      craft('older.bak', ["DELETE FROM kysely_migration WHERE name = '20261207_0013_login_throttle'"]);
    } else {
      // Crafted in the live schema, dumped, then the live schema is put back from the good backup.
      await sql
        .raw(
          `CREATE FUNCTION promote() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE users SET role = 'national', campus_id = NULL WHERE role = 'campus'; RETURN NEW; END $$`,
        )
        .execute(store().db);
      await sql.raw('DROP TRIGGER audit_log_no_change ON audit_log').execute(store().db);
      await sql.raw('CREATE VIEW todo AS SELECT * FROM users').execute(store().db);
      await sql
        .raw('CREATE TRIGGER asciende AFTER INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION promote()')
        .execute(store().db);
      await backupDatabase(target, file('planted.bak'));
      await restoreDatabase(target, file('a.bak'), { force: true });
      await sql
        .raw("DELETE FROM kysely_migration WHERE name = '20261207_0013_login_throttle'")
        .execute(store().db);
      await backupDatabase(target, file('older.bak'));
      await restoreDatabase(target, file('a.bak'), { force: true });
    }
    const was = await checksumsOf(into);
    const e = await expectAppError(
      restoreDatabase(into, file('planted.bak'), { force: true }),
      'invalid',
      'backup_tampered',
    );
    expect(e.message).toMatch(/no se restauró nada/);
    expect(e.message).toMatch(/audit_log_no_(update|change)/);
    expect(e.message).toMatch(/asciende/);
    expect(e.message).toMatch(/vistas ajenas: todo/);
    expect(await checksumsOf(into)).toEqual(was);
    const v = await expectAppError(
      restoreDatabase(into, file('older.bak'), { force: true }),
      'invalid',
      'backup_version_mismatch',
    );
    expect(v.message).toMatch(/20261207_0013_login_throttle/);
    expect(await checksumsOf(into)).toEqual(was);
  });

  // Replay of issue 11 (finding 10, 2026-12-08): the tables and indexes kept their names and columns but not
  // their definitions. A backup whose audit_log carried UNIQUE ("action") ON CONFLICT REPLACE was restored, and
  // afterwards every audit row silently deleted the previous row of the same action (REPLACE deletes without
  // firing the append-only DELETE trigger); a known index made UNIQUE made audited views fail.
  it.runIf(dialect === 'sqlite')(
    'refuses a backup whose tables or indexes keep their names but not their definitions (finding 10, replayed)',
    async () => {
      const into: DatabaseTarget = { dialect: 'sqlite', file: file('redefined.db') };
      await restoreDatabase(into, file('a.bak'), { force: true });
      const craft = (name: string, build: (db: SQLite.Database) => void) => {
        copyFileSync(file('a.bak'), file(name));
        const db = new SQLite(file(name));
        build(db);
        db.close();
      };
      craft('replace.bak', (db) => {
        const cols = db.prepare('select sql from sqlite_master where name = ?').get('audit_log') as {
          sql: string;
        };
        const keep = (
          db
            .prepare(
              "select sql from sqlite_master where tbl_name = 'audit_log' and type in ('index', 'trigger')",
            )
            .all() as { sql: string }[]
        ).map((r) => r.sql);
        db.exec(
          cols.sql.replace(
            /^CREATE TABLE "audit_log" \((.*)\)$/s,
            'CREATE TABLE "audit_new" ($1, UNIQUE ("action") ON CONFLICT REPLACE)',
          ),
        );
        db.exec(
          'INSERT INTO audit_new SELECT * FROM audit_log; DROP TABLE audit_log; ALTER TABLE audit_new RENAME TO audit_log',
        );
        for (const s of keep) db.exec(s);
      });
      craft('index.bak', (db) => {
        // UNIQUE for the rows to come only (the old ones share states): the next audited view of a state fails.
        const max = (db.prepare('select max(id) as m from audit_log').get() as { m: number }).m;
        db.exec(
          `DROP INDEX audit_log_state; CREATE UNIQUE INDEX audit_log_state ON audit_log (state_id) WHERE id > ${max}`,
        );
      });
      // The crafted copy does what the attack needs (so the refusal below is what stops it).
      const probe = new SQLite(file('replace.bak'));
      const rows = () => (probe.prepare('select count(*) as n from audit_log').get() as { n: number }).n;
      const n0 = rows();
      const add = probe.prepare(
        "insert into audit_log (at, actor, action) values ('2026-12-08', 'x', 'student.view')",
      );
      add.run();
      add.run();
      expect(rows()).toBe(n0 + 1);
      probe.close();

      const was = await checksumsOf(into);
      const e = await expectAppError(
        restoreDatabase(into, file('replace.bak'), { force: true }),
        'invalid',
        'backup_tampered',
      );
      expect(e.message).toMatch(/no se restauró nada/);
      expect(e.message).toMatch(/audit_log/);
      expect(await checksumsOf(into)).toEqual(was);
      const i = await expectAppError(
        restoreDatabase(into, file('index.bak'), { force: true }),
        'invalid',
        'backup_tampered',
      );
      expect(i.message).toMatch(/audit_log_state/);
      expect(await checksumsOf(into)).toEqual(was);
      // The untouched backup still restores (the comparison is not stricter than this build's own schema).
      await restoreDatabase(into, file('a.bak'), { force: true });
    },
  );

  // The same replay on PostgreSQL (2026-12-08): its restore compared tables by their columns only, so a dump
  // whose audit_log gained a CHECK that refuses the restore's own audit row, whose users.role
  // gained a default (an account created without a role would be national), with an index of its own or row-level
  // security policies was restored. Crafted in the live schema, dumped, and the live schema put back.
  it.runIf(dialect === 'postgres')(
    'refuses a dump whose tables keep their columns but not their constraints, defaults, indexes or row security (finding 10, replayed)',
    async () => {
      const crafts: Record<string, { statements: string[]; says: RegExp }> = {
        'unique.bak': {
          // NOT VALID: the rows already there pass; the restore's own audit row (and every later one) would not.
          statements: [
            "ALTER TABLE audit_log ADD CONSTRAINT sin_restaurar CHECK (action <> 'data.restore') NOT VALID",
          ],
          says: /restricciones ajenas: audit_log\.sin_restaurar/,
        },
        'default.bak': {
          statements: ["ALTER TABLE users ALTER COLUMN role SET DEFAULT 'national'"],
          says: /columnas con otra definición: users\.role/,
        },
        'index.bak': {
          statements: ['CREATE INDEX por_actor ON audit_log (actor)'],
          says: /índices ajenos: por_actor/,
        },
        'policy.bak': {
          statements: [
            'ALTER TABLE users ENABLE ROW LEVEL SECURITY',
            'CREATE POLICY todos ON users USING (true)',
          ],
          says: /seguridad por filas ajena: .*policy users\.todos/,
        },
      };
      for (const [name, c] of Object.entries(crafts)) {
        for (const st of c.statements) await sql.raw(st).execute(store().db);
        await backupDatabase(target, file(name));
        await restoreDatabase(target, file('a.bak'), { force: true });
      }
      const was = await checksumsOf(target);
      for (const [name, c] of Object.entries(crafts)) {
        const e = await expectAppError(
          restoreDatabase(target, file(name), { force: true }),
          'invalid',
          'backup_tampered',
        );
        expect(e.message).toMatch(/no se restauró nada/);
        expect(e.message).toMatch(c.says);
        expect(await checksumsOf(target)).toEqual(was);
      }
      // No scratch schema is left behind, and the untouched backup still restores.
      const scratch = await sql<{
        n: string;
      }>`select nspname as n from pg_namespace where nspname like 'trayecto_verify_ref_%'`.execute(
        store().db,
      );
      expect(scratch.rows).toEqual([]);
      await restoreDatabase(target, file('a.bak'), { force: true });
    },
  );

  it('says which program is missing when the PostgreSQL client tools are not installed', async () => {
    if (dialect === 'sqlite') {
      // SQLite needs no external program: a backup works with an empty PATH-less tool set.
      const tools = {
        pgDump: '/nonexistent/pg_dump',
        pgRestore: '/nonexistent/pg_restore',
        psql: '/nonexistent/psql',
      };
      await backupDatabase(target, file('b.bak'), { pgTools: tools });
      expect(existsSync(file('b.bak'))).toBe(true);
      return;
    }
    const tools = {
      pgDump: '/nonexistent/pg_dump',
      pgRestore: '/nonexistent/pg_restore',
      psql: '/nonexistent/psql',
    };
    const e = await expectAppError(
      backupDatabase(target, file('c.bak'), { pgTools: tools }),
      'unavailable',
      'pg_tools_missing',
    );
    expect(e.message).toContain('pg_dump');
    expect(e.message).toContain('postgresql-client');
    expect(existsSync(file('c.bak'))).toBe(false);
    await expectAppError(
      restoreDatabase(target, file('a.bak'), { force: true, pgTools: tools }),
      'unavailable',
      'pg_tools_missing',
    );
    expect(await tableChecksums(store().db)).toEqual(before);
  });

  /** Checksums of a target: the suite's own store, or a database opened for the purpose. */
  async function checksumsOf(t: DatabaseTarget): Promise<Sums> {
    if (t === target) return tableChecksums(store().db);
    const s = openStore(t);
    try {
      return await tableChecksums(s.db);
    } finally {
      await s.close();
    }
  }
});
