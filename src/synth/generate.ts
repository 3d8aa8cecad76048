/**
 * The seeded generator of a national student-level history (docs/SYNTHETIC-DATA.md). Pure given its seed and
 * inputs: it emits rows to a sink and yields after each school year so that the caller can flush and report.
 */
import { schoolYearOf } from '../domain/calendar.js';
import { emitCalendar, emitCatalog, emitTeachers, largestRemainder } from './reference.js';
import {
  DROPOUT_TARGET,
  ENROLLMENT_TARGET,
  FIRST_START_YEAR,
  LAST_START_YEAR,
  LATERAL_ENTRY,
  NEW_ENTRANTS_FIXED,
  PERFORMANCE,
  SEX_FEMALE_SHARE,
  type InterventionKind,
} from './parameters.js';
import { CurpSet } from './curp-set.js';
import { birthDateFor, IdentityFactory } from './people.js';
import type { Rng } from './random.js';
import { mergeTruth, replicaPlan, replicaRng, syntheticCampuses } from './replicas.js';
import { DEFAULT_SCENARIO, type Scenario } from './scenario.js';
import { newRowIds, type RowIds } from './writer.js';
import type { Student } from './student.js';
import type { CampusInput, SynthSink } from './tables.js';
import { YearSimulator, type CampusRuntime } from './year.js';

export interface GenerateOptions {
  readonly seed: number;
  /**
   * 1 = full national scale (≈324,000 students); tests use 0.005-0.02. Above `replicaScale` (default 1) the
   * country is simulated again as replicas on synthetic campuses (replicas.ts), one after the other.
   */
  readonly scale: number;
  readonly replicaScale?: number;
  readonly campuses: readonly CampusInput[];
  readonly firstStartYear?: number;
  readonly lastStartYear?: number;
  /** The intervention scenario (scenario.ts); default: the demo's own effects and rule. */
  readonly scenario?: Scenario;
}

export interface YearProgress {
  readonly schoolYear: string;
  readonly index: number;
  readonly total: number;
  readonly enrolled: number;
}

export interface InterventionTruth {
  readonly logOdds: number;
  /** Student-years that received the kind in the first term: the effect estimator's treated. */
  readonly treatedStudentYears: number;
  /**
   * Average over them of p(exit during the year) − p(exit had they not received it in the first term, a
   * second-term one still given): the true effect on the treated of first-term receipt.
   */
  readonly attYearExitRiskDifference: number;
  /** Over every student-year that received the kind in either term: p(exit) − p(exit without it that year). */
  readonly anyTermStudentYears: number;
  readonly anyTermExitRiskDifference: number;
}

export interface GenerationSummary {
  readonly seed: number;
  readonly scale: number;
  readonly students: number;
  readonly campusesActive: number;
  readonly teachers: number;
  readonly scenario: Scenario;
  readonly truth: Readonly<Record<InterventionKind, InterventionTruth>>;
}

export function* generate(
  options: GenerateOptions,
  sink: SynthSink,
): Generator<YearProgress | null, GenerationSummary> {
  const first = options.firstStartYear ?? FIRST_START_YEAR;
  const last = options.lastStartYear ?? LAST_START_YEAR;
  const plan = replicaPlan(options.scale, options.replicaScale);
  const replicaCampuses = Array.from({ length: plan.count }, (_, r) =>
    r === 0 ? options.campuses : syntheticCampuses(options.campuses, r),
  );
  const programs = emitCatalog(sink, replicaCampuses.flat());
  emitCalendar(sink, first, last);
  const scenario = options.scenario ?? DEFAULT_SCENARIO;
  const shared: SharedState = { ids: newRowIds(), curps: new CurpSet(), students: 0, teachers: 0 };
  const truths: Readonly<Record<InterventionKind, InterventionTruth>>[] = [];
  let campusOffset = 0;
  let campusesActive = 0;
  for (let r = 0; r < plan.count; r++) {
    const inputs = replicaCampuses[r] ?? [];
    const part = yield* simulateReplica(
      {
        rng: replicaRng(options.seed, r),
        inputs,
        campusOffset,
        scale: plan.scaleEach,
        programWeights: programs.map((p) => p.weight),
        first,
        last,
        scenario,
        replica: r,
        replicas: plan.count,
      },
      shared,
      sink,
    );
    truths.push(part.truth);
    campusesActive += part.campuses;
    campusOffset += inputs.length;
  }
  return {
    seed: options.seed,
    scale: options.scale,
    students: shared.students,
    campusesActive,
    teachers: shared.teachers,
    scenario,
    // One replica: its own answer key, untouched (scale ≤ 1 is exactly as before replicas existed).
    truth: truths.length === 1 && truths[0] ? truths[0] : mergeTruth(truths),
  };
}

