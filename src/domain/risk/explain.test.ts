import { describe, expect, it } from 'vitest';
import { fitGbt, gbtToData } from '../ml/gbt.js';
import { explainScore, featureReason, fmtAgainst, MAX_REASONS, scoreAndExplain } from './explain.js';
import { FEATURES, featureVector, namedFeatures, type FeatureName, type RawRiskRow } from './features.js';
import { contributions, predictProbability, type SerializedRiskModel } from './model.js';
import { DEFAULT_THRESHOLDS, evaluateRules } from './rules.js';

const row = (over: Partial<RawRiskRow> = {}): RawRiskRow => ({
  studentId: 1,
  campusId: 10,
  sex: 'M',
  birthDate: '2009-03-01',
  entryYear: 2024,
  semester: 3,
  attendancePct: 95,
  gradeAvg: 8.5,
  failedModules: 0,
  scholarshipDelayDays: 0,
  prevAttendancePct: 94,
  prevGradeAvg: 8.4,
  prevFailedModules: 0,
  pendingModules: 0,
  temporaryLeaves: 0,
  ...over,
});

const lag = FEATURES.indexOf('semester_lag');
const grade = FEATURES.indexOf('grade_avg');

/** A logistic model in which lag lowers the risk and a low grade raises it. */
const logistic: SerializedRiskModel = {
  method: 'logistic',
  features: [...FEATURES],
  logistic: {
    coef: FEATURES.map((_, j) => (j === lag ? -0.4 : j === grade ? -0.8 : 0)),
    intercept: -2,
    means: FEATURES.map((_, j) => (j === grade ? 8 : j === lag ? 0.5 : 0)),
  },
  calibration: { kind: 'platt', a: 1, b: 0 },
};

describe('one explanation (issue 12, finding 8)', () => {
  it('never shows more semesters behind than the program has', () => {
    // Entered in 2014, in semester 2 at the end of 2025-2026: expected 24 without a cap.
    const v = namedFeatures(
      featureVector(row({ entryYear: 2014, semester: 2 }), { year: 2025, term: 2 }, 10),
    );
    expect(v.semester_lag).toBe(4);
    const r = evaluateRules(v, DEFAULT_THRESHOLDS);
    expect(r.reasons.find((x) => x.code === 'lag')?.es).toBe(
      '4 semestres de rezago respecto a su generación',
    );
  });

  it('rounds a value against its threshold so the comparison in the text stays true', () => {
    expect(fmtAgainst(6.46, 6.5)).toBe('6.46');
    expect(fmtAgainst(6.44, 6.5)).toBe('6.4');
    expect(fmtAgainst(74.96, 75)).toBe('74.96');
    const x = featureVector(row({ gradeAvg: 6.46, attendancePct: 74.96 }), { year: 2025, term: 1 }, 10);
    const texts = evaluateRules(namedFeatures(x), DEFAULT_THRESHOLDS).reasons.map((r) => r.es);
    expect(texts).toContain('Promedio de 6.46 (menor que 6.5)');
    expect(texts).toContain('Asistencia de 74.96 % (menor que 75 %)');
  });

  it('explains a score with the features that raise it, never with one that lowers it', () => {
    // Three semesters behind (the rules flag it) and a grade of 6.
    const x = featureVector(
      row({ entryYear: 2022, semester: 3, gradeAvg: 6, prevGradeAvg: 6 }),
      { year: 2025, term: 1 },
      10,
    );
    const rule = evaluateRules(namedFeatures(x), DEFAULT_THRESHOLDS);
    expect(rule.reasons.map((r) => r.code)).toContain('lag');
    const reasons = explainScore(logistic, x, rule);
    expect(reasons.map((r) => r.code)).toEqual(['grade_avg']);
    expect(reasons[0]).toMatchObject({ es: 'Promedio de 6', en: 'Grade average 6' });
    // Before a model exists the rules' reasons are the explanation.
    expect(explainScore(null, x, rule).map((r) => r.code)).toEqual(rule.reasons.map((r) => r.code));
  });

  it('gives the trees’ largest positive contributions, in the order contributions() ranks them', () => {
    const X: Float64Array[] = [];
    const y: number[] = [];
    for (let i = 0; i < 600; i++) {
      const r = row({
        attendancePct: 60 + (i % 40),
        failedModules: i % 5,
        gradeAvg: 5 + (i % 50) / 10,
        temporaryLeaves: i % 7 === 0 ? 1 : 0,
      });
      X.push(featureVector(r, { year: 2024, term: 1 }, 10));
      y.push((i % 40 < 10 && i % 5 > 2) || i % 7 === 0 ? 1 : 0);
    }
    const gbt = gbtToData(fitGbt(X, Uint8Array.from(y), { rounds: 20, maxLeaves: 4, minSamplesLeaf: 10 }));
    const m: SerializedRiskModel = { ...logistic, method: 'gbt', gbt };
    let explained = 0;
    for (const x of X.slice(0, 80)) {
      const rule = evaluateRules(namedFeatures(x), DEFAULT_THRESHOLDS);
      const got = explainScore(m, x, rule);
      // One walk gives the probability scoring gives and the contributions the panel shows.
      expect(scoreAndExplain(m, x, rule).probability).toBe(predictProbability(m, x));
      const expected = contributions(m, x)
        .filter((c) => c.logOdds >= 0.02 && c.feature !== 'end_of_year')
        .slice(0, MAX_REASONS)
        .map((c) => c.feature);
      expect(got.map((r) => r.code)).toEqual(expected);
      for (const r of got) expect(r.logOdds).toBeGreaterThan(0);
      explained += got.length;
    }
    expect(explained).toBeGreaterThan(20);
  });

  it('writes every feature in both languages', () => {
    for (const f of FEATURES as readonly FeatureName[])
      for (const v of [0, 1, 2.5]) {
        const t = featureReason(f, v);
        expect(t.es.length).toBeGreaterThan(3);
        expect(t.en.length).toBeGreaterThan(3);
      }
    expect(featureReason('attendance_trend', -5.25).es).toBe(
      'La asistencia bajó 5.3 puntos respecto al periodo anterior',
    );
  });
});
