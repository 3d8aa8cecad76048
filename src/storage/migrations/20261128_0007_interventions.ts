import type { Kysely } from 'kysely';

/**
 * Interventions as a working log: who assigned each one and when it last changed, dated follow-up notes with
 * their author, and the work-queue / escalation settings per scope (national default, state, campus).
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time and use an untyped db */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('interventions').addColumn('assigned_by', 'integer').execute();
  await db.schema.alterTable('interventions').addColumn('created_at', 'text').execute();
  await db.schema.alterTable('interventions').addColumn('updated_at', 'text').execute();
  await db.schema
    .createTable('intervention_notes')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('intervention_id', 'integer', (c) => c.notNull())
    .addColumn('student_id', 'integer', (c) => c.notNull())
    .addColumn('campus_id', 'integer', (c) => c.notNull())
    .addColumn('author_id', 'integer')
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('note_date', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('intervention_notes_intervention_idx')
    .ifNotExists()
    .on('intervention_notes')
    .columns(['intervention_id'])
    .execute();
  await db.schema
    .createIndex('intervention_notes_student_idx')
    .ifNotExists()
    .on('intervention_notes')
    .columns(['student_id', 'note_date'])
    .execute();
  await db.schema
    .createTable('queue_settings')
    .addColumn('scope_level', 'text', (c) => c.notNull()) // national | state | campus
    .addColumn('scope_id', 'integer', (c) => c.notNull()) // 0 for national
    .addColumn('tutor_capacity', 'integer')
    .addColumn('campus_capacity', 'integer')
    .addColumn('escalate_after_days', 'integer')
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('queue_settings_pk', ['scope_level', 'scope_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('queue_settings').ifExists().execute();
  await db.schema.dropTable('intervention_notes').ifExists().execute();
  for (const c of ['updated_at', 'created_at', 'assigned_by']) {
    await db.schema.alterTable('interventions').dropColumn(c).execute();
  }
}
