import { describe, expect, it } from 'vitest';
import type { ImpactReport } from '../../api/models';
import { additionalInputs, baselineOptions, impactByYearSpec, keptInputs, readableFormula } from './shape';

const def = { es: 'd', en: 'd' };
const report: ImpactReport = {
  unit: { level: 'national', id: 'MX', name: 'Nacional' },
  baseline: '2017-2018',
  year: '2019-2020',
  entryYearOfGraduates: '2017-2018',
  yearly: {
    year: '2019-2020',
    studentsKept: {
      value: 8100.5,
      inputs: { abandonoBase: 16.3, abandonoN: 13.8, mtN: 324000 },
      formula: 'f',
      definition: def,
    },
    additionalGraduates: {
      value: 17000,
      inputs: { eficienciaTerminalBase: 50.18, eficienciaTerminalN: 62.57, ni1TwoBefore: 137000 },
      formula: 'g',
      definition: def,
    },
  },
  cumulative: {
    from: '2018-2019',
    to: '2019-2020',
    studentsKept: {
      value: 12000,
      formula: 'F',
      definition: def,
      byYear: [
        { year: '2019-2020', value: 8100.5 },
        { year: '2018-2019', value: 3899.5 },
      ],
      missingYears: [],
    },
    additionalGraduates: {
      value: null,
      formula: 'G',
      definition: def,
      byYear: [
        { year: '2018-2019', value: null },
        { year: '2019-2020', value: 17000 },
      ],
      missingYears: ['2018-2019'],
    },
  },
};

describe('impact shaping', () => {
  it('lists the inputs of each counterfactual with their display precision', () => {
    expect(keptInputs(report).map((i) => [i.label, i.value, i.decimals])).toEqual([
      ['impact.abandonoBase', 16.3, 1],
      ['impact.abandonoN', 13.8, 1],
      ['impact.mtN', 324000, 0],
    ]);
    expect(additionalInputs(report)[2]).toEqual({
      label: 'impact.ni1TwoBefore',
      value: 137000,
      kind: 'count',
      decimals: 0,
      year: '2017-2018',
    });
  });

  it('charts both counterfactuals by year, in year order, null where missing', () => {
    const spec = impactByYearSpec(report, {
      title: 'T',
      categoryLabel: 'Ciclo',
      valueLabel: 'Estudiantes',
      kept: 'Permanecieron',
      additional: 'Adicionales',
    });
    expect(spec.categories).toEqual(['2018-2019', '2019-2020']);
    expect(spec.series).toEqual([
      { name: 'Permanecieron', values: [3899.5, 8100.5] },
      { name: 'Adicionales', values: [null, 17000] },
    ]);
  });

  it('offers the years before n as baselines', () => {
    expect(baselineOptions(['2016-2017', '2017-2018', '2018-2019'], '2018-2019')).toEqual([
      '2016-2017',
      '2017-2018',
    ]);
  });
});

describe('readableFormula', () => {
  it('names the results in the reader’s language instead of code names', () => {
    const f = 'studentsKept = (AE_base − AE_n) / 100 × MT_n';
    expect(readableFormula(f, 'en')).toBe('Students kept = (AE_base − AE_n) / 100 × MT_n');
    expect(readableFormula(f, 'es')).toBe('Estudiantes que permanecieron = (AE_base − AE_n) / 100 × MT_n');
    expect(readableFormula('additionalGraduatesCumulative = Σ_{y} x', 'en')).toBe(
      'Additional graduates (cumulative) = Σ_{y} x',
    );
  });
});
