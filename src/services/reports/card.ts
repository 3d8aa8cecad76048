/**
 * Use case: the data of a campus report card (boleta de plantel) — the official indicators of a school year
 * with the state and national comparison, their trend over the school years, and a summary of the current
 * early-warning flags (counts per flag and the most common reasons; never a student). Rendered by card-pdf.ts.
 * In the public version, counts of students below the threshold are suppressed (rates are kept: CONALEP
 * publishes campus rates).
 */
import type { Kysely } from 'kysely';
import type { Scope } from '../../domain/access.js';
import { shiftYear, type SchoolYear } from '../../domain/calendar.js';
import { invalid } from '../../domain/errors.js';
import type { Database } from '../../storage/schema.js';
import { indicatorRows, validYear, type IndicatorRow } from '../indicators/index.js';
import { assessActive } from '../risk/index.js';
import { buildCube, cubeConstraints } from './cube.js';
import { DEFAULT_THRESHOLD, suppress } from './suppression.js';
import { resolveUnit, type ReportUnit, type UnitRequest } from './unit.js';

export type KpiKey =
  | 'mt'
  | 'ni1'
  | 'eg'
  | 'abandono'
  | 'abandono_intra'
  | 'eficiencia_terminal'
  | 'reprobacion'
  | 'aprobacion_con_reg'
  | 'retencion';

export interface CardKpi {
  readonly key: KpiKey;
  readonly label: string;
  readonly kind: 'count' | 'rate';
  readonly decimals: number;
  /** Lower is better (dropout, failure). */
  readonly lowerIsBetter: boolean;
  readonly campus: number | null;
  readonly state: number | null;
  readonly national: number | null;
  /** The campus value is a count hidden in the public version. */
  readonly suppressed: boolean;
}

export interface TrendPoint {
  readonly year: string;
  readonly campus: number | null;
  readonly state: number | null;
  readonly national: number | null;
}

export interface RiskSummary {
  readonly cutoff: string | null;
  readonly active: number | null;
  readonly flags: readonly { readonly flag: 'verde' | 'amarillo' | 'rojo'; readonly n: number | null }[];
  readonly reasons: readonly { readonly label: string; readonly n: number | null }[];
}

export interface ReportCard {
  readonly unit: ReportUnit;
  readonly schoolYear: string;
  readonly generatedAt: string;
  readonly public: boolean;
  readonly threshold: number | null;
  readonly suppressedCells: number;
  readonly kpis: readonly CardKpi[];
  readonly trends: Readonly<
    Record<'mt' | 'abandono' | 'eficiencia_terminal' | 'reprobacion', readonly TrendPoint[]>
  >;
  /** null when the early-warning model is not available on this database. */
  readonly risk: RiskSummary | null;
}

export interface CardOptions {
  readonly unit: UnitRequest;
  readonly year?: string;
  readonly public?: boolean;
  readonly threshold?: number;
  readonly scope?: Scope | null;
  readonly now?: Date;
}

const KPIS: readonly Omit<CardKpi, 'campus' | 'state' | 'national' | 'suppressed'>[] = [
  { key: 'mt', label: 'Matrícula de inicio', kind: 'count', decimals: 0, lowerIsBetter: false },
  { key: 'ni1', label: 'Nuevo ingreso a primer grado', kind: 'count', decimals: 0, lowerIsBetter: false },
  { key: 'eg', label: 'Egresados', kind: 'count', decimals: 0, lowerIsBetter: false },
  { key: 'abandono', label: 'Abandono escolar total (%)', kind: 'rate', decimals: 1, lowerIsBetter: true },
  {
    key: 'abandono_intra',
    label: 'Abandono intracurricular (%)',
    kind: 'rate',
    decimals: 1,
    lowerIsBetter: true,
  },
  { key: 'retencion', label: 'Retención (%)', kind: 'rate', decimals: 1, lowerIsBetter: false },
  {
    key: 'eficiencia_terminal',
    label: 'Eficiencia terminal (%)',
    kind: 'rate',
    decimals: 2,
    lowerIsBetter: false,
  },
  {
    key: 'reprobacion',
    label: 'Reprobación sin regularización (%)',
    kind: 'rate',
    decimals: 1,
    lowerIsBetter: true,
  },
  {
    key: 'aprobacion_con_reg',
    label: 'Aprobación con regularización (%)',
    kind: 'rate',
    decimals: 1,
    lowerIsBetter: false,
  },
];

export const REASON_LABELS: Readonly<Record<string, string>> = {
  attendance: 'Asistencia baja',
  grade: 'Promedio bajo',
  failed: 'Módulos reprobados en el periodo',
  pending: 'Regularizaciones pendientes',
  grade_drop: 'Caída del promedio',
  scholarship: 'Retraso en el pago de la beca',
  temporary_leave: 'Bajas temporales previas',
  lag: 'Rezago respecto a su generación',
};

