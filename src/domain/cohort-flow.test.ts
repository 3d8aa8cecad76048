import { describe, expect, it } from 'vitest';
import vectors from '../../assets/reference/test-vectors.json' with { type: 'json' };
import {
  analyzeCohortFlow,
  gradeFlowRates,
  reconstructCohort,
  type GradeFlowInput,
  type GradeFlowRates,
  type Rate,
} from './cohort-flow.js';
import { roundHalfUp } from './indicators.js';

const s05 = vectors.vectors.find((v) => v.id === 'S-05');
if (!s05) throw new Error('vector S-05 missing from assets/reference/test-vectors.json');
const inputs: Readonly<Record<string, unknown>> = s05.inputs;
const expected: Readonly<Record<string, unknown>> = s05.expected;

const num = (x: unknown): number => {
  if (typeof x !== 'number') throw new Error(`S-05: expected a number, got ${JSON.stringify(x)}`);
  return x;
};
const nums = (x: unknown): number[] => {
  if (!Array.isArray(x)) throw new Error(`S-05: expected an array, got ${JSON.stringify(x)}`);
  return x.map(num);
};

const record = (x: unknown): Readonly<Record<string, unknown>> => {
  if (typeof x !== 'object' || x === null)
    throw new Error(`S-05: expected an object, got ${JSON.stringify(x)}`);
  return x as Record<string, unknown>;
};

const input: GradeFlowInput = {
  enrolment: nums(inputs.enrolment_t),
  enrolmentNext: nums(inputs['enrolment_t+1']),
  repeatersNext: nums(inputs['repeaters_t+1']),
  graduates: num(inputs.graduates_t),
};
const cohort = num(inputs.cohort);

const flow = (promotion: number[], repetition: number[], dropout: number[]): GradeFlowRates => ({
  promotion: promotion as Rate[],
  repetition: repetition as Rate[],
  dropout: dropout as Rate[],
});

const round = (decimals: number) => (x: number) => roundHalfUp(x, decimals);

describe('UNESCO UIS reconstructed cohort: vector S-05', () => {
  const r = analyzeCohortFlow(input, { cohort, epsilon: 1e-9, maxYears: 50 });
  if (!r.ok) throw new Error(r.issues.join('; '));
  const c = r.value;

  it('gives the flow rates per grade (4 decimals)', () => {
    expect(c.rates.promotion.map(round(4))).toEqual(nums(expected.promotion));
    expect(c.rates.repetition.map(round(4))).toEqual(nums(expected.repetition));
    expect(c.rates.dropout.map(round(4))).toEqual(nums(expected.dropout));
  });

  it('gives survival to each grade as the share that ever reaches it (2 decimals)', () => {
    expect(c.survivalToGradePct.map(round(2))).toEqual([
      100,
      num(expected.survival_to_grade_2_pct),
      num(expected.survival_to_grade_3_pct),
    ]);
    // Closed form with unlimited repetition: ∏_{j<k} p_j / (1 − r_j).
    const { promotion: p, repetition: q } = c.rates;
    const closed2 = ((p[0] ?? 0) / (1 - (q[0] ?? 0))) * 100;
    const closed3 = closed2 * ((p[1] ?? 0) / (1 - (q[1] ?? 0)));
    expect(c.survivalToGradePct[1]).toBeCloseTo(closed2, 9);
    expect(c.survivalToGradePct[2]).toBeCloseTo(closed3, 9);
  });

  it('gives graduates, dropouts, pupil-years and efficiency', () => {
    expect(roundHalfUp(c.graduates, 2)).toBe(num(expected.cohort_graduates));
    expect(roundHalfUp(c.dropouts, 2)).toBe(num(expected.cohort_dropouts));
    expect(roundHalfUp(c.pupilYears, 2)).toBe(num(expected.pupil_years));
    expect(roundHalfUp(c.coefficientOfEfficiencyPct ?? NaN, 2)).toBe(
      num(expected.coefficient_of_efficiency_pct),
    );
    expect(roundHalfUp(c.yearsPerGraduate ?? NaN, 3)).toBe(num(expected.years_per_graduate));
  });

  it('gives graduates by years in the system', () => {
    const byYears = Object.entries(record(expected.graduates_by_years_in_system));
    expect(byYears.length).toBeGreaterThan(0);
    for (const [years, graduates] of byYears) {
      const row = c.graduatesByYearsInSystem.find((g) => g.years === Number(years));
      expect(roundHalfUp(row?.graduates ?? NaN, 2), `${years} years`).toBe(num(graduates));
    }
    expect(c.graduatesByYearsInSystem[0]?.years).toBe(3);
    const sum = c.graduatesByYearsInSystem.reduce((a, g) => a + g.graduates, 0);
    expect(sum).toBeCloseTo(c.graduates, 9);
  });

  it('accounts for the whole cohort and stops when the remainder is negligible', () => {
    expect(c.graduates + c.dropouts + c.remaining).toBeCloseTo(cohort, 9);
    expect(c.remaining).toBeLessThan(1e-9);
    expect(c.years).toBeLessThan(50);
  });
});

