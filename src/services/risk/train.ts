/**
 * Use case: train, evaluate and store a risk model version, with temporal validation.
 *
 * - Test: the latest cut-off whose outcome (the next term) is known, e.g. the end of 2025-2026/1 when the
 *   records end with 2025-2026/2; the newest generation (students entering that year) is reported apart.
 * - Calibration / model selection: the same kind of cut-off one school year before the test (term-end and
 *   year-end cut-offs have different exit rates).
 * - Training: the `trainTerms` cut-offs before that (older generations at older cut-offs only: nothing is
 *   learned from a period after the one it is tested on).
 * - Methods side by side: L2-regularized logistic regression and gradient-boosted trees, both calibrated
 *   (Platt) on the calibration cut-off; the one with the higher ROC-AUC there is chosen. The transparent rules
 *   are evaluated on the same test rows.
 * - Reported: ROC-AUC, PR-AUC, Brier score and log-loss on the test; the calibration curve; precision and
 *   recall at capacity per campus for individual scoring, campus-level targeting and rules; FPR/FNR by sex,
 *   state and campus size with the gaps. Nothing is silently dropped: rows left out (graduates, sampled out)
 *   are counted.
 */
import type { Kysely } from 'kysely';
import { AppError, invalid } from '../../domain/errors.js';
import { fitPlatt as fitPlattProbs } from '../../domain/ml/calibration.js';
import { columnMeans } from '../../domain/ml/contributions.js';
import { fitGbt, gbtToData, type GbtModelData } from '../../domain/ml/gbt.js';
import { fitLogistic } from '../../domain/ml/logistic.js';
import { averagePrecision, brierScore, calibrationCurve, logLoss, rocAuc } from '../../domain/ml/metrics.js';
import {
  modelCard,
  type MethodMetrics,
  type ModelCardInput,
  type RiskMetrics,
} from '../../domain/risk/card.js';

import {
  campusTargeting,
  capacities,
  confusion,
  fairness,
  sizeClasses,
  topKPerGroup,
} from '../../domain/risk/evaluation.js';
import {
  FEATURES,
  cutoffFromIndex,
  cutoffIndex,
  cutoffLabel,
  featureVector,
  namedFeatures,
  type Cutoff,
} from '../../domain/risk/features.js';
import {
  predictProbability,
  rawScore,
  sigmoid,
  type Calibration,
  type SerializedRiskModel,
} from '../../domain/risk/model.js';
import { calibrationByGroup, calibrationCheck } from '../../domain/risk/calibration-report.js';
import { FLAG_ORDER, evaluateRules } from '../../domain/risk/rules.js';
import {
  campusExitRates,
  campusSizes,
  latestCutoff,
  riskRows,
  type RiskRow,
} from '../../storage/risk-queries.js';
import type { Database } from '../../storage/schema.js';
import { currentRuleSet, meanRate } from './scores.js';
import { riskDrift } from './drift.js';

export type { MethodMetrics, RiskMetrics };

export interface TrainOptions {
  /** The test cut-off (default: the latest whose next term is known). */
  readonly testCutoff?: Cutoff;
  /** Training cut-offs before the calibration cut-off (default 4: two school years). */
  readonly trainTerms?: number;
  /** At most this many training rows (a deterministic sample beyond; default 200,000). */
  readonly maxTrainRows?: number;
  /** Share of each campus's students its tutors can follow (default 0.10). */
  readonly capacityShare?: number;
  readonly seed?: number;
  readonly actor: string;
  readonly at?: Date;
  readonly onProgress?: (message: string) => void;
}

export interface TrainResult {
  readonly version: number;
  readonly metrics: RiskMetrics;
  readonly cardEs: string;
  readonly cardEn: string;
}

interface Assembled {
  readonly X: Float64Array[];
  readonly y: Uint8Array;
  readonly rows: RiskRow[];
}

async function assemble(db: Kysely<Database>, cutoffs: readonly Cutoff[]): Promise<Assembled> {
  const X: Float64Array[] = [];
  const labels: number[] = [];
  const rows: RiskRow[] = [];
  for (const c of cutoffs) {
    const [rs, rates] = await Promise.all([riskRows(db, c, 'history'), campusExitRates(db, c)]);
    const national = meanRate(rates);
    for (const r of rs) {
      X.push(featureVector(r, c, rates.get(r.campusId) ?? national));
      labels.push(r.label ?? 0);
      rows.push(r);
    }
  }
  return { X, y: Uint8Array.from(labels), rows };
}

