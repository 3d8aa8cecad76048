/**
 * The risk repositories (rule sets, models, stored scores) and the catalog and student reads the risk wing
 * uses, on both dialects, over a small hand-made database whose answers are known.
 */
import { beforeAll, expect, it } from 'vitest';
import type { SerializedRiskModel } from '../domain/risk/model.js';
import { DEFAULT_THRESHOLDS } from '../domain/risk/rules.js';
import { buildHistory, campusRow } from '../test-support/small-world.js';
import { describeEachDialect } from '../test-support/stores.js';
import { campusById, programByCode, stateShortNames } from './catalog-queries.js';
import {
  insertModel,
  insertRuleSet,
  latestModelVersion,
  latestRuleSet,
  modelList,
  modelOf,
  modelRow,
  ruleSets,
  setModelCards,
} from './risk-models.js';
import {
  flagCountsByCampus,
  replaceStoredScores,
  scoreHistory,
  storedScoreCutoffs,
  storedScores,
  type StoredScore,
} from './risk-scores.js';
import { studentIdBounds, studentNames, studentsInGroups } from './student-lookups.js';

const score = (studentId: number, campusId: number, flag: StoredScore['flag'], p: number | null) => ({
  studentId,
  campusId,
  flag,
  probability: p,
  modelVersion: p === null ? null : 1,
  ruleSetVersion: 0,
  reasons: flag === 'verde' ? [] : ['attendance'],
});

