/**
 * Use case: the effect of each intervention type on leaving school during the year of the intervention (the
 * term it was given or the next), adjusted for who received it by a doubly robust estimator with cross-fitted
 * boosted trees (domain/effects/aipw.ts), next to the naive comparison, with overlap, an E-value
 * (domain/effects/sensitivity.ts), the benefit per student and a capacity curve (domain/effects/capacity.ts).
 * On generated demo data the generator's answer key (dataset_meta 'generator' → truth) is shown beside each
 * estimate; the estimator never reads the generator's scenario.
 *
 * Units: one per student and school year with a first-term enrollment, from the first school year with
 * recorded interventions. Treated: received the intervention in the first term. Covariates (generic records
 * only, EFFECT_COVARIATES): first-term attendance, grade average, failed modules and scholarship payment delay,
 * semester, sex, school year, and the campus-year's exit rate and uptake among the other students. Outcome:
 * left during the year (dropout or temporary leave in either term).
 */
import type { Kysely } from 'kysely';
import type { Scope } from '../../domain/access.js';
import { estimateAttDrRepeated, type DrEstimate, type DrUnit } from '../../domain/effects/aipw.js';
import { capacityCurve, upliftOf, type CapacityPoint } from '../../domain/effects/capacity.js';
import { invalid, notFound } from '../../domain/errors.js';
import { INTERVENTION_KINDS, kindLabel } from '../../domain/interventions.js';
import { countFirstTerms, effectRecords, firstInterventionYear } from '../../storage/effects-queries.js';
import { readMeta } from '../../storage/meta.js';
import type { Database } from '../../storage/schema.js';

export interface EffectsQuery {
  /** Only these kinds (default: every kind with enough data). */
  readonly kinds?: readonly string[];
  readonly seed?: number;
  /**
   * At most about this many student-years (a deterministic subsample by student id beyond it), so that the
   * national data answers in seconds. Default 400,000.
   */
  readonly maxUnits?: number;
  /** Cross-fitting folds (default 3) and boosting rounds of each nuisance model (default 80). */
  readonly folds?: number;
  readonly rounds?: number;
  /** Fold splits the estimate is the median of (repeated cross-fitting, default 3). */
  readonly splits?: number;
  /**
   * Training rows per nuisance model (DrOptions.trainMax, default TRAIN_MAX). Not a CLI, API or configuration
   * setting: for measuring the cap against the full fit (docs/SCALING.md).
   */
  readonly trainMax?: number;
  /** @deprecated bootstrap replicates of the former estimator; ignored (intervals come from the influence function). */
  readonly reps?: number;
}

export interface KindEffect {
  readonly kind: string;
  readonly label: { readonly es: string; readonly en: string };
  /** null when there are too few treated or controls to estimate. */
  readonly estimate: DrEstimate | null;
  readonly note: string | null;
  /** The generator's answer key, on demo data only. */
  readonly truth: {
    readonly logOdds: number;
    readonly attYearExitRiskDifference: number;
    readonly insideInterval: boolean | null;
    readonly naiveInsideInterval: boolean | null;
  } | null;
  /** Students reached vs exits prevented, ordering by the institution's rule, by risk and by benefit. */
  readonly capacity: readonly CapacityPoint[] | null;
  /** Per-unit benefit (estimated reduction in the probability of leaving, T-learner): mean and deciles. */
  readonly benefit: {
    readonly mean: number;
    readonly meanTreated: number;
    readonly deciles: readonly number[];
  } | null;
}

export interface EffectsReport {
  readonly scope: { readonly level: 'national' | 'state' | 'campus'; readonly id: number | null };
  readonly outcome: string;
  readonly method: string;
  readonly fromSchoolYear: string | null;
  readonly studentYears: number;
  readonly sampled: boolean;
  /** The estimator's inputs (generic records only). */
  readonly covariates: readonly string[];
  readonly effects: readonly KindEffect[];
}

const LEFT = new Set(['dropout', 'temporary_leave']);
const MIN_GROUP = 30;

interface UnitRow {
  key: string;
  studentId: number;
  campusId: number;
  schoolYear: string;
  semester: number;
  att: number;
  avg: number;
  failed: number;
  delay: number;
  male: number;
  left: number;
  secondTerm: boolean;
  term1: Set<string>;
  term2: Set<string>;
}

function scopeLevel(scope: Scope): EffectsReport['scope'] {
  switch (scope.role) {
    case 'national':
    case 'analyst':
      return { level: 'national', id: null };
    case 'state':
      return { level: 'state', id: scope.stateId ?? -1 };
    case 'campus':
    case 'tutor':
      return { level: 'campus', id: scope.campusId ?? -1 };
  }
}

