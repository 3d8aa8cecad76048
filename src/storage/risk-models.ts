/**
 * The risk repository's versioned settings: rule sets (the semáforo's thresholds, one row per change) and
 * trained models (parameters, metrics, the serialized model and its card). Every function takes the database
 * or a transaction first; JSON columns are returned parsed.
 */
import type { Kysely } from 'kysely';
import type { SerializedRiskModel } from '../domain/risk/model.js';
import type { Thresholds } from '../domain/risk/rules.js';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

export interface RuleSetRow {
  readonly version: number;
  /** As stored: the keys set at that version (older versions may lack keys added since). */
  readonly thresholds: Partial<Thresholds>;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly note: string | null;
}

const ruleSetOf = (r: {
  id: number;
  thresholds: string;
  created_at: string;
  created_by: string;
  note: string | null;
}): RuleSetRow => ({
  version: Number(r.id),
  thresholds: JSON.parse(r.thresholds) as Partial<Thresholds>,
  createdAt: r.created_at,
  createdBy: r.created_by,
  note: r.note,
});

/** The newest rule set, or undefined before any has been stored. */
export async function latestRuleSet(db: Db): Promise<RuleSetRow | undefined> {
  const r = await db
    .selectFrom('risk_rule_sets')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r && ruleSetOf(r);
}

/** Every stored rule set, newest first. */
export async function ruleSets(db: Db): Promise<RuleSetRow[]> {
  const rows = await db.selectFrom('risk_rule_sets').selectAll().orderBy('id', 'desc').execute();
  return rows.map(ruleSetOf);
}

/** Stores a rule set; returns its version. */
export async function insertRuleSet(
  db: Db,
  r: { thresholds: Thresholds; createdAt: string; createdBy: string; note: string | null },
): Promise<number> {
  const row = await db
    .insertInto('risk_rule_sets')
    .values({
      thresholds: JSON.stringify(r.thresholds),
      created_at: r.createdAt,
      created_by: r.createdBy,
      note: r.note,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** The newest model's version (one indexed row), or null before any model is trained. */
export async function latestModelVersion(db: Db): Promise<number | null> {
  const r = await db.selectFrom('risk_models').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return r ? Number(r.id) : null;
}

/** The serialized model of a version. */
export async function modelOf(db: Db, version: number): Promise<SerializedRiskModel | undefined> {
  const r = await db.selectFrom('risk_models').select('model').where('id', '=', version).executeTakeFirst();
  return r && (JSON.parse(r.model) as SerializedRiskModel);
}

export interface ModelRow<M = unknown> {
  readonly version: number;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly dataCutoff: string;
  readonly method: string;
  readonly parameters: Record<string, unknown>;
  readonly metrics: M;
  readonly cardEs: string;
  readonly cardEn: string;
}

/** A model version with its parameters, metrics and cards (the newest when `version` is omitted). */
export async function modelRow<M>(db: Db, version?: number): Promise<ModelRow<M> | undefined> {
  let q = db.selectFrom('risk_models').selectAll();
  q = version === undefined ? q.orderBy('id', 'desc').limit(1) : q.where('id', '=', version);
  const r = await q.executeTakeFirst();
  return (
    r && {
      version: Number(r.id),
      createdAt: r.created_at,
      createdBy: r.created_by,
      dataCutoff: r.data_cutoff,
      method: r.method,
      parameters: JSON.parse(r.parameters) as Record<string, unknown>,
      metrics: JSON.parse(r.metrics) as M,
      cardEs: r.card_es,
      cardEn: r.card_en,
    }
  );
}

export interface ModelListing {
  readonly version: number;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly dataCutoff: string;
  readonly method: string;
}

/** Every model version, newest first, without its contents. */
export async function modelList(db: Db): Promise<ModelListing[]> {
  const rows = await db
    .selectFrom('risk_models')
    .select(['id', 'created_at', 'created_by', 'data_cutoff', 'method'])
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({
    version: Number(r.id),
    createdAt: r.created_at,
    createdBy: r.created_by,
    dataCutoff: r.data_cutoff,
    method: r.method,
  }));
}

/** Stores a trained model (its cards empty until setModelCards); returns its version. */
export async function insertModel(
  db: Db,
  m: {
    createdAt: string;
    createdBy: string;
    dataCutoff: string;
    method: string;
    parameters: unknown;
    metrics: unknown;
    model: SerializedRiskModel;
  },
): Promise<number> {
  const row = await db
    .insertInto('risk_models')
    .values({
      created_at: m.createdAt,
      created_by: m.createdBy,
      data_cutoff: m.dataCutoff,
      method: m.method,
      parameters: JSON.stringify(m.parameters),
      metrics: JSON.stringify(m.metrics),
      model: JSON.stringify(m.model),
      card_es: '',
      card_en: '',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Writes a model's cards (they name its version, known only once it is stored). */
export async function setModelCards(db: Db, version: number, cardEs: string, cardEn: string): Promise<void> {
  await db
    .updateTable('risk_models')
    .set({ card_es: cardEs, card_en: cardEn })
    .where('id', '=', version)
    .execute();
}
