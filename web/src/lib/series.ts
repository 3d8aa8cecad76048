/** Shaping of indicator rows into chart specs shared by several pages (trend lines, bars, map regions). */
import type { BarSpec, LineSpec, Region, ValueFormat } from '../components/charts/spec';
import { byValueDesc } from '../components/charts/spec';
import type { GeoCollection, IndicatorRow, State } from '../api/models';
import { normalizeStateCode, stateCodeOf } from './geo';
import { INDICATORS, indicatorValue, type IndicatorKey } from './indicators';

export function valueFormat(key: IndicatorKey): ValueFormat {
  const meta = INDICATORS[key];
  return meta.kind === 'percent' ? { kind: 'percent', decimals: meta.decimals } : { kind: 'count' };
}

/** Rows of the total (sex null) only: the API adds per-sex rows when asked with by=sex. */
export function totals(rows: readonly IndicatorRow[]): IndicatorRow[] {
  return rows.filter((r) => r.sex === null || r.sex === undefined);
}

export interface NamedRows {
  readonly name: string;
  readonly rows: readonly IndicatorRow[];
  readonly dashed?: boolean;
}

export interface Labels {
  readonly title: string;
  readonly description?: string;
  readonly categoryLabel: string;
  readonly valueLabel: string;
}

/** One line per unit over the union of their school years, in order; a year missing for a unit is null. */
export function lineByYear(lines: readonly NamedRows[], key: IndicatorKey, labels: Labels): LineSpec {
  const years = [...new Set(lines.flatMap((l) => totals(l.rows).map((r) => r.school_year)))].sort();
  return {
    kind: 'line',
    ...labels,
    format: valueFormat(key),
    categories: years,
    series: lines.map((l) => {
      const byYear = new Map(totals(l.rows).map((r) => [r.school_year, r]));
      return {
        name: l.name,
        values: years.map((y) => indicatorValue(byYear.get(y), key)),
        ...(l.dashed ? { dashed: true } : {}),
      };
    }),
  };
}

/** Units of one year as horizontal bars, highest first (a distribution across campuses or programs). */
export function barsByUnit(
  rows: readonly IndicatorRow[],
  key: IndicatorKey,
  labels: Labels & { readonly seriesName: string },
  highlightId?: string,
): BarSpec {
  const sorted = byValueDesc(
    totals(rows),
    (r) => indicatorValue(r, key),
    (r) => r.unit_name,
  );
  return {
    kind: 'bar',
    title: labels.title,
    ...(labels.description ? { description: labels.description } : {}),
    categoryLabel: labels.categoryLabel,
    valueLabel: labels.valueLabel,
    format: valueFormat(key),
    horizontal: true,
    categories: sorted.map((r) => r.unit_name),
    categoryIds: sorted.map((r) => r.unit_id),
    series: [{ name: labels.seriesName, values: sorted.map((r) => indicatorValue(r, key)) }],
    ...(highlightId ? { highlightId } : {}),
  };
}

/** One region per state of the geometry, with its value (null when the API sent no row for it). */
export function stateRegions(
  rows: readonly IndicatorRow[],
  geo: GeoCollection,
  key: IndicatorKey,
  states: readonly State[] = [],
): Region[] {
  const byCode = new Map(totals(rows).map((r) => [normalizeStateCode(r.unit_id), r]));
  const names = new Map(states.map((s) => [normalizeStateCode(s.code), s.name]));
  const regions = geo.features.flatMap((f) => {
    const id = stateCodeOf(f);
    if (id === null) return [];
    const row = byCode.get(id);
    const name =
      names.get(id) ?? row?.unit_name ?? (typeof f.properties.name === 'string' ? f.properties.name : id);
    return [{ id, name, value: indicatorValue(row, key) }];
  });
  return regions.sort((a, b) => a.name.localeCompare(b.name, 'es'));
}

export interface RankedRow {
  readonly rank: number;
  readonly row: IndicatorRow;
  readonly value: number | null;
}

/** Ranking, highest value first, nulls last; equal values share a rank (1, 2, 2, 4). */
export function ranking(rows: readonly IndicatorRow[], key: IndicatorKey): RankedRow[] {
  const sorted = byValueDesc(
    totals(rows),
    (r) => indicatorValue(r, key),
    (r) => r.unit_name,
  );
  const ranked: RankedRow[] = [];
  sorted.forEach((row, i) => {
    const value = indicatorValue(row, key);
    const prev = ranked[i - 1];
    const rank = prev && value !== null && prev.value === value ? prev.rank : i + 1;
    ranked.push({ rank, row, value });
  });
  return ranked;
}
