import { describe, expect, it } from 'vitest';
import { INTERVENTIONS } from './parameters.js';
import { assignmentProbability, DEFAULT_SCENARIO, parseScenario, resolveScenario } from './scenario.js';

describe('scenario files', () => {
  it('fills every key left out with the demo values', () => {
    const s = resolveScenario(parseScenario('{"effects": {"tutoring": -0.8}}', 'e.json'));
    expect(s.effects.tutoring).toBe(-0.8);
    expect(s.effects.leveling).toBe(INTERVENTIONS.kinds.leveling.effect);
    expect(s.assignment).toEqual(DEFAULT_SCENARIO.assignment);
    expect(s.unobservedConfounding).toBe(0);
  });

  it('keeps the demo assignment probabilities exactly under the default scenario', () => {
    expect(assignmentProbability(DEFAULT_SCENARIO, 'tutoring', 80, 8, 0, 0)).toBe(0.34);
    expect(assignmentProbability(DEFAULT_SCENARIO, 'tutoring', 95, 8, 1, 0)).toBe(0.04);
    const bent = resolveScenario({ assignment: { nonlinear: 1, attendanceBelow: 70 } });
    expect(assignmentProbability(bent, 'tutoring', 60, 8, 0, 0)).toBeGreaterThan(0.9);
  });

  it('names the file, line, field and value of a bad entry', () => {
    const text = '{\n  "assignment": {\n    "gradeBelow": "siete"\n  }\n}';
    expect(() => parseScenario(text, 'esc.json')).toThrow(
      'esc.json, línea 3: el campo assignment.gradeBelow debe ser un número entre 0 y 10, no "siete"',
    );
    expect(() => parseScenario('{\n "efectos": {}\n}', 'esc.json')).toThrow(
      /esc.json, línea 2: campo desconocido efectos/,
    );
    expect(() => parseScenario('{"effects": ', 'esc.json')).toThrow(
      /esc.json, línea 1: el escenario no es JSON/,
    );
  });
});
