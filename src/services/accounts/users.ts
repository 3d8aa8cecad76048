/**
 * Use cases: manage local accounts (trayecto user add|list|disable) and create the demo accounts, one per role,
 * whose passwords are random and printed once.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { isRole, ROLES, type Role, type TutorGroup } from '../../domain/access.js';
import { AppError, invalid, notFound } from '../../domain/errors.js';
import type { Database } from '../../storage/schema.js';
import { campusByCct, stateIdByCode } from '../../storage/catalog-queries.js';
import {
  findUserByName,
  insertUser,
  largestCampusWithGroups,
  listUsers,
  setDisabled,
  updateUserScope,
} from '../../storage/users.js';
import { recordAudit } from '../operations/index.js';
import { hashPassword, type SessionCache } from './auth.js';

/** Who makes an account change, for the audit log ('system' when absent, e.g. the demo accounts). */
export interface ChangedBy {
  readonly actor: string;
  readonly role?: Role | null;
  readonly requestId?: string | null;
}

export interface AddUserInput {
  readonly username: string;
  readonly displayName?: string;
  readonly password: string;
  readonly role: string;
  readonly state?: string; // INEGI code "15"
  readonly campus?: string; // CCT
  readonly groups?: readonly string[]; // group codes of the campus (tutor)
}

const USERNAME_RE = /^[a-z0-9._-]{3,40}$/;

export async function addUser(
  db: Kysely<Database>,
  input: AddUserInput,
  now: Date,
  by: ChangedBy = { actor: 'system' },
): Promise<{ id: number }> {
  const username = input.username.trim().toLowerCase();
  if (!USERNAME_RE.test(username))
    throw invalid(
      'invalid_username',
      `Usuario inválido: "${input.username}" (3-40 letras minúsculas, dígitos, . _ -)`,
    );
  if (!isRole(input.role))
    throw invalid('invalid_role', `Rol desconocido: "${input.role}". Valores válidos: ${ROLES.join(', ')}`);
  if (input.password.length < 10)
    throw invalid('weak_password', 'La contraseña debe tener al menos 10 caracteres');
  if (await findUserByName(db, username))
    throw new AppError('conflict', 'user_exists', `El usuario "${username}" ya existe`);
  const role: Role = input.role;
  const { stateId, campusId, groups } = await resolveScope(db, role, input);
  const passwordHash = await hashPassword(input.password);
  const id = await db.transaction().execute(async (trx) => {
    const userId = await insertUser(trx, {
      username,
      displayName: input.displayName?.trim() || username,
      passwordHash,
      role,
      stateId,
      campusId,
      groups,
      createdAt: now.toISOString(),
    });
    await recordAudit(trx, {
      ...by,
      action: 'user.add',
      target: `user:${username}`,
      details: { role, stateId, campusId, groups: groups.length },
      stateId,
      campusId,
      at: now,
    });
    return userId;
  });
  return { id };
}

/** The state, campus and tutor groups a role needs, from the --state code, --campus CCT and --groups given. */
async function resolveScope(
  db: Kysely<Database>,
  role: Role,
  input: Pick<AddUserInput, 'state' | 'campus' | 'groups'>,
): Promise<{ stateId: number | null; campusId: number | null; groups: TutorGroup[] }> {
  let stateId: number | null = null;
  let campusId: number | null = null;
  if (role === 'state') {
    const st = input.state ? await stateIdByCode(db, input.state.padStart(2, '0')) : undefined;
    if (st === undefined)
      throw invalid(
        'invalid_state',
        `El rol state necesita --state con una clave de entidad válida (01-32), no "${input.state ?? ''}"`,
      );
    stateId = st;
  }
  const groups: TutorGroup[] = [];
  if (role === 'campus' || role === 'tutor') {
    const c = input.campus ? await campusByCct(db, input.campus) : undefined;
    if (!c)
      throw invalid(
        'invalid_campus',
        `El rol ${role} necesita --campus con una CCT existente, no "${input.campus ?? ''}"`,
      );
    campusId = c.id;
    stateId = c.state_id;
    if (role === 'tutor') {
      if (!input.groups?.length)
        throw invalid('missing_groups', 'El rol tutor necesita --groups con los grupos que sigue');
      for (const g of input.groups) groups.push({ campusId: c.id, groupCode: g });
    }
  }
  return { stateId, campusId, groups };
}

export interface RoleChange {
  readonly username: string;
  readonly role: string;
  readonly state?: string;
  readonly campus?: string;
  readonly groups?: readonly string[];
}

