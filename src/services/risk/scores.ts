/**
 * Use case: the current early-warning risk of active students. Every active student (latest enrollment is
 * the latest term, completed, not graduated, not recorded as leaving) gets the transparent rules' flag
 * (verde / amarillo / rojo) with its reasons in Spanish, and, once a model has been trained
 * (`trayecto risk train`), the calibrated probability of leaving in the next term and its factor
 * contributions. Sex and other sensitive attributes are never inputs.
 *
 * currentRisk is the stable entry point other features (work queues) rank with.
 */
import type { Kysely } from 'kysely';
import { invalid } from '../../domain/errors.js';
import { scoreAndExplain, type Reason } from '../../domain/risk/explain.js';
import {
  FEATURES,
  cutoffLabel,
  featureVector,
  namedFeatures,
  type Cutoff,
  type RiskSubject,
} from '../../domain/risk/features.js';
import { contributions, type Contribution, type SerializedRiskModel } from '../../domain/risk/model.js';
import {
  DEFAULT_THRESHOLDS,
  THRESHOLD_KEYS,
  evaluateRules,
  validateThresholds,
  type RiskFlag,
  type RuleReason,
  type RuleResult,
  type Thresholds,
} from '../../domain/risk/rules.js';
import {
  campusExitRates,
  forEachActiveChunk,
  latestCutoff,
  type RiskRow,
  type RiskRowFilter,
} from '../../storage/risk-queries.js';
import { sharedTarget } from '../../storage/db.js';
import {
  insertRuleSet,
  latestModelVersion,
  latestRuleSet,
  modelOf,
  ruleSets,
  type RuleSetRow,
} from '../../storage/risk-models.js';
import { replaceStoredScores, scoreHistory, type ScoreHistoryRow } from '../../storage/risk-scores.js';
import { studentIdBounds } from '../../storage/student-lookups.js';
import type { Database } from '../../storage/schema.js';
import { recordAudit } from '../operations/index.js';
import {
  RiskPacker,
  scoreInWorker,
  scoringThreads,
  slicePlan,
  takeSlice,
  unpackRisk,
  type PackedRisk,
  type ScoringOptions,
  type SlicePlan,
} from './threads.js';

export interface StudentRisk {
  studentId: number;
  /** The semáforo of the transparent rules. */
  flag: 'verde' | 'amarillo' | 'rojo';
  probability: number | null;
  /** What raises this student's score (Spanish): the model's contributions, the rules' before a model. */
  reasons: string[];
  /** The same reasons in English, in the same order (the domain writes both: rules.ts, explain.ts). */
  reasonsEn: string[];
  modelVersion: number | null;
}

export interface RiskQuery {
  campusId?: number;
  studentIds?: readonly number[];
  stateId?: number;
}

/**
 * A student's full assessment: the semáforo and its rule reasons, the probability and the reasons that
 * explain it (the model's own contributions; the rules' before a model exists) in both languages, features.
 */
export interface RiskDetail extends StudentRisk {
  readonly cutoff: string;
  readonly explanation: readonly Reason[];
  readonly subject: RiskSubject;
  readonly features: Float64Array;
  readonly ruleReasons: readonly RuleReason[];
  readonly rulePoints: number;
}

// ---------------------------------------------------------------------------------------------------------
// Rule sets

export interface RuleSet {
  /** 0 for the built-in defaults (no version stored yet). */
  readonly version: number;
  readonly thresholds: Thresholds;
  readonly createdAt: string | null;
  readonly createdBy: string | null;
  readonly note: string | null;
}

/** A stored version with the thresholds added since it was stored at their defaults. */
const withDefaults = (r: RuleSetRow): RuleSet => ({
  ...r,
  thresholds: { ...DEFAULT_THRESHOLDS, ...r.thresholds },
});

export async function currentRuleSet(db: Kysely<Database>): Promise<RuleSet> {
  const r = await latestRuleSet(db);
  if (!r) return { version: 0, thresholds: DEFAULT_THRESHOLDS, createdAt: null, createdBy: null, note: null };
  return withDefaults(r);
}

/** Every stored version, newest first (the audit trail of thresholds). */
export async function ruleSetHistory(db: Kysely<Database>): Promise<RuleSet[]> {
  return (await ruleSets(db)).map(withDefaults);
}

