/**
 * Use case: the scores as they would have been at a past cut-off, with every feature as known at that
 * cut-off (`trayecto risk score --cutoff 2024-2025/1 --out FILE.csv`). Nothing is stored. The rows are the
 * training rows of that cut-off (the same reader, so what is tested is what is scored): every completed
 * enrollment of the cut-off term, graduates of a year-end cut-off left out. A record dated after the cut-off
 * never changes a score (the time-travel test in cutoff.test.ts deletes them and compares).
 */
import type { Kysely } from 'kysely';
import { featureVector, namedFeatures, FEATURES, type Cutoff } from '../../domain/risk/features.js';
import { scoreAndExplain, type Reason } from '../../domain/risk/explain.js';
import { evaluateRules, type RiskFlag, type RuleReason } from '../../domain/risk/rules.js';
import { campusExitRates, riskRows } from '../../storage/risk-queries.js';
import type { Database } from '../../storage/schema.js';
import { currentRuleSet, latestModel, meanRate } from './scores.js';

export interface CutoffScore {
  readonly studentId: number;
  readonly campusId: number;
  /** The model's calibrated probability (null before any model is trained). */
  readonly probability: number | null;
  /** The semáforo of the transparent rules. */
  readonly flag: RiskFlag;
  /** What raises this student's score, from the model's own contributions (the rules' before a model). */
  readonly reasons: readonly Reason[];
  readonly ruleReasons: readonly RuleReason[];
  readonly modelVersion: number | null;
}

/** Scores at `cutoff`, by student id ascending. */
export async function scoreAtCutoff(db: Kysely<Database>, cutoff: Cutoff): Promise<CutoffScore[]> {
  const [rows, rates, rules, model] = await Promise.all([
    riskRows(db, cutoff, 'history'),
    campusExitRates(db, cutoff),
    currentRuleSet(db),
    latestModel(db),
  ]);
  const national = meanRate(rates);
  const x = new Float64Array(FEATURES.length);
  const scratch = new Float64Array(FEATURES.length);
  const out: CutoffScore[] = [];
  for (const r of [...rows].sort((a, b) => a.studentId - b.studentId)) {
    featureVector(r, cutoff, rates.get(r.campusId) ?? national, x);
    const rule = evaluateRules(namedFeatures(x), rules.thresholds);
    const { probability, reasons } = scoreAndExplain(model?.model ?? null, x, rule, scratch);
    out.push({
      studentId: r.studentId,
      campusId: r.campusId,
      probability,
      flag: rule.flag,
      reasons,
      ruleReasons: rule.reasons,
      modelVersion: model?.version ?? null,
    });
  }
  return out;
}
