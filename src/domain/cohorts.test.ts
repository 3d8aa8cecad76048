import { describe, expect, it } from 'vitest';
import {
  cohortCountsFromPaths,
  cohortSurvival,
  countByStatus,
  type CohortCounts,
  type PathStatus,
  type StudentPath,
} from './cohorts.js';
import { roundHalfUp } from './indicators.js';

const path = (
  semesterReached: number,
  status: PathStatus,
  graduated: 'on_time' | 'late' | 'no' = 'no',
): StudentPath => ({
  semesterReached,
  status,
  graduatedOnTime: graduated === 'on_time',
  graduatedLate: graduated === 'late',
});

const repeat = (n: number, p: StudentPath): StudentPath[] => Array.from({ length: n }, () => p);

// A generation of 20: 3 leave in semester 1, 2 in semester 2, 1 transfers out in semester 3, 1 is on leave
// after semester 4, 1 drops out in semester 6, 2 are still enrolled in semester 6, 8 graduate on time and
// 2 graduate late.
const generation: StudentPath[] = [
  ...repeat(3, path(1, 'dropout')),
  ...repeat(2, path(2, 'dropout')),
  path(3, 'transferred'),
  path(4, 'temporary_leave'),
  path(6, 'dropout'),
  ...repeat(2, path(6, 'enrolled')),
  ...repeat(8, path(6, 'graduated', 'on_time')),
  ...repeat(2, path(6, 'graduated', 'late')),
];

describe('cohortCountsFromPaths', () => {
  it('counts who reached each semester and who graduated', () => {
    expect(cohortCountsFromPaths(generation)).toEqual({
      entrants: 20,
      reachedBySemester: [20, 17, 15, 14, 13, 13],
      graduatedOnTime: 8,
      graduatedBy: 10,
    });
  });

  it('counts paths by status', () => {
    expect(countByStatus(generation)).toEqual({
      enrolled: 2,
      graduated: 10,
      dropout: 6,
      temporary_leave: 1,
      transferred: 1,
    });
  });
});

describe('cohortSurvival', () => {
  it('gives survival by semester and the true-cohort ETC', () => {
    const r = cohortSurvival(cohortCountsFromPaths(generation));
    if (!r.ok) throw new Error(r.issues.join('; '));
    expect(r.value.survivalBySemester).toEqual([100, 85, 75, 70, 65, 65]);
    expect(r.value.eficienciaTerminalCohorte).toBe(40);
    expect(r.value.graduationByCutoff).toBe(50);
  });

  it('keeps full precision (rounding is for display)', () => {
    const r = cohortSurvival({
      entrants: 3,
      reachedBySemester: [3, 2, 2, 2, 1, 1],
      graduatedOnTime: 1,
      graduatedBy: 1,
    });
    if (!r.ok) throw new Error(r.issues.join('; '));
    expect(r.value.survivalBySemester[1]).toBe((2 / 3) * 100);
    expect(roundHalfUp(r.value.eficienciaTerminalCohorte ?? NaN, 2)).toBe(33.33);
  });

  it('is null for every rate of an empty generation', () => {
    const r = cohortSurvival(cohortCountsFromPaths([]));
    expect(r).toEqual({
      ok: true,
      value: {
        survivalBySemester: [null, null, null, null, null, null],
        eficienciaTerminalCohorte: null,
        graduationByCutoff: null,
      },
    });
  });

  it.each<[string, CohortCounts, string]>([
    [
      'five semesters',
      { entrants: 10, reachedBySemester: [10, 9, 8, 7, 6], graduatedOnTime: 5, graduatedBy: 5 },
      'se esperan 6 conteos por semestre (hay 5)',
    ],
    [
      'semester 1 below entrants',
      { entrants: 10, reachedBySemester: [9, 9, 8, 7, 6, 6], graduatedOnTime: 5, graduatedBy: 5 },
      'todos los alumnos de nuevo ingreso cursan el semestre 1',
    ],
    [
      'a later semester above an earlier one',
      { entrants: 10, reachedBySemester: [10, 8, 9, 7, 6, 6], graduatedOnTime: 5, graduatedBy: 5 },
      'llegan más alumnos al semestre 3 que al 2',
    ],
    [
      'more on time than in total',
      { entrants: 10, reachedBySemester: [10, 9, 8, 7, 6, 6], graduatedOnTime: 6, graduatedBy: 5 },
      'los egresados en tiempo no pueden superar',
    ],
    [
      'more graduates than reached semester 6',
      { entrants: 10, reachedBySemester: [10, 9, 8, 7, 6, 6], graduatedOnTime: 5, graduatedBy: 7 },
      'los egresados no pueden superar a quienes llegaron al semestre 6',
    ],
    [
      'fractional counts',
      { entrants: 10.5, reachedBySemester: [10.5, 9, 8, 7, 6, 6], graduatedOnTime: 5, graduatedBy: 5 },
      'los conteos deben ser enteros no negativos',
    ],
  ])('rejects %s', (_label, counts, issue) => {
    const r = cohortSurvival(counts);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.some((i) => i.startsWith(issue))).toBe(true);
  });

  it('reports an entrant path that never reached semester 1', () => {
    const r = cohortSurvival(cohortCountsFromPaths([path(0, 'dropout'), path(2, 'enrolled')]));
    expect(r.ok).toBe(false);
  });
});
