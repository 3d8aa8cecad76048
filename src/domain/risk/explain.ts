/**
 * One explanation: the reasons a tutor reads beside a score are the model's own contributions to that score
 * (the features that raise this student's risk above the average student's, largest first), written in
 * Spanish and English with the student's values. The transparent rules keep their own place: the semáforo
 * and its reasons. Before any model is trained the rules' reasons are the explanation.
 *
 * Values are rounded once (`fmt`), the same way in every text, so a text never contradicts the comparison
 * behind it.
 */
import { FEATURES, type FeatureName } from './features.js';
import { probabilityWithContributions, topPositive, type SerializedRiskModel } from './model.js';
import type { RuleResult } from './rules.js';

export interface Reason {
  /** The feature (model reasons) or the rule code (rule reasons before a model exists). */
  readonly code: string;
  readonly es: string;
  readonly en: string;
  /** Log-odds this value adds to the average student's score; null for a rule reason. */
  readonly logOdds: number | null;
}

/** At most this many reasons beside a score. */
export const MAX_REASONS = 3;
/** Contributions below this (log-odds, ≈ 2 % relative risk) are not reasons. */
export const MIN_REASON_LOG_ODDS = 0.02;

/** One decimal unless whole: the single rounding of every value in a reason. */
export const fmt = (v: number): string => {
  const r = Math.round(v * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
};

/**
 * A value compared with a threshold, rounded so that the text keeps the comparison true: 6.46 below 6.5 is
 * "6.46", not "6.5".
 */
export function fmtAgainst(v: number, threshold: number): string {
  for (let digits = 1; digits <= 4; digits++) {
    const f = 10 ** digits;
    const r = Math.round(v * f) / f;
    if (r !== threshold || v === threshold) return String(r);
  }
  return String(v);
}

const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many);

/** The text of one feature's value, as a reason (Spanish and English). */
export function featureReason(f: FeatureName, v: number): { es: string; en: string } {
  const n = fmt(v);
  switch (f) {
    case 'semester':
      return { es: `Cursa el semestre ${n}`, en: `In semester ${n}` };
    case 'end_of_year':
      return v === 1
        ? {
            es: 'Corte de fin de ciclo (cambio de año escolar)',
            en: 'End-of-year cut-off (change of school year)',
          }
        : { es: 'Corte de mitad de ciclo', en: 'Mid-year cut-off' };
    case 'attendance_pct':
      return { es: `Asistencia de ${n} %`, en: `Attendance ${n} %` };
    case 'attendance_trend':
      return trend(v, 'La asistencia', 'Attendance');
    case 'grade_avg':
      return { es: `Promedio de ${n}`, en: `Grade average ${n}` };
    case 'grade_trend':
      return trend(v, 'El promedio', 'The grade average');
    case 'failed_modules':
      return {
        es: `${n} ${plural(v, 'módulo reprobado', 'módulos reprobados')} en el periodo`,
        en: `${n} failed module${plural(v, '', 's')} this term`,
      };
    case 'prev_failed_modules':
      return {
        es: `${n} ${plural(v, 'módulo reprobado', 'módulos reprobados')} el periodo anterior`,
        en: `${n} failed module${plural(v, '', 's')} the previous term`,
      };
    case 'pending_modules':
      return {
        es: `${n} ${plural(v, 'regularización pendiente', 'regularizaciones pendientes')}`,
        en: `${n} pending regularization${plural(v, '', 's')}`,
      };
    case 'temporary_leaves':
      return v === 0
        ? { es: 'Sin bajas temporales previas', en: 'No earlier temporary leave' }
        : {
            es: v === 1 ? 'Una baja temporal previa' : `${n} bajas temporales previas`,
            en: v === 1 ? 'One earlier temporary leave' : `${n} earlier temporary leaves`,
          };
    case 'over_age':
      return v === 1
        ? { es: 'Ingresó con extraedad (17 años o más)', en: 'Entered over-age (17 or older)' }
        : { es: 'Ingresó en la edad típica', en: 'Entered at the typical age' };
    case 'scholarship_delay_months': {
      const days = Math.round(v * 30);
      return days === 0
        ? { es: 'Pago de beca sin retraso', en: 'Scholarship paid on time' }
        : { es: `Pago de beca con ${days} días de retraso`, en: `Scholarship payment ${days} days late` };
    }
    case 'semester_lag':
      return v === 0
        ? { es: 'Sin rezago respecto a su generación', en: 'Not behind their generation' }
        : {
            es: `${v === 1 ? 'Un semestre' : `${n} semestres`} de rezago respecto a su generación`,
            en: `${v === 1 ? 'One semester' : `${n} semesters`} behind their generation`,
          };
    case 'campus_exit_rate':
      return {
        es: `Abandono del plantel de ${n} % el ciclo anterior`,
        en: `Campus dropout ${n} % the previous year`,
      };
  }
}

function trend(v: number, es: string, en: string): { es: string; en: string } {
  const n = fmt(Math.abs(v));
  if (n === '0') return { es: `${es} no cambió respecto al periodo anterior`, en: `${en} did not change` };
  return v < 0
    ? { es: `${es} bajó ${n} puntos respecto al periodo anterior`, en: `${en} fell ${n} points` }
    : { es: `${es} subió ${n} puntos respecto al periodo anterior`, en: `${en} rose ${n} points` };
}

/** Features that describe the cut-off, not the student: never a reason. */
const NOT_A_REASON: ReadonlySet<FeatureName> = new Set(['end_of_year']);

/**
 * The reasons beside a score from the model's contributions (`contribs`, log-odds per feature, as
 * probabilityWithContributions fills them): those that raise this student's risk, largest first, at most
 * MAX_REASONS.
 */
export function reasonsFromContributions(x: ArrayLike<number>, contribs: ArrayLike<number>): Reason[] {
  const out: Reason[] = [];
  for (const { feature, logOdds } of topPositive(
    contribs,
    MAX_REASONS + NOT_A_REASON.size,
    MIN_REASON_LOG_ODDS,
  )) {
    const f = FEATURES[feature] as FeatureName;
    if (NOT_A_REASON.has(f) || out.length >= MAX_REASONS) continue;
    out.push({ code: f, ...featureReason(f, x[feature] ?? 0), logOdds });
  }
  return out;
}

/** A score with its reasons: the model's probability and contributions, or the rules' reasons alone. */
export function scoreAndExplain(
  model: SerializedRiskModel | null,
  x: ArrayLike<number>,
  rule: RuleResult,
  scratch: Float64Array = new Float64Array(FEATURES.length),
): { probability: number | null; reasons: Reason[] } {
  if (!model)
    return {
      probability: null,
      reasons: rule.reasons.map((r) => ({ code: r.code, es: r.es, en: r.en, logOdds: null })),
    };
  const probability = probabilityWithContributions(model, x, scratch);
  return { probability, reasons: reasonsFromContributions(x, scratch) };
}

/**
 * The reasons beside a score: with a model, its contributions that raise this student's risk (largest first,
 * at most MAX_REASONS); without one, the rules' reasons.
 */
export function explainScore(
  model: SerializedRiskModel | null,
  x: ArrayLike<number>,
  rule: RuleResult,
  scratch?: Float64Array,
): Reason[] {
  return scoreAndExplain(model, x, rule, scratch).reasons;
}
