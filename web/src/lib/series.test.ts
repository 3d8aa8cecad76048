import { describe, expect, it } from 'vitest';
import { geo, row } from '../test/builders';
import { statesGeo, stateGeo } from './geo';
import { barsByUnit, lineByYear, ranking, stateRegions, totals } from './series';

const labels = { title: 'T', categoryLabel: 'Ciclo', valueLabel: 'Abandono (%)' };

describe('lineByYear', () => {
  it('aligns units on the union of years, null where a unit has no row', () => {
    const spec = lineByYear(
      [
        {
          name: 'México',
          rows: [
            row({ school_year: '2023-2024', abandono: 13 }),
            row({ school_year: '2024-2025', abandono: 12 }),
          ],
        },
        { name: 'Aguascalientes', rows: [row({ school_year: '2024-2025', abandono: 9 })], dashed: true },
      ],
      'abandono',
      labels,
    );
    expect(spec.categories).toEqual(['2023-2024', '2024-2025']);
    expect(spec.series).toEqual([
      { name: 'México', values: [13, 12] },
      { name: 'Aguascalientes', values: [null, 9], dashed: true },
    ]);
    expect(spec.format).toEqual({ kind: 'percent', decimals: 1 });
  });

  it('keeps the null of a rate that cannot be computed and ignores per-sex rows', () => {
    const spec = lineByYear(
      [{ name: 'MX', rows: [row({ abandono: null }), row({ sex: 'H', abandono: 50 })] }],
      'abandono',
      labels,
    );
    expect(spec.series[0]?.values).toEqual([null]);
  });

  it('formats ET with 2 decimals and counts as counts', () => {
    expect(lineByYear([], 'eficiencia_terminal', labels).format).toEqual({ kind: 'percent', decimals: 2 });
    expect(lineByYear([], 'mt', labels).format).toEqual({ kind: 'count' });
  });
});

describe('ranking', () => {
  it('sorts descending with nulls last and shares ranks on ties', () => {
    const ranked = ranking(
      [
        row({ unit_id: '01', unit_name: 'A', abandono: 10 }),
        row({ unit_id: '02', unit_name: 'B', abandono: null }),
        row({ unit_id: '03', unit_name: 'C', abandono: 20 }),
        row({ unit_id: '04', unit_name: 'D', abandono: 10 }),
        row({ unit_id: '05', unit_name: 'E', abandono: -0.8 }),
      ],
      'abandono',
    );
    expect(ranked.map((r) => [r.rank, r.row.unit_id])).toEqual([
      [1, '03'],
      [2, '01'],
      [2, '04'],
      [4, '05'],
      [5, '02'],
    ]);
  });
});

describe('barsByUnit', () => {
  it('gives horizontal bars highest first with ids and a highlight', () => {
    const spec = barsByUnit(
      [row({ unit_id: 'X1', unit_name: 'Uno', mt: 5 }), row({ unit_id: 'X2', unit_name: 'Dos', mt: 9 })],
      'mt',
      { ...labels, seriesName: 'Matrícula' },
      'X1',
    );
    expect(spec.categories).toEqual(['Dos', 'Uno']);
    expect(spec.categoryIds).toEqual(['X2', 'X1']);
    expect(spec.series[0]?.values).toEqual([9, 5]);
    expect(spec.highlightId).toBe('X1');
    expect(spec.horizontal).toBe(true);
  });
});

describe('stateRegions and geo', () => {
  const g = geo(['01', '02', null]);

  it('gives one region per state feature, by name, skipping features without a code', () => {
    const regions = stateRegions([row({ unit_id: '01', abandono: 11 })], g, 'abandono', [
      { code: '01', name: 'Aguascalientes', shortName: 'Ags.', hasc: 'MX.AG' },
    ]);
    expect(regions).toEqual([
      { id: '01', name: 'Aguascalientes', value: 11 },
      { id: '02', name: 'Estado 02', value: null },
    ]);
  });

  it('matches unpadded state ids', () => {
    expect(
      stateRegions([row({ unit_id: '2', abandono: 7 })], g, 'abandono').find((r) => r.id === '02')?.value,
    ).toBe(7);
  });

  it('filters the geometry', () => {
    expect(statesGeo(g).features).toHaveLength(2);
    expect(stateGeo(g, '2').features.map((f) => f.properties.cve_ent)).toEqual(['02']);
  });

  it('totals drops per-sex rows', () => {
    expect(totals([row(), row({ sex: 'M' })])).toHaveLength(1);
  });
});