async function loadUnits(db: Kysely<Database>, scope: EffectsReport['scope'], maxUnits: number) {
  const from = await firstInterventionYear(db);
  if (from === null) return { from, units: [] as UnitRow[], sampled: false };
  const total = await countFirstTerms(db, from, scope);
  const modulus = total > maxUnits ? Math.ceil(total / maxUnits) : 1;
  const { enrollments: rows, interventions: ivs } = await effectRecords(db, from, scope, modulus);
  const byKey = new Map<string, UnitRow>();
  const second = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const key = `${r.studentId}|${r.schoolYear}`;
    if (r.termNo !== 1) {
      second.set(key, r);
      continue;
    }
    byKey.set(key, {
      key,
      studentId: r.studentId,
      campusId: r.campusId,
      schoolYear: r.schoolYear,
      semester: r.semester,
      att: r.attendancePct,
      avg: r.gradeAvg ?? Number.NaN,
      failed: r.failedModules,
      delay: r.scholarshipDelayDays,
      male: r.sex === 'H' ? 1 : 0,
      left: LEFT.has(r.endStatus) ? 1 : 0,
      secondTerm: false,
      term1: new Set(),
      term2: new Set(),
    });
  }
  for (const [key, r] of second) {
    const u = byKey.get(key);
    if (!u) continue;
    u.secondTerm = true;
    if (LEFT.has(r.endStatus)) u.left = 1;
  }
  for (const i of ivs) {
    const u = byKey.get(`${i.studentId}|${i.schoolYear}`);
    if (u) (i.termNo === 1 ? u.term1 : u.term2).add(i.kind);
  }
  return { from, units: [...byKey.values()], sampled: modulus > 1 };
}

/**
 * Leave-one-out share of a campus-year's units (those `among`, default all) with `value` 1, on the log-odds
 * scale, smoothed towards the overall share.
 */
function campusYearShare(
  units: readonly UnitRow[],
  value: (u: UnitRow) => number,
  among: (u: UnitRow) => boolean = () => true,
): Float64Array {
  const acc = new Map<string, { n: number; y: number }>();
  let n = 0;
  let y = 0;
  for (const u of units) {
    if (!among(u)) continue;
    const k = `${u.campusId}|${u.schoolYear}`;
    const a = acc.get(k) ?? { n: 0, y: 0 };
    a.n++;
    a.y += value(u);
    acc.set(k, a);
    n++;
    y += value(u);
  }
  const prior = n > 0 ? y / n : 0.1;
  const out = new Float64Array(units.length);
  units.forEach((u, i) => {
    const a = acc.get(`${u.campusId}|${u.schoolYear}`) ?? { n: 0, y: 0 };
    const self = among(u) ? 1 : 0;
    const rate = (a.y - self * value(u) + 5 * prior) / (a.n - self + 5);
    const r = Math.min(0.999, Math.max(0.001, rate));
    out[i] = Math.log(r / (1 - r));
  });
  return out;
}

/**
 * The estimator's covariates: generic records only. Never the simulator's assignment rule or its hazard terms
 * (issue 12, finding 9): the trees find the shape themselves.
 */
export const EFFECT_COVARIATES = [
  'attendance_pct',
  'grade_avg',
  'failed_modules',
  'scholarship_delay_days',
  'semester',
  'male',
  'school_year',
  'campus_year_untreated_exit_rate',
  'campus_year_uptake',
] as const;

function features(u: UnitRow, exitContext: number, uptake: number): Float64Array {
  return Float64Array.from([
    u.att,
    u.avg,
    u.failed,
    u.delay,
    u.semester,
    u.male,
    Number(u.schoolYear.slice(0, 4)),
    exitContext,
    uptake,
  ]);
}

/** The institution's at-risk rule, for the "rule" ordering of the capacity curve only (never a covariate). */
const ruleFlag = (u: UnitRow) => (u.att < 85 || u.failed >= 2 || (!Number.isNaN(u.avg) && u.avg < 7) ? 1 : 0);

