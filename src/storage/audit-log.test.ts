/**
 * The audit and account repositories on both dialects: audit rows written and read back by page and filter,
 * and the demo accounts' campus (the largest of a state by first-term enrollments) with its groups.
 */
import { beforeAll, expect, it } from 'vitest';
import { loadDemoFixture } from '../test-support/demo-fixtures.js';
import { describeEachDialect } from '../test-support/stores.js';
import { auditRecords, insertAuditRecord, type AuditRecord } from './audit-log.js';
import { largestCampusWithGroups } from './users.js';

const row = (over: Partial<AuditRecord>): AuditRecord => ({
  at: '2020-12-01T10:00:00.000Z',
  actor: 'ana',
  role: 'state',
  action: 'user.add',
  target: 'user:luis',
  stateId: 15,
  campusId: null,
  details: '{"n":1}',
  requestId: 'req-00000001',
  ...over,
});

describeEachDialect('audit and account repositories', ({ store }) => {
  beforeAll(async () => {
    await loadDemoFixture(store(), { seed: 5, scale: 0.005 });
  }, 120_000);

  it('appends audit rows and pages them newest first, filtered by state, time, action, actor and target', async () => {
    const db = store().db;
    const before = (await auditRecords(db, { limit: 1, offset: 0 })).total;
    await insertAuditRecord(db, row({}));
    await insertAuditRecord(db, row({ at: '2020-12-02T10:00:00.000Z', action: 'user.role', stateId: 9 }));
    await insertAuditRecord(db, row({ at: '2020-12-03T10:00:00.000Z', action: 'login.failed', actor: 'x' }));
    await insertAuditRecord(
      db,
      row({ at: '2020-12-03T10:00:00.000Z', action: 'user.disable', target: 'user:eva' }),
    );
    const all = await auditRecords(db, { limit: 100, offset: 0, since: '2020-12-01', until: '2021-01-01' });
    expect(all.total).toBe(4);
    expect((await auditRecords(db, { limit: 1, offset: 0 })).total).toBe(before + 4);
    // Newest first; the same time in insertion order reversed (id desc).
    expect(all.rows.map((r) => r.action)).toEqual(['user.disable', 'login.failed', 'user.role', 'user.add']);
    const { id, ...first } = all.rows[3]!;
    expect(id).toBeGreaterThan(0);
    expect(first).toEqual(row({}));
    const actions = async (f: Omit<Parameters<typeof auditRecords>[1], 'limit' | 'offset'>) =>
      (
        await auditRecords(db, { since: '2020-12-01', until: '2021-01-01', limit: 100, offset: 0, ...f })
      ).rows.map((r) => r.action);
    expect(await actions({ stateId: 9 })).toEqual(['user.role']);
    expect(await actions({ action: { family: 'user' } })).toEqual(['user.disable', 'user.role', 'user.add']);
    expect(await actions({ action: { exact: 'user.add' } })).toEqual(['user.add']);
    expect(await actions({ actor: 'x' })).toEqual(['login.failed']);
    expect(await actions({ target: 'user:eva' })).toEqual(['user.disable']);
    expect(await actions({ until: '2020-12-02T10:00:00.000Z' })).toEqual(['user.add']);
    const page2 = await auditRecords(db, { since: '2020-12-01', until: '2021-01-01', limit: 3, offset: 3 });
    expect(page2.rows.map((r) => r.action)).toEqual(['user.add']);
    expect(page2.total).toBe(4);
  });

  it('finds the largest campus of a state by first-term enrollments, with its largest groups', async () => {
    const db = store().db;
    const year = await db
      .selectFrom('enrollments')
      .select((eb) => eb.fn.max('school_year').as('y'))
      .executeTakeFirst();
    const rows = await db
      .selectFrom('enrollments as e')
      .innerJoin('campuses as c', 'c.id', 'e.campus_id')
      .select(['c.cct', 'c.state_id', 'e.term_no', 'e.semester', 'e.group_code'])
      .where('e.school_year', '=', String(year?.y))
      .execute();
    const state = rows[0]!.state_id;
    const counts = new Map<string, number>();
    for (const r of rows)
      if (r.state_id === state && Number(r.term_no) === 1) counts.set(r.cct, (counts.get(r.cct) ?? 0) + 1);
    const top = Math.max(...counts.values());
    const found = await largestCampusWithGroups(db, state, [1, 2], 2);
    expect(found).not.toBeNull();
    expect(counts.get(found!.cct)).toBe(top);
    expect(found!.stateId).toBe(state);
    const sizes = new Map<string, number>();
    for (const r of rows)
      if (r.cct === found!.cct && [1, 2].includes(Number(r.semester)))
        sizes.set(r.group_code, (sizes.get(r.group_code) ?? 0) + 1);
    // Most enrollments first, then by code (the demo tutor follows real classes, not a group of two).
    const groups = [...sizes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    expect(found!.groups).toEqual(groups.slice(0, 2).map(([g]) => g));
    expect(sizes.get(found!.groups[0]!)).toBe(Math.max(...sizes.values()));
    expect(await largestCampusWithGroups(db, 99, [1, 2], 2)).toBeNull();
  });
});
