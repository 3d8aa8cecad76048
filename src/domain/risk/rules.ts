/**
 * Transparent early-warning rules: thresholds on attendance, course performance (grades, failed and pending
 * modules) and the student's path (temporary leaves, semesters behind, scholarship delays) give a flag
 * verde / amarillo / rojo with its reasons, in Spanish and English. The thresholds are configurable per
 * institution (stored as versioned rule sets with who changed them and when).
 *
 * The records hold no behaviour (conduct) reports, so the behaviour leg of the usual ABC rules
 * (Attendance, Behaviour, Course performance) is represented by the path indicators instead.
 */
import { fmt, fmtAgainst } from './explain.js';
import type { FeatureName } from './features.js';

export type RiskFlag = 'verde' | 'amarillo' | 'rojo';

export interface Thresholds {
  /** Attendance below this (percent) is amarillo … */
  readonly attendanceAmarillo: number;
  /** … and below this rojo. */
  readonly attendanceRojo: number;
  readonly gradeAmarillo: number;
  readonly gradeRojo: number;
  /** Failed modules in the term at or above this count. */
  readonly failedAmarillo: number;
  readonly failedRojo: number;
  /** Pending (unrecovered) modules at or above this count. */
  readonly pendingAmarillo: number;
  readonly pendingRojo: number;
  /** A fall of the grade average (points) from the previous term at or beyond this. */
  readonly gradeDropAmarillo: number;
  /** Scholarship payment delay at or above this (days). */
  readonly scholarshipDelayAmarillo: number;
  /** Any earlier temporary leave at or above this count. */
  readonly temporaryLeavesAmarillo: number;
  /** Semesters behind the generation at or above this count. */
  readonly semesterLagAmarillo: number;
  /** This many amarillo signals together make rojo. */
  readonly amarilloSignalsForRojo: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  attendanceAmarillo: 85,
  attendanceRojo: 75,
  gradeAmarillo: 7,
  gradeRojo: 6.5,
  failedAmarillo: 2,
  failedRojo: 4,
  pendingAmarillo: 1,
  pendingRojo: 3,
  gradeDropAmarillo: 1,
  scholarshipDelayAmarillo: 60,
  temporaryLeavesAmarillo: 1,
  semesterLagAmarillo: 1,
  amarilloSignalsForRojo: 3,
};

export const THRESHOLD_KEYS = Object.keys(DEFAULT_THRESHOLDS) as (keyof Thresholds)[];

/** What each threshold means, for the CLI and the API documentation. */
export const THRESHOLD_HELP: Record<keyof Thresholds, { es: string; en: string; min: number; max: number }> =
  {
    attendanceAmarillo: {
      es: 'Asistencia (%) menor que: amarillo',
      en: 'Attendance (%) below: amber',
      min: 0,
      max: 100,
    },
    attendanceRojo: {
      es: 'Asistencia (%) menor que: rojo',
      en: 'Attendance (%) below: red',
      min: 0,
      max: 100,
    },
    gradeAmarillo: { es: 'Promedio menor que: amarillo', en: 'Grade average below: amber', min: 0, max: 10 },
    gradeRojo: { es: 'Promedio menor que: rojo', en: 'Grade average below: red', min: 0, max: 10 },
    failedAmarillo: {
      es: 'Módulos reprobados desde: amarillo',
      en: 'Failed modules from: amber',
      min: 1,
      max: 7,
    },
    failedRojo: { es: 'Módulos reprobados desde: rojo', en: 'Failed modules from: red', min: 1, max: 7 },
    pendingAmarillo: {
      es: 'Regularizaciones pendientes desde: amarillo',
      en: 'Pending modules from: amber',
      min: 1,
      max: 20,
    },
    pendingRojo: {
      es: 'Regularizaciones pendientes desde: rojo',
      en: 'Pending modules from: red',
      min: 1,
      max: 20,
    },
    gradeDropAmarillo: {
      es: 'Caída del promedio (puntos) desde: amarillo',
      en: 'Grade drop (points) from: amber',
      min: 0.1,
      max: 10,
    },
    scholarshipDelayAmarillo: {
      es: 'Retraso de beca (días) desde: amarillo',
      en: 'Scholarship delay (days) from: amber',
      min: 1,
      max: 365,
    },
    temporaryLeavesAmarillo: {
      es: 'Bajas temporales previas desde: amarillo',
      en: 'Earlier temporary leaves from: amber',
      min: 1,
      max: 10,
    },
    semesterLagAmarillo: {
      es: 'Semestres de rezago desde: amarillo',
      en: 'Semesters behind from: amber',
      min: 1,
      max: 10,
    },
    amarilloSignalsForRojo: {
      es: 'Señales amarillas que suman rojo',
      en: 'Amber signals that make red',
      min: 2,
      max: 10,
    },
  };

/** Checks a full set of thresholds; returns the problems in Spanish (empty when valid). */
export function validateThresholds(t: Thresholds): string[] {
  const problems: string[] = [];
  for (const k of THRESHOLD_KEYS) {
    const v = t[k];
    const h = THRESHOLD_HELP[k];
    if (typeof v !== 'number' || !Number.isFinite(v)) problems.push(`${k}: no es un número`);
    else if (v < h.min || v > h.max) problems.push(`${k}: ${v} fuera del intervalo ${h.min}–${h.max}`);
  }
  if (t.attendanceRojo > t.attendanceAmarillo)
    problems.push('attendanceRojo debe ser menor o igual que attendanceAmarillo');
  if (t.gradeRojo > t.gradeAmarillo) problems.push('gradeRojo debe ser menor o igual que gradeAmarillo');
  if (t.failedRojo < t.failedAmarillo) problems.push('failedRojo debe ser mayor o igual que failedAmarillo');
  if (t.pendingRojo < t.pendingAmarillo)
    problems.push('pendingRojo debe ser mayor o igual que pendingAmarillo');
  return problems;
}

