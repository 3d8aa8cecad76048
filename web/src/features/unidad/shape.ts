/** Data shaping of the unit pages (estado, plantel, carrera): parent level, comparison, campus markers. */
import type { Point, ScatterSpec } from '../../components/charts/spec';
import type { Campus, GeoCollection, IndicatorRow, Level } from '../../api/models';
import { normalizeStateCode } from '../../lib/geo';
import { INDICATORS, indicatorValue, type IndicatorKey } from '../../lib/indicators';
import { totals, valueFormat } from '../../lib/series';

export type UnitLevel = Exclude<Level, 'national'>;

export interface ParentRef {
  readonly level: Level;
  readonly unit?: string;
}

/** The level a unit is compared with: a campus with its state, a state or a program with the nation. */
export function parentOf(level: UnitLevel, unit: string, campuses: readonly Campus[]): ParentRef | null {
  switch (level) {
    case 'state':
    case 'program':
      return { level: 'national' };
    case 'campus': {
      const campus = campuses.find((c) => c.cct === unit);
      return campus ? { level: 'state', unit: normalizeStateCode(campus.stateCode) } : null;
    }
  }
}

/** The state whose campuses a unit page shows (map and distribution), if any. */
export function stateOfUnit(level: UnitLevel, unit: string, campuses: readonly Campus[]): string | null {
  if (level === 'state') return normalizeStateCode(unit);
  if (level === 'campus') {
    const campus = campuses.find((c) => c.cct === unit);
    return campus ? normalizeStateCode(campus.stateCode) : null;
  }
  return null;
}

/** Indicators compared in the unit vs parent table, in display order. */
export const COMPARED: readonly IndicatorKey[] = [
  'mt',
  'ni1',
  'eg',
  'abandono',
  'abandono_intra',
  'abandono_inter',
  'retencion',
  'eficiencia_terminal',
  'reprobacion',
  'aprobacion',
  'aprobacion_con_reg',
];

export interface Comparison {
  readonly key: IndicatorKey;
  readonly unit: number | null;
  readonly parent: number | null;
  /** unit − parent; for counts the comparison is meaningless and delta is null. */
  readonly delta: number | null;
}

export function compare(
  unitRow: IndicatorRow | undefined,
  parentRow: IndicatorRow | undefined,
): Comparison[] {
  return COMPARED.map((key) => {
    const unit = indicatorValue(unitRow, key);
    const parent = indicatorValue(parentRow, key);
    const delta =
      INDICATORS[key].kind === 'percent' && unit !== null && parent !== null ? unit - parent : null;
    return { key, unit, parent, delta };
  });
}

/** The total row of a unit in a school year. */
export function rowOfYear(rows: readonly IndicatorRow[], year: string): IndicatorRow | undefined {
  return totals(rows).find((r) => r.school_year === year);
}

export function campusPoints(
  campuses: readonly Campus[],
  rows: readonly IndicatorRow[],
  key: IndicatorKey,
  highlight?: string,
): Point[] {
  const byCct = new Map(totals(rows).map((r) => [r.unit_id, r]));
  return campuses
    .filter((c) => Number.isFinite(c.latitude) && Number.isFinite(c.longitude))
    .map((c) => ({
      id: c.cct,
      name: c.name,
      lat: c.latitude,
      lon: c.longitude,
      value: indicatorValue(byCct.get(c.cct), key),
      ...(c.cct === highlight ? { highlight: true } : {}),
    }));
}

export function campusMapSpec(
  campuses: readonly Campus[],
  rows: readonly IndicatorRow[],
  key: IndicatorKey,
  geo: GeoCollection,
  mapName: string,
  labels: { title: string; description?: string; valueLabel: string; pointLabel: string },
  highlight?: string,
): ScatterSpec {
  return {
    kind: 'scatter',
    title: labels.title,
    ...(labels.description ? { description: labels.description } : {}),
    valueLabel: labels.valueLabel,
    pointLabel: labels.pointLabel,
    mapName,
    geo,
    format: valueFormat(key),
    higherIsBetter: INDICATORS[key].higherIsBetter,
    points: campusPoints(campuses, rows, key, highlight),
  };
}

export interface CampusEntry {
  readonly campus: Campus;
  readonly row: IndicatorRow | undefined;
  readonly value: number | null;
}

/** The campuses of the catalog with their row of the year, by name (campuses without data included). */
export function campusEntries(
  campuses: readonly Campus[],
  rows: readonly IndicatorRow[],
  key: IndicatorKey,
): CampusEntry[] {
  const byCct = new Map(totals(rows).map((r) => [r.unit_id, r]));
  return [...campuses]
    .sort((a, b) => a.name.localeCompare(b.name, 'es'))
    .map((campus) => {
      const row = byCct.get(campus.cct);
      return { campus, row, value: indicatorValue(row, key) };
    });
}