/** A deterministic hash in [0, 1) of a row (student and position), for sampling. */
function unitHash(a: number, b: number, seed: number): number {
  let h = (a * 0x9e3779b1) ^ (b * 0x85ebca77) ^ seed;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** A deterministic tenth of the students (every row of a student on the same side), by row. */
export function heldOutByStudent(students: readonly number[], seed: number): boolean[] {
  return students.map((id) => unitHash(id, 3, seed) < 0.1);
}

/** The number of leading trees with the lowest log-loss on the validation rows. */
function bestRoundCount(model: GbtModelData, X: readonly Float64Array[], y: readonly number[]): number {
  if (X.length === 0) return model.trees.length;
  const margin = new Float64Array(X.length).fill(model.baseScore);
  let best = 0;
  let bestLoss = Infinity;
  model.trees.forEach((t, k) => {
    let loss = 0;
    X.forEach((x, i) => {
      let node = 0;
      for (;;) {
        const f = t.feature[node] ?? -1;
        if (f < 0) break;
        const v = x[f] ?? NaN;
        const left = Number.isNaN(v) ? t.missingLeft[node] === 1 : v <= (t.threshold[node] ?? 0);
        node = (left ? t.left[node] : t.right[node]) ?? 0;
      }
      margin[i] = (margin[i] ?? 0) + (t.value[node] ?? 0);
      const p = Math.min(1 - 1e-12, Math.max(1e-12, sigmoid(margin[i] ?? 0)));
      loss -= y[i] === 1 ? Math.log(p) : Math.log(1 - p);
    });
    if (loss < bestLoss - 1e-9) {
      bestLoss = loss;
      best = k + 1;
    }
  });
  return Math.max(1, best);
}

const safe = (v: number): number | null => (Number.isFinite(v) ? v : null);

export async function trainRiskModel(db: Kysely<Database>, options: TrainOptions): Promise<TrainResult> {
  const log = options.onProgress ?? (() => {});
  const latest = await latestCutoff(db);
  if (!latest)
    throw new AppError('unavailable', 'no_records', 'No hay registros de estudiantes para entrenar');
  const maxTest = cutoffIndex(latest) - 1;
  const testIdx = options.testCutoff ? cutoffIndex(options.testCutoff) : maxTest;
  if (testIdx > maxTest)
    throw invalid(
      'cutoff_without_outcome',
      `El corte ${cutoffLabel(cutoffFromIndex(testIdx))} aún no tiene resultado conocido`,
      [`Último corte con resultado: ${cutoffLabel(cutoffFromIndex(maxTest))}`],
    );
  const trainTerms = options.trainTerms ?? 4;
  const seed = options.seed ?? 20261128;
  const share = options.capacityShare ?? 0.1;
  const test = cutoffFromIndex(testIdx);
  // One calibration per kind of cut-off (term-end and year-end exits differ in rate, and scoring uses both
  // kinds: issue 12, finding 7), each on the latest cut-off of its kind before the test whose outcome is
  // known: the test's kind one year earlier, the other kind just before the test (a year older would carry
  // a year of drift in the exit rate). The test stays out of sample; stored scores are back-tested (drift).
  const calib = cutoffFromIndex(testIdx - 2);
  const other = cutoffFromIndex(testIdx - 1);
  const calibBy = test.term === 1 ? { termEnd: calib, yearEnd: other } : { termEnd: other, yearEnd: calib };
  const trainCuts = Array.from({ length: trainTerms }, (_, k) =>
    cutoffFromIndex(testIdx - 2 - trainTerms + k),
  );

  log(`Entrenamiento: cortes ${trainCuts.map(cutoffLabel).join(', ')}`);
  const trainAll = await assemble(db, trainCuts);
  log(
    `Calibración: cortes ${cutoffLabel(calibBy.termEnd)} y ${cutoffLabel(calibBy.yearEnd)}; prueba: ${cutoffLabel(test)}`,
  );
  const calTerm = await assemble(db, [calibBy.termEnd]);
  const calYear = await assemble(db, [calibBy.yearEnd]);
  const tst = await assemble(db, [test]);
  const tstOther = test.term === 1 ? calYear : calTerm;
  const problems: string[] = [];
  for (const [name, d] of [
    ['entrenamiento', trainAll],
    ['calibración (fin de periodo)', calTerm],
    ['calibración (fin de ciclo)', calYear],
    ['prueba', tst],
  ] as const) {
    const pos = d.y.reduce((s, v) => s + v, 0);
    if (d.y.length === 0) problems.push(`${name}: sin filas`);
    else if (pos === 0 || pos === d.y.length)
      problems.push(`${name}: una sola clase (${pos} de ${d.y.length} salieron)`);
  }
  if (problems.length > 0)
    throw invalid('insufficient_data', 'Datos insuficientes para entrenar el modelo', problems);

  // Deterministic sample of the training rows when there are more than maxTrainRows.
  const maxRows = options.maxTrainRows ?? 200_000;
  let X = trainAll.X;
  let y = trainAll.y;
  let students = trainAll.rows.map((r) => r.studentId);
  if (X.length > maxRows) {
    const keep: number[] = [];
    const p = maxRows / X.length;
    trainAll.rows.forEach((r, i) => {
      if (unitHash(r.studentId, i, seed) < p) keep.push(i);
    });
    X = keep.map((i) => trainAll.X[i] as Float64Array);
    y = Uint8Array.from(keep, (i) => trainAll.y[i] ?? 0);
    students = keep.map((i) => trainAll.rows[i]?.studentId ?? 0);
  }
  log(
    `Filas: entrenamiento ${X.length} (de ${trainAll.X.length}), calibración ${calTerm.X.length} + ${calYear.X.length}, prueba ${tst.X.length}`,
  );

  // Logistic regression.
  let t0 = performance.now();
  const lr = fitLogistic(X, y, { l2: 1e-3 });
  const lrSeconds = (performance.now() - t0) / 1000;
  const means = columnMeans(X);
  const logistic = { coef: Array.from(lr.coef), intercept: lr.intercept, means: Array.from(means) };
  log(`Regresión logística: ${lrSeconds.toFixed(1)} s`);

  // Gradient-boosted trees; the number of rounds is chosen on a held-out tenth of the training students
  // (all rows of a student on the same side, deterministic: a student seen at two cut-offs must not be in
  // both; issue 12, finding 10): the log-loss after each round, the ensemble cut back to the best round.
  t0 = performance.now();
  const inValid = heldOutByStudent(students, seed);
  const fitX: Float64Array[] = [];
  const fitY: number[] = [];
  const validX: Float64Array[] = [];
  const validY: number[] = [];
  X.forEach((x, i) => {
    if (inValid[i]) {
      validX.push(x);
      validY.push(y[i] ?? 0);
    } else {
      fitX.push(x);
      fitY.push(y[i] ?? 0);
    }
  });
  const gbtParams = { rounds: 250, learningRate: 0.08, maxLeaves: 15, minSamplesLeaf: 50, seed };
  const gbtFull = gbtToData(fitGbt(fitX, Uint8Array.from(fitY), gbtParams));
  const bestRounds = bestRoundCount(gbtFull, validX, validY);
  const gbtData = { ...gbtFull, trees: gbtFull.trees.slice(0, bestRounds) };
  const gbtSeconds = (performance.now() - t0) / 1000;
  log(`Árboles potenciados: ${bestRounds} de ${gbtParams.rounds} rondas, ${gbtSeconds.toFixed(1)} s`);

  const draft = (method: 'logistic' | 'gbt'): SerializedRiskModel => ({
    method,
    features: [...FEATURES],
    logistic,
    ...(method === 'gbt' ? { gbt: gbtData } : {}),
    calibration: { kind: 'platt', a: 1, b: 0 },
  });
  const platt = (m0: SerializedRiskModel, d: Assembled): Calibration => {
    const f = fitPlattProbs(
      d.X.map((x) => sigmoid(rawScore(m0, x))),
      d.y,
    );
    return { kind: 'platt', a: f.a, b: f.b };
  };
  const evaluate = (method: 'logistic' | 'gbt', trainSeconds: number) => {
    const m0 = draft(method);
    const byCutoff = { termEnd: platt(m0, calTerm), yearEnd: platt(m0, calYear) };
    const model: SerializedRiskModel = {
      ...m0,
      calibration: byCutoff.termEnd,
      calibrationByCutoff: byCutoff,
    };
    const calScores = [...calTerm.X, ...calYear.X].map((x) => rawScore(model, x));
    const calY = Uint8Array.from([...calTerm.y, ...calYear.y]);
    const testScores = tst.X.map((x) => rawScore(model, x));
    const probs = tst.X.map((x) => predictProbability(model, x));
    const metrics: MethodMetrics = {
      rocAuc: rocAuc(tst.y, testScores),
      prAuc: averagePrecision(tst.y, testScores),
      brier: brierScore(tst.y, probs),
      logLoss: logLoss(tst.y, probs),
      validationRocAuc: safe(rocAuc(calY, calScores)),
      trainSeconds,
    };
    return { model, probs, metrics };
  };
  const lrEval = evaluate('logistic', lrSeconds);
  const gbtEval = evaluate('gbt', gbtSeconds);
  const chosenEval =
    (gbtEval.metrics.validationRocAuc ?? 0) > (lrEval.metrics.validationRocAuc ?? 0) ? gbtEval : lrEval;
  const chosen = chosenEval.model.method;

  // Rules on the same test rows: flag first, then the number of signals.
  const rules = await currentRuleSet(db);
  const ruleScores = tst.X.map((x) => {
    const r = evaluateRules(namedFeatures(x), rules.thresholds);
    return FLAG_ORDER[r.flag] * 100 + r.points;
  });
  const rulesMetrics: MethodMetrics = {
    rocAuc: rocAuc(tst.y, ruleScores),
    prAuc: averagePrecision(tst.y, ruleScores),
    brier: null,
    logLoss: null,
    validationRocAuc: null,
    trainSeconds: null,
  };

  // Newest generation: students who entered in the test cut-off's school year.
  const newest = tst.rows.map((r, i) => (r.entryYear === test.year ? i : -1)).filter((i) => i >= 0);
  const ny = Uint8Array.from(newest, (i) => tst.y[i] ?? 0);
  const np = newest.map((i) => chosenEval.probs[i] ?? 0);
  const newestPositives = ny.reduce((s, v) => s + v, 0);

  // Capacity and fairness on the test rows.
  const campusOf = Int32Array.from(tst.rows, (r) => r.campusId);
  const cap = capacities(campusOf, share);
  let places = 0;
  for (const k of cap.values()) places += k;
  // Rules ranked with a deterministic tie-break (a hash: random with respect to risk).
  const ruleRank = ruleScores.map((s, i) => s + unitHash(tst.rows[i]?.studentId ?? 0, 7, seed) * 0.5);
  const flaggedModel = topKPerGroup(chosenEval.probs, campusOf, cap);
  const flaggedCampus = campusTargeting(chosenEval.probs, campusOf, places);
  const flaggedRules = topKPerGroup(ruleRank, campusOf, cap);
  const sizes = await campusSizes(db, `${test.year}-${test.year + 1}`);
  const sizeClass = sizeClasses(new Map([...sizes].map(([c, v]) => [c, v.mt])));
  const stateNames = new Map(
    (await db.selectFrom('states').select(['id', 'short_name']).execute()).map((s) => [s.id, s.short_name]),
  );
  const groupings = [
    ['sexo', tst.rows.map((r) => (r.sex === 'M' ? 'mujer' : 'hombre'))],
    ['estado', tst.rows.map((r) => stateNames.get(r.stateId) ?? String(r.stateId))],
    ['tamaño de plantel', tst.rows.map((r) => sizeClass.get(r.campusId) ?? 'sin dato')],
  ] as const;
  const dims = (flagged: Uint8Array) =>
    groupings.map(([dimension, groups]) => fairness(dimension, tst.y, flagged, groups));
  const otherProbs = tstOther.X.map((x) => predictProbability(chosenEval.model, x));

  // Standardized coefficients (per standard deviation of the feature) for the card.
  const sd = FEATURES.map((_, j) => {
    let s = 0;
    for (const x of X) s += ((x[j] ?? 0) - (means[j] ?? 0)) ** 2;
    return Math.sqrt(s / Math.max(1, X.length));
  });

  const metrics: RiskMetrics = {
    dataCutoff: cutoffLabel(test),
    trainCutoffs: trainCuts.map(cutoffLabel),
    calibrationCutoff: cutoffLabel(calib),
    calibrationCutoffs: { termEnd: cutoffLabel(calibBy.termEnd), yearEnd: cutoffLabel(calibBy.yearEnd) },
    rows: {
      train: X.length,
      trainAvailable: trainAll.X.length,
      calibration: calTerm.X.length + calYear.X.length,
      test: tst.X.length,
    },
    baseRate: {
      train: y.reduce((s, v) => s + v, 0) / y.length,
      test: tst.y.reduce((s, v) => s + v, 0) / tst.y.length,
    },
    methods: { logistic: lrEval.metrics, gbt: gbtEval.metrics, rules: rulesMetrics },
    chosen,
    newestGeneration: {
      generation: `${test.year}-${test.year + 3}`,
      n: newest.length,
      positives: newestPositives,
      rocAuc: newest.length > 0 ? safe(rocAuc(ny, np)) : null,
      brier: newest.length > 0 ? safe(brierScore(ny, np)) : null,
    },
    calibration: calibrationCurve(tst.y, chosenEval.probs, 10, 'quantile'),
    calibrationChecks: [
      calibrationCheck(cutoffLabel(test), tst.y, chosenEval.probs),
      calibrationCheck(cutoffLabel(other), tstOther.y, otherProbs),
    ],
    calibrationByGroup: groupings.map(([dimension, groups]) =>
      calibrationByGroup(dimension, tst.y, chosenEval.probs, groups),
    ),
    drift: (await riskDrift(db)).checks,
    capacity: {
      share,
      places,
      individual: confusion(tst.y, flaggedModel),
      campus: confusion(tst.y, flaggedCampus),
      rules: confusion(tst.y, flaggedRules),
    },
    fairness: { model: dims(flaggedModel), rules: dims(flaggedRules) },
    coefficients: FEATURES.map((f, j) => ({
      feature: f,
      coef: lr.coef[j] ?? 0,
      standardized: (lr.coef[j] ?? 0) * (sd[j] ?? 0),
    })),
  };

  const at = (options.at ?? new Date()).toISOString();
  const parameters = {
    trainTerms,
    maxTrainRows: maxRows,
    capacityShare: share,
    seed,
    logistic: { l2: 1e-3 },
    gbt: { ...gbtParams, roundsKept: bestRounds, roundsChosenOn: 'held-out tenth of the training students' },
    calibration: 'platt, one per kind of cut-off (term-end, year-end)',
    ruleSetVersion: rules.version,
  };
  const inserted = await db
    .insertInto('risk_models')
    .values({
      created_at: at,
      created_by: options.actor,
      data_cutoff: metrics.dataCutoff,
      method: chosen,
      parameters: JSON.stringify(parameters),
      metrics: JSON.stringify(metrics),
      model: JSON.stringify(chosenEval.model),
      card_es: '',
      card_en: '',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const version = Number(inserted.id);
  const cardInput: ModelCardInput = { version, createdAt: at, createdBy: options.actor, metrics, parameters };
  const cardEs = modelCard(cardInput, 'es');
  const cardEn = modelCard(cardInput, 'en');
  await db
    .updateTable('risk_models')
    .set({ card_es: cardEs, card_en: cardEn })
    .where('id', '=', version)
    .execute();
  return { version, metrics, cardEs, cardEn };
}

export interface StoredModelInfo {
  readonly version: number;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly dataCutoff: string;
  readonly method: string;
  readonly parameters: Record<string, unknown>;
  readonly metrics: RiskMetrics;
  readonly cardEs: string;
  readonly cardEn: string;
}

/** A stored model version (the latest when `version` is omitted); not_found when there is none. */
export async function modelInfo(db: Kysely<Database>, version?: number): Promise<StoredModelInfo> {
  let q = db.selectFrom('risk_models').selectAll();
  q = version === undefined ? q.orderBy('id', 'desc').limit(1) : q.where('id', '=', version);
  const r = await q.executeTakeFirst();
  if (!r)
    throw new AppError(
      'not_found',
      'no_risk_model',
      version === undefined
        ? 'Aún no hay un modelo de riesgo entrenado (use «trayecto risk train»)'
        : `No existe la versión ${version} del modelo de riesgo`,
    );
  return {
    version: Number(r.id),
    createdAt: r.created_at,
    createdBy: r.created_by,
    dataCutoff: r.data_cutoff,
    method: r.method,
    parameters: JSON.parse(r.parameters) as Record<string, unknown>,
    metrics: JSON.parse(r.metrics) as RiskMetrics,
    cardEs: r.card_es,
    cardEn: r.card_en,
  };
}

export async function listModels(db: Kysely<Database>) {
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
