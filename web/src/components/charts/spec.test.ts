import { describe, expect, it } from 'vitest';
import { geo } from '../../test/builders';
import { chartHeight, chartOption, clickedId } from './options';
import {
  byValueDesc,
  csvValue,
  formatterFor,
  isEmpty,
  specCsv,
  specTable,
  type BarSpec,
  type MapSpec,
  type ScatterSpec,
} from './spec';

const bar: BarSpec = {
  kind: 'bar',
  title: 'Abandono por plantel',
  categoryLabel: 'Plantel',
  valueLabel: 'Abandono (%)',
  format: { kind: 'percent', decimals: 1 },
  horizontal: true,
  categories: ['Toluca', 'Atlacomulco'],
  categoryIds: ['15A', '15B'],
  series: [{ name: 'Abandono', values: [12.345, null] }],
  highlightId: '15B',
};

const map: MapSpec = {
  kind: 'map',
  title: 'Mapa',
  valueLabel: 'ET (%)',
  regionLabel: 'Entidad',
  mapName: 'mx',
  geo: geo(['01']),
  format: { kind: 'percent', decimals: 2 },
  higherIsBetter: true,
  regions: [{ id: '01', name: 'Aguascalientes', value: 62.565 }],
};

const scatter: ScatterSpec = {
  kind: 'scatter',
  title: 'Planteles',
  valueLabel: 'V',
  pointLabel: 'Plantel',
  mapName: 'mx-state-15',
  geo: geo(['15']),
  format: { kind: 'count' },
  higherIsBetter: true,
  points: [
    { id: 'A', name: 'Uno', lat: 19, lon: -99, value: 10, highlight: true },
    { id: 'B', name: 'Dos', lat: 19.5, lon: -99.5, value: null },
  ],
};

describe('specTable and specCsv', () => {
  const fmt = formatterFor(bar.format, 'es');

  it('gives the table a chart shows, formatted', () => {
    expect(specTable(bar, fmt)).toEqual({
      headers: ['Plantel', 'Abandono'],
      rows: [
        { key: '15A', cells: ['Toluca', '12.3 %'] },
        { key: '15B', cells: ['Atlacomulco', '—'] },
      ],
    });
    expect(specTable(map, formatterFor(map.format, 'en')).rows).toEqual([
      { key: '01', cells: ['Aguascalientes', '62.57%'] },
    ]);
  });

  it('gives the CSV rounded for display but machine-readable', () => {
    expect(specCsv(bar)).toEqual({
      header: ['Plantel', 'Abandono'],
      rows: [
        ['Toluca', 12.3],
        ['Atlacomulco', null],
      ],
    });
    expect(specCsv(scatter).rows[0]).toEqual(['A', 'Uno', 10, 19, -99]);
    expect(csvValue({ kind: 'percent', decimals: 2 }, 62.565)).toBe(62.57);
  });

  it('knows an empty chart', () => {
    expect(isEmpty({ ...bar, series: [{ name: 'x', values: [null, null] }] })).toBe(true);
    expect(isEmpty(bar)).toBe(false);
    expect(isEmpty({ ...scatter, points: [] })).toBe(true);
  });

  it('sorts by value descending, nulls last, then by name', () => {
    const xs = [
      { n: 'b', v: null },
      { n: 'a', v: 1 },
      { n: 'c', v: 5 },
      { n: 'a2', v: null },
    ];
    expect(
      byValueDesc(
        xs,
        (x) => x.v,
        (x) => x.n,
      ).map((x) => x.n),
    ).toEqual(['c', 'a', 'a2', 'b']);
  });
});

describe('chartOption', () => {
  const fmt = formatterFor({ kind: 'percent', decimals: 1 }, 'es');

  it('draws the highlighted bar in the highlight color', () => {
    const option = chartOption(bar, fmt) as { series: { data: { itemStyle: { color: string } }[] }[] };
    const colors = option.series[0]?.data.map((d) => d.itemStyle.color);
    expect(colors?.[1]).toBe('#f2c744');
    expect(colors?.[0]).not.toBe('#f2c744');
  });

  it('joins map data on the state code property', () => {
    const option = chartOption(map, fmt) as { series: { nameProperty: string; data: unknown[] }[] };
    expect(option.series[0]?.nameProperty).toBe('cve_ent');
    expect(option.series[0]?.data).toEqual([{ name: '01', value: 62.565 }]);
  });

  it('splits campus markers into valued, without data and highlighted', () => {
    const option = chartOption(scatter, fmt) as { series: { data: unknown[] }[] };
    expect(option.series.map((s) => s.data.length)).toEqual([1, 1, 1]);
  });

  it('maps clicks to ids', () => {
    expect(clickedId(map, { name: '01' })).toBe('01');
    expect(clickedId(bar, { dataIndex: 1 })).toBe('15B');
    expect(clickedId(scatter, { data: { id: 'A' } })).toBe('A');
    expect(clickedId(bar, { dataIndex: 7 })).toBeNull();
  });

  it('grows horizontal bars with their number', () => {
    expect(chartHeight({ ...bar, categories: Array.from({ length: 30 }, (_, i) => `c${i}`) })).toBe(
      30 * 24 + 48,
    );
    expect(chartHeight(map)).toBe(420);
  });
});
