/**
 * The risk repository's stored scores (`risk score` runs): one row per student and cut-off with the flag, the
 * probability, the versions that produced it and the rule reasons. Every function takes the database or a
 * transaction first.
 */
import type { Kysely } from 'kysely';
import type { RiskFlag } from '../domain/risk/rules.js';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

export interface StoredScore {
  readonly studentId: number;
  readonly campusId: number;
  readonly flag: RiskFlag;
  readonly probability: number | null;
  readonly modelVersion: number | null;
  readonly ruleSetVersion: number;
  /** Rule reason codes. */
  readonly reasons: readonly string[];
}

/** Which stored scores of a cut-off a run replaces: all, or one campus, state or list of students. */
export interface ScoreScope {
  readonly campusId?: number;
  readonly stateId?: number;
  readonly studentIds?: readonly number[];
}

const SAVE_CHUNK = 500;

/**
 * Replaces the stored scores of `cutoff` within `scope` by `scores`, in one transaction (a run stored whole
 * or not at all).
 */
export async function replaceStoredScores(
  db: Db,
  cutoff: string,
  scope: ScoreScope,
  scores: readonly StoredScore[],
  scoredAt: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    let del = trx.deleteFrom('risk_scores').where('cutoff', '=', cutoff);
    if (scope.campusId !== undefined) del = del.where('campus_id', '=', scope.campusId);
    if (scope.studentIds !== undefined) del = del.where('student_id', 'in', scope.studentIds as number[]);
    if (scope.stateId !== undefined) {
      const stateId = scope.stateId;
      del = del.where('campus_id', 'in', (eb) =>
        eb.selectFrom('campuses').select('id').where('state_id', '=', stateId),
      );
    }
    await del.execute();
    for (let i = 0; i < scores.length; i += SAVE_CHUNK) {
      await trx
        .insertInto('risk_scores')
        .values(
          scores.slice(i, i + SAVE_CHUNK).map((s) => ({
            student_id: s.studentId,
            cutoff,
            campus_id: s.campusId,
            flag: s.flag,
            probability: s.probability,
            model_id: s.modelVersion,
            rule_set_id: s.ruleSetVersion,
            reasons: JSON.stringify(s.reasons),
            scored_at: scoredAt,
          })),
        )
        .execute();
    }
  });
}

export interface ScoreHistoryRow {
  readonly cutoff: string;
  readonly flag: RiskFlag;
  readonly probability: number | null;
  readonly modelVersion: number | null;
  readonly reasons: readonly string[];
  readonly scoredAt: string;
}

/** A student's stored scores, oldest cut-off first. */
export async function scoreHistory(db: Db, studentId: number): Promise<ScoreHistoryRow[]> {
  const rows = await db
    .selectFrom('risk_scores')
    .selectAll()
    .where('student_id', '=', studentId)
    .orderBy('cutoff')
    .execute();
  return rows.map((r) => ({
    cutoff: r.cutoff,
    flag: r.flag as RiskFlag,
    probability: r.probability === null ? null : Number(r.probability),
    modelVersion: r.model_id === null ? null : Number(r.model_id),
    reasons: JSON.parse(r.reasons) as string[],
    scoredAt: r.scored_at,
  }));
}

/** The cut-offs that have stored scores (from `risk score` runs), oldest first. */
export async function storedScoreCutoffs(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('risk_scores').select('cutoff').distinct().orderBy('cutoff').execute();
  return rows.map((r) => r.cutoff);
}

/** The stored probabilities of one cut-off (scores without a model are left out), by student. */
export async function storedScores(
  db: Db,
  cutoff: string,
): Promise<{ studentId: number; probability: number; modelId: number | null }[]> {
  const rows = await db
    .selectFrom('risk_scores')
    .select(['student_id', 'probability', 'model_id'])
    .where('cutoff', '=', cutoff)
    .where('probability', 'is not', null)
    .execute();
  return rows.map((r) => ({
    studentId: r.student_id,
    probability: Number(r.probability),
    modelId: r.model_id === null ? null : Number(r.model_id),
  }));
}

export interface CampusFlagCount {
  readonly cct: string;
  readonly name: string;
  /** The state's short name. */
  readonly state: string;
  readonly flag: RiskFlag;
  readonly students: number;
  /** Mean probability of the campus's students with this flag (null when none was scored by a model). */
  readonly meanProbability: number | null;
}

/** Stored scores of one cut-off counted by campus and flag, within one state or campus when given. */
export async function flagCountsByCampus(
  db: Db,
  cutoff: string,
  within: { readonly stateId?: number; readonly campusId?: number } = {},
): Promise<CampusFlagCount[]> {
  let q = db
    .selectFrom('risk_scores as r')
    .innerJoin('campuses as c', 'c.id', 'r.campus_id')
    .innerJoin('states as s', 's.id', 'c.state_id')
    .select((eb) => [
      'c.cct',
      'c.name',
      's.short_name as state',
      'r.flag',
      eb.fn.countAll<number>().as('n'),
      eb.fn.avg<number>('r.probability').as('p'),
    ])
    .where('r.cutoff', '=', cutoff)
    .groupBy(['c.cct', 'c.name', 's.short_name', 'r.flag']);
  if (within.stateId !== undefined) q = q.where('c.state_id', '=', within.stateId);
  if (within.campusId !== undefined) q = q.where('c.id', '=', within.campusId);
  const rows = await q.execute();
  return rows.map((r) => ({
    cct: r.cct,
    name: r.name,
    state: r.state,
    flag: r.flag as RiskFlag,
    students: Number(r.n),
    meanProbability: r.p === null ? null : Number(r.p),
  }));
}
