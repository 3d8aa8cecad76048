/**
 * Use case: drift monitoring. Every stored score (`risk score` runs) is back-tested against the outcomes
 * that followed, once they are known: ROC-AUC and calibration (mean probability against the observed exit
 * rate, by decile) of each past cut-off's scores. Shown in the model card and at GET /api/v1/risk/drift.
 */
import type { Kysely } from 'kysely';
import { calibrationCheck, type DriftCheck } from '../../domain/risk/calibration-report.js';
import { cutoffIndex, parseCutoff } from '../../domain/risk/features.js';
import { latestCutoff, riskRows, storedScoreCutoffs, storedScores } from '../../storage/risk-queries.js';
import type { Database } from '../../storage/schema.js';

export interface DriftReport {
  /** Past cut-offs whose outcome is known, oldest first. */
  readonly checks: readonly DriftCheck[];
  /** Cut-offs with stored scores whose outcome is not known yet. */
  readonly pending: readonly string[];
}

export async function riskDrift(db: Kysely<Database>): Promise<DriftReport> {
  const latest = await latestCutoff(db);
  const checks: DriftCheck[] = [];
  const pending: string[] = [];
  for (const label of await storedScoreCutoffs(db)) {
    const cutoff = parseCutoff(label);
    if (!cutoff) continue;
    // The outcome of a cut-off is the next term: known once a later cut-off has records.
    if (!latest || cutoffIndex(cutoff) >= cutoffIndex(latest)) {
      pending.push(label);
      continue;
    }
    const scores = await storedScores(db, label);
    if (scores.length === 0) continue;
    const outcome = new Map(
      (await riskRows(db, cutoff, 'history', { studentIds: scores.map((s) => s.studentId) })).map((r) => [
        r.studentId,
        r.label ?? 0,
      ]),
    );
    const y: number[] = [];
    const p: number[] = [];
    let unmatched = 0;
    for (const s of scores) {
      const o = outcome.get(s.studentId);
      if (o === undefined) {
        unmatched++;
        continue;
      }
      y.push(o);
      p.push(s.probability);
    }
    const versions = [...new Set(scores.map((s) => s.modelId).filter((v): v is number => v !== null))];
    checks.push({
      ...calibrationCheck(label, y, p),
      modelVersions: versions.sort((a, b) => a - b),
      unmatched,
    });
  }
  return { checks, pending };
}
