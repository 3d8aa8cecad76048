/** Data shaping of the national page: choropleth, trend and the state ranking with its change. */
import type { LineSpec, MapSpec } from '../../components/charts/spec';
import type { GeoCollection, IndicatorRow, State } from '../../api/models';
import { normalizeStateCode } from '../../lib/geo';
import { INDICATORS, indicatorValue, type IndicatorKey } from '../../lib/indicators';
import {
  lineByYear,
  ranking,
  stateRegions,
  valueFormat,
  type Labels,
  type RankedRow,
} from '../../lib/series';

export const NATIONAL_MAP = 'mx-states';

export function stateMapSpec(
  rows: readonly IndicatorRow[],
  geo: GeoCollection,
  key: IndicatorKey,
  states: readonly State[],
  labels: Omit<Labels, 'categoryLabel'> & { readonly regionLabel: string },
): MapSpec {
  return {
    kind: 'map',
    title: labels.title,
    ...(labels.description ? { description: labels.description } : {}),
    valueLabel: labels.valueLabel,
    regionLabel: labels.regionLabel,
    mapName: NATIONAL_MAP,
    geo,
    format: valueFormat(key),
    higherIsBetter: INDICATORS[key].higherIsBetter,
    regions: stateRegions(rows, geo, key, states),
  };
}

export function nationalTrendSpec(
  rows: readonly IndicatorRow[],
  key: IndicatorKey,
  name: string,
  labels: Labels,
): LineSpec {
  return lineByYear([{ name, rows }], key, labels);
}

export interface RankingEntry extends RankedRow {
  readonly base: number | null;
  /** value − base (points for rates), null when either is missing. */
  readonly delta: number | null;
}

/** The state ranking of a year, each state with its value in the baseline year. */
export function stateRanking(
  rows: readonly IndicatorRow[],
  baseRows: readonly IndicatorRow[],
  key: IndicatorKey,
): RankingEntry[] {
  const base = new Map(baseRows.filter((r) => r.sex === null).map((r) => [normalizeStateCode(r.unit_id), r]));
  return ranking(rows, key).map((r) => {
    const b = indicatorValue(base.get(normalizeStateCode(r.row.unit_id)), key);
    return { ...r, base: b, delta: r.value === null || b === null ? null : r.value - b };
  });
}
