import { SqliteAdapter, type Kysely } from 'kysely';

/**
 * Scope on every write (docs/IMPORTS.md, "Alcance"): transfer requests between campuses (the receiving campus
 * asks, the sending campus or a coordinator confirms or rejects) and the before/after values of identity
 * fields changed by an import. identity_changes holds names: it is personal data like student_identities,
 * read only by the coordinators who read the audit log (national; state for their state), never by analysts.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time and use an untyped db */
export async function up(db: Kysely<any>): Promise<void> {
  const isSqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const serial = isSqlite ? 'integer' : 'bigserial';
  await db.schema
    .createTable('transfer_requests')
    .addColumn('id', serial, (c) => c.primaryKey())
    .addColumn('student_id', 'integer', (c) => c.notNull())
    .addColumn('from_campus_id', 'integer', (c) => c.notNull())
    .addColumn('to_campus_id', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // pending | confirmed | rejected
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('reason', 'text')
    .execute();
  await db.schema
    .createIndex('transfer_requests_from_idx')
    .on('transfer_requests')
    .columns(['from_campus_id', 'status'])
    .execute();
  await db.schema
    .createIndex('transfer_requests_to_idx')
    .on('transfer_requests')
    .columns(['to_campus_id', 'status'])
    .execute();
  await db.schema
    .createTable('identity_changes')
    .addColumn('id', serial, (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('import_run_id', 'integer')
    .addColumn('student_id', 'integer', (c) => c.notNull())
    .addColumn('state_id', 'integer')
    .addColumn('campus_id', 'integer')
    .addColumn('before_values', 'text', (c) => c.notNull())
    .addColumn('after_values', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('identity_changes_student_idx')
    .on('identity_changes')
    .columns(['student_id'])
    .execute();
  await db.schema
    .createIndex('identity_changes_run_idx')
    .on('identity_changes')
    .columns(['import_run_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('identity_changes').ifExists().execute();
  await db.schema.dropTable('transfer_requests').ifExists().execute();
}