describe('gradeFlowRates', () => {
  it('is generic in the number of grades', () => {
    const r = gradeFlowRates({
      enrolment: [100, 90],
      enrolmentNext: [95, 85],
      repeatersNext: [10, 5],
      graduates: 70,
    });
    if (!r.ok) throw new Error(r.issues.join('; '));
    const expectedRates = { promotion: [0.8, 70 / 90], repetition: [0.1, 5 / 90], dropout: [0.1, 15 / 90] };
    for (const [key, values] of Object.entries(expectedRates)) {
      const actual = r.value[key as keyof typeof expectedRates];
      expect(actual).toHaveLength(2);
      values.forEach((v, g) => expect(actual[g], `${key}[${g}]`).toBeCloseTo(v, 12));
    }
  });

  it('keeps a negative dropout rate (more promoted and repeating than enrolled)', () => {
    const r = gradeFlowRates({ enrolment: [100], enrolmentNext: [30], repeatersNext: [30], graduates: 80 });
    expect(r.ok && r.value.dropout[0]).toBeCloseTo(-0.1, 12);
  });

  it.each<[string, GradeFlowInput, string]>([
    [
      'arrays of different lengths',
      { enrolment: [1, 2], enrolmentNext: [1], repeatersNext: [0, 0], graduates: 1 },
      'los datos por grado deben tener la misma longitud',
    ],
    [
      'zero enrolment in a grade',
      { enrolment: [10, 0], enrolmentNext: [5, 5], repeatersNext: [1, 1], graduates: 1 },
      'la matrícula del grado 2 en el año t es cero',
    ],
    [
      'negative counts',
      { enrolment: [10], enrolmentNext: [5], repeatersNext: [-1], graduates: 1 },
      'los conteos deben ser números no negativos',
    ],
    [
      'no grades',
      { enrolment: [], enrolmentNext: [], repeatersNext: [], graduates: 0 },
      'se necesita al menos un grado',
    ],
  ])('rejects %s', (_label, bad, issue) => {
    const r = gradeFlowRates(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.some((i) => i.startsWith(issue))).toBe(true);
  });
});

describe('reconstructCohort', () => {
  it('without repetition or dropout every pupil graduates in the normal time: efficiency 100', () => {
    const c = reconstructCohort(flow([1, 1, 1], [0, 0, 0], [0, 0, 0]), {
      cohort: 1000,
      epsilon: 1e-9,
      maxYears: 50,
    });
    expect(c.graduates).toBe(1000);
    expect(c.pupilYears).toBe(3000);
    expect(c.coefficientOfEfficiencyPct).toBe(100);
    expect(c.yearsPerGraduate).toBe(3);
    expect(c.graduatesByYearsInSystem).toEqual([{ years: 3, graduates: 1000 }]);
  });

  it('stops at maxYears and reports who remains when everyone repeats', () => {
    const c = reconstructCohort(flow([0], [1], [0]), {
      cohort: 10,
      epsilon: 1e-9,
      maxYears: 5,
    });
    expect(c.years).toBe(5);
    expect(c.remaining).toBe(10);
    expect(c.pupilYears).toBe(50);
    expect(c.graduates).toBe(0);
    expect(c.yearsPerGraduate).toBeNull();
    expect(c.coefficientOfEfficiencyPct).toBe(0);
  });

  it('rejects a cohort that is not positive', () => {
    expect(analyzeCohortFlow(input, { cohort: 0, epsilon: 1e-9, maxYears: 50 })).toEqual({
      ok: false,
      issues: ['la cohorte debe ser un número positivo'],
    });
  });
});
