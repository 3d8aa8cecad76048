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
  const delay = Math.round(f.scholarship_delay_months * 30);
  return {
    attendance: { flag: flags.attendance, value: `${one(f.attendance_pct)} %` },
    grades: { flag: flags.grades, value: one(f.grade_avg) },
    failed: { flag: flags.failed, value: `${f.failed_modules}${pending}` },
    scholarship: { flag: flags.scholarship, value: delay > 0 ? `${delay} días de retraso` : 'al corriente' },
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
