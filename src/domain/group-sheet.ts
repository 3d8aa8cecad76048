/**
 * The group sheet (the "semáforo por grupo" tutors know from SisAT): for every student of a group, one
 * semáforo per dimension (attendance, grades, failed modules, scholarship payments), the overall band and the
 * last action. A dimension's colour is the level of the early-warning rule that fired on it
 * (domain/risk/rules.ts, with the thresholds in force), verde when none did, so the sheet and the queue never
 * disagree. Pure.
 */
import type { RiskFlag } from './interventions.js';
import type { FeatureName } from './risk/features.js';
import type { RuleReason, Thresholds } from './risk/rules.js';

export const SHEET_DIMENSIONS = ['attendance', 'grades', 'failed', 'scholarship'] as const;
export type SheetDimension = (typeof SHEET_DIMENSIONS)[number];

/** Which rule reasons colour each dimension (domain/risk/rules.ts codes). */
const REASON_DIMENSION: Readonly<Record<string, SheetDimension>> = {
  attendance: 'attendance',
  grade: 'grades',
  grade_drop: 'grades',
  failed: 'failed',
  pending: 'failed',
  scholarship: 'scholarship',
};

export const DIMENSION_LABELS: Record<SheetDimension, { es: string; en: string }> = {
  attendance: { es: 'Asistencia', en: 'Attendance' },
  grades: { es: 'Calificaciones', en: 'Grades' },
  failed: { es: 'Módulos reprobados', en: 'Failed modules' },
  scholarship: { es: 'Pagos de beca', en: 'Scholarship payments' },
};

export const FLAG_WORDS: Record<RiskFlag, { es: string; en: string }> = {
  verde: { es: 'Verde', en: 'Green' },
  amarillo: { es: 'Amarillo', en: 'Amber' },
  rojo: { es: 'Rojo', en: 'Red' },
};

export interface DimensionCell {
  readonly flag: RiskFlag;
  /** What the student shows on it, as a short Spanish text ("82.5 %", "6.4", "2 + 1 pend.", "45 días"). */
  readonly value: string;
  /** The same in English ("2 + 1 pending", "45 days late"). */
  readonly valueEn: string;
}

const ORDER: Record<RiskFlag, number> = { verde: 0, amarillo: 1, rojo: 2 };
const one = (v: number) => (Math.round(v * 10) / 10).toLocaleString('es-MX', { maximumFractionDigits: 1 });

/** The four semáforos of one student from their features and the reasons the rules gave. */
export function dimensionCells(
  f: Readonly<Record<FeatureName, number>>,
  reasons: readonly Pick<RuleReason, 'code' | 'level'>[],
): Record<SheetDimension, DimensionCell> {
  const flags: Record<SheetDimension, RiskFlag> = {
    attendance: 'verde',
    grades: 'verde',
    failed: 'verde',
    scholarship: 'verde',
  };
  for (const r of reasons) {
    const d = REASON_DIMENSION[r.code];
    if (d && ORDER[r.level] > ORDER[flags[d]]) flags[d] = r.level;
  }
  const pending = f.pending_modules > 0 ? ` + ${f.pending_modules} pend.` : '';
  const pendingEn = f.pending_modules > 0 ? ` + ${f.pending_modules} pending` : '';
  const delay = Math.round(f.scholarship_delay_months * 30);
  const attendance = `${one(f.attendance_pct)} %`;
  const grades = one(f.grade_avg);
  return {
    attendance: { flag: flags.attendance, value: attendance, valueEn: attendance },
    grades: { flag: flags.grades, value: grades, valueEn: grades },
    failed: {
      flag: flags.failed,
      value: `${f.failed_modules}${pending}`,
      valueEn: `${f.failed_modules}${pendingEn}`,
    },
    scholarship: {
      flag: flags.scholarship,
      value: delay > 0 ? `${delay} días de retraso` : 'al corriente',
      valueEn: delay > 0 ? `${delay} days late` : 'up to date',
    },
  };
}

/** The thresholds behind each dimension's colours, as one line of Spanish per dimension (the sheet's legend). */
export function dimensionLegend(t: Thresholds): Record<SheetDimension, string> {
  return {
    attendance: `amarillo si es menor que ${t.attendanceAmarillo} %, rojo si es menor que ${t.attendanceRojo} %`,
    grades: `amarillo si el promedio es menor que ${t.gradeAmarillo} o bajó ${t.gradeDropAmarillo} puntos o más, rojo si es menor que ${t.gradeRojo}`,
    failed: `amarillo desde ${t.failedAmarillo} reprobados en el periodo o ${t.pendingAmarillo} pendiente(s), rojo desde ${t.failedRojo} reprobados o ${t.pendingRojo} pendientes`,
    scholarship: `amarillo desde ${t.scholarshipDelayAmarillo} días de retraso en el pago`,
  };
}

/** The legend in English (the sheet's downloads with lang=en). */
export function dimensionLegendEn(t: Thresholds): Record<SheetDimension, string> {
  return {
    attendance: `amber below ${t.attendanceAmarillo} %, red below ${t.attendanceRojo} %`,
    grades: `amber when the average is below ${t.gradeAmarillo} or fell ${t.gradeDropAmarillo} points or more, red below ${t.gradeRojo}`,
    failed: `amber from ${t.failedAmarillo} failed in the term or ${t.pendingAmarillo} pending, red from ${t.failedRojo} failed or ${t.pendingRojo} pending`,
    scholarship: `amber from ${t.scholarshipDelayAmarillo} days late in the payment`,
  };
}
