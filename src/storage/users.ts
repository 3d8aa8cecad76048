/** Accounts, tutor groups and sessions. Returns domain shapes; password hashes never leave storage/services. */
import type { Kysely, Selectable } from 'kysely';
import type { Role, Scope, TutorGroup } from '../domain/access.js';
import type { Database, UsersTable } from './schema.js';

export interface UserRecord {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
  readonly passwordHash: string;
  readonly role: Role;
  readonly stateId: number | null;
  readonly campusId: number | null;
  readonly disabled: boolean;
  readonly failedLogins: number;
}

type Db = Kysely<Database>;

const toUser = (r: Selectable<UsersTable>): UserRecord => ({
  id: Number(r.id),
  username: String(r.username),
  displayName: String(r.display_name),
  passwordHash: String(r.password_hash),
  role: String(r.role) as Role,
  stateId: r.state_id === null ? null : Number(r.state_id),
  campusId: r.campus_id === null ? null : Number(r.campus_id),
  disabled: Number(r.disabled) === 1,
  failedLogins: Number(r.failed_logins),
});

export async function findUserByName(db: Db, username: string): Promise<UserRecord | null> {
  const r = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  return r ? toUser(r) : null;
}

export async function listUsers(db: Db): Promise<UserRecord[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('id').execute();
  return rows.map((r) => toUser(r));
}

export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly passwordHash: string;
  readonly role: Role;
  readonly stateId: number | null;
  readonly campusId: number | null;
  readonly groups: readonly TutorGroup[];
  readonly createdAt: string;
}

export async function insertUser(db: Db, u: NewUser): Promise<number> {
  const max = await db
    .selectFrom('users')
    .select((eb) => eb.fn.max('id').as('m'))
    .executeTakeFirst();
  const id = Number(max?.m ?? 0) + 1;
  await db
    .insertInto('users')
    .values({
      id,
      username: u.username,
      display_name: u.displayName,
      password_hash: u.passwordHash,
      role: u.role,
      state_id: u.stateId,
      campus_id: u.campusId,
      created_at: u.createdAt,
    })
    .execute();
  if (u.groups.length > 0) {
    await db
      .insertInto('tutor_groups')
      .values(u.groups.map((g) => ({ user_id: id, campus_id: g.campusId, group_code: g.groupCode })))
      .execute();
  }
  return id;
}

/** Disables or enables an account; disabling ends all its sessions (enabling never brings one back). */
export async function setDisabled(db: Db, username: string, disabled: boolean): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({ disabled: disabled ? 1 : 0, failed_logins: 0 })
    .where('username', '=', username)
    .executeTakeFirst();
  if (disabled)
    await db
      .deleteFrom('sessions')
      .where('user_id', 'in', (eb) =>
        eb.selectFrom('users').select('users.id').where('users.username', '=', username),
      )
      .execute();
  return Number(r.numUpdatedRows) > 0;
}

/** Sets an account's role, state, campus and tutor groups, and ends its sessions. */
export async function updateUserScope(
  db: Db,
  userId: number,
  next: { role: Role; stateId: number | null; campusId: number | null; groups: readonly TutorGroup[] },
): Promise<void> {
  await db
    .updateTable('users')
    .set({ role: next.role, state_id: next.stateId, campus_id: next.campusId })
    .where('id', '=', userId)
    .execute();
  await db.deleteFrom('tutor_groups').where('user_id', '=', userId).execute();
  if (next.groups.length > 0) {
    await db
      .insertInto('tutor_groups')
      .values(next.groups.map((g) => ({ user_id: userId, campus_id: g.campusId, group_code: g.groupCode })))
      .execute();
  }
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function tutorGroups(db: Db, userId: number): Promise<TutorGroup[]> {
  const rows = await db.selectFrom('tutor_groups').selectAll().where('user_id', '=', userId).execute();
  return rows.map((r) => ({ campusId: r.campus_id, groupCode: r.group_code }));
}

export async function insertSession(
  db: Db,
  id: string,
  userId: number,
  createdAt: string,
  expiresAt: string,
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ id, user_id: userId, created_at: createdAt, expires_at: expiresAt })
    .execute();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** The session's user and scope, if the session exists, is not expired and the user is enabled. */
export async function sessionScope(
  db: Db,
  id: string,
  now: string,
): Promise<{ user: UserRecord; scope: Scope; expiresAt: string } | null> {
  const r = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .selectAll('u')
    .select('s.expires_at as session_expires_at')
    .where('s.id', '=', id)
    .where('s.expires_at', '>', now)
    .where('u.disabled', '=', 0)
    .executeTakeFirst();
  if (!r) return null;
  const user = toUser(r);
  const groups = user.role === 'tutor' ? await tutorGroups(db, user.id) : [];
  return {
    user,
    scope: { userId: user.id, role: user.role, stateId: user.stateId, campusId: user.campusId, groups },
    expiresAt: r.session_expires_at,
  };
}

/**
 * The campus of a state with the most first-term enrollments in the latest school year with enrollments,
 * and its `groupLimit` largest groups of the given semesters that year (most enrollments first, then by code);
 * null when the state has no enrollment that year. The demo accounts' campus and tutor groups: the largest
 * groups, so that the demo tutor follows real classes (the first codes in order could be a group of two).
 */
export async function largestCampusWithGroups(
  db: Db,
  stateId: number,
  semesters: readonly number[],
  groupLimit: number,
): Promise<{ cct: string; name: string; stateId: number; groups: string[] } | null> {
  const year = await db
    .selectFrom('enrollments')
    .select((eb) => eb.fn.max('school_year').as('y'))
    .executeTakeFirst();
  const schoolYear = String(year?.y ?? '');
  const campus = await db
    .selectFrom('enrollments as e')
    .innerJoin('campuses as c', 'c.id', 'e.campus_id')
    .select(['c.cct', 'c.name', 'c.state_id'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('e.school_year', '=', schoolYear)
    .where('e.term_no', '=', 1)
    .where('c.state_id', '=', stateId)
    .groupBy(['c.cct', 'c.name', 'c.state_id'])
    .orderBy('n', 'desc')
    .executeTakeFirst();
  if (!campus) return null;
  const groups = await db
    .selectFrom('enrollments as e')
    .innerJoin('campuses as c', 'c.id', 'e.campus_id')
    .select('e.group_code')
    .where('c.cct', '=', campus.cct)
    .where('e.school_year', '=', schoolYear)
    .where('e.semester', 'in', [...semesters])
    .groupBy('e.group_code')
    .orderBy((eb) => eb.fn.countAll(), 'desc')
    .orderBy('e.group_code')
    .limit(groupLimit)
    .execute();
  return {
    cct: campus.cct,
    name: campus.name,
    stateId: Number(campus.state_id),
    groups: groups.map((g) => g.group_code),
  };
}