export interface RuleReason {
  readonly code: string;
  readonly level: 'amarillo' | 'rojo';
  readonly es: string;
  readonly en: string;
}

export interface RuleResult {
  readonly flag: RiskFlag;
  readonly reasons: readonly RuleReason[];
  /** A score for ranking within a flag: rojo signals count 3, amarillo 1. */
  readonly points: number;
}

/** Applies the rules to one student's features. */
export function evaluateRules(f: Readonly<Record<FeatureName, number>>, t: Thresholds): RuleResult {
  const reasons: RuleReason[] = [];
  const add = (code: string, level: 'amarillo' | 'rojo', es: string, en: string) =>
    reasons.push({ code, level, es, en });

  const att = f.attendance_pct;
  if (att < t.attendanceRojo)
    add(
      'attendance',
      'rojo',
      `Asistencia de ${fmtAgainst(att, t.attendanceRojo)} % (menor que ${t.attendanceRojo} %)`,
      `Attendance ${fmtAgainst(att, t.attendanceRojo)} % (below ${t.attendanceRojo} %)`,
    );
  else if (att < t.attendanceAmarillo)
    add(
      'attendance',
      'amarillo',
      `Asistencia de ${fmtAgainst(att, t.attendanceAmarillo)} % (menor que ${t.attendanceAmarillo} %)`,
      `Attendance ${fmtAgainst(att, t.attendanceAmarillo)} % (below ${t.attendanceAmarillo} %)`,
    );

  const g = f.grade_avg;
  if (g < t.gradeRojo)
    add(
      'grade',
      'rojo',
      `Promedio de ${fmtAgainst(g, t.gradeRojo)} (menor que ${t.gradeRojo})`,
      `Grade average ${fmtAgainst(g, t.gradeRojo)} (below ${t.gradeRojo})`,
    );
  else if (g < t.gradeAmarillo)
    add(
      'grade',
      'amarillo',
      `Promedio de ${fmtAgainst(g, t.gradeAmarillo)} (menor que ${t.gradeAmarillo})`,
      `Grade average ${fmtAgainst(g, t.gradeAmarillo)} (below ${t.gradeAmarillo})`,
    );

  const failed = f.failed_modules;
  if (failed >= t.failedRojo)
    add('failed', 'rojo', `${failed} módulos reprobados en el periodo`, `${failed} failed modules this term`);
  else if (failed >= t.failedAmarillo)
    add(
      'failed',
      'amarillo',
      `${failed} módulos reprobados en el periodo`,
      `${failed} failed modules this term`,
    );

  const pending = f.pending_modules;
  if (pending >= t.pendingRojo)
    add('pending', 'rojo', `${pending} regularizaciones pendientes`, `${pending} pending regularizations`);
  else if (pending >= t.pendingAmarillo)
    add(
      'pending',
      'amarillo',
      `${pending} ${pending === 1 ? 'regularización pendiente' : 'regularizaciones pendientes'}`,
      `${pending} pending regularization${pending === 1 ? '' : 's'}`,
    );

  if (-f.grade_trend >= t.gradeDropAmarillo)
    add(
      'grade_drop',
      'amarillo',
      `El promedio bajó ${fmt(-f.grade_trend)} puntos respecto al periodo anterior`,
      `Grade average fell ${fmt(-f.grade_trend)} points from the previous term`,
    );

  const delayDays = Math.round(f.scholarship_delay_months * 30);
  if (delayDays >= t.scholarshipDelayAmarillo)
    add(
      'scholarship',
      'amarillo',
      `Pago de beca con ${delayDays} días de retraso`,
      `Scholarship payment ${delayDays} days late`,
    );

  if (f.temporary_leaves >= t.temporaryLeavesAmarillo)
    add(
      'temporary_leave',
      'amarillo',
      `${f.temporary_leaves === 1 ? 'Una baja temporal previa' : `${f.temporary_leaves} bajas temporales previas`}`,
      `${f.temporary_leaves === 1 ? 'One earlier temporary leave' : `${f.temporary_leaves} earlier temporary leaves`}`,
    );

  if (f.semester_lag >= t.semesterLagAmarillo)
    add(
      'lag',
      'amarillo',
      `${f.semester_lag === 1 ? 'Un semestre' : `${f.semester_lag} semestres`} de rezago respecto a su generación`,
      `${f.semester_lag === 1 ? 'One semester' : `${f.semester_lag} semesters`} behind their generation`,
    );

  const rojo = reasons.filter((r) => r.level === 'rojo').length;
  const amarillo = reasons.length - rojo;
  const flag: RiskFlag =
    rojo > 0 || amarillo >= t.amarilloSignalsForRojo ? 'rojo' : amarillo > 0 ? 'amarillo' : 'verde';
  // Rojo reasons first, then by the order above.
  const ordered = [
    ...reasons.filter((r) => r.level === 'rojo'),
    ...reasons.filter((r) => r.level === 'amarillo'),
  ];
  return { flag, reasons: ordered, points: rojo * 3 + amarillo };
}

export const FLAG_ORDER: Record<RiskFlag, number> = { verde: 0, amarillo: 1, rojo: 2 };

export const FLAG_LABELS: Record<RiskFlag, { es: string; en: string }> = {
  verde: { es: 'verde', en: 'green' },
  amarillo: { es: 'amarillo', en: 'amber' },
  rojo: { es: 'rojo', en: 'red' },
};
