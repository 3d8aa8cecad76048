import { describe, expect, it } from 'vitest';
import { dimensionCells, dimensionLegend, dimensionLegendEn } from './group-sheet.js';
import { FEATURES, type FeatureName } from './risk/features.js';
import { DEFAULT_THRESHOLDS, evaluateRules } from './risk/rules.js';

const features = (over: Partial<Record<FeatureName, number>>): Record<FeatureName, number> => ({
  ...(Object.fromEntries(FEATURES.map((f) => [f, 0])) as Record<FeatureName, number>),
  attendance_pct: 95,
  grade_avg: 8.5,
  ...over,
});

describe('group sheet semáforos', () => {
  it('colours each dimension with the level of the rule that fired on it, verde otherwise', () => {
    const table: [Partial<Record<FeatureName, number>>, Record<string, string>][] = [
      [{}, { attendance: 'verde', grades: 'verde', failed: 'verde', scholarship: 'verde' }],
      [{ attendance_pct: 80 }, { attendance: 'amarillo', grades: 'verde' }],
      [
        { attendance_pct: 60, grade_avg: 6 },
        { attendance: 'rojo', grades: 'rojo' },
      ],
      [{ grade_avg: 6.8 }, { grades: 'amarillo' }],
      [{ grade_trend: -1.5 }, { grades: 'amarillo' }],
      [{ failed_modules: 2 }, { failed: 'amarillo' }],
      [{ failed_modules: 1, pending_modules: 3 }, { failed: 'rojo' }],
      [{ scholarship_delay_months: 2.5 }, { scholarship: 'amarillo', failed: 'verde' }],
      [{ scholarship_delay_months: 1 }, { scholarship: 'verde' }],
    ];
    for (const [over, want] of table) {
      const f = features(over);
      const cells = dimensionCells(f, evaluateRules(f, DEFAULT_THRESHOLDS).reasons);
      const got = Object.fromEntries(Object.entries(cells).map(([k, c]) => [k, c.flag]));
      expect(got, JSON.stringify(over)).toMatchObject(want);
    }
  });

  it('shows what the student has on each dimension', () => {
    const f = features({ attendance_pct: 82.46, grade_avg: 6.44, failed_modules: 2, pending_modules: 1 });
    const cells = dimensionCells({ ...f, scholarship_delay_months: 1.5 }, []);
    expect(cells.attendance.value).toBe('82.5 %');
    expect(cells.grades.value).toBe('6.4');
    expect(cells.failed.value).toBe('2 + 1 pend.');
    expect(cells.scholarship.value).toBe('45 días de retraso');
    expect(dimensionCells(features({}), []).scholarship.value).toBe('al corriente');
    expect(cells.failed.valueEn).toBe('2 + 1 pending');
    expect(cells.scholarship.valueEn).toBe('45 days late');
    expect(dimensionCells(features({}), []).scholarship.valueEn).toBe('up to date');
  });

  it('writes the legend from the thresholds in force', () => {
    const legend = dimensionLegend({ ...DEFAULT_THRESHOLDS, attendanceRojo: 70 });
    expect(legend.attendance).toBe('amarillo si es menor que 85 %, rojo si es menor que 70 %');
    expect(legend.scholarship).toContain('60 días');
    const en = dimensionLegendEn({ ...DEFAULT_THRESHOLDS, attendanceRojo: 70 });
    expect(en.attendance).toBe('amber below 85 %, red below 70 %');
    expect(en.scholarship).toContain('60 days');
  });
});
