/**
 * What the data is now: the content version moves with a generation, an import that changed rows and an audited
 * data change, not with a profile view or an import that changed nothing; a change noted through a handle is
 * seen at once by versions read through it.
 */
import { expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/stores.js';
import { contentVersion, dataVersion, noteDataChange } from './data-version.js';

describeEachDialect('data version', ({ store }) => {
  const run = (id: number, inserted: number) => ({
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
    started_at: `2026-12-01T0${id}:00:00Z`,
    finished_at: `2026-12-01T0${id}:00:00Z`,
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

  it('moves with data changes only, seen at once after noteDataChange', async () => {
    const s = store();
    const content = contentVersion(s);
    const any = dataVersion(s);
    const v0 = await content();
    expect(v0).toBe('|');
    // Written through this very handle: noted, so both versions are read again at once.
    await s.db.insertInto('import_runs').values(run(1, 0)).execute();
    await s.db.insertInto('audit_log').values(audit('student.view')).execute();
    noteDataChange(s.db);
    expect(await content()).toBe(v0);
    const a0 = await any();
    await s.db.insertInto('import_runs').values(run(2, 1)).execute();
    noteDataChange(s.db);
    const v1 = await content();
    expect(v1).toBe('2026-12-01T02:00:00Z|');
    expect(await any()).not.toBe(a0);
    await s.db.insertInto('audit_log').values(audit('data.purge')).execute();
    noteDataChange(s.db);
    expect(await content()).toMatch(/^2026-12-01T02:00:00Z\|\d+$/);
  });
});
