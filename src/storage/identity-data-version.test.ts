/**
 * Identity changes (identity-changes.ts) and the data's content version (data-version.ts) on both dialects, on
 * a small hand-built world: scoping by run and state, the students' places, the retention purge; a version
 * that moves with the changes the caches depend on and with nothing else.
 */
import { expect, it } from 'vitest';
import { buildPlaces, buildStudents } from '../test-support/small-world.js';
import { describeEachDialect } from '../test-support/stores.js';
import { contentVersion, noteDataChange } from './data-version.js';
import {
  identityChangesOfRun,
  insertIdentityChanges,
  placesOf,
  purgeIdentityChanges,
  type IdentityChangeRow,
} from './identity-changes.js';

const change = (
  studentId: number,
  runId: number | null,
  stateId: number,
  campusId: number,
): IdentityChangeRow => ({
  at: '2026-12-07T10:00:00.000Z',
  actor: 'ana',
  importRunId: runId,
  studentId,
  stateId,
  campusId,
  before: { first_surname: 'PÉREZ' },
  after: { first_surname: `PÉREZ "${studentId}"` },
});

describeEachDialect('identity-changes repository', ({ store }) => {
  it('keeps the changes of each run, reads them by run and state, places students, purges leavers', async () => {
    const db = store().db;
    await buildPlaces(db);
    await buildStudents(db, [
      [1, 1, '2018-2019'],
      [2, 2, '2024-2025'],
      [3, 1, '2024-2025'],
    ]);
    // More than one batch of 500 for run 7; one row of another run.
    const many = Array.from({ length: 501 }, (_, i) =>
      change(i % 2 === 0 ? 1 : 2, 7, i % 2 === 0 ? 9 : 15, i % 2 === 0 ? 1 : 2),
    );
    await insertIdentityChanges(db, [...many, change(3, 8, 9, 1)]);
    const all = await identityChangesOfRun(db, 7, null);
    expect(all).toHaveLength(501);
    expect(all[0]).toEqual(change(1, 7, 9, 1));
    expect(all[1]).toEqual(change(2, 7, 15, 2));
    const cdmx = await identityChangesOfRun(db, 7, 9);
    expect(cdmx).toHaveLength(251);
    expect(new Set(cdmx.map((c) => c.studentId))).toEqual(new Set([1]));
    expect(await identityChangesOfRun(db, 8, 15)).toEqual([]);
    expect(await identityChangesOfRun(db, 8, 9)).toEqual([change(3, 8, 9, 1)]);

    const places = await placesOf(db, [3, 2, 99]);
    expect(Object.fromEntries(places)).toEqual({
      2: { stateId: 15, campusId: 2 },
      3: { stateId: 9, campusId: 1 },
    });

    // Student 1 left in 2019: their 251 changes go; the others stay.
    expect(await purgeIdentityChanges(db, '2020-01-01')).toBe(251);
    expect(await identityChangesOfRun(db, 7, null)).toHaveLength(250);
    expect(await purgeIdentityChanges(db, '2020-01-01')).toBe(0);
  });
});

describeEachDialect('data-version repository', ({ store }) => {
  it('moves with imports that changed rows and data-changing audit rows, not with views or empty imports', async () => {
    const s = store();
    const read = contentVersion(s);
    const fresh = async () => {
      noteDataChange(s.db); // read again at once (PostgreSQL keeps a version for a second)
      return read();
    };
    const run = (id: number, finished: string, inserted: number) => ({
      id,
      kind: 'enrollments',
      file_name: 'f.csv',
      file_sha256: 'x',
      rows: 1,
      inserted,
      updated: 0,
      unchanged: 1 - inserted,
      issues: 0,
      status: 'ok',
      started_at: finished,
      finished_at: finished,
    });
    const audit = (action: string) => ({
      at: '2026-12-07T11:00:00.000Z',
      actor: 'ana',
      role: 'national',
      action,
      target: null,
      state_id: null,
      campus_id: null,
      details: null,
      request_id: null,
    });
    const v0 = await fresh();
    await s.db
      .insertInto('import_runs')
      .values(run(1, '2026-12-07T10:00:00.000Z', 1))
      .execute();
    const v1 = await fresh();
    expect(v1).not.toBe(v0);
    expect(v1.startsWith('2026-12-07T10:00:00.000Z|')).toBe(true);
    // The same file again: nothing inserted or updated, the version stays.
    await s.db
      .insertInto('import_runs')
      .values(run(2, '2026-12-07T12:00:00.000Z', 0))
      .execute();
    expect(await fresh()).toBe(v1);
    await s.db.insertInto('audit_log').values(audit('student.view')).execute();
    expect(await fresh()).toBe(v1);
    await s.db.insertInto('audit_log').values(audit('record.change')).execute();
    const v2 = await fresh();
    expect(v2).not.toBe(v1);
    expect(v2.startsWith('2026-12-07T10:00:00.000Z|')).toBe(true);
  });
});
