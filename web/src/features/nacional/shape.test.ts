import { describe, expect, it } from 'vitest';
import { geo, row } from '../../test/builders';
import { nationalTrendSpec, stateMapSpec, stateRanking } from './shape';

const labels = {
  title: 'Abandono',
  categoryLabel: 'Entidad',
  valueLabel: 'Abandono (%)',
  regionLabel: 'Entidad',
};

describe('stateMapSpec', () => {
  it('colors by the indicator with its good direction', () => {
    const g = geo(['01', '02']);
    const spec = stateMapSpec([row({ unit_id: '02', abandono: 15 })], g, 'abandono', [], labels);
    expect(spec.regions.map((r) => [r.id, r.value])).toEqual([
      ['02', 15],
      ['01', null],
    ]);
    expect(spec.higherIsBetter).toBe(false);
    expect(stateMapSpec([], g, 'eficiencia_terminal', [], labels).higherIsBetter).toBe(true);
  });
});

describe('nationalTrendSpec', () => {
  it('is one line over the years', () => {
    const spec = nationalTrendSpec(
      [row({ school_year: '2024-2025', mt: 10 }), row({ school_year: '2023-2024', mt: 9 })],
      'mt',
      'México',
      labels,
    );
    expect(spec.categories).toEqual(['2023-2024', '2024-2025']);
    expect(spec.series).toEqual([{ name: 'México', values: [9, 10] }]);
  });
});

describe('stateRanking', () => {
  it('adds the baseline value and the change in points', () => {
    const ranked = stateRanking(
      [row({ unit_id: '01', abandono: 12 }), row({ unit_id: '02', unit_name: 'B', abandono: 14 })],
      [row({ unit_id: '1', school_year: '2017-2018', abandono: 16 })],
      'abandono',
    );
    expect(ranked.map((r) => [r.row.unit_id, r.value, r.base, r.delta])).toEqual([
      ['02', 14, null, null],
      ['01', 12, 16, -4],
    ]);
  });
});