/** What the replicas share: row ids, the CURPs given and the counters of students and teachers. */
interface SharedState {
  readonly ids: RowIds;
  readonly curps: CurpSet;
  students: number;
  teachers: number;
}

interface ReplicaInput {
  readonly rng: Rng;
  readonly inputs: readonly CampusInput[];
  /** Campus ids of this replica start after this many (the campuses of the replicas before it). */
  readonly campusOffset: number;
  readonly scale: number;
  readonly programWeights: readonly number[];
  readonly first: number;
  readonly last: number;
  readonly scenario: Scenario;
  readonly replica: number;
  readonly replicas: number;
}

/** One replica's whole history, 13 school years, its students written as they leave the simulation. */
function* simulateReplica(
  input: ReplicaInput,
  shared: SharedState,
  sink: SynthSink,
): Generator<
  YearProgress | null,
  { truth: Readonly<Record<InterventionKind, InterventionTruth>>; campuses: number }
> {
  const { rng, first, last, scenario } = input;
  const campuses = buildCampusRuntime(rng.fork(1), input.inputs, input.programWeights, input.campusOffset);
  campuses.forEach((c) => c.programIds.forEach((p) => sink.row('campus_programs', [c.id, p])));
  shared.teachers += emitTeachers(
    sink,
    rng.fork(2),
    campuses.map((c) => c.id),
    campuses.map((c) => c.size),
    input.scale,
    shared.teachers + 1,
  );

  // The unobserved confounder has a stream of its own, drawn only when the scenario asks for it.
  const hiddenRng = rng.fork(6);
  const identities = new IdentityFactory(rng.fork(3), shared.curps);
  const studentRng = rng.fork(4);
  const newStudent = (campus: number, grade: 1 | 2 | 3, entryYear: number, latentShift: number): Student => {
    const c = campuses[campus];
    if (!c) throw new Error(`no campus ${campus}`);
    const sex = studentRng.bernoulli(SEX_FEMALE_SHARE) ? 'M' : 'H';
    const latent = c.context + latentShift + studentRng.normal();
    const overAge =
      studentRng.next() < 1 / (1 + Math.exp(-(PERFORMANCE.overAgeBase + PERFORMANCE.overAgeLatent * latent)));
    const birthDate = birthDateFor(
      studentRng,
      entryYear,
      overAge ? 17 + studentRng.int(3) : 15 + studentRng.int(2),
    );
    return {
      id: ++shared.students,
      sex,
      birthDate,
      entryYear,
      entryCampusId: c.id,
      identity: identities.create(sex, birthDate, c.stateId),
      latent,
      persist: 0.35 * studentRng.normal(),
      overAge,
      hidden: scenario.unobservedConfounding !== 0 ? hiddenRng.normal() : 0,
      campus,
      programId: c.programIds[studentRng.pickCumulative(c.programCum)] ?? 1,
      grade,
      carried: 0,
      arrival: entryYear === -1 ? 'continuing' : 'new',
      terms: [],
      last: null,
      score: 0,
      effect: 0,
    };
  };

  const sizes = campuses.map((c) => c.size);
  const targetOf = (y: number) =>
    Math.round((ENROLLMENT_TARGET[y] ?? ENROLLMENT_TARGET[LAST_START_YEAR] ?? 0) * input.scale);
  // Entrants into grades 2 and 3 per campus (by size); none in the first year, whose grades 2-3 are created whole.
  const lateral = (y: number): number[][] =>
    [LATERAL_ENTRY.grade2, LATERAL_ENTRY.grade3].map((share) =>
      y === first ? sizes.map(() => 0) : largestRemainder(Math.round(share * targetOf(y)), sizes),
    );
  const sim = new YearSimulator(rng.fork(5), sink, campuses, input.scale, last, scenario, shared.ids);
  let continuing: Student[] = [];
  const total = last - first + 1;
  for (let y = first; y <= last; y++) {
    const target = targetOf(y);
    const roster = [...continuing, ...sim.returners(y)];
    if (y === first) {
      // Students already in grades 2 and 3 when the data starts (entered 2012 and 2011): survivors, so less disadvantaged.
      for (const [grade, share, shift] of [
        [2, 0.325, -0.15],
        [3, 0.27, -0.3],
      ] as const) {
        largestRemainder(Math.round(target * share), sizes).forEach((n, c) => {
          for (let k = 0; k < n; k++)
            roster.push({ ...newStudent(c, grade, y - grade + 1, shift), arrival: 'continuing' });
        });
      }
    }
    // From other subsystems into grades 2 and 3 (counted in MT, not NI1); their generation's year as entry year.
    lateral(y).forEach((perCampus, k) =>
      perCampus.forEach((n, c) => {
        for (let i = 0; i < n; i++) roster.push(newStudent(c, k === 0 ? 2 : 3, y - (k === 0 ? 1 : 2), 0));
      }),
    );
    const fixed = NEW_ENTRANTS_FIXED[y];
    const entrants =
      fixed !== undefined
        ? Math.round(fixed * input.scale)
        : Math.max(target - roster.length, Math.round(target * 0.3));
    largestRemainder(entrants, sizes).forEach((n, c) => {
      for (let k = 0; k < n; k++) roster.push(newStudent(c, 1, y, 0));
    });
    const arriving = y < last ? lateral(y + 1).reduce((a, l) => a.map((v, c) => v + (l[c] ?? 0))) : null;
    continuing = yield* sim.simulateYear(y, roster, DROPOUT_TARGET[y] ?? 13, arriving);
    yield {
      schoolYear: schoolYearOf(y),
      index: input.replica * total + (y - first + 1),
      total: input.replicas * total,
      enrolled: roster.length,
    };
  }
  yield* sim.finish(continuing);
  return { truth: sim.truth(), campuses: campuses.length };
}

