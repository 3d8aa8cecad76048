import { SqliteAdapter, sql, type Kysely } from 'kysely';

/**
 * The places an audit row touched, besides its own scope: an import's row carries the states and campuses of
 * the students it created or changed (whoever ran it: a national user, a CLI operator), so that a state
 * coordinator's audit list shows every import that touched their state. Append-only like audit_log (the same
 * triggers): a row's places cannot be rewritten or removed.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time and use an untyped db */
export async function up(db: Kysely<any>): Promise<void> {
  const isSqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema
    .createTable('audit_places')
    .addColumn('audit_id', isSqlite ? 'integer' : 'bigint', (c) => c.notNull())
    .addColumn('state_id', 'integer', (c) => c.notNull())
    .addColumn('campus_id', 'integer')
    .execute();
  await db.schema
    .createIndex('audit_places_state')
    .on('audit_places')
    .columns(['state_id', 'audit_id'])
    .execute();
  await db.schema.createIndex('audit_places_audit').on('audit_places').columns(['audit_id']).execute();
  if (isSqlite) {
    for (const op of ['UPDATE', 'DELETE']) {
      await sql
        .raw(
          `CREATE TRIGGER audit_places_no_${op.toLowerCase()} BEFORE ${op} ON audit_places ` +
            `BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
        )
        .execute(db);
    }
  } else {
    // The function of migration 0008.
    await sql
      .raw(
        `CREATE TRIGGER audit_places_no_change BEFORE UPDATE OR DELETE ON audit_places ` +
          `FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER audit_places_no_truncate BEFORE TRUNCATE ON audit_places ` +
          `FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_places').ifExists().execute();
}
