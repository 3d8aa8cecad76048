/**
 * Name changes of imports: stored and read per run in insertion order, restricted to a state when asked; the
 * places of students; purged with the students who left before a date.
 */
import { beforeAll, expect, it } from 'vitest';
import { buildPlaces, buildStudents } from '../test-support/small-world.js';
import { describeEachDialect } from '../test-support/stores.js';
import {
  identityChangesOfRun,
  insertIdentityChanges,
  placesOf,
  purgeIdentityChanges,
  type IdentityChangeRow,
} from './identity-changes.js';

describeEachDialect('identity changes', ({ store }) => {
  const change = (studentId: number, runId: number | null, stateId: number | null, campusId: number | null) =>
    ({
      at: '2026-12-01T10:00:00Z',
      actor: 'cli:ana',
      importRunId: runId,
      studentId,
      stateId,
      campusId,
      before: { given_names: `Antes${studentId}` },
      after: { given_names: `Después${studentId}` },
    }) satisfies IdentityChangeRow;

  beforeAll(async () => {
    const db = store().db;
    await buildPlaces(db);
    // Student 1 left in 2018-2019 (ended 2019-07-12), 2 in 2024-2025, 3 is still enrolled.
    await buildStudents(db, [
      [1, 1, '2018-2019'],
      [2, 2, '2024-2025'],
      [3, 2, null],
    ]);
    await db
      .insertInto('import_runs')
      .values(
        [7, 8].map((id) => ({
          id,
          kind: 'students',
          file_name: 'alumnos.csv',
          file_sha256: 'x',
          rows: 1,
          inserted: 0,
          updated: 1,
          unchanged: 0,
          issues: 0,
          status: 'ok',
          started_at: '2026-12-01',
          finished_at: '2026-12-01',
        })),
      )
      .execute();
  });

  it('gives a run its changes in order, of one state when asked, and none of another run', async () => {
    const db = store().db;
    await insertIdentityChanges(db, [change(2, 7, 15, 2), change(1, 7, 9, 1), change(3, 8, 15, 2)]);
    expect(await identityChangesOfRun(db, 7, null)).toEqual([change(2, 7, 15, 2), change(1, 7, 9, 1)]);
    expect(await identityChangesOfRun(db, 7, 9)).toEqual([change(1, 7, 9, 1)]);
    expect(await identityChangesOfRun(db, 7, 12)).toEqual([]);
    expect(await identityChangesOfRun(db, 99, null)).toEqual([]);
  });

  it('finds the state and current campus of the students given (unknown ids left out)', async () => {
    const got = await placesOf(store().db, [1, 3, 404]);
    expect(got).toEqual(
      new Map([
        [1, { stateId: 9, campusId: 1 }],
        [3, { stateId: 15, campusId: 2 }],
      ]),
    );
    expect(await placesOf(store().db, [])).toEqual(new Map());
  });

  it('purges the changes of students whose last school year ended before the cutoff', async () => {
    const db = store().db;
    expect(await purgeIdentityChanges(db, '2019-07-12')).toBe(0);
    expect(await purgeIdentityChanges(db, '2020-01-01')).toBe(1);
    expect((await identityChangesOfRun(db, 7, null)).map((c) => c.studentId)).toEqual([2]);
    expect(await purgeIdentityChanges(db, '2030-01-01')).toBe(1);
    expect((await identityChangesOfRun(db, 8, null)).map((c) => c.studentId)).toEqual([3]);
  });
});
