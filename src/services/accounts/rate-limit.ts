/**
 * Use case: rate limits (token buckets kept in memory). A limit of N per minute lets a client spend up to N
 * requests at once and refills at N per minute; 0 turns a limit off.
 *
 * The buckets live in the process that answers: `trayecto serve` runs one HTTP worker per core (node:cluster)
 * and each worker keeps its own buckets, so a client whose requests are spread over W workers can reach up to
 * W × N per minute. That is deliberate (sharing them through the database would add a write to every request);
 * sign-in throttling (login-throttle.ts) is kept in the database and so holds across workers.
 */
export interface RateLimit {
  /** Requests allowed per minute (also the burst); 0 = unlimited. */
  readonly perMinute: number;
}

export interface RateLimiter {
  /** Spends one token of `key`'s bucket: 0 when allowed, else the seconds until a token is back (nothing spent). */
  take(key: string, now: number): number;
  /** Like take, without spending: 0 when `key` has a token left. */
  wait(key: string, now: number): number;
  /** Buckets currently kept (for tests and memory bounds). */
  readonly size: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Kept buckets beyond which full (idle) ones are dropped, then the least recently used. */
export const MAX_BUCKETS = 50_000;

export function rateLimiter(limit: RateLimit, maxBuckets = MAX_BUCKETS): RateLimiter {
  const capacity = limit.perMinute;
  const perMs = capacity / 60_000;
  const buckets = new Map<string, Bucket>();

  const level = (key: string, now: number) => {
    const b = buckets.get(key);
    return b ? Math.min(capacity, b.tokens + Math.max(0, now - b.at) * perMs) : capacity;
  };
  const secondsFor = (tokens: number) => Math.max(1, Math.ceil((1 - tokens) / perMs / 1000));

  const prune = (now: number) => {
    for (const k of buckets.keys()) if (level(k, now) >= capacity) buckets.delete(k);
    // Still too many: drop the least recently used (a Map iterates in insertion order; take() re-inserts).
    for (const k of buckets.keys()) {
      if (buckets.size <= maxBuckets * 0.9) break;
      buckets.delete(k);
    }
  };

  return {
    take(key, now) {
      if (capacity <= 0) return 0;
      const tokens = level(key, now);
      if (tokens < 1) return secondsFor(tokens);
      buckets.delete(key);
      buckets.set(key, { tokens: tokens - 1, at: now });
      if (buckets.size > maxBuckets) prune(now);
      return 0;
    },
    wait(key, now) {
      if (capacity <= 0) return 0;
      const tokens = level(key, now);
      return tokens < 1 ? secondsFor(tokens) : 0;
    },
    size: () => buckets.size,
  };
}

export interface RateLimits {
  /** API requests per session (per client address without one). */
  readonly api: RateLimit;
}

export interface Limiters {
  readonly api: RateLimiter;
}

export function limiters(limits: RateLimits): Limiters {
  return {
    api: rateLimiter(limits.api),
  };
}
