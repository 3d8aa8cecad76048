/**
 * Use case: sign in and out with local accounts. Passwords are hashed with scrypt; a session is a random token
 * whose SHA-256 alone is stored. A wrong password and an unknown account get the same answer, after the same
 * work. Repeated failures earn delays that expire by themselves (services/accounts/login-throttle.ts), never a lockout.
 */
import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { Kysely } from 'kysely';
import type { Scope } from '../../domain/access.js';
import { AppError } from '../../domain/errors.js';
import type { Database } from '../../storage/schema.js';
import { recordAudit } from '../operations/index.js';
import { recordFailure, recordSuccess, throttleState, waitSeconds } from './login-throttle.js';
import {
  deleteSession,
  findUserByName,
  insertSession,
  sessionScope,
  type UserRecord,
} from '../../storage/users.js';

const scrypt = promisify(scryptCb) as (
  pw: string,
  salt: Buffer,
  len: number,
  opts: object,
) => Promise<Buffer>;
const PARAMS = { N: 16_384, r: 8, p: 1 } as const;
export const SESSION_HOURS = 12;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, 32, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

// Verified against when the account does not exist, so that both failures take the same time.
const DUMMY_HASH = hashPassword(randomBytes(12).toString('hex'));

const badCredentials = () =>
  new AppError('unauthorized', 'bad_credentials', 'Usuario o contraseña incorrectos');

/** A sign-in refused before its password is checked: the account at this address waits `retryAfter` s. */
export class LoginDelayed extends AppError {
  constructor(readonly retryAfter: number) {
    super('unavailable', 'rate_limited', `Demasiados intentos: espere ${retryAfter} s e intente de nuevo`);
  }
}

export const tokenId = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface LoginResult {
  readonly token: string;
  readonly expiresAt: Date;
  readonly user: UserRecord;
}

/**
 * Signs in `username` from `address` (the client's address, for the throttle). While a delay runs every attempt
 * gets LoginDelayed, the right password included; a wrong password (also for an unknown name) counts a failure.
 */
export async function login(
  db: Kysely<Database>,
  username: string,
  password: string,
  now: Date,
  address = 'local',
): Promise<LoginResult> {
  const name = username.trim().toLowerCase().slice(0, 200);
  const throttle = await throttleState(db, name, address);
  const wait = waitSeconds(throttle, now);
  if (wait > 0) throw new LoginDelayed(wait);
  const user = await findUserByName(db, name);
  const ok = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_HASH));
  if (!user || user.disabled || !ok) {
    if (!ok) {
      const counted = await recordFailure(db, throttle, now);
      // Audited for existing accounts only: an unknown name may be a mistyped password.
      if (user)
        await recordAudit(db, {
          actor: user.username,
          role: user.role,
          action: counted.delaySeconds > 0 ? 'login.locked' : 'login.failed',
          target: `user:${user.username}`,
          stateId: user.stateId,
          campusId: user.campusId,
          details: {
            failures: counted.failures,
            ...(counted.delaySeconds > 0 ? { delaySeconds: counted.delaySeconds } : {}),
          },
          at: now,
        });
    }
    throw badCredentials();
  }
  await recordSuccess(db, throttle, now);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  await insertSession(db, tokenId(token), user.id, now.toISOString(), expiresAt.toISOString());
  return { token, expiresAt, user };
}

export async function logout(db: Kysely<Database>, token: string): Promise<void> {
  await deleteSession(db, tokenId(token));
}

export interface SessionCache {
  /** The user and scope of a session token, or an `unauthorized` error. */
  authenticate(token: string | undefined, now: Date): Promise<{ user: UserRecord; scope: Scope }>;
  /** Drops a token at once (sign-out in this process). */
  forget(token: string): void;
  /** Drops every entry (an account changed in this process). */
  clear(): void;
}

/**
 * Sessions resolved once and then kept for at most `ttlMs` (and never past the session's expiry), dropped as
 * soon as the data version changes (on SQLite: any commit by another connection, such as `trayecto user
 * disable` or a sign-in served by another worker). A change the version does not see (PostgreSQL, where it
 * only tracks imports) takes effect within `ttlMs`. Failures are never cached.
 */
export function sessionCache(
  db: Kysely<Database>,
  version: () => Promise<string> | string,
  ttlMs = 5_000,
  max = 10_000,
): SessionCache {
  const entries = new Map<string, { user: UserRecord; scope: Scope; until: number }>();
  let seen: string | null = null;
  return {
    async authenticate(token, now) {
      if (!token) throw new AppError('unauthorized', 'no_session', 'Inicie sesión para continuar');
      const v = await version();
      if (v !== seen) {
        entries.clear();
        seen = v;
      }
      const id = tokenId(token);
      const t = now.getTime();
      const hit = entries.get(id);
      if (hit && hit.until > t) return { user: hit.user, scope: hit.scope };
      entries.delete(id);
      const found = await sessionScope(db, id, now.toISOString());
      if (!found) throw new AppError('unauthorized', 'no_session', 'Inicie sesión para continuar');
      const until = Math.min(t + ttlMs, Date.parse(found.expiresAt));
      if (entries.size >= max) entries.delete(entries.keys().next().value as string);
      entries.set(id, { user: found.user, scope: found.scope, until });
      return { user: found.user, scope: found.scope };
    },
    forget(token) {
      entries.delete(tokenId(token));
    },
    clear() {
      entries.clear();
    },
  };
}
