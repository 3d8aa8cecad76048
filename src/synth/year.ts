/**
 * One simulated school year: performance, interventions, calibrated exits (intra- and inter-year), graduation,
 * regularization, repetition, temporary leave and readmission, transfers; rows are emitted through YearWriter.
 */
import { schoolYearOf } from '../domain/calendar.js';
import {
  DETAIL_YEARS,
  EARLY_GRADUATION_SHARE,
  ET_TARGET,
  FIRST_TERM_SHARE_OF_INTRA,
  GRADUATES_FIXED,
  HAZARD,
  INTERVENTIONS,
  INTRA_SHARE,
  LEAVE,
  MOVES,
  PERFORMANCE,
  type InterventionKind,
} from './parameters.js';
import { sigmoid, solveIntercept, type Rng } from './random.js';
import type { Scenario } from './scenario.js';
import type { InterventionTruth } from './generate.js';
import { graduationScore, hazardScore, termPerformance, type Student } from './student.js';
import type { SynthSink } from './tables.js';
import { YearWriter, type RowIds, type YearOutcome } from './writer.js';

/** Students written between two flush points of the generator (a few tens of thousands of rows at most). */
export const FLUSH_EVERY_STUDENTS = 4_096;

export interface CampusRuntime {
  readonly id: number;
  readonly stateId: number;
  readonly size: number;
  readonly publishedDropout: number;
  readonly context: number;
  readonly programIds: readonly number[];
  readonly programCum: Float64Array;
}

export class YearSimulator {
  private readonly leavePool = new Map<number, Student[]>();
  private readonly ni1 = new Map<number, number>();
  private readonly truthAcc = new Map<
    InterventionKind,
    { n: number; sum: number; n1: number; sum1: number }
  >();
  private readonly writer: YearWriter;

  constructor(
    private readonly rng: Rng,
    sink: SynthSink,
    private readonly campuses: readonly CampusRuntime[],
    private readonly scale: number,
    private readonly lastYear: number,
    private readonly scenario: Scenario,
    ids?: RowIds,
  ) {
    this.writer = new YearWriter(rng.fork(11), sink, campuses, ids);
    // Campus uptake shifts from a stream of their own: the default scenario draws nothing.
    const uptake = rng.fork(13);
    this.uptake = campuses.map(() =>
      scenario.campusUptakeSd > 0 ? scenario.campusUptakeSd * uptake.normal() : 0,
    );
  }

  private readonly uptake: number[];

  returners(year: number): Student[] {
    const list = this.leavePool.get(year) ?? [];
    this.leavePool.delete(year);
    return list;
  }

