import { SqliteAdapter, sql, type Kysely } from 'kysely';

/**
 * The audit log: one row per audited action (who viewed a student, exported personal data, imported a file,
 * changed a role …). Append-only: the code has no update or delete path, and a trigger on each dialect rejects
 * UPDATE and DELETE (and TRUNCATE on PostgreSQL), so a bug or a stray statement cannot rewrite history.
 * state_id / campus_id scope the row (a state coordinator sees their state's rows); details is JSON text
 * without names or CURP of students (students are named by id in target).
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time and use an untyped db */
export async function up(db: Kysely<any>): Promise<void> {
  const isSqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema
    .createTable('audit_log')
    // SQLite: an INTEGER PRIMARY KEY is the rowid, assigned on insert; PostgreSQL: an identity sequence.
    .addColumn('id', isSqlite ? 'integer' : 'bigserial', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('role', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('state_id', 'integer')
    .addColumn('campus_id', 'integer')
    .addColumn('details', 'text')
    .addColumn('request_id', 'text')
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at', 'id']).execute();
  await db.schema.createIndex('audit_log_action').on('audit_log').columns(['action', 'at', 'id']).execute();
  await db.schema.createIndex('audit_log_state').on('audit_log').columns(['state_id', 'at', 'id']).execute();
  if (isSqlite) {
    for (const op of ['UPDATE', 'DELETE']) {
      await sql
        .raw(
          `CREATE TRIGGER audit_log_no_${op.toLowerCase()} BEFORE ${op} ON audit_log ` +
            `BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
        )
        .execute(db);
    }
  } else {
    await sql
      .raw(
        `CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ ` +
          `BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log ` +
          `FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log ` +
          `FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_log').ifExists().execute();
}
