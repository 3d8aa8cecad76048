import { describe, expect, it } from 'vitest';
import { abandono, eficienciaTerminal, type Percent } from './indicators.js';
import {
  ADDITIONAL_GRADUATES_FORMULA,
  STUDENTS_KEPT_FORMULA,
  additionalGraduates,
  studentsKept,
} from './impact.js';

const pct = (x: number) => x as Percent;

describe('studentsKept', () => {
  it('applies the fall in dropout, in points, to the enrollment of year n', () => {
    const r = studentsKept({ abandonoBase: pct(16), abandonoN: pct(12), mtN: 200_000 });
    expect(r.value).toBeCloseTo(8_000, 9);
    expect(r.inputs).toEqual({ abandonoBase: 16, abandonoN: 12, mtN: 200_000 });
    expect(r.formula).toBe(STUDENTS_KEPT_FORMULA);
    expect(r.formula).toBe('studentsKept = (AE_base − AE_n) / 100 × MT_n');
  });

  it('is negative when dropout rose', () => {
    expect(studentsKept({ abandonoBase: pct(10), abandonoN: pct(12.5), mtN: 1000 }).value).toBeCloseTo(
      -25,
      9,
    );
  });

  it('takes rates computed from counts at full precision', () => {
    // AE_base = 11 % (vector S-01); AE_n = [1 − (1000 − 400 + 350) / 1000] × 100 = 5 %.
    const base = abandono(1000, 300, 1010, 420);
    const now = abandono(1000, 350, 1000, 400);
    expect(studentsKept({ abandonoBase: base, abandonoN: now, mtN: 1000 }).value).toBeCloseTo(60, 9);
  });

  it.each([
    ['the baseline rate', { abandonoBase: null, abandonoN: pct(12), mtN: 1000 }],
    ['the rate of year n', { abandonoBase: pct(16), abandonoN: null, mtN: 1000 }],
    ['the enrollment', { abandonoBase: pct(16), abandonoN: pct(12), mtN: null }],
  ])('is null without %s, and keeps the inputs and the definition', (_label, inputs) => {
    const r = studentsKept(inputs);
    expect(r.value).toBeNull();
    expect(r.inputs).toBe(inputs);
    expect(r.definition.es).toMatch(/^Estudiantes que permanecieron/);
    expect(r.definition.en).toMatch(/^Students kept/);
  });
});

describe('additionalGraduates', () => {
  it('applies the rise in ET, in points, to the entrants of the generation ending in n', () => {
    const r = additionalGraduates({
      eficienciaTerminalBase: pct(50),
      eficienciaTerminalN: pct(62.5),
      ni1TwoBefore: 136_000,
    });
    expect(r.value).toBeCloseTo(17_000, 9);
    expect(r.formula).toBe(ADDITIONAL_GRADUATES_FORMULA);
    expect(r.formula).toBe('additionalGraduates = (ET_n − ET_base) / 100 × NI1_{n−2}');
    expect(r.definition.es).toMatch(/^Egresados adicionales/);
    expect(r.definition.en).toMatch(/^Additional graduates/);
  });

  it('equals the graduates of year n minus those the baseline ET would give', () => {
    const ni1 = 1200;
    const egN = 780;
    const r = additionalGraduates({
      eficienciaTerminalBase: pct(55),
      eficienciaTerminalN: eficienciaTerminal(egN, ni1),
      ni1TwoBefore: ni1,
    });
    expect(r.value).toBeCloseTo(egN - 0.55 * ni1, 9);
  });

  it('is negative when ET fell', () => {
    const r = additionalGraduates({
      eficienciaTerminalBase: pct(60),
      eficienciaTerminalN: pct(58),
      ni1TwoBefore: 500,
    });
    expect(r.value).toBeCloseTo(-10, 9);
  });

  it.each([
    ['the baseline ET', { eficienciaTerminalBase: null, eficienciaTerminalN: pct(60), ni1TwoBefore: 500 }],
    ['the ET of year n', { eficienciaTerminalBase: pct(60), eficienciaTerminalN: null, ni1TwoBefore: 500 }],
    ['NI1 of n−2', { eficienciaTerminalBase: pct(60), eficienciaTerminalN: pct(62), ni1TwoBefore: null }],
  ])('is null without %s', (_label, inputs) => {
    const r = additionalGraduates(inputs);
    expect(r.value).toBeNull();
    expect(r.inputs).toEqual(inputs);
  });
});
