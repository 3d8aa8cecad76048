/**
 * The change log of imports: rows after an id in order, and the version of what the log does not describe (a
 * generation, an import run without a log row, an audited data change; not a logged run, not a profile view).
 */
import { expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/stores.js';
import { dataChangesAfter, logDataChange, unloggedVersion } from './data-changes.js';

describeEachDialect('data changes', ({ store }) => {
  const run = (id: number, finished: string, inserted: number) => ({
    id,
    kind: 'enrollments',
    file_name: `f${id}.csv`,
    file_sha256: 'x',
    rows: 1,
    inserted,
    updated: 0,
    unchanged: 0,
    issues: 0,
    status: 'ok',
    started_at: finished,
    finished_at: finished,
  });
  const audit = (action: string) => ({
    at: '2026-12-01',
    actor: 'ana',
    role: 'national',
    action,
    target: null,
    state_id: null,
    campus_id: null,
    details: null,
    request_id: null,
  });

  it('lists the rows after an id, oldest first, with their footprints', async () => {
    const db = store().db;
    expect(await dataChangesAfter(db, 0)).toEqual([]);
    await db
      .insertInto('import_runs')
      .values([run(1, '2026-12-01T01:00:00Z', 3), run(2, '2026-12-01T02:00:00Z', 1)])
      .execute();
    await logDataChange(db, {
      runId: 1,
      at: '2026-12-01T01:00:00Z',
      footprint: { enrollments: ['2024-2025|1'] },
    });
    await logDataChange(db, { runId: null, at: '2026-12-01T03:00:00Z', footprint: { students: ['*'] } });
    const all = await dataChangesAfter(db, 0);
    expect(all.map((r) => JSON.parse(r.footprint) as unknown)).toEqual([
      { enrollments: ['2024-2025|1'] },
      { students: ['*'] },
    ]);
    expect(all[1]!.id).toBeGreaterThan(all[0]!.id);
    expect(await dataChangesAfter(db, all[0]!.id)).toEqual([all[1]]);
    expect(await dataChangesAfter(db, all[1]!.id)).toEqual([]);
  });

  it('versions the unlogged run and the audited data changes, not the logged run nor a view', async () => {
    const db = store().db;
    // Run 2 changed rows without a log row: it is what the version names; run 1 is described by the log.
    expect(await unloggedVersion(db)).toBe('2026-12-01T02:00:00Z|');
    await db
      .insertInto('import_runs')
      .values(run(3, '2026-12-01T09:00:00Z', 0))
      .execute();
    expect(await unloggedVersion(db)).toBe('2026-12-01T02:00:00Z|');
    await db.insertInto('audit_log').values(audit('student.view')).execute();
    expect(await unloggedVersion(db)).toBe('2026-12-01T02:00:00Z|');
    await db.insertInto('audit_log').values(audit('risk.threshold')).execute();
    const id = await db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    expect(await unloggedVersion(db)).toBe(`2026-12-01T02:00:00Z|${String(id?.id)}`);
  });
});
