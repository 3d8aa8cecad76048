/**
 * Chart specifications in domain terms (series of values by school year, values by state, campuses on a
 * map), built by pure functions in features/<feature>/shape.ts. Chart.tsx draws them; the same spec gives
 * the accessible table and the CSV, so the three always show the same data.
 */
import type { GeoCollection } from '../../api/models';
import { formatNumber, formatPercent, roundHalfUp, type Lang } from '../../lib/format';

export type ValueFormat =
  | { readonly kind: 'percent'; readonly decimals: number }
  | { readonly kind: 'count' }
  | { readonly kind: 'number'; readonly decimals: number };

export interface Series {
  readonly name: string;
  /** One value per category, null where missing. */
  readonly values: readonly (number | null)[];
  /** Drawn dashed (a comparison series such as the parent level). */
  readonly dashed?: boolean;
  /** A fixed colour (#rrggbb) where the colour carries meaning, such as the semáforo; else the palette's. */
  readonly color?: string;
}

interface Common {
  readonly title: string;
  /** One sentence for screen readers: what the chart shows. */
  readonly description?: string;
  readonly format: ValueFormat;
  /** Name of the value column in the table, e.g. "Abandono escolar (%)". */
  readonly valueLabel: string;
}

export interface LineSpec extends Common {
  readonly kind: 'line';
  /** Fixed value axis range (e.g. 0-10 for grades); by default it fits the data. */
  readonly min?: number;
  readonly max?: number;
  readonly categoryLabel: string;
  readonly categories: readonly string[];
  readonly series: readonly Series[];
}

export interface BarSpec extends Common {
  readonly kind: 'bar';
  readonly categoryLabel: string;
  readonly categories: readonly string[];
  /** Ids of the categories (for clicks), parallel to categories. */
  readonly categoryIds?: readonly string[];
  readonly series: readonly Series[];
  readonly horizontal?: boolean;
  /** Id of a category drawn in the highlight color. */
  readonly highlightId?: string;
}

export interface Region {
  /** The feature's properties.cve_ent (state code). */
  readonly id: string;
  readonly name: string;
  readonly value: number | null;
}

export interface MapSpec extends Common {
  readonly kind: 'map';
  readonly mapName: string;
  readonly geo: GeoCollection;
  readonly regionLabel: string;
  readonly regions: readonly Region[];
  readonly higherIsBetter: boolean;
}

export interface Point {
  readonly id: string;
  readonly name: string;
  readonly lon: number;
  readonly lat: number;
  readonly value: number | null;
  readonly highlight?: boolean;
}

export interface ScatterSpec extends Common {
  readonly kind: 'scatter';
  readonly mapName: string;
  readonly geo: GeoCollection;
  readonly pointLabel: string;
  readonly points: readonly Point[];
  readonly higherIsBetter: boolean;
}

export type ChartSpec = LineSpec | BarSpec | MapSpec | ScatterSpec;

export interface Table {
  readonly headers: readonly string[];
  /** First cell of each row is its header cell. */
  readonly rows: readonly { readonly key: string; readonly cells: readonly string[] }[];
}

export type Formatter = (value: number | null) => string;

export function isEmpty(spec: ChartSpec): boolean {
  switch (spec.kind) {
    case 'line':
    case 'bar':
      return spec.categories.length === 0 || spec.series.every((s) => s.values.every((v) => v === null));
    case 'map':
      return spec.regions.every((r) => r.value === null);
    case 'scatter':
      return spec.points.length === 0;
  }
}

/** The table a screen reader (or anyone) reads instead of the chart. */
export function specTable(spec: ChartSpec, fmt: Formatter): Table {
  switch (spec.kind) {
    case 'line':
    case 'bar':
      return {
        headers: [spec.categoryLabel, ...spec.series.map((s) => s.name)],
        rows: spec.categories.map((c, i) => ({
          key: spec.kind === 'bar' ? (spec.categoryIds?.[i] ?? c) : c,
          cells: [c, ...spec.series.map((s) => fmt(s.values[i] ?? null))],
        })),
      };
    case 'map':
      return {
        headers: [spec.regionLabel, spec.valueLabel],
        rows: spec.regions.map((r) => ({ key: r.id, cells: [r.name, fmt(r.value)] })),
      };
    case 'scatter':
      return {
        headers: [spec.pointLabel, spec.valueLabel],
        rows: spec.points.map((p) => ({ key: p.id, cells: [p.name, fmt(p.value)] })),
      };
  }
}

/** Rounded for display precision but machine-readable (dot decimals, no thousands separators). */
export function csvValue(format: ValueFormat, value: number | null): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  return format.kind === 'count' ? value : roundHalfUp(value, format.decimals);
}

/** Header and rows of the CSV download. */
export function specCsv(spec: ChartSpec): { header: string[]; rows: (string | number | null)[][] } {
  const v = (x: number | null | undefined) => csvValue(spec.format, x ?? null);
  switch (spec.kind) {
    case 'line':
    case 'bar':
      return {
        header: [spec.categoryLabel, ...spec.series.map((s) => s.name)],
        rows: spec.categories.map((c, i) => [c, ...spec.series.map((s) => v(s.values[i]))]),
      };
    case 'map':
      return {
        header: ['id', spec.regionLabel, spec.valueLabel],
        rows: spec.regions.map((r) => [r.id, r.name, v(r.value)]),
      };
    case 'scatter':
      return {
        header: ['id', spec.pointLabel, spec.valueLabel, 'lat', 'lon'],
        rows: spec.points.map((p) => [p.id, p.name, v(p.value), p.lat, p.lon]),
      };
  }
}

/** Rows sorted by value, descending, nulls last (then by name): used for rankings and bar charts. */
export function byValueDesc<T>(
  items: readonly T[],
  value: (x: T) => number | null,
  name: (x: T) => string,
): T[] {
  return [...items].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null && vb === null) return name(a).localeCompare(name(b), 'es');
    if (va === null) return 1;
    if (vb === null) return -1;
    return vb - va || name(a).localeCompare(name(b), 'es');
  });
}

/** The display formatter of a chart's values in a language. */
export function formatterFor(format: ValueFormat, lang: Lang): Formatter {
  switch (format.kind) {
    case 'percent':
      return (v) => formatPercent(lang, v, format.decimals);
    case 'count':
      return (v) => formatNumber(lang, v, 0);
    case 'number':
      return (v) => formatNumber(lang, v, format.decimals);
  }
}
