/**
 * Translates a ChartSpec into an ECharts option object. Pure (no echarts import, so it is testable and
 * Chart.tsx stays the only module that loads the library).
 */
import { BORDER, HIGHLIGHT, LAND_FILL, MUTED, NO_DATA_FILL, rampFor, SERIES_COLORS, TEXT } from './palette';
import type { BarSpec, ChartSpec, Formatter, LineSpec, MapSpec, ScatterSpec } from './spec';

export type Option = Record<string, unknown>;

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

const asNumber = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function base(): Option {
  return {
    animation: false,
    color: [...SERIES_COLORS],
    textStyle: { fontFamily: FONT, color: TEXT },
  };
}

function extent(values: readonly (number | null)[]): [number, number] {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (xs.length === 0) return [0, 1];
  const min = Math.min(...xs);
  const max = Math.max(...xs);
  return min === max ? [min - 1, max + 1] : [min, max];
}

function visualMap(min: number, max: number, higherIsBetter: boolean, fmt: Formatter, extra: Option = {}) {
  return {
    type: 'continuous',
    min,
    max,
    left: 8,
    bottom: 8,
    orient: 'vertical',
    itemHeight: 110,
    itemWidth: 14,
    calculable: false,
    text: [fmt(max), fmt(min)],
    textStyle: { color: TEXT },
    inRange: { color: [...rampFor(higherIsBetter)] },
    ...extra,
  };
}

function lineOption(spec: LineSpec, fmt: Formatter): Option {
  return {
    ...base(),
    grid: { left: 12, right: 24, top: 48, bottom: 12, containLabel: true },
    legend: { top: 0, left: 0, textStyle: { color: TEXT } },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => fmt(asNumber(v)) },
    xAxis: {
      type: 'category',
      data: [...spec.categories],
      boundaryGap: false,
      axisLabel: { color: TEXT, hideOverlap: true },
    },
    yAxis: {
      type: 'value',
      scale: true,
      ...(spec.min === undefined ? {} : { min: spec.min }),
      ...(spec.max === undefined ? {} : { max: spec.max }),
      axisLabel: { color: TEXT, formatter: (v: number) => fmt(v) },
    },
    series: spec.series.map((s) => ({
      type: 'line',
      name: s.name,
      data: [...s.values],
      connectNulls: false,
      symbol: 'circle',
      symbolSize: 6,
      lineStyle: { width: 2, type: s.dashed ? 'dashed' : 'solid' },
    })),
  };
}

function barOption(spec: BarSpec, fmt: Formatter): Option {
  const categoryAxis = {
    type: 'category',
    data: [...spec.categories],
    inverse: spec.horizontal === true,
    axisLabel: spec.horizontal
      ? { color: TEXT, width: 200, overflow: 'truncate', interval: 0 }
      : { color: TEXT, hideOverlap: true },
  };
  const valueAxis = { type: 'value', axisLabel: { color: TEXT, formatter: (v: number) => fmt(v) } };
  const single = spec.series.length === 1;
  return {
    ...base(),
    grid: { left: 8, right: 32, top: single ? 16 : 40, bottom: 8, containLabel: true },
    ...(single ? {} : { legend: { top: 0, left: 0, textStyle: { color: TEXT } } }),
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: unknown) => fmt(asNumber(v)),
    },
    xAxis: spec.horizontal ? valueAxis : categoryAxis,
    yAxis: spec.horizontal ? categoryAxis : valueAxis,
    series: spec.series.map((s, si) => ({
      type: 'bar',
      name: s.name,
      barMaxWidth: 28,
      data: s.values.map((v, i) => {
        const isHighlight = spec.highlightId !== undefined && spec.categoryIds?.[i] === spec.highlightId;
        return isHighlight
          ? { value: v, itemStyle: { color: HIGHLIGHT, borderColor: TEXT, borderWidth: 1.5 } }
          : { value: v, itemStyle: { color: s.color ?? SERIES_COLORS[si % SERIES_COLORS.length] } };
      }),
    })),
  };
}

