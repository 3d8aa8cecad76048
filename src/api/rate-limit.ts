/**
 * Rate limits of the HTTP API (services/accounts/rate-limit.ts): API requests per signed-in user, or per client address
 * (client-address.ts) for requests without a valid session. An empty bucket answers 429 with Retry-After and
 * the error envelope. Limits are per HTTP worker process (see config.ts). Sign-in attempts are throttled by
 * services/accounts/login-throttle.ts instead (delays kept in the database, per account and address).
 */
import type { MiddlewareHandler } from 'hono';
import { limiters } from '../services/accounts/index.js';
import { clientAddress } from './client-address.js';
import type { ApiDeps, ApiEnv } from './context.js';
import { tooManyRequests } from './errors.js';
import { SESSION_COOKIE } from './routes/session.js';

const LOGIN_PATH = '/api/v1/session';

export interface ApiRateLimits {
  /** Before authentication: requests of clients without a valid session. */
  readonly beforeAuth: MiddlewareHandler<ApiEnv>;
  /** After authentication: requests per signed-in user. */
  readonly afterAuth: MiddlewareHandler<ApiEnv>;
}

export function apiRateLimits(deps: ApiDeps): ApiRateLimits {
  const l = limiters(deps.config.rateLimits);
  const now = () => deps.now().getTime();
  return {
    beforeAuth: async (c, next) => {
      if (c.req.path === LOGIN_PATH && c.req.method === 'POST') return next(); // throttled by login()
      const ip = clientAddress(c, deps.config.http.trustedProxies);
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
      if (!c.get('user')) return next(); // the login request, throttled by login()
      const wait = l.api.take(`user:${c.get('user').id}`, now());
      if (wait > 0) return tooManyRequests(c, wait);
      return next();
    },
  };
}
