import { describe, expect, it } from 'vitest';
import { modelCard } from './card.js';
import { campusTargeting, capacities, confusion, fairness, sizeClasses, topKPerGroup } from './evaluation.js';
import {
  FEATURES,
  ageAtEntry,
  cutoffFromIndex,
  cutoffIndex,
  featureVector,
  namedFeatures,
  parseCutoff,
  type RawRiskRow,
} from './features.js';
import { fitGbt, gbtToData } from '../ml/gbt.js';
import { calibrate, contributions, predictProbability, rawScore, type SerializedRiskModel } from './model.js';
import { DEFAULT_THRESHOLDS, evaluateRules, validateThresholds } from './rules.js';

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

describe('risk features', () => {
  it('parses cut-offs and orders them two per school year', () => {
    expect(parseCutoff('2025-2026/1')).toEqual({ year: 2025, term: 1 });
    expect(parseCutoff('2025-2026')).toEqual({ year: 2025, term: 2 });
    expect(parseCutoff('2025-2027/1')).toBeNull();
    expect(parseCutoff('x')).toBeNull();
    const c = { year: 2024, term: 2 } as const;
    expect(cutoffFromIndex(cutoffIndex(c))).toEqual(c);
    expect(cutoffIndex({ year: 2025, term: 1 })).toBe(cutoffIndex(c) + 1);
  });

  it('computes trends, over-age and semesters behind, and never includes sex', () => {
    expect(ageAtEntry('2009-03-01', 2024)).toBe(15);
    expect(ageAtEntry('2006-09-15', 2024)).toBe(17);
    const v = namedFeatures(
      featureVector(
        row({ gradeAvg: 6.5, prevGradeAvg: 8, birthDate: '2006-09-15', semester: 2 }),
        { year: 2025, term: 2 },
        12,
      ),
    );
    expect(v.grade_trend).toBeCloseTo(-1.5);
    expect(v.over_age).toBe(1);
    expect(v.semester_lag).toBe(2); // expected semester 4, in semester 2
    expect(v.campus_exit_rate).toBe(12);
    expect(v.end_of_year).toBe(1);
    expect(FEATURES as readonly string[]).not.toContain('sex');
    // The same student with the other sex has the same vector.
    expect(Array.from(featureVector(row({ sex: 'H' }), { year: 2025, term: 1 }, 5))).toEqual(
      Array.from(featureVector(row({ sex: 'M' }), { year: 2025, term: 1 }, 5)),
    );
  });
});

describe('risk rules', () => {
  const rules = (over: Partial<RawRiskRow>) =>
    evaluateRules(namedFeatures(featureVector(row(over), { year: 2025, term: 1 }, 10)), DEFAULT_THRESHOLDS);

  it('gives verde without signals, amarillo with one, rojo with a red signal or three amber ones', () => {
    expect(rules({}).flag).toBe('verde');
    expect(rules({}).reasons).toHaveLength(0);
    const one = rules({ attendancePct: 80 });
    expect(one.flag).toBe('amarillo');
    expect(one.reasons[0]?.es).toContain('Asistencia de 80 %');
    expect(one.reasons[0]?.en).toContain('Attendance 80 %');
    expect(rules({ attendancePct: 70 }).flag).toBe('rojo');
    expect(rules({ failedModules: 4 }).flag).toBe('rojo');
    const three = rules({ attendancePct: 80, failedModules: 2, temporaryLeaves: 1 });
    expect(three.reasons.filter((r) => r.level === 'amarillo')).toHaveLength(3);
    expect(three.flag).toBe('rojo');
    expect(rules({ gradeAvg: 6.9, prevGradeAvg: 8.2 }).reasons.map((r) => r.code)).toEqual([
      'grade',
      'grade_drop',
    ]);
  });

  it('follows configured thresholds and rejects inconsistent ones', () => {
    const f = namedFeatures(featureVector(row({ attendancePct: 82 }), { year: 2025, term: 1 }, 10));
    expect(evaluateRules(f, DEFAULT_THRESHOLDS).flag).toBe('amarillo');
    expect(evaluateRules(f, { ...DEFAULT_THRESHOLDS, attendanceAmarillo: 80 }).flag).toBe('verde');
    expect(validateThresholds(DEFAULT_THRESHOLDS)).toEqual([]);
    expect(validateThresholds({ ...DEFAULT_THRESHOLDS, attendanceRojo: 90 }).join()).toContain(
      'attendanceRojo',
    );
    expect(validateThresholds({ ...DEFAULT_THRESHOLDS, gradeAmarillo: 11 }).join()).toContain(
      'gradeAmarillo',
    );
  });
});

describe('risk model', () => {
  const model: SerializedRiskModel = {
    method: 'logistic',
    features: [...FEATURES],
    logistic: {
      coef: FEATURES.map((f) => (f === 'attendance_pct' ? -0.05 : f === 'failed_modules' ? 0.3 : 0)),
      intercept: 1,
      means: FEATURES.map((f) => (f === 'attendance_pct' ? 90 : f === 'failed_modules' ? 1 : 0)),
    },
    calibration: { kind: 'platt', a: 1, b: 0 },
  };
  it('scores with the calibrated logistic and explains by contributions around the mean', () => {
    const x = featureVector(row({ attendancePct: 70, failedModules: 3 }), { year: 2025, term: 1 }, 10);
    const p = predictProbability(model, x);
    expect(p).toBeCloseTo(1 / (1 + Math.exp(-(1 - 0.05 * 70 + 0.3 * 3))), 10);
    const c = contributions(model, x);
    expect(c[0]?.feature).toBe('attendance_pct');
    expect(c[0]?.logOdds).toBeCloseTo(-0.05 * (70 - 90));
    expect(c[1]?.logOdds).toBeCloseTo(0.3 * 2);
    expect(calibrate({ kind: 'platt', a: 2, b: -1 }, 0.5)).toBeCloseTo(0.5);
  });
});