export interface ThresholdChange {
  readonly actor: string;
  readonly role?: string | null;
  readonly changes: Readonly<Record<string, number>>;
  readonly note?: string;
  readonly requestId?: string | null;
  readonly at?: Date;
}

/**
 * Stores a new rule-set version with the changed thresholds (the others carried over), in one transaction
 * with its audit row. Unknown keys and out-of-range or inconsistent values are rejected, all named.
 */
export async function setThresholds(db: Kysely<Database>, change: ThresholdChange): Promise<RuleSet> {
  const unknown = Object.keys(change.changes).filter((k) => !(THRESHOLD_KEYS as string[]).includes(k));
  if (unknown.length > 0)
    throw invalid('unknown_threshold', `Umbral desconocido: ${unknown.join(', ')}`, [
      `Umbrales: ${THRESHOLD_KEYS.join(', ')}`,
    ]);
  if (Object.keys(change.changes).length === 0) throw invalid('no_threshold', 'No se indicó ningún umbral');
  const at = (change.at ?? new Date()).toISOString();
  return db.transaction().execute(async (trx) => {
    const before = await currentRuleSet(trx);
    const thresholds = { ...before.thresholds, ...change.changes };
    const problems = validateThresholds(thresholds);
    if (problems.length > 0) throw invalid('invalid_threshold', 'Umbrales inválidos', problems);
    const version = await insertRuleSet(trx, {
      thresholds,
      createdAt: at,
      createdBy: change.actor,
      note: change.note ?? null,
    });
    const diff: Record<string, { from: number; to: number }> = {};
    for (const k of THRESHOLD_KEYS)
      if (thresholds[k] !== before.thresholds[k]) diff[k] = { from: before.thresholds[k], to: thresholds[k] };
    await recordAudit(trx, {
      actor: change.actor,
      role: change.role ?? null,
      action: 'risk.threshold',
      target: `risk_rule_set:${version}`,
      details: { fromVersion: before.version, changes: diff, note: change.note ?? null },
      requestId: change.requestId ?? null,
      at: change.at,
    });
    return {
      version,
      thresholds,
      createdAt: at,
      createdBy: change.actor,
      note: change.note ?? null,
    };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Models

export interface StoredModel {
  readonly version: number;
  readonly model: SerializedRiskModel;
}

// Parsed models by database and version: scoring reads the latest version id (one indexed row) each call.
const modelCache = new WeakMap<object, StoredModel>();

export async function latestModel(db: Kysely<Database>): Promise<StoredModel | null> {
  const version = await latestModelVersion(db);
  if (version === null) return null;
  const cached = modelCache.get(db);
  if (cached && cached.version === version) return cached;
  const model = await modelOf(db, version);
  if (!model) return null;
  const stored = { version, model };
  modelCache.set(db, stored);
  return stored;
}

// ---------------------------------------------------------------------------------------------------------
// Scoring

/** The cut-off scored now: the end of the latest term with records. */
export async function scoringCutoff(db: Kysely<Database>): Promise<Cutoff | null> {
  return latestCutoff(db);
}

/**
 * Scores the active students matching the query at the current cut-off, handing each one's row, feature
 * vector (reused for the next student: copy it to keep it), rule result and probability to `emit`: the full assessment and the lean map of `currentRisk` are
 * computed by the same code. With `slices`, all students, slice by slice as taken from the shared counter.
 */
async function scoreActive(
  db: Kysely<Database>,
  query: RiskQuery,
  emit: Emit,
  slices?: { readonly plan: SlicePlan; readonly counter: Int32Array },
): Promise<void> {
  const cutoff = await latestCutoff(db);
  if (!cutoff) return;
  const filter: RiskRowFilter = {
    ...(query.campusId !== undefined ? { campusId: query.campusId } : {}),
    ...(query.stateId !== undefined ? { stateId: query.stateId } : {}),
    ...(query.studentIds !== undefined ? { studentIds: query.studentIds } : {}),
  };
  if (filter.studentIds?.length === 0) return;
  const [rates, rules, model] = await Promise.all([
    campusExitRates(db, cutoff),
    currentRuleSet(db),
    latestModel(db),
  ]);
  const national = meanRate(rates);
  const version = model?.version ?? null;
  const label = cutoffLabel(cutoff);
  // One vector for every student: `emit` copies it when it keeps it.
  const x = new Float64Array(FEATURES.length);
  const scratch = new Float64Array(FEATURES.length);
  const score = (rows: readonly RiskRow[]) => {
    for (const r of rows) {
      featureVector(r, cutoff, rates.get(r.campusId) ?? national, x);
      const rule = evaluateRules(namedFeatures(x), rules.thresholds);
      const { probability, reasons } = scoreAndExplain(model?.model ?? null, x, rule, scratch);
      emit(r, x, rule, probability, reasons, version, label);
    }
  };
  if (!slices) return forEachActiveChunk(db, cutoff, filter, score);
  for (let idRange = takeSlice(slices.counter, slices.plan); idRange;) {
    await forEachActiveChunk(db, cutoff, { ...filter, idRange }, score);
    idRange = takeSlice(slices.counter, slices.plan);
  }
}

/** A lean score (no features or subject) handed on, as currentRisk keeps it. */
type LeanSink = (
  studentId: number,
  flag: RiskFlag,
  probability: number | null,
  reasons: string[],
  reasonsEn: string[],
  modelVersion: number | null,
) => void;

const lean =
  (sink: LeanSink): Emit =>
  (r, _x, rule, probability, reasons, modelVersion) =>
    sink(
      r.studentId,
      rule.flag,
      probability,
      reasons.map((x) => x.es),
      reasons.map((x) => x.en),
      modelVersion,
    );

type Emit = (
  r: RiskRow,
  x: Float64Array,
  rule: RuleResult,
  probability: number | null,
  reasons: readonly Reason[],
  modelVersion: number | null,
  cutoff: string,
) => void;

/** Full assessments of the active students matching the query, at the current cut-off. */
export async function assessActive(db: Kysely<Database>, query: RiskQuery = {}): Promise<RiskDetail[]> {
  const out: RiskDetail[] = [];
  await scoreActive(db, query, (r, x, rule, probability, reasons, modelVersion, cutoff) =>
    out.push({
      studentId: r.studentId,
      flag: rule.flag,
      probability,
      reasons: reasons.map((x) => x.es),
      reasonsEn: reasons.map((x) => x.en),
      explanation: reasons,
      modelVersion,
      cutoff,
      subject: { studentId: r.studentId, campusId: r.campusId, stateId: r.stateId, sex: r.sex },
      features: x.slice(),
      ruleReasons: rule.reasons,
      rulePoints: rule.points,
    }),
  );
  return out;
}

/**
 * The current risk of the active students in the query (all of them when empty), by student id. Students
 * who are not active (graduated, left, unknown) are absent from the map. The lean path of `assessActive`:
 * the same scores, without the features and subject that only the detail views need.
 */
export async function currentRisk(
  db: Kysely<Database>,
  query: { campusId?: number; studentIds?: readonly number[]; stateId?: number },
  options: ScoringOptions = {},
): Promise<Map<number, StudentRisk>> {
  const out = new Map<number, StudentRisk>();
  const add: LeanSink = (studentId, flag, probability, reasons, reasonsEn, modelVersion) =>
    void out.set(studentId, { studentId, flag, probability, reasons, reasonsEn, modelVersion });
  const all = query.campusId === undefined && query.stateId === undefined && query.studentIds === undefined;
  const target = all ? sharedTarget(db) : null;
  // The id range, read once: its top is a cheap upper bound of the number of students (ids are assigned in
  // sequence), which decides whether threads pay, and the slices cut it.
  let bounds: Promise<{ min: number; max: number }> | null = null;
  const ids = () => (bounds ??= studentIdBounds(db));
  const { threads, workerUrl } = target
    ? await scoringThreads(options, async () => (await ids()).max)
    : { threads: 1, workerUrl: null };
  if (threads < 2 || !target || !workerUrl) {
    await scoreActive(db, query, lean(add));
    return out;
  }
  // Workers and this thread take slices of the id range until none is left; every worker is awaited, even
  // when this thread fails.
  const range = await ids();
  const plan = slicePlan(range.min, range.max, threads);
  const counter = new SharedArrayBuffer(4);
  const workers = Promise.allSettled(
    Array.from({ length: threads - 1 }, (_, k) =>
      scoreInWorker(workerUrl, { target, plan, counter, worker: k + 1 }),
    ),
  );
  let mine: Error | null = null;
  try {
    await scoreActive(db, {}, lean(add), { plan, counter: new Int32Array(counter) });
  } catch (e) {
    mine = e instanceof Error ? e : new Error(String(e));
  }
  const shares = await workers;
  if (mine) throw mine;
  for (const s of shares) {
    if (s.status === 'rejected') throw s.reason instanceof Error ? s.reason : new Error(String(s.reason));
    unpackRisk(s.value, add);
  }
  return out;
}

/** A worker thread's part of currentRisk: the slices it took, packed for the caller. */
export async function scoreShare(
  db: Kysely<Database>,
  plan: SlicePlan,
  counter: Int32Array,
): Promise<PackedRisk> {
  const packer = new RiskPacker();
  await scoreActive(
    db,
    {},
    lean((...score) => packer.add(...score)),
    { plan, counter },
  );
  return packer.pack();
}

/** Factor contributions of one assessment under the latest model (empty before any model is trained). */
export async function explain(db: Kysely<Database>, d: RiskDetail): Promise<Contribution[]> {
  const model = await latestModel(db);
  return model ? contributions(model.model, d.features) : [];
}

export function meanRate(rates: ReadonlyMap<number, number>): number {
  let s = 0;
  for (const v of rates.values()) s += v;
  return rates.size > 0 ? s / rates.size : 0;
}

/** Flags ordered for ranking: rojo first, then by probability (when a model exists) or rule points. */
export function riskRank(a: RiskDetail, b: RiskDetail): number {
  const order: Record<RiskFlag, number> = { rojo: 2, amarillo: 1, verde: 0 };
  return (
    order[b.flag] - order[a.flag] ||
    (b.probability ?? 0) - (a.probability ?? 0) ||
    b.rulePoints - a.rulePoints ||
    a.studentId - b.studentId
  );
}

// ---------------------------------------------------------------------------------------------------------
// Scoring runs (history)

export interface ScoreRun {
  readonly cutoff: string;
  readonly scored: number;
  readonly byFlag: Record<RiskFlag, number>;
  readonly modelVersion: number | null;
  readonly ruleSetVersion: number;
  readonly seconds: number;
}

/**
 * Scores every active student (or one campus) at the current cut-off and stores the scores of that cut-off
 * (replacing an earlier run of the same cut-off): the history shown on a student's risk panel.
 */
export async function runScoring(
  db: Kysely<Database>,
  query: RiskQuery = {},
  options: { save?: boolean; at?: Date } = {},
): Promise<{ run: ScoreRun; details: RiskDetail[] }> {
  const t0 = performance.now();
  const details = await assessActive(db, query);
  const seconds = (performance.now() - t0) / 1000;
  const rules = await currentRuleSet(db);
  const byFlag: Record<RiskFlag, number> = { verde: 0, amarillo: 0, rojo: 0 };
  for (const d of details) byFlag[d.flag]++;
  const cutoff = details[0]?.cutoff ?? ((c) => (c ? cutoffLabel(c) : ''))(await latestCutoff(db));
  if (options.save !== false && cutoff !== '') {
    const at = (options.at ?? new Date()).toISOString();
    const scores = details.map((d) => ({
      studentId: d.studentId,
      campusId: d.subject.campusId,
      flag: d.flag,
      probability: d.probability,
      modelVersion: d.modelVersion,
      ruleSetVersion: rules.version,
      reasons: d.ruleReasons.map((r) => r.code),
    }));
    await replaceStoredScores(db, cutoff, query, scores, at);
  }
  return {
    run: {
      cutoff,
      scored: details.length,
      byFlag,
      modelVersion: details[0]?.modelVersion ?? null,
      ruleSetVersion: rules.version,
      seconds,
    },
    details,
  };
}

export type RiskHistoryPoint = ScoreHistoryRow;

/** A student's stored scores, oldest cut-off first. */
export async function studentRiskHistory(
  db: Kysely<Database>,
  studentId: number,
): Promise<RiskHistoryPoint[]> {
  return scoreHistory(db, studentId);
}