describeEachDialect('risk repositories', ({ store }) => {
  beforeAll(async () => {
    const db = store().db;
    const students = [11, 12, 13, 14].map((id) => ({
      id,
      sex: id % 2 ? 'H' : 'M',
      birth_date: '2009-01-01',
      entry_year: 2025,
      entry_campus_id: id === 14 ? 3 : 1,
      campus_id: id === 14 ? 3 : 1,
      program_id: 7,
      last_school_year: '2025-2026',
      last_term_no: 1,
      last_semester: 1,
      last_status: 'completed',
    }));
    await buildHistory(db, {
      campuses: [
        [1, 9],
        [2, 9],
        [3, 15],
      ],
      programs: [{ id: 7, code: 'P7', name: 'Informática', area: 'TI' }],
      years: [{ id: '2025-2026', start_date: '2025-08-25', end_date: '2026-07-10' }],
      students,
      enrollments: [],
    });
    await db
      .insertInto('student_identities')
      .values(
        students.map((s) => ({
          student_id: s.id,
          campus_id: s.campus_id,
          curp: `CURP${s.id}`,
          given_names: `Nombre${s.id}`,
          first_surname: 'Pérez',
          second_surname: s.id === 12 ? '' : 'López',
          search_key: `PEREZ ${s.id}`,
        })),
      )
      .execute();
    await db
      .insertInto('enrollments')
      .values(
        students.map((s) => ({
          id: s.id,
          student_id: s.id,
          campus_id: s.campus_id,
          program_id: 7,
          school_year: '2025-2026',
          term_no: 1,
          semester: 1,
          group_code: s.id <= 12 ? '101' : '102',
          sex: s.sex,
          new_entry: 1,
          grade_avg: 8,
          failed_modules: 0,
          attendance_pct: 90,
          scholarship_delay_days: 0,
          end_status: 'completed',
        })),
      )
      .execute();
  });

  it('versions rule sets, newest first, with thresholds parsed back', async () => {
    const db = store().db;
    expect(await latestRuleSet(db)).toBeUndefined();
    const v1 = await insertRuleSet(db, {
      thresholds: DEFAULT_THRESHOLDS,
      createdAt: '2026-01-01T00:00:00.000Z',
      createdBy: 'ana',
      note: null,
    });
    const changed = { ...DEFAULT_THRESHOLDS, attendanceRojo: DEFAULT_THRESHOLDS.attendanceRojo - 5 };
    const v2 = await insertRuleSet(db, {
      thresholds: changed,
      createdAt: '2026-02-01T00:00:00.000Z',
      createdBy: 'luis',
      note: 'más estricto',
    });
    expect(v2).toBeGreaterThan(v1);
    expect(await latestRuleSet(db)).toEqual({
      version: v2,
      thresholds: changed,
      createdAt: '2026-02-01T00:00:00.000Z',
      createdBy: 'luis',
      note: 'más estricto',
    });
    expect((await ruleSets(db)).map((r) => [r.version, r.createdBy])).toEqual([
      [v2, 'luis'],
      [v1, 'ana'],
    ]);
  });

  it('stores models, their cards once known, and lists them newest first', async () => {
    const db = store().db;
    expect(await latestModelVersion(db)).toBeNull();
    expect(await modelRow(db)).toBeUndefined();
    const model = { kind: 'logistic', weights: [0.5, -1.25] } as unknown as SerializedRiskModel;
    const base = {
      createdBy: 'ana',
      dataCutoff: '2025-2026/1',
      method: 'logistic',
      parameters: { seed: 1 },
      metrics: { auc: 0.8 },
      model,
    };
    const v1 = await insertModel(db, { ...base, createdAt: '2026-01-01T00:00:00.000Z' });
    const v2 = await insertModel(db, { ...base, createdAt: '2026-02-01T00:00:00.000Z', method: 'gbt' });
    await setModelCards(db, v1, '# Ficha', '# Card');
    expect(await latestModelVersion(db)).toBe(v2);
    expect(await modelOf(db, v1)).toEqual(model);
    expect(await modelOf(db, 999)).toBeUndefined();
    expect(await modelRow(db, v1)).toEqual({
      version: v1,
      createdAt: '2026-01-01T00:00:00.000Z',
      createdBy: 'ana',
      dataCutoff: '2025-2026/1',
      method: 'logistic',
      parameters: { seed: 1 },
      metrics: { auc: 0.8 },
      cardEs: '# Ficha',
      cardEn: '# Card',
    });
    expect((await modelRow(db))?.version).toBe(v2);
    expect((await modelList(db)).map((m) => [m.version, m.method])).toEqual([
      [v2, 'gbt'],
      [v1, 'logistic'],
    ]);
  });

  it('replaces the stored scores of a cut-off within a campus, a state or a list of students only', async () => {
    const db = store().db;
    const at = '2026-03-01T00:00:00.000Z';
    await replaceStoredScores(
      db,
      '2025-2026/1',
      {},
      [
        score(11, 1, 'rojo', 0.5),
        score(12, 1, 'verde', 0.25),
        score(13, 2, 'amarillo', null),
        score(14, 3, 'rojo', 0.75),
      ],
      at,
    );
    await replaceStoredScores(db, '2024-2025/2', {}, [score(11, 1, 'verde', 0.125)], at);
    // One campus rescored: the others' rows stay.
    await replaceStoredScores(db, '2025-2026/1', { campusId: 1 }, [score(11, 1, 'amarillo', 0.375)], at);
    expect((await storedScores(db, '2025-2026/1')).sort((a, b) => a.studentId - b.studentId)).toEqual([
      { studentId: 11, probability: 0.375, modelId: 1 },
      { studentId: 14, probability: 0.75, modelId: 1 },
    ]);
    // A state rescored with nobody: its campuses' rows go, the other state's stay.
    await replaceStoredScores(db, '2025-2026/1', { stateId: 15 }, [], at);
    await replaceStoredScores(db, '2025-2026/1', { studentIds: [13] }, [score(13, 2, 'rojo', null)], at);
    expect(await storedScoreCutoffs(db)).toEqual(['2024-2025/2', '2025-2026/1']);
    expect(await scoreHistory(db, 11)).toEqual([
      {
        cutoff: '2024-2025/2',
        flag: 'verde',
        probability: 0.125,
        modelVersion: 1,
        reasons: [],
        scoredAt: at,
      },
      {
        cutoff: '2025-2026/1',
        flag: 'amarillo',
        probability: 0.375,
        modelVersion: 1,
        reasons: ['attendance'],
        scoredAt: at,
      },
    ]);
    expect(await scoreHistory(db, 14)).toEqual([]);
    const counts = await flagCountsByCampus(db, '2025-2026/1');
    expect(counts.sort((a, b) => a.cct.localeCompare(b.cct))).toEqual([
      {
        cct: campusRow(1, 9).cct,
        name: 'Plantel 1',
        state: 'CDMX',
        flag: 'amarillo',
        students: 1,
        meanProbability: 0.375,
      },
      {
        cct: campusRow(2, 9).cct,
        name: 'Plantel 2',
        state: 'CDMX',
        flag: 'rojo',
        students: 1,
        meanProbability: null,
      },
    ]);
    expect(await flagCountsByCampus(db, '2025-2026/1', { campusId: 2 })).toHaveLength(1);
    expect(await flagCountsByCampus(db, '2025-2026/1', { stateId: 15 })).toEqual([]);
  });

  it('reads the students of groups, their names, the id range, and catalog entries by key', async () => {
    const db = store().db;
    expect([...(await studentsInGroups(db, [11, 12, 13, 14], '2025-2026', ['101']))].sort()).toEqual([
      11, 12,
    ]);
    expect((await studentsInGroups(db, [11, 12], '2024-2025', ['101'])).size).toBe(0);
    expect((await studentsInGroups(db, [], '2025-2026', ['101'])).size).toBe(0);
    expect(await studentNames(db, [11, 12])).toEqual(
      new Map([
        [11, 'Nombre11 Pérez López'],
        [12, 'Nombre12 Pérez'],
      ]),
    );
    expect(await studentIdBounds(db)).toEqual({ min: 11, max: 14 });
    expect(await campusById(db, 3)).toEqual({
      id: 3,
      cct: campusRow(3, 15).cct,
      name: 'Plantel 3',
      state_id: 15,
    });
    expect(await campusById(db, 99)).toBeUndefined();
    expect(await programByCode(db, 'P7')).toEqual({ id: 7, code: 'P7', name: 'Informática' });
    expect(await programByCode(db, 'P8')).toBeUndefined();
    expect(await stateShortNames(db)).toEqual(
      new Map([
        [9, 'CDMX'],
        [15, 'MEX'],
      ]),
    );
  });
});
