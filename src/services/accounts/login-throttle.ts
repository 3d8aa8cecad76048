/**
 * Use case: sign-in throttling that cannot be turned against the people it protects. No lockout waits for an
 * operator: failures earn delays that grow (1 min, 2, 4, 8, capped at 15) and expire by themselves, and a
 * success starts the count again.
 *
 * The delay of an attempt by account A from address X follows a weighted count of failures:
 *   the failures of A at X (weight 1) + those of A from other addresses (weight 1/5) + those of other names at
 *   X (weight 1/10).
 * From 5 on, the attempt waits 1 min after the last counted failure, doubling with each further failure.
 * An address where A has signed in before (a known pair, remembered 90 days) counts only A's own failures
 * there: someone else's failures, on A from elsewhere or on other accounts behind the same proxy, never delay
 * the owner at an address they use. During a delay every attempt gets the same answer, the right password
 * included (no oracle), and is not counted. Unknown names are counted like existing ones (no oracle either).
 *
 * The counters live in the database (login_throttle), so every HTTP worker sees the same counts; a counter not
 * touched for a day is forgotten.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.js';
import {
  deleteThrottle,
  purgeThrottle,
  readThrottle,
  saveThrottle,
  type ThrottleRow,
} from '../../storage/login-throttle.js';

export const THROTTLE = {
  /** Weighted failures allowed before the first delay. */
  freeFailures: 5,
  firstDelayMs: 60_000,
  maxDelayMs: 15 * 60_000,
  /** A failure of the same account from another address weighs 1/accountDivisor. */
  accountDivisor: 5,
  /** A failure of another name at the same address weighs 1/addressDivisor. */
  addressDivisor: 10,
  forgetAfterMs: 24 * 3_600_000,
  knownForMs: 90 * 24 * 3_600_000,
} as const;

const KNOWN = 'k:';
export const throttleKeys = (username: string, address: string) => ({
  pair: `p:${username}\n${address}`,
  account: `u:${username}`,
  address: `a:${address}`,
  known: `${KNOWN}${username}\n${address}`,
});
type Keys = ReturnType<typeof throttleKeys>;

export interface ThrottleState {
  readonly keys: Keys;
  readonly rows: Map<string, ThrottleRow>;
}

/** The delay (ms) after `weighted` failures: 0 below freeFailures, then 1 min doubling, capped. */
export function delayFor(weighted: number): number {
  if (weighted < THROTTLE.freeFailures) return 0;
  return Math.min(THROTTLE.maxDelayMs, THROTTLE.firstDelayMs * 2 ** (weighted - THROTTLE.freeFailures));
}

function count(state: ThrottleState, key: string, now: number): { failures: number; at: number } {
  const r = state.rows.get(key);
  if (!r) return { failures: 0, at: 0 };
  const at = Date.parse(r.lastAt);
  return now - at > THROTTLE.forgetAfterMs ? { failures: 0, at: 0 } : { failures: r.failures, at };
}

/** Weighted failures of this account at this address, and when the last of those counted was. */
export function weightedFailures(state: ThrottleState, now: number): { weighted: number; lastAt: number } {
  const pair = count(state, state.keys.pair, now);
  const known = state.rows.get(state.keys.known);
  if (known && now - Date.parse(known.lastAt) <= THROTTLE.knownForMs)
    return { weighted: pair.failures, lastAt: pair.at };
  const account = count(state, state.keys.account, now);
  const address = count(state, state.keys.address, now);
  const fromAccount = Math.floor(Math.max(0, account.failures - pair.failures) / THROTTLE.accountDivisor);
  const fromAddress = Math.floor(Math.max(0, address.failures - pair.failures) / THROTTLE.addressDivisor);
  const lastAt = Math.max(pair.at, fromAccount > 0 ? account.at : 0, fromAddress > 0 ? address.at : 0);
  return { weighted: pair.failures + fromAccount + fromAddress, lastAt };
}

export async function throttleState(
  db: Kysely<Database>,
  username: string,
  address: string,
): Promise<ThrottleState> {
  const keys = throttleKeys(username, address);
  return { keys, rows: await readThrottle(db, Object.values(keys)) };
}

/** Seconds this attempt must wait (0: it may go ahead). */
export function waitSeconds(state: ThrottleState, now: Date): number {
  const t = now.getTime();
  const { weighted, lastAt } = weightedFailures(state, t);
  const until = lastAt + delayFor(weighted);
  return until > t ? Math.ceil((until - t) / 1000) : 0;
}

/** Counts a failure on the pair, the account and the address; returns the pair's failures. */
export async function recordFailure(
  db: Kysely<Database>,
  state: ThrottleState,
  now: Date,
): Promise<{ failures: number; delaySeconds: number }> {
  const t = now.getTime();
  const at = now.toISOString();
  const next = (key: string): ThrottleRow => ({
    key,
    failures: count(state, key, t).failures + 1,
    lastAt: at,
  });
  const rows = [next(state.keys.pair), next(state.keys.account), next(state.keys.address)];
  await saveThrottle(db, rows);
  await purgeThrottle(
    db,
    new Date(t - THROTTLE.forgetAfterMs).toISOString(),
    new Date(t - THROTTLE.knownForMs).toISOString(),
    KNOWN,
  );
  const after = { keys: state.keys, rows: new Map([...state.rows, ...rows.map((r) => [r.key, r] as const)]) };
  return { failures: rows[1]?.failures ?? 1, delaySeconds: waitSeconds(after, now) };
}

/** A success: the account's counters start again and the address becomes one the account is known at. */
export async function recordSuccess(db: Kysely<Database>, state: ThrottleState, now: Date): Promise<void> {
  await deleteThrottle(db, [state.keys.pair, state.keys.account]);
  await saveThrottle(db, [{ key: state.keys.known, failures: 0, lastAt: now.toISOString() }]);
}
