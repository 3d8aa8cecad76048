/**
 * Stored results of the heavy analyses (services/analyses/): one row per analysis, normalized parameters and
 * scope, replaced when a newer data version is computed.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface StoredAnalysis {
  readonly key: string;
  readonly analysis: string;
  readonly dataVersion: string;
  /** JSON text of the result. */
  readonly result: string;
  readonly computedAt: string;
  /** How long the computation took. */
  readonly ms: number;
}

export async function readAnalysis(db: Kysely<Database>, key: string): Promise<StoredAnalysis | null> {
  const r = await db.selectFrom('analysis_results').selectAll().where('key', '=', key).executeTakeFirst();
  return r
    ? {
        key: r.key,
        analysis: r.analysis,
        dataVersion: r.data_version,
        result: r.result,
        computedAt: r.computed_at,
        ms: Number(r.ms),
      }
    : null;
}

export async function writeAnalysis(db: Kysely<Database>, a: StoredAnalysis): Promise<void> {
  const row = {
    analysis: a.analysis,
    data_version: a.dataVersion,
    result: a.result,
    computed_at: a.computedAt,
    ms: Math.round(a.ms),
  };
  await db
    .insertInto('analysis_results')
    .values({ key: a.key, ...row })
    .onConflict((oc) => oc.column('key').doUpdateSet(row))
    .execute();
}

/** The longest recent computation of each analysis, to estimate the progress of the next one. */
export async function analysisDurations(db: Kysely<Database>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('analysis_results')
    .select(['analysis', (eb) => eb.fn.max('ms').as('ms')])
    .groupBy('analysis')
    .execute();
  return new Map(rows.map((r) => [r.analysis, Number(r.ms)]));
}

/** Whether early warning is ready: a trained risk model, and a stored scoring run. */
export async function riskReadiness(db: Kysely<Database>): Promise<{ model: boolean; scores: boolean }> {
  const model = await db.selectFrom('risk_models').select('id').limit(1).executeTakeFirst();
  const scores = await db.selectFrom('risk_scores').select('cutoff').limit(1).executeTakeFirst();
  return { model: model !== undefined, scores: scores !== undefined };
}