  /**
   * Simulates school year `year` for the students enrolled at its start; returns who continues next year. Yields
   * null every FLUSH_EVERY_STUDENTS students written, so that the caller can write the rows out (bounded memory).
   */
  *simulateYear(
    year: number,
    roster: Student[],
    dropoutTarget: number,
    arrivingNextYear: readonly number[] | null = null,
  ): Generator<null, Student[]> {
    const rng = this.rng;
    for (const s of roster) {
      const shift = this.uptake[s.campus] ?? 0;
      const t1 = termPerformance(rng, s, (s.grade - 1) * 2, year, this.scenario, shift);
      const t2 = termPerformance(rng, s, (s.grade - 1) * 2 + 1, year, this.scenario, shift);
      s.terms = [t1, t2];
      const h = hazardScore(s, t1, t2, this.scenario);
      s.score = h.score;
      s.effect = h.effect;
    }
    // NI1: first grade only (entrants into grades 2-3 from other subsystems are new, not NI1).
    this.ni1.set(year, roster.filter((s) => s.arrival === 'new' && s.grade === 1).length);
    const byCampus = this.groupByCampus(roster);
    const raw = this.exitTargets(year, byCampus, dropoutTarget, arrivingNextYear);
    const outcome: YearOutcome[] = roster.map(() => ({
      exitTerm: 0,
      temporary: false,
      graduated: false,
      unrecovered: 0,
    }));
    const index = new Map(roster.map((s, i) => [s, i]));

    // Intracurricular exits, calibrated per campus on the risk without interventions, then shifted by one
    // national amount so that the year's total is met with them: a campus that treats more has fewer exits and
    // its untreated students keep their risk (a per-campus solve with the interventions would raise it).
    const alphas = byCampus.map((list, c) =>
      this.solve(list, (s) => s.score - s.effect, INTRA_SHARE * (raw[c] ?? 0)),
    );
    if (roster.some((s) => s.effect !== 0)) {
      const scores = new Float64Array(roster.length);
      roster.forEach((s, i) => (scores[i] = (alphas[s.campus] ?? 0) + s.score));
      const target = byCampus.reduce((a, _, c) => a + INTRA_SHARE * (raw[c] ?? 0), 0);
      const shift = solveIntercept(scores, roster.length, target);
      alphas.forEach((a, c) => (alphas[c] = a + shift));
    }
    byCampus.forEach((list, c) => {
      const alpha = alphas[c] ?? 0;
      for (const s of list) {
        const p = sigmoid(alpha + s.score);
        this.recordTruth(s, alpha, p);
        if (rng.next() < p) {
          const o = outcome[index.get(s) ?? 0];
          if (o) o.exitTerm = rng.next() < FIRST_TERM_SHARE_OF_INTRA ? 1 : 2;
        }
      }
    });

    this.graduate(year, roster, outcome);
    this.regularize(roster, outcome);

    // Intercurricular exits among completers who did not graduate.
    byCampus.forEach((list, c) => {
      const eligible = list.filter((s) => {
        const o = outcome[index.get(s) ?? 0];
        return o !== undefined && o.exitTerm === 0 && !o.graduated;
      });
      const pending = (s: Student) => (outcome[index.get(s) ?? 0]?.unrecovered ?? 0) + s.carried;
      const score = (s: Student) =>
        s.score + HAZARD.pendingRepeat * pending(s) + (s.grade === 3 ? HAZARD.withoutCertificate : 0);
      // A grade-3 repeater who again did not graduate does not enroll a third time: an exit of the campus's own
      // count (issue 12, finding 11: otherwise grade-3 repeaters pile up year after year).
      const last = eligible.filter((s) => s.grade === 3 && s.arrival === 'repeating');
      const rest = eligible.filter((s) => !(s.grade === 3 && s.arrival === 'repeating'));
      for (const s of last) (outcome[index.get(s) ?? 0] as YearOutcome).exitTerm = 3;
      // Aim at the expected remainder, not the realized one: a floor at zero after an intra overshoot would bias upwards.
      const alpha = this.solve(rest, score, Math.max(0, (1 - INTRA_SHARE) * (raw[c] ?? 0) - last.length));
      for (const s of rest)
        if (rng.next() < sigmoid(alpha + score(s))) (outcome[index.get(s) ?? 0] as YearOutcome).exitTerm = 3;
    });

    for (const o of outcome) if (o.exitTerm !== 0) o.temporary = rng.next() < LEAVE.temporaryShare;
    const detail = year > this.lastYear - DETAIL_YEARS;
    for (let i = 0; i < roster.length; i++) {
      this.writer.student(year, roster[i] as Student, outcome[i] as YearOutcome, detail);
      if ((i + 1) % FLUSH_EVERY_STUDENTS === 0) yield null;
    }
    return yield* this.advance(year, roster, outcome);
  }

  private groupByCampus(roster: readonly Student[]): Student[][] {
    const out: Student[][] = this.campuses.map(() => []);
    for (const s of roster) out[s.campus]?.push(s);
    return out;
  }

  /**
   * Raw exits wanted per campus so that the campus's abandono equals its published rate shifted to the year's
   * national target: exits − readmissions and entrants into grades 2-3 next year = AE × MT, inflated for this
   * year's leavers who return.
   */
  private exitTargets(
    year: number,
    byCampus: readonly Student[][],
    target: number,
    arriving: readonly number[] | null,
  ): number[] {
    const mt = byCampus.map((l) => l.length);
    const total = mt.reduce((a, b) => a + b, 0);
    const weighted =
      this.campuses.reduce((a, c, i) => a + c.publishedDropout * (mt[i] ?? 0), 0) / Math.max(1, total);
    const shift = target - weighted;
    const back = new Array<number>(this.campuses.length).fill(0);
    for (const s of this.leavePool.get(year + 1) ?? []) back[s.campus] = (back[s.campus] ?? 0) + 1;
    // Next year's entrants into grades 2-3 count as back in the apparent formula, like readmissions.
    arriving?.forEach((n, c) => (back[c] = (back[c] ?? 0) + n));
    const factor = 1 - LEAVE.temporaryShare * LEAVE.returnNextYear;
    const desired = this.campuses.map(
      (c, i) => (((c.publishedDropout + shift) / 100) * (mt[i] ?? 0) + (back[i] ?? 0)) / factor,
    );
    const floor = mt.map((m) => 0.005 * m);
    const raw = desired.map((d, i) => Math.max(d, floor[i] ?? 0));
    const excess = raw.reduce((a, b) => a + b, 0) - desired.reduce((a, b) => a + b, 0);
    const free = raw.reduce((a, r, i) => a + (r > (floor[i] ?? 0) ? r : 0), 0);
    return raw.map((r, i) => (r > (floor[i] ?? 0) && free > 0 ? r - (excess * r) / free : r));
  }

