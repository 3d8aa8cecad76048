/**
 * Scales above one national CONALEP (docs/SYNTHETIC-DATA.md, "Beyond national scale"): the country is simulated
 * again as further **replicas**, each a copy of the active campus list under synthetic CCTs (type code `SIN`,
 * "sintético"), with a seed of its own. A replica is one population (transfers stay inside it) and is simulated
 * to the end before the next begins, so the generator holds at most one replica's students at a time: memory is
 * flat in the number of replicas. Scale ≤ 1 is one replica, the real campuses, exactly as before.
 */
import { Rng } from './random.js';
import type { InterventionKind } from './parameters.js';
import type { InterventionTruth } from './generate.js';
import type { CampusInput } from './tables.js';

/** The synthetic campuses' type code in their CCT: not a SEP code, so never mistaken for a real school. */
export const SYNTHETIC_CCT_TYPE = 'SIN';

export interface ReplicaPlan {
  /** Number of replicas; 1 up to `replicaScale`. */
  readonly count: number;
  /** Scale of each replica (≤ replicaScale): scale / count. */
  readonly scaleEach: number;
}

/** Splits `scale` into equal replicas of at most `replicaScale` (default 1: one national CONALEP each). */
export function replicaPlan(scale: number, replicaScale = 1): ReplicaPlan {
  const count = Math.max(1, Math.ceil(scale / replicaScale - 1e-9));
  return { count, scaleEach: scale / count };
}

/** The root random stream of replica `r` (0-based): replica 0 is the seed itself, so scale ≤ 1 is unchanged. */
export function replicaRng(seed: number, r: number): Rng {
  const root = new Rng(seed);
  return r === 0 ? root : root.fork(1_000 + r);
}

/**
 * The campus list of replica `r` ≥ 1: every active campus again, same state, place, size and published rate
 * (the calibration target), under a synthetic CCT `<state>SIN<number><replica letter>` and a name that says so.
 */
export function syntheticCampuses(reference: readonly CampusInput[], r: number): CampusInput[] {
  const letter = String.fromCharCode(65 + (r % 26)); // replica 1 → B, 2 → C, …
  return reference
    .filter((c) => c.active)
    .map((c, i) => ({
      ...c,
      cct: `${String(c.stateId).padStart(2, '0')}${SYNTHETIC_CCT_TYPE}${String(i + 1).padStart(4, '0')}${letter}`,
      campusNumber: r * 1_000 + (c.campusNumber % 1_000),
      name: `${c.name} (sintético, réplica ${r + 1})`,
    }));
}

/** The answer key of several replicas: counts add, risk differences are averaged weighted by their counts. */
export function mergeTruth(
  parts: readonly Readonly<Record<InterventionKind, InterventionTruth>>[],
): Record<InterventionKind, InterventionTruth> {
  const first = parts[0];
  if (!first) throw new Error('no replica');
  const out = {} as Record<InterventionKind, InterventionTruth>;
  for (const k of Object.keys(first) as InterventionKind[]) {
    let n1 = 0,
      sum1 = 0,
      n = 0,
      sum = 0;
    for (const p of parts) {
      n1 += p[k].treatedStudentYears;
      sum1 += p[k].treatedStudentYears * p[k].attYearExitRiskDifference;
      n += p[k].anyTermStudentYears;
      sum += p[k].anyTermStudentYears * p[k].anyTermExitRiskDifference;
    }
    out[k] = {
      logOdds: first[k].logOdds,
      treatedStudentYears: n1,
      attYearExitRiskDifference: n1 ? sum1 / n1 : 0,
      anyTermStudentYears: n,
      anyTermExitRiskDifference: n ? sum / n : 0,
    };
  }
  return out;
}
