/**
 * Accounts, tutor groups and sessions: ids in sequence, lookups, scope changes and disabling that end sessions,
 * a session's scope only while it is valid, and the demo accounts' campus (the largest first-term intake).
 */
import { beforeAll, expect, it } from 'vitest';
import { enrollmentRow } from '../test-support/small-records.js';
import { buildPlaces, buildStudents } from '../test-support/small-world.js';
import { describeEachDialect } from '../test-support/stores.js';
import {
  deleteSession,
  findUserByName,
  insertSession,
  insertUser,
  largestCampusWithGroups,
  listUsers,
  sessionScope,
  setDisabled,
  tutorGroups,
  updateUserScope,
  type NewUser,
} from './users.js';

describeEachDialect('users', ({ store }) => {
  const user = (username: string, over: Partial<NewUser> = {}): NewUser => ({
    username,
    displayName: username.toUpperCase(),
    passwordHash: `hash-${username}`,
    role: 'campus',
    stateId: 9,
    campusId: 1,
    groups: [],
    createdAt: '2026-12-01T00:00:00Z',
    ...over,
  });
  const NOW = '2026-12-07T12:00:00Z';
  const LATER = '2026-12-08T12:00:00Z';

  beforeAll(async () => {
    const db = store().db;
    await buildPlaces(db);
    await buildStudents(db, [
      [1, 1, null],
      [2, 1, null],
      [3, 2, null],
    ]);
    await db
      .insertInto('enrollments')
      .values([
        enrollmentRow(1, 1, 1, '2024-2025', 1, 3, { group_code: '301' }),
        enrollmentRow(2, 2, 1, '2024-2025', 1, 1, { group_code: '101' }),
        enrollmentRow(3, 3, 2, '2024-2025', 1, 1, { group_code: '102' }),
        enrollmentRow(4, 1, 1, '2019-2020', 1, 1, { group_code: '999' }),
      ])
      .execute();
  });

  it('numbers accounts in sequence and finds them by name, with their tutor groups', async () => {
    const db = store().db;
    expect(await findUserByName(db, 'ana')).toBeNull();
    expect(await insertUser(db, user('ana'))).toBe(1);
    const groups = [{ campusId: 1, groupCode: '101' }];
    expect(await insertUser(db, user('tere', { role: 'tutor', groups }))).toBe(2);
    expect(await findUserByName(db, 'ana')).toEqual({
      id: 1,
      username: 'ana',
      displayName: 'ANA',
      passwordHash: 'hash-ana',
      role: 'campus',
      stateId: 9,
      campusId: 1,
      disabled: false,
      failedLogins: 0,
    });
    expect((await listUsers(db)).map((u) => u.username)).toEqual(['ana', 'tere']);
    expect(await tutorGroups(db, 2)).toEqual(groups);
    expect(await tutorGroups(db, 1)).toEqual([]);
  });

  it('gives a session its user and scope only while valid and the account enabled', async () => {
    const db = store().db;
    await insertSession(db, 's-tere', 2, NOW, LATER);
    const got = await sessionScope(db, 's-tere', NOW);
    expect(got?.scope).toEqual({
      userId: 2,
      role: 'tutor',
      stateId: 9,
      campusId: 1,
      groups: [{ campusId: 1, groupCode: '101' }],
    });
    expect(got?.expiresAt).toBe(LATER);
    expect(await sessionScope(db, 's-tere', LATER)).toBeNull();
    expect(await sessionScope(db, 'nope', NOW)).toBeNull();
    await deleteSession(db, 's-tere');
    expect(await sessionScope(db, 's-tere', NOW)).toBeNull();
  });

  it('ends the sessions of a disabled account and of one whose scope changes', async () => {
    const db = store().db;
    await insertSession(db, 's-ana', 1, NOW, LATER);
    expect(await setDisabled(db, 'ana', true)).toBe(true);
    expect((await findUserByName(db, 'ana'))?.disabled).toBe(true);
    expect(await setDisabled(db, 'ana', false)).toBe(true);
    expect(await sessionScope(db, 's-ana', NOW)).toBeNull();
    expect(await setDisabled(db, 'nadie', true)).toBe(false);
    await insertSession(db, 's-tere2', 2, NOW, LATER);
    await updateUserScope(db, 2, {
      role: 'tutor',
      stateId: 15,
      campusId: 2,
      groups: [{ campusId: 2, groupCode: '102' }],
    });
    expect(await sessionScope(db, 's-tere2', NOW)).toBeNull();
    expect(await tutorGroups(db, 2)).toEqual([{ campusId: 2, groupCode: '102' }]);
    expect((await findUserByName(db, 'tere'))?.campusId).toBe(2);
  });

  it("finds a state's campus with the most first-term enrollments in the latest year, and its groups", async () => {
    const db = store().db;
    expect(await largestCampusWithGroups(db, 9, [1, 3], 5)).toEqual({
      cct: '09DPT0001A',
      name: 'Plantel 1',
      stateId: 9,
      groups: ['101', '301'],
    });
    expect((await largestCampusWithGroups(db, 9, [1, 3], 1))?.groups).toEqual(['101']);
    expect(await largestCampusWithGroups(db, 12, [1], 5)).toBeNull();
  });
});