  private solve(list: readonly Student[], score: (s: Student) => number, target: number): number {
    const scores = new Float64Array(list.length);
    list.forEach((s, i) => (scores[i] = score(s)));
    return solveIntercept(scores, list.length, target);
  }

  /**
   * The answer key: for each kind, over the student-years that received it in the first term (the estimator's
   * treated), p(exit) − p(exit had they not received it in the first term, a second-term one still given); and
   * over every student-year that received it in either term, p(exit) − p(exit without it that year).
   */
  private recordTruth(s: Student, alpha: number, p: number): void {
    if (s.effect === 0) return;
    const first = new Set(s.terms[0]?.interventions ?? []);
    const second = new Set(s.terms[1]?.interventions ?? []);
    for (const k of new Set(s.terms.flatMap((t) => t.interventions))) {
      const d = p - sigmoid(alpha + s.score - this.scenario.effects[k]);
      const acc = this.truthAcc.get(k) ?? { n: 0, sum: 0, n1: 0, sum1: 0 };
      acc.n++;
      acc.sum += d;
      // Without the first-term intervention, one given again in the second term would still act.
      if (first.has(k)) {
        acc.n1++;
        acc.sum1 += second.has(k) ? 0 : d;
      }
      this.truthAcc.set(k, acc);
    }
  }

  /** Graduation of grade-3 completers, calibrated nationally to the year's ET target, then made exact. */
  private graduate(year: number, roster: readonly Student[], outcome: YearOutcome[]): void {
    const pool = roster
      .map((s, i) => ({ s, o: outcome[i] as YearOutcome }))
      .filter((x) => x.s.grade === 3 && x.o.exitTerm === 0);
    const entrants = this.ni1.get(year - 2);
    const fixed = GRADUATES_FIXED[year];
    const et = ET_TARGET[year];
    const target = Math.min(
      pool.length,
      fixed !== undefined
        ? Math.round(fixed * this.scale)
        : entrants !== undefined && et !== undefined
          ? Math.round((et / 100) * entrants)
          : Math.round(EARLY_GRADUATION_SHARE * pool.length),
    );
    const scores = new Float64Array(pool.length);
    pool.forEach(
      (x, i) => (scores[i] = graduationScore(x.s, x.s.terms[0] ?? never(), x.s.terms[1] ?? never())),
    );
    const gamma = solveIntercept(scores, pool.length, target);
    const p = Array.from(scores, (v) => sigmoid(gamma + v));
    let count = 0;
    pool.forEach((x, i) => {
      x.o.graduated = this.rng.next() < (p[i] ?? 0);
      if (x.o.graduated) count++;
    });
    // Exact total: add the likeliest non-graduates or remove the least likely graduates, by weighted draws.
    while (count !== target && pool.length > 0) {
      const i = this.rng.int(pool.length);
      const x = pool[i];
      if (!x) break;
      const adding = count < target;
      if (x.o.graduated === adding) continue;
      if (this.rng.next() < (adding ? (p[i] ?? 0) : 1 - (p[i] ?? 0))) {
        x.o.graduated = adding;
        count += adding ? 1 : -1;
      }
    }
  }

  /** Regularization exams: each failed module is recovered with a fixed chance; graduates recovered all. */
  private regularize(roster: readonly Student[], outcome: YearOutcome[]): void {
    roster.forEach((s, i) => {
      const o = outcome[i] as YearOutcome;
      if (o.exitTerm === 1 || o.exitTerm === 2) return;
      const failed = (s.terms[0]?.failed ?? 0) + (s.terms[1]?.failed ?? 0);
      o.unrecovered = o.graduated ? 0 : this.rng.binomial(failed, 1 - PERFORMANCE.regularizationPass);
      if (s.grade === 3 && !o.graduated && o.unrecovered + s.carried === 0)
        o.unrecovered = Math.max(1, Math.min(failed, 2));
    });
  }

