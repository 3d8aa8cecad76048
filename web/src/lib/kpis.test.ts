import { describe, expect, it } from 'vitest';
import type { Summary } from '../api/models';
import { summaryKpis } from './kpis';

// Cards beyond the three the server sends (reprobacion, an unknown key) show how the grid treats them.
const summary = {
  level: 'national',
  unitId: 'MX',
  unitName: 'Nacional',
  latestYear: '2025-2026',
  latestComplete: '2024-2025',
  baseline: '2017-2018',
  headline: [
    { key: 'eficiencia_terminal', year: '2024-2025', value: 62.57, baseYear: '2017-2018', base: 50.18 },
    { key: 'mt', year: '2025-2026', value: 324335, baseYear: '2018-2019', base: 307859 },
    { key: 'abandono', year: '2024-2025', value: 12.9, baseYear: '2017-2018', base: 16.3 },
    { key: 'reprobacion', year: '2024-2025', value: 20, baseYear: '2017-2018', base: 21 },
    { key: 'unknown_thing', year: '2024-2025', value: 1, baseYear: '2017-2018', base: 1 },
  ],
  campuses: 313,
  programs: 67,
  teachers: 14840,
  years: [],
} as unknown as Summary;

describe('summaryKpis', () => {
  it('orders matrícula, abandono, ET, other indicators, then planteles, carreras, docentes', () => {
    expect(summaryKpis(summary).map((k) => k.id)).toEqual([
      'mt',
      'abandono',
      'eficiencia_terminal',
      'reprobacion',
      'planteles',
      'carreras',
      'docentes',
    ]);
  });

  it('keeps values, years and baselines as sent', () => {
    const [mt] = summaryKpis(summary);
    expect(mt).toEqual({
      id: 'mt',
      label: 'ind.mt',
      indicator: 'mt',
      value: 324335,
      year: '2025-2026',
      base: 307859,
      baseYear: '2018-2019',
    });
    expect(summaryKpis(summary).at(-1)).toEqual({
      id: 'docentes',
      label: 'ind.docentes',
      indicator: null,
      value: 14840,
    });
  });
});