const TREND_YEARS = 8;

export async function reportCard(db: Kysely<Database>, o: CardOptions): Promise<ReportCard> {
  const unit = await resolveUnit(db, o.unit, o.scope ?? null);
  if (unit.level !== 'campus' || unit.stateCode === null || unit.campusId === null)
    throw invalid('card_needs_campus', 'La boleta es de un plantel: indique --campus CCT');
  const threshold = o.threshold ?? DEFAULT_THRESHOLD;
  const [campus, state, national] = await Promise.all([
    indicatorRows(db, { level: 'campus', unitId: unit.code }),
    indicatorRows(db, { level: 'state', unitId: unit.stateCode }),
    indicatorRows(db, { level: 'national' }),
  ]);
  // By default the latest school year whose dropout can be computed (it needs the next year's enrollment).
  const year =
    o.year !== undefined
      ? await validYear(db, o.year)
      : (campus.filter((r) => r.abandono !== null).at(-1)?.school_year ?? campus.at(-1)?.school_year);
  if (year === undefined)
    throw invalid('no_campus_data', `El plantel ${unit.code} no tiene conteos de flujo`);
  const pick = (rows: readonly IndicatorRow[], y: string, key: KpiKey): number | null => {
    const r = rows.find((x) => x.school_year === y);
    return r ? (r[key] ?? null) : null;
  };
  const isSmall = (v: number | null) => o.public === true && v !== null && v > 0 && v < threshold;
  const kpis = KPIS.map((k) => {
    const value = pick(campus, year, k.key);
    const hidden = k.kind === 'count' && isSmall(value);
    return {
      ...k,
      campus: hidden ? null : value,
      state: pick(state, year, k.key),
      national: pick(national, year, k.key),
      suppressed: hidden,
    };
  });
  const first = shiftYear(year as SchoolYear, -(TREND_YEARS - 1));
  const years = campus.map((r) => r.school_year).filter((y) => y >= first && y <= year);
  const trend = (key: 'mt' | 'abandono' | 'eficiencia_terminal' | 'reprobacion') =>
    years.map((y) => ({
      year: y,
      campus: key === 'mt' && isSmall(pick(campus, y, key)) ? null : pick(campus, y, key),
      state: pick(state, y, key),
      national: pick(national, y, key),
    }));
  const risk = await riskSummary(db, unit.campusId, o.public === true ? threshold : null);
  return {
    unit,
    schoolYear: year,
    generatedAt: (o.now ?? new Date()).toISOString(),
    public: o.public === true,
    threshold: o.public ? threshold : null,
    suppressedCells:
      kpis.filter((k) => k.suppressed).length +
      (risk
        ? risk.flags.filter((f) => f.n === null).length + risk.reasons.filter((r) => r.n === null).length
        : 0),
    kpis,
    trends: {
      mt: trend('mt'),
      abandono: trend('abandono'),
      eficiencia_terminal: trend('eficiencia_terminal'),
      reprobacion: trend('reprobacion'),
    },
    risk,
  };
}

/**
 * Students per flag and the five most common reasons, from the early-warning service. In the public version
 * the flag counts go through the same suppression as the 911 tables (three flags and their total).
 */
async function riskSummary(
  db: Kysely<Database>,
  campusId: number,
  threshold: number | null,
): Promise<RiskSummary | null> {
  let details: Awaited<ReturnType<typeof assessActive>>;
  try {
    details = await assessActive(db, { campusId });
  } catch {
    return null; // an older database without the early-warning tables
  }
  const flags = ['verde', 'amarillo', 'rojo'] as const;
  const counts = new Map<string, number>(flags.map((f) => [f, 0]));
  const reasons = new Map<string, number>();
  for (const d of details) {
    counts.set(d.flag, (counts.get(d.flag) ?? 0) + 1);
    for (const code of new Set(d.ruleReasons.map((r) => r.code)))
      reasons.set(code, (reasons.get(code) ?? 0) + 1);
  }
  const cube = buildCube(
    'riesgo',
    [{ name: 'flag', members: [...flags] }],
    (c) => counts.get(c.flag ?? '') ?? 0,
  );
  const hidden =
    threshold === null
      ? new Set<string>()
      : suppress(cube.values, cubeConstraints(cube), threshold).suppressed;
  const small = (n: number) => threshold !== null && n > 0 && n < threshold;
  return {
    cutoff: details[0]?.cutoff ?? null,
    active: hidden.has('riesgo') ? null : details.length,
    flags: flags.map((f) => ({ flag: f, n: hidden.has(`riesgo|flag=${f}`) ? null : (counts.get(f) ?? 0) })),
    reasons: [...reasons]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 5)
      .map(([code, n]) => ({ label: REASON_LABELS[code] ?? code, n: small(n) ? null : n })),
  };
}
