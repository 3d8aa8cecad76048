import { describe, expect, it } from 'vitest';
import type { CohortReport } from '../../api/models';
import {
  comparisonGenerations,
  defaultGeneration,
  etComparisonSpec,
  generationsOf,
  survivalSpec,
} from './shape';

const years = {
  years: ['2013-2014', '2014-2015', '2015-2016', '2016-2017', '2024-2025', '2025-2026'],
  latestComplete: '2024-2025',
  baseline: '2017-2018',
};

function report(
  generation: string,
  survival: (number | null)[],
  apparent: number | null,
  etc: number | null,
): CohortReport {
  return {
    generation,
    entryYear: Number(generation.slice(0, 4)),
    entrySchoolYear: '',
    graduationYear: '',
    cutoffYear: '',
    unit: { level: 'national', id: 'MX', name: 'Nacional' },
    entrants: 100,
    semesters: survival.map((s, k) => ({
      semester: k + 1,
      enrolled: 0,
      survival_pct: s,
      enrolled_by_cutoff: 0,
      survival_by_cutoff_pct: s,
    })),
    trueCohort: {
      eficienciaTerminalCohorte: etc,
      graduatedOnTime: 0,
      graduatedByCutoff: 0,
      graduationByCutoff: null,
    },
    apparent: { schoolYear: '', eficienciaTerminal: apparent, eg: null, ni1TwoBefore: null },
    differencePoints: null,
    explanation: { es: '', en: '' },
  };
}

describe('generationsOf', () => {
  it('lists generations whose normal end is in the data, newest first', () => {
    expect(generationsOf(years)).toEqual(['2014-2017', '2013-2016']);
  });

  it('picks the generation graduating in the latest complete year when it exists', () => {
    const full = { ...years, years: Array.from({ length: 13 }, (_, i) => `${2013 + i}-${2014 + i}`) };
    expect(defaultGeneration(full)).toBe('2022-2025');
    expect(defaultGeneration(years)).toBe('2014-2017');
    expect(defaultGeneration({ ...years, years: [] })).toBeNull();
  });

  it('takes the selected generation and earlier ones, oldest first', () => {
    const all = ['2022-2025', '2021-2024', '2020-2023', '2019-2022'];
    expect(comparisonGenerations('2021-2024', all, 2)).toEqual(['2019-2022', '2020-2023', '2021-2024']);
    expect(comparisonGenerations('1999-2002', all, 2)).toEqual(['1999-2002']);
  });
});

describe('survival and ET specs', () => {
  const reports = [
    report('2021-2024', [100, 90, 80], 60.5, 55.25),
    report('2022-2025', [100, 92, 85, 80, 76, 70], null, 58),
  ];

  it('gives one survival line per generation over six semesters', () => {
    const spec = survivalSpec(reports, {
      title: 'S',
      categoryLabel: 'Semestre',
      valueLabel: '%',
      semester: (n) => `Sem. ${n}`,
    });
    expect(spec.categories).toEqual(['Sem. 1', 'Sem. 2', 'Sem. 3', 'Sem. 4', 'Sem. 5', 'Sem. 6']);
    expect(spec.series[0]).toEqual({ name: '2021-2024', values: [100, 90, 80, null, null, null] });
  });

  it('puts apparent and true-cohort ET side by side, with 2 decimals', () => {
    const spec = etComparisonSpec(reports, {
      title: 'ET',
      categoryLabel: 'Generación',
      valueLabel: '%',
      apparent: 'Aparente',
      trueCohort: 'Cohorte',
    });
    expect(spec.format).toEqual({ kind: 'percent', decimals: 2 });
    expect(spec.series).toEqual([
      { name: 'Aparente', values: [60.5, null] },
      { name: 'Cohorte', values: [55.25, 58] },
    ]);
  });
});