describe('tree scoring', () => {
  it('gives exactly the trees’ own margin, missing values included', () => {
    const X: Float64Array[] = [];
    const y: number[] = [];
    for (let i = 0; i < 600; i++) {
      const x = Float64Array.from(FEATURES, (_, j) => ((i * (j + 3)) % 17) / 3);
      if (i % 7 === 0) x[2] = NaN;
      X.push(x);
      y.push(((x[0] ?? 0) + (x[4] ?? 0) > 5 ? 1 : 0) ^ (i % 11 === 0 ? 1 : 0));
    }
    const gbt = fitGbt(X, Uint8Array.from(y), { rounds: 20, minSamplesLeaf: 5, seed: 3 });
    const model: SerializedRiskModel = {
      method: 'gbt',
      features: [...FEATURES],
      logistic: { coef: FEATURES.map(() => 0), intercept: 0, means: FEATURES.map(() => 0) },
      gbt: gbtToData(gbt),
      calibration: { kind: 'platt', a: 1, b: 0 },
    };
    for (const x of X.slice(0, 100)) expect(rawScore(model, x)).toBeCloseTo(gbt.predictMargin(x), 12);
    expect(new Set(X.slice(0, 100).map((x) => rawScore(model, x).toFixed(6))).size).toBeGreaterThan(3);
  });
});

describe('risk evaluation', () => {
  it('flags the top k per campus, campus-level targeting fills whole campuses first', () => {
    const scores = [0.9, 0.1, 0.5, 0.8, 0.7, 0.2];
    const campus = [1, 1, 1, 2, 2, 2];
    const cap = capacities(campus, 0.34);
    expect(cap.get(1)).toBe(2);
    expect(Array.from(topKPerGroup(scores, campus, cap))).toEqual([1, 0, 1, 1, 1, 0]);
    // Campus 2 has the higher mean (0.567 vs 0.5): its three students first, then one of campus 1.
    expect(Array.from(campusTargeting(scores, campus, 4))).toEqual([1, 0, 0, 1, 1, 1]);
  });

  it('computes error rates per group and the gap between the extremes', () => {
    const y = [1, 1, 0, 0, 1, 0, 0, 0];
    const flagged = [1, 0, 1, 0, 1, 0, 0, 0];
    const c = confusion(y, flagged);
    expect(c.truePositives).toBe(2);
    expect(c.fpr).toBeCloseTo(1 / 5);
    expect(c.fnr).toBeCloseTo(1 / 3);
    const groups = ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b'];
    const f = fairness('g', y, flagged, groups, 1);
    expect(f.groups.map((g) => g.fpr)).toEqual([0.5, 0]);
    expect(f.fprGap).toBeCloseTo(0.5);
    expect(f.fprGapGroups).toEqual(['a', 'b']);
    expect(f.fnrGap).toBeCloseTo(0.5); // a: 1 of 2 missed; b: 0 of 1
    // Groups below the minimum size are listed but not in the gaps.
    expect(fairness('g', y, flagged, groups, 5).fprGap).toBeNull();
    const sizes = sizeClasses(
      new Map([
        [1, 100],
        [2, 500],
        [3, 900],
      ]),
    );
    expect([sizes.get(1), sizes.get(2), sizes.get(3)]).toEqual(['chico', 'mediano', 'grande']);
  });

  it('writes a model card in both languages with the cut-off, metrics and limits', () => {
    const conf = confusion([1, 0], [1, 0]);
    const dim = fairness('sexo', [1, 0, 1, 0], [1, 0, 0, 1], ['mujer', 'mujer', 'hombre', 'hombre'], 1);
    const m = {
      rocAuc: 0.81,
      prAuc: 0.3,
      brier: 0.03,
      logLoss: 0.12,
      validationRocAuc: 0.8,
      trainSeconds: 1,
    };
    const input = {
      version: 3,
      createdAt: '2026-11-28T10:00:00Z',
      createdBy: 'ana',
      parameters: {},
      metrics: {
        dataCutoff: '2025-2026/1',
        trainCutoffs: ['2023-2024/1'],
        calibrationCutoff: '2024-2025/1',
        rows: { train: 10, trainAvailable: 10, calibration: 5, test: 5 },
        baseRate: { train: 0.1, test: 0.05 },
        methods: { logistic: m, gbt: { ...m, rocAuc: 0.83 }, rules: { ...m, brier: null, logLoss: null } },
        chosen: 'gbt' as const,
        newestGeneration: { generation: '2025-2028', n: 3, positives: 1, rocAuc: 0.7, brier: 0.05 },
        calibration: [{ lower: 0, upper: 1, count: 5, meanPredicted: 0.05, observedRate: 0.04 }],
        capacity: { share: 0.1, places: 1, individual: conf, campus: conf, rules: conf },
        fairness: { model: [dim], rules: [dim] },
        coefficients: [{ feature: 'attendance_pct', coef: -0.03, standardized: -0.2 }],
      },
    };
    const es = modelCard(input, 'es');
    const en = modelCard(input, 'en');
    expect(es).toContain('versión 3');
    expect(es).toContain('2025-2026/1');
    expect(es).toContain('0.830');
    expect(es).toContain('## Límites');
    expect(es).toContain('no son variables de entrada');
    expect(en).toContain('## Intended use');
    expect(en).toContain('Attendance');
    expect(en).toContain('women');
  });
});