export async function interventionEffects(
  db: Kysely<Database>,
  scope: Scope,
  query: EffectsQuery = {},
): Promise<EffectsReport> {
  const level = scopeLevel(scope);
  const known = INTERVENTION_KINDS as readonly string[];
  if (query.kinds) {
    const bad = query.kinds.filter((k) => !known.includes(k));
    if (bad.length > 0)
      throw invalid(
        'unknown_kind',
        `Tipo de intervención desconocido: "${bad.join('", "')}". Valores válidos: ${known.join(', ')}`,
      );
  }
  const { from, units, sampled } = await loadUnits(db, level, query.maxUnits ?? 400_000);
  const present = new Set<string>();
  for (const u of units) for (const k of [...u.term1, ...u.term2]) present.add(k);
  const kinds: readonly string[] = query.kinds ?? known.filter((k) => present.has(k));
  if (units.length === 0 && query.kinds === undefined)
    throw notFound('no_interventions', 'No hay intervenciones registradas en el alcance');
  // The answer key of demo data, shown beside the estimate; the estimator itself never reads it.
  const generator = await readMeta<{
    truth?: Record<string, { logOdds: number; attYearExitRiskDifference: number }>;
  }>(db, 'generator');

  const effects = kinds.map((kind, idx): KindEffect => {
    // Eligible: semesters in which the kind is given at all (leveling: the first two).
    const semesters = new Set<number>();
    for (const u of units) if (u.term1.has(kind)) semesters.add(u.semester);
    const uptake = campusYearShare(units, (u) => (u.term1.has(kind) ? 1 : 0));
    // The campus-year's exit rate among the others not given the kind: a context the kind has not changed.
    const exitContext = campusYearShare(
      units,
      (u) => u.left,
      (u) => !u.term1.has(kind),
    );
    const sel = units.map((u, i) => ({ u, i })).filter((x) => semesters.has(x.u.semester));
    const data: DrUnit[] = sel.map(({ u, i }) => {
      const treated = u.term1.has(kind) ? 1 : 0;
      return {
        treated,
        outcome: u.left === 1 ? 1 : 0,
        crossover: treated === 1 || !u.secondTerm ? null : u.term2.has(kind) ? 1 : 0,
        cluster: u.studentId,
        group: u.campusId,
        features: features(u, exitContext[i] ?? 0, uptake[i] ?? 0),
      };
    });
    const treated = data.reduce((a, d) => a + d.treated, 0);
    const t = generator?.truth?.[kind];
    const label = kindLabel(kind);
    if (treated < MIN_GROUP || data.length - treated < MIN_GROUP) {
      return {
        kind,
        label,
        estimate: null,
        note: `Datos insuficientes: ${treated} atendidos y ${data.length - treated} sin atender (mínimo ${MIN_GROUP} de cada uno)`,
        truth: t
          ? {
              logOdds: t.logOdds,
              attYearExitRiskDifference: t.attYearExitRiskDifference,
              insideInterval: null,
              naiveInsideInterval: null,
            }
          : null,
        capacity: null,
        benefit: null,
      };
    }
    const options = {
      seed: (query.seed ?? 20261128) + idx,
      folds: query.folds,
      rounds: query.rounds,
      splits: query.splits,
      trainMax: query.trainMax,
    };
    const { estimate, nuisance } = estimateAttDrRepeated(data, options);
    const inside = (x: number) => x >= estimate.att.low && x <= estimate.att.high;
    const uplift = upliftOf(nuisance.m0, nuisance.m1);
    const capacity = capacityCurve({
      treated: data.map((d) => d.treated),
      outcome: data.map((d) => d.outcome),
      propensity: nuisance.propensity,
      m0: nuisance.m0,
      m1: nuisance.m1,
      flagged: sel.map(({ u }) => ruleFlag(u)),
    });
    return {
      kind,
      label,
      estimate,
      note: estimate.sensitivity.fragile
        ? `Frágil: un factor no registrado asociado ${estimate.sensitivity.eValueLimit.toFixed(2)} veces con la intervención y con el abandono bastaría para anular el efecto (valor E del límite del intervalo)`
        : null,
      truth: t
        ? {
            logOdds: t.logOdds,
            attYearExitRiskDifference: t.attYearExitRiskDifference,
            insideInterval: inside(t.attYearExitRiskDifference),
            naiveInsideInterval: inside(estimate.naive.estimate),
          }
        : null,
      capacity,
      benefit: benefitSummary(uplift, data),
    };
  });
  return {
    scope: level,
    outcome:
      'Abandono (baja definitiva o temporal) durante el ciclo de la intervención: en el semestre en que se dio o en el siguiente',
    method: `Efecto en los atendidos (ATT, diferencia de riesgos) doblemente robusto (AIPW) con árboles de gradiente para la propensión y el resultado, ajuste cruzado por estudiante repetido en ${query.splits ?? 3} particiones (mediana) y solo covariables genéricas (asistencia, promedio, módulos reprobados, retraso de beca, semestre, sexo, plantel y ciclo), corregido por cruce de controles atendidos después; intervalos al 95 % por la función de influencia agrupada por estudiante; valor E de sensibilidad a confusión no medida`,
    fromSchoolYear: from,
    studentYears: units.length,
    sampled,
    covariates: EFFECT_COVARIATES,
    effects,
  };
}

/** Distribution of the per-unit benefit (estimated reduction in the probability of leaving), in deciles. */
function benefitSummary(uplift: Float64Array, data: readonly DrUnit[]): KindEffect['benefit'] {
  const treated: number[] = [];
  const all = Array.from(uplift).sort((a, b) => a - b);
  data.forEach((d, i) => d.treated === 1 && treated.push(uplift[i] ?? 0));
  const mean = (xs: ArrayLike<number>) => {
    let s = 0;
    for (let i = 0; i < xs.length; i++) s += xs[i] ?? 0;
    return xs.length ? s / xs.length : Number.NaN;
  };
  return {
    mean: mean(all),
    meanTreated: mean(treated),
    deciles: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9].map(
      (q) => all[Math.floor(q * (all.length - 1))] ?? 0,
    ),
  };
}
