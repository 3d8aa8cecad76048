import { createRoute, z } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { roleLabel, ROLES } from '../../domain/access.js';
import { login, LoginDelayed, logout, type LoginResult } from '../../services/accounts/index.js';
import { campusById } from '../../storage/catalog-queries.js';
import { clientAddress } from '../client-address.js';
import type { Api, ApiDeps } from '../context.js';
import { tooManyRequests } from '../errors.js';
import { errors, json } from '../schemas.js';

export const SESSION_COOKIE = 'trayecto_session';

const UserSchema = z
  .object({
    username: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    roleLabel: z.string(),
    stateCode: z.string().nullable(),
    campusCct: z.string().nullable(),
  })
  .openapi('User');

async function presentUser(
  deps: ApiDeps,
  u: {
    username: string;
    displayName: string;
    role: Parameters<typeof roleLabel>[0];
    stateId: number | null;
    campusId: number | null;
  },
) {
  const campus = u.campusId === null ? undefined : await campusById(deps.db, u.campusId);
  return {
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    roleLabel: roleLabel(u.role, 'es'),
    stateCode: u.stateId === null ? null : String(u.stateId).padStart(2, '0'),
    campusCct: campus?.cct ?? null,
  };
}

export function sessionRoutes(app: Api, deps: ApiDeps): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/session',
      summary: 'Iniciar sesión',
      request: {
        body: {
          content: {
            'application/json': {
              schema: z.object({ username: z.string().min(1).max(80), password: z.string().min(1).max(200) }),
            },
          },
          required: true,
        },
      },
      responses: { 200: json(z.object({ user: UserSchema }), 'Sesión iniciada; cookie HttpOnly'), ...errors },
    }),
    async (c) => {
      const { username, password } = c.req.valid('json');
      const address = clientAddress(c, deps.config.http.trustedProxies);
      let result: LoginResult;
      try {
        result = await login(deps.db, username, password, deps.now(), address);
      } catch (e) {
        if (e instanceof LoginDelayed) return tooManyRequests(c, e.retryAfter) as never;
        throw e;
      }
      setCookie(c, SESSION_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'Strict',
        secure: deps.config.http.secureCookies,
        path: '/',
        expires: result.expiresAt,
      });
      deps.log({ level: 'info', requestId: c.get('requestId'), event: 'login', role: result.user.role });
      return c.json({ user: await presentUser(deps, result.user) }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/session',
      summary: 'Usuario de la sesión',
      responses: { 200: json(z.object({ user: UserSchema }), 'Usuario'), ...errors },
    }),
    async (c) => c.json({ user: await presentUser(deps, c.get('user')) }, 200),
  );
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/session',
      summary: 'Cerrar sesión',
      responses: { 204: { description: 'Sesión cerrada' } },
    }),
    async (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) {
        deps.sessions.forget(token);
        await logout(deps.db, token);
      }
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    },
  );
}
