/**
 * Charts of the report card, rendered on the server by ECharts to SVG strings (no browser, no canvas), to be
 * drawn into the PDF. Series with no value for a year leave a gap.
 */
import * as echarts from 'echarts';
import type { TrendPoint } from './card.js';

export const CHART_COLORS = { campus: '#1f4e5f', state: '#d98c2b', national: '#7a7a7a' } as const;

export interface ChartSpec {
  readonly title: string;
  readonly points: readonly TrendPoint[];
  readonly decimals: number;
  /** Bars for the campus only (counts do not compare across units), lines for the three levels otherwise. */
  readonly bars?: boolean;
  readonly stateName: string;
}

const round = (v: number | null, d: number) => (v === null ? null : Number(v.toFixed(d)));

export function trendChartSvg(spec: ChartSpec, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  const years = spec.points.map((p) => p.year.replace(/^(\d{4})-\d{2}(\d{2})$/, '$1-$2'));
  const line = (name: string, color: string, values: (number | null)[], width_: number) => ({
    name,
    type: 'line' as const,
    data: values,
    connectNulls: false,
    symbolSize: 5,
    lineStyle: { width: width_, color },
    itemStyle: { color },
  });
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: 'DejaVu Sans' },
    title: {
      text: spec.title,
      left: 0,
      top: 0,
      textStyle: { fontSize: 13, fontWeight: 'bold', color: '#1b1b1b' },
    },
    grid: { left: 48, right: 12, top: 36, bottom: spec.bars ? 28 : 48 },
    legend: spec.bars
      ? undefined
      : {
          bottom: 0,
          itemWidth: 14,
          itemHeight: 8,
          textStyle: { fontSize: 10 },
          data: ['Plantel', spec.stateName, 'Nacional'],
        },
    xAxis: { type: 'category', data: years, axisLabel: { fontSize: 9 } },
    yAxis: {
      type: 'value',
      scale: !spec.bars,
      axisLabel: { fontSize: 9 },
      splitLine: { lineStyle: { color: '#e3e3e3' } },
    },
    series: spec.bars
      ? [
          {
            name: 'Plantel',
            type: 'bar',
            data: spec.points.map((p) => p.campus),
            itemStyle: { color: CHART_COLORS.campus },
            label: { show: true, position: 'top', fontSize: 8 },
          },
        ]
      : [
          line(
            'Plantel',
            CHART_COLORS.campus,
            spec.points.map((p) => round(p.campus, spec.decimals)),
            2.5,
          ),
          line(
            spec.stateName,
            CHART_COLORS.state,
            spec.points.map((p) => round(p.state, spec.decimals)),
            1.5,
          ),
          line(
            'Nacional',
            CHART_COLORS.national,
            spec.points.map((p) => round(p.national, spec.decimals)),
            1.5,
          ),
        ],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}
