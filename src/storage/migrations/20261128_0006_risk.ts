import { SqliteAdapter, type Kysely } from 'kysely';

/**
 * Early warning: versioned rule sets (thresholds with who changed them and when; the latest is in force and
 * earlier versions are kept as the audit trail), trained model versions (data cut-off, method, parameters,
 * metrics, the serialized model and its model card in Spanish and English) and the scores of the latest
 * scoring run per cut-off (the history shown on a student's risk panel).
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time and use an untyped db */
export async function up(db: Kysely<any>): Promise<void> {
  const isSqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const serial = isSqlite ? 'integer' : 'bigserial';
  await db.schema
    .createTable('risk_rule_sets')
    .addColumn('id', serial, (c) => c.primaryKey())
    .addColumn('thresholds', 'text', (c) => c.notNull()) // JSON (domain/risk/rules.ts Thresholds)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema
    .createTable('risk_models')
    .addColumn('id', serial, (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('data_cutoff', 'text', (c) => c.notNull()) // the test cut-off, e.g. "2025-2026/1"
    .addColumn('method', 'text', (c) => c.notNull()) // the chosen method: 'logistic' | 'gbt'
    .addColumn('parameters', 'text', (c) => c.notNull()) // JSON
    .addColumn('metrics', 'text', (c) => c.notNull()) // JSON (both methods, calibration, fairness, capacity)
    .addColumn('model', 'text', (c) => c.notNull()) // JSON (serialized model)
    .addColumn('card_es', 'text', (c) => c.notNull())
    .addColumn('card_en', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('risk_scores')
    .addColumn('student_id', 'integer', (c) => c.notNull())
    .addColumn('cutoff', 'text', (c) => c.notNull()) // "2025-2026/2"
    .addColumn('campus_id', 'integer', (c) => c.notNull())
    .addColumn('flag', 'text', (c) => c.notNull())
    .addColumn('probability', 'real')
    .addColumn('model_id', 'integer')
    .addColumn('rule_set_id', 'integer')
    .addColumn('reasons', 'text', (c) => c.notNull()) // JSON [codes]
    .addColumn('scored_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('risk_scores_pk', ['student_id', 'cutoff'])
    .execute();
  await db.schema
    .createIndex('risk_scores_campus_idx')
    .on('risk_scores')
    .columns(['campus_id', 'cutoff'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('risk_scores').execute();
  await db.schema.dropTable('risk_models').execute();
  await db.schema.dropTable('risk_rule_sets').execute();
}