/** Changes an account's role and scope (trayecto user role); its sessions end, so the new scope applies at once. */
export async function changeUserRole(
  db: Kysely<Database>,
  input: RoleChange,
  now: Date,
  by: ChangedBy = { actor: 'system' },
): Promise<void> {
  const username = input.username.trim().toLowerCase();
  if (!isRole(input.role))
    throw invalid('invalid_role', `Rol desconocido: "${input.role}". Valores válidos: ${ROLES.join(', ')}`);
  const role: Role = input.role;
  const user = await findUserByName(db, username);
  if (!user) throw notFound('unknown_user', `Usuario desconocido: "${input.username}"`);
  const next = await resolveScope(db, role, input);
  await db.transaction().execute(async (trx) => {
    await updateUserScope(trx, user.id, { role, ...next });
    await recordAudit(trx, {
      ...by,
      action: 'user.role',
      target: `user:${username}`,
      details: {
        from: { role: user.role, stateId: user.stateId, campusId: user.campusId },
        to: { role, stateId: next.stateId, campusId: next.campusId, groups: next.groups.length },
      },
      stateId: next.stateId ?? user.stateId,
      campusId: next.campusId ?? user.campusId,
      at: now,
    });
  });
}

export async function usersList(db: Kysely<Database>) {
  return (await listUsers(db)).map((u) => ({
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    stateId: u.stateId,
    campusId: u.campusId,
    disabled: u.disabled,
  }));
}

/**
 * Disables (or enables) an account. Disabling deletes every session of the account in the same transaction, so
 * enabling it later revives no old cookie; `sessions`, the session cache of this process, forgets at once
 * (other processes: on SQLite at their next request, on PostgreSQL within the cache's few seconds).
 */
export async function disableUser(
  db: Kysely<Database>,
  username: string,
  disabled = true,
  by: ChangedBy = { actor: 'system' },
  options: { readonly sessions?: Pick<SessionCache, 'clear'> } = {},
): Promise<void> {
  const name = username.trim().toLowerCase();
  await db.transaction().execute(async (trx) => {
    const user = await findUserByName(trx, name);
    if (!user || !(await setDisabled(trx, name, disabled)))
      throw notFound('unknown_user', `Usuario desconocido: "${username}"`);
    await recordAudit(trx, {
      ...by,
      action: disabled ? 'user.disable' : 'user.enable',
      target: `user:${name}`,
      stateId: user.stateId,
      campusId: user.campusId,
    });
  });
  options.sessions?.clear();
}

export interface DemoAccount {
  readonly username: string;
  readonly password: string;
  readonly role: Role;
  readonly scope: string;
}

/**
 * One account per role for the demo, created once. The campus is the largest active campus of the state with
 * the most students (México), the tutor follows two groups of its latest school year.
 */
export async function createDemoAccounts(db: Kysely<Database>, now: Date): Promise<DemoAccount[] | null> {
  if ((await listUsers(db)).length > 0) return null;
  const campus = await largestCampusWithGroups(db, 15, [1, 2], 2);
  if (!campus) return null;
  const groups = campus.groups;
  const state = String(campus.stateId).padStart(2, '0');
  const specs: (Omit<AddUserInput, 'password'> & { scope: string })[] = [
    {
      username: 'nacional',
      displayName: 'Coordinación Nacional (demo)',
      role: 'national',
      scope: 'todo el país',
    },
    {
      username: 'estatal',
      displayName: 'Coordinación Estado de México (demo)',
      role: 'state',
      state,
      scope: `estado ${state}`,
    },
    {
      username: 'plantel',
      displayName: `Dirección ${campus.name} (demo)`,
      role: 'campus',
      campus: campus.cct,
      scope: `plantel ${campus.cct}`,
    },
    {
      username: 'tutor',
      displayName: 'Tutoría (demo)',
      role: 'tutor',
      campus: campus.cct,
      groups: [...groups],
      scope: `grupos ${groups.join(', ')} de ${campus.cct}`,
    },
    {
      username: 'analista',
      displayName: 'Análisis (demo)',
      role: 'analyst',
      scope: 'agregados y registros seudonimizados',
    },
  ];
  const out: DemoAccount[] = [];
  for (const spec of specs) {
    const password = randomBytes(9).toString('base64url');
    await addUser(db, { ...spec, password }, now);
    out.push({ username: spec.username, password, role: spec.role as Role, scope: spec.scope });
  }
  return out;
}
