/**
 * Rate limits of the HTTP API (services/rate-limit.ts): login attempts per client address and per user name,
 * API requests per signed-in user, or per client address for requests without a valid session. An empty bucket
 * answers 429 with Retry-After and the error envelope. Limits are per HTTP worker process (see config.ts).
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { limiters } from '../services/rate-limit.js';
import type { ApiDeps, ApiEnv } from './context.js';
import { errorBody } from './errors.js';
import { SESSION_COOKIE } from './routes/session.js';

const LOGIN_PATH = '/api/v1/session';

/** The peer address of the connection; 'local' when there is none (in-process requests). */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'local';
  } catch {
    return 'local';
  }
}

export function tooManyRequests(c: Context, seconds: number) {
  c.header('Retry-After', String(seconds));
  return c.json(
    errorBody('rate_limited', `Demasiadas solicitudes: espere ${seconds} s e intente de nuevo`),
    429,
  );
}

export interface ApiRateLimits {
  /** Before authentication: login attempts, and requests of clients without a valid session. */
  readonly beforeAuth: MiddlewareHandler<ApiEnv>;
  /** After authentication: requests per signed-in user. */
  readonly afterAuth: MiddlewareHandler<ApiEnv>;
}

export function apiRateLimits(deps: ApiDeps): ApiRateLimits {
  const l = limiters(deps.config.rateLimits);
  const now = () => deps.now().getTime();
  return {
    beforeAuth: async (c, next) => {
      const ip = clientAddress(c);
      if (c.req.path === LOGIN_PATH && c.req.method === 'POST') {
        const waitIp = l.loginPerIp.take(ip, now());
        if (waitIp > 0) return tooManyRequests(c, waitIp);
        const username = await bodyUsername(c);
        if (username !== null) {
          const waitUser = l.loginPerUser.take(username, now());
          if (waitUser > 0) return tooManyRequests(c, waitUser);
        }
        return next();
      }
      // Requests that fail authentication are counted per address; while that bucket is empty the address gets
      // 429 for anything but a valid session's requests, which afterAuth counts per user.
      const waitIp = l.api.wait(`ip:${ip}`, now());
      // Without a session cookie the request cannot authenticate: refused at once, without a database query.
      if (waitIp > 0 && !c.req.header('cookie')?.includes(`${SESSION_COOKIE}=`))
        return tooManyRequests(c, waitIp);
      await next();
      if (c.res.status === 401) {
        if (waitIp > 0 || l.api.take(`ip:${ip}`, now()) > 0) {
          c.res = tooManyRequests(c, Math.max(waitIp, l.api.wait(`ip:${ip}`, now())));
        }
      }
    },
    afterAuth: async (c, next) => {
      if (!c.get('user')) return next(); // the login request, limited above
      const wait = l.api.take(`user:${c.get('user').id}`, now());
      if (wait > 0) return tooManyRequests(c, wait);
      return next();
    },
  };
}

/** The user name of a login body, normalized as login() does; null when the body is not the expected JSON. */
async function bodyUsername(c: Context): Promise<string | null> {
  try {
    const body: unknown = await c.req.json();
    if (body && typeof body === 'object' && 'username' in body && typeof body.username === 'string')
      return body.username.trim().toLowerCase().slice(0, 200);
  } catch {
    // not JSON: the route's validator answers 400
  }
  return null;
}