function mapOption(spec: MapSpec, fmt: Formatter): Option {
  const [min, max] = extent(spec.regions.map((r) => r.value));
  const names = new Map(spec.regions.map((r) => [r.id, r.name]));
  return {
    ...base(),
    tooltip: {
      trigger: 'item',
      formatter: (p: { name?: string; value?: unknown }) =>
        `${names.get(p.name ?? '') ?? p.name ?? ''}: ${fmt(asNumber(p.value))}`,
    },
    visualMap: visualMap(min, max, spec.higherIsBetter, fmt),
    series: [
      {
        type: 'map',
        map: spec.mapName,
        nameProperty: 'cve_ent',
        roam: false,
        // Leave the left edge to the color legend; the map keeps its aspect ratio inside the box.
        left: 72,
        right: 8,
        top: 8,
        bottom: 8,
        label: { show: false },
        select: { disabled: true },
        itemStyle: { areaColor: NO_DATA_FILL, borderColor: '#ffffff', borderWidth: 0.8 },
        emphasis: { label: { show: false }, itemStyle: { areaColor: HIGHLIGHT, borderColor: TEXT } },
        data: spec.regions.map((r) => ({ name: r.id, value: r.value ?? Number.NaN })),
      },
    ],
  };
}

function scatterOption(spec: ScatterSpec, fmt: Formatter): Option {
  const valued = spec.points.filter((p) => p.value !== null);
  const missing = spec.points.filter((p) => p.value === null);
  const highlighted = spec.points.filter((p) => p.highlight);
  const [min, max] = extent(valued.map((p) => p.value));
  const item = (p: (typeof spec.points)[number]) => ({
    name: p.name,
    id: p.id,
    value: [p.lon, p.lat, p.value ?? Number.NaN],
  });
  return {
    ...base(),
    tooltip: {
      trigger: 'item',
      formatter: (p: { name?: string; value?: unknown }) => {
        const v = Array.isArray(p.value) ? asNumber(p.value[2]) : null;
        return `${p.name ?? ''}: ${fmt(v)}`;
      },
    },
    geo: {
      map: spec.mapName,
      nameProperty: 'cve_ent',
      roam: false,
      silent: true,
      left: 72,
      right: 8,
      top: 8,
      bottom: 8,
      itemStyle: { areaColor: LAND_FILL, borderColor: BORDER, borderWidth: 0.6 },
    },
    ...(valued.length > 0
      ? { visualMap: visualMap(min, max, spec.higherIsBetter, fmt, { seriesIndex: 0, dimension: 2 }) }
      : {}),
    series: [
      {
        type: 'scatter',
        coordinateSystem: 'geo',
        symbolSize: 11,
        itemStyle: { borderColor: TEXT, borderWidth: 0.8 },
        data: valued.map(item),
      },
      {
        type: 'scatter',
        coordinateSystem: 'geo',
        symbolSize: 9,
        itemStyle: { color: MUTED, borderColor: TEXT, borderWidth: 0.8 },
        data: missing.map(item),
      },
      {
        type: 'effectScatter',
        coordinateSystem: 'geo',
        symbolSize: 16,
        z: 5,
        rippleEffect: { brushType: 'stroke', scale: 2.5 },
        itemStyle: { color: HIGHLIGHT, borderColor: TEXT, borderWidth: 1.5 },
        data: highlighted.map(item),
      },
    ],
  };
}

export function chartOption(spec: ChartSpec, fmt: Formatter): Option {
  switch (spec.kind) {
    case 'line':
      return lineOption(spec, fmt);
    case 'bar':
      return barOption(spec, fmt);
    case 'map':
      return mapOption(spec, fmt);
    case 'scatter':
      return scatterOption(spec, fmt);
  }
}

/** Pixel height that fits the chart: horizontal bars grow with the number of categories. */
export function chartHeight(spec: ChartSpec): number {
  switch (spec.kind) {
    case 'bar':
      return spec.horizontal ? Math.max(180, spec.categories.length * 24 + 48) : 320;
    case 'line':
      return 320;
    case 'map':
    case 'scatter':
      return 420;
  }
}

/** The id behind a click on a chart element, or null (for navigation from the chart). */
export function clickedId(
  spec: ChartSpec,
  params: { name?: unknown; dataIndex?: unknown; data?: unknown },
): string | null {
  switch (spec.kind) {
    case 'map':
      return typeof params.name === 'string' && params.name ? params.name : null;
    case 'scatter': {
      const data = params.data as { id?: unknown } | undefined;
      return typeof data?.id === 'string' ? data.id : null;
    }
    case 'bar':
      return typeof params.dataIndex === 'number' ? (spec.categoryIds?.[params.dataIndex] ?? null) : null;
    case 'line':
      return null;
  }
}
