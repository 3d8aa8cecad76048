/**
 * A first start is a working early-warning system: when the database has no risk model or no stored scoring
 * run (a fresh demo, a first import), the model is trained and every active student scored, in the
 * background (a worker thread: the server answers meanwhile), with its progress in the log and in
 * GET /api/v1/analyses/status.
 */
import type { Kysely } from 'kysely';
import { riskReadiness } from '../../storage/analysis-results.js';
import type { Database } from '../../storage/schema.js';
import { runScoring, trainRiskModel } from '../risk/index.js';

export interface RiskSetupResult {
  readonly trained: number | null;
  readonly scored: number | null;
}

/** Trains when there is no model and scores when there is no stored run; `say` gets each step's message. */
export async function prepareRisk(
  db: Kysely<Database>,
  actor: string,
  say: (message: string) => void,
): Promise<RiskSetupResult> {
  const ready = await riskReadiness(db);
  let trained: number | null = null;
  let scored: number | null = null;
  if (!ready.model) {
    say('Alerta temprana: se entrena el modelo de riesgo (primera vez)');
    trained = (await trainRiskModel(db, { actor, onProgress: say })).version;
    say(`Alerta temprana: modelo v${trained} entrenado`);
  }
  if (!ready.scores || trained !== null) {
    say('Alerta temprana: se califica a los estudiantes activos');
    const { run } = await runScoring(db, {}, { save: true });
    scored = run.scored;
    say(`Alerta temprana: ${run.scored} estudiantes calificados (corte ${run.cutoff})`);
  }
  return { trained, scored };
}