function buildCampusRuntime(
  rng: Rng,
  inputs: readonly CampusInput[],
  programWeights: readonly number[],
  idOffset: number,
): CampusRuntime[] {
  const published = inputs
    .filter((c) => c.active && c.publishedDropout !== null)
    .map((c) => c.publishedDropout ?? 0);
  const mean = published.reduce((a, b) => a + b, 0) / Math.max(1, published.length);
  const sd =
    Math.sqrt(published.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, published.length)) || 1;
  const out: CampusRuntime[] = [];
  inputs.forEach((c, i) => {
    if (!c.active) return;
    const stateValues = inputs
      .filter((o) => o.stateId === c.stateId && o.publishedDropout !== null)
      .map((o) => o.publishedDropout ?? 0);
    const dropout =
      c.publishedDropout ??
      (stateValues.length ? stateValues.reduce((a, b) => a + b, 0) / stateValues.length : mean);
    const size = Math.exp(0.45 * rng.normal());
    const nPrograms = Math.max(3, Math.min(14, Math.round(3 + size * 5 + rng.int(3))));
    const chosen = new Set<number>();
    const cum = cumulative(programWeights);
    while (chosen.size < nPrograms) chosen.add(rng.pickCumulative(cum) + 1);
    const programIds = [...chosen].sort((a, b) => a - b);
    out.push({
      id: idOffset + i + 1,
      stateId: c.stateId,
      size,
      publishedDropout: dropout,
      context: (PERFORMANCE.campusContext * (dropout - mean)) / sd,
      programIds,
      programCum: cumulative(programIds.map((p) => programWeights[p - 1] ?? 1)),
    });
  });
  return out;
}

export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let acc = 0;
  weights.forEach((w, i) => (out[i] = acc += w));
  return out;
}
