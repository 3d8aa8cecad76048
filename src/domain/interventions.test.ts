import { describe, expect, it } from 'vitest';
import {
  daysBetween,
  isEscalated,
  kindLabel,
  rankQueue,
  settingsIssues,
  type QueueCandidate,
} from './interventions.js';
import { applyScenario, impliedAbandono, projectGeneration, scenarioIssues } from './whatif.js';
import type { GradeFlowRates, Rate } from './cohort-flow.js';

const c = (
  studentId: number,
  flag: QueueCandidate['flag'],
  probability: number | null,
  last: string | null,
) => ({
  studentId,
  flag,
  probability,
  lastActionDate: last,
});

describe('work queue ranking and escalation', () => {
  it('puts red before yellow, then higher probability, then longest without action; drops green', () => {
    const ranked = rankQueue(
      [
        c(1, 'amarillo', 0.9, null),
        c(2, 'rojo', 0.4, '2026-11-01'),
        c(3, 'rojo', 0.4, null),
        c(4, 'verde', 0.99, null),
        c(5, 'rojo', 0.7, '2026-11-27'),
      ],
      10,
      '2026-11-28',
    );
    expect(ranked.map((x) => x.studentId)).toEqual([5, 3, 2, 1]);
    expect(rankQueue(ranked, 2, '2026-11-28').map((x) => x.studentId)).toEqual([5, 3]);
  });

  it('escalates red cases without action for N days or never acted on', () => {
    expect(daysBetween('2026-11-14', '2026-11-28')).toBe(14);
    expect(isEscalated(c(1, 'rojo', null, '2026-11-14'), 14, '2026-11-28')).toBe(true);
    expect(isEscalated(c(1, 'rojo', null, '2026-11-15'), 14, '2026-11-28')).toBe(false);
    expect(isEscalated(c(1, 'rojo', null, null), 14, '2026-11-28')).toBe(true);
    expect(isEscalated(c(1, 'amarillo', null, null), 14, '2026-11-28')).toBe(false);
  });

  it('maps the generator kinds onto the catalog and validates settings', () => {
    expect(kindLabel('leveling').es).toBe('Curso de nivelación');
    expect(kindLabel('tutoring').en).toBe('Tutoring');
    expect(settingsIssues({ escalateAfterDays: 0, tutorCapacity: 40 })).toHaveLength(1);
    expect(settingsIssues({ campusCapacity: 1.5 })[0]).toContain('plantel');
  });
});

describe('what-if scenario', () => {
  const rates: GradeFlowRates = {
    promotion: [0.7, 0.8, 0.75] as Rate[],
    repetition: [0.1, 0.05, 0.1] as Rate[],
    dropout: [0.2, 0.15, 0.15] as Rate[],
  };

  it('moves part of a semester dropout to promotion and repetition, in their proportions', () => {
    const s = applyScenario(rates, [0.6, 0.5, 0.5], [{ semester: 1, change: -0.2 }]);
    // First-semester part of grade 1: 0.6 × 0.2 = 0.12; 20 % of it = 0.024 kept.
    expect(s.dropout[0]).toBeCloseTo(0.176, 10);
    expect(s.promotion[0]).toBeCloseTo(0.7 + 0.024 * (0.7 / 0.8), 10);
    expect(s.repetition[0]).toBeCloseTo(0.1 + 0.024 * (0.1 / 0.8), 10);
    expect(s.dropout[1]).toBe(0.15);
    const sum = (s.promotion[0] ?? 0) + (s.repetition[0] ?? 0) + (s.dropout[0] ?? 0);
    expect(sum).toBeCloseTo(1, 12);
  });

  it('raises ET and lowers dropout when dropout falls; abandono follows', () => {
    const base = projectGeneration(rates, 1000);
    const better = projectGeneration(
      applyScenario(rates, [0.6, 0.5, 0.5], [{ semester: 1, change: -0.5 }]),
      1000,
    );
    expect(base.eficienciaTerminal).toBeCloseTo((70 * 0.8 * 0.75) / 1, 6);
    expect(better.eficienciaTerminal).toBeGreaterThan(base.eficienciaTerminal);
    expect(better.dropoutPct).toBeLessThan(base.dropoutPct);
    expect(impliedAbandono(rates, [100, 100, 100])).toBeCloseTo((20 + 15 + 15) / 3, 10);
    expect(scenarioIssues([{ semester: 7, change: 0 }], 3)).toHaveLength(1);
  });
});