  /** Who comes back next year, in which grade and where; leavers go to the leave pool or are finished. */
  private *advance(
    year: number,
    roster: readonly Student[],
    outcome: readonly YearOutcome[],
  ): Generator<null, Student[]> {
    const next: Student[] = [];
    for (let i = 0; i < roster.length; i++) {
      const s = roster[i] as Student;
      if (this.advanceOne(year, s, outcome[i] as YearOutcome)) next.push(s);
      if ((i + 1) % FLUSH_EVERY_STUDENTS === 0) yield null;
    }
    return next;
  }

  /** True when `s` continues next year (moved, promoted or repeating); false when they left or were finished. */
  private advanceOne(year: number, s: Student, o: YearOutcome): boolean {
    if (o.graduated) {
      this.writer.finish(s);
      return false;
    }
    if (o.exitTerm !== 0) {
      const r = this.rng.next();
      const back = !o.temporary
        ? null
        : r < LEAVE.returnNextYear
          ? year + 1
          : r < LEAVE.returnNextYear + LEAVE.returnInTwoYears
            ? year + 2
            : null;
      if (back === null || back > this.lastYear) {
        if (back === null) this.writer.finish(s);
        else this.pool(back, s);
        return false;
      }
      if (o.exitTerm === 3 && s.grade < 3 && o.unrecovered + s.carried <= repeatOver(s.grade)) s.grade++;
      s.arrival = 'readmitted';
      this.pool(back, s);
      return false;
    }
    s.carried = this.rng.binomial(s.carried, 0.4) + o.unrecovered;
    if (s.grade === 3 || s.carried > repeatOver(s.grade)) {
      s.arrival = 'repeating';
      if (s.grade !== 3) s.carried = 0;
    } else {
      s.grade++;
      s.arrival = 'continuing';
    }
    if (year < this.lastYear) this.move(year, s);
    return true;
  }

  private pool(year: number, s: Student): void {
    const list = this.leavePool.get(year) ?? [];
    list.push(s);
    this.leavePool.set(year, list);
  }

  private move(year: number, s: Student): void {
    const rng = this.rng;
    if (rng.next() < MOVES.transfer) {
      const from = this.campuses[s.campus];
      const sameState = rng.next() < MOVES.transferSameState;
      const options = this.campuses
        .map((c, i) => ({ c, i }))
        .filter((x) => x.i !== s.campus && (!sameState || x.c.stateId === from?.stateId));
      const dest = options.length > 0 ? rng.pick(options) : null;
      if (dest) {
        const fromProgram = s.programId;
        if (!dest.c.programIds.includes(s.programId))
          s.programId = dest.c.programIds[rng.pickCumulative(dest.c.programCum)] ?? s.programId;
        this.writer.transfer(schoolYearOf(year + 1), s, from?.id ?? 0, dest.c.id, fromProgram);
        s.campus = dest.i;
      }
    } else if (rng.next() < MOVES.programChange) {
      const c = this.campuses[s.campus];
      const to = c?.programIds[rng.pickCumulative(c.programCum)];
      if (to !== undefined && to !== s.programId) {
        this.writer.programChange(schoolYearOf(year + 1), s, to);
        s.programId = to;
      }
    }
  }

  /** Writes the students still in the simulation at its end; yields like simulateYear. */
  *finish(continuing: readonly Student[]): Generator<null, void> {
    let n = 0;
    for (const list of [continuing, ...this.leavePool.values()])
      for (const s of list) {
        this.writer.finish(s);
        if (++n % FLUSH_EVERY_STUDENTS === 0) yield null;
      }
    this.leavePool.clear();
  }

  truth(): Record<InterventionKind, InterventionTruth> {
    const out = {} as Record<InterventionKind, InterventionTruth>;
    for (const k of Object.keys(INTERVENTIONS.kinds) as InterventionKind[]) {
      const acc = this.truthAcc.get(k) ?? { n: 0, sum: 0, n1: 0, sum1: 0 };
      out[k] = {
        logOdds: this.scenario.effects[k],
        treatedStudentYears: acc.n1,
        attYearExitRiskDifference: acc.n1 ? acc.sum1 / acc.n1 : 0,
        anyTermStudentYears: acc.n,
        anyTermExitRiskDifference: acc.n ? acc.sum / acc.n : 0,
      };
    }
    return out;
  }
}

/** More pending modules than this at the end of a grade: the grade is repeated. */
const repeatOver = (grade: 1 | 2 | 3): number => PERFORMANCE.repeatIfPendingOver[grade - 1] ?? 2;

function never(): never {
  throw new Error('a student without two terms of performance');
}
