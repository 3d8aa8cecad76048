/**
 * The HTTP application: request ids and structured logs (paths only, never query strings or bodies, so no
 * personal data), security headers, body limits, cookie sessions, routes, OpenAPI 3.1 and its docs page.
 */
import { randomUUID } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import type { ApiDeps, ApiEnv } from './context.js';
import { errorBody, errorResponse } from './errors.js';
import { docsRoutes } from './docs.js';
import { messageLanguage } from './language.js';
import { openApiDocument } from './openapi.js';
import { contractProblems, declaredSchemas } from './response-contract.js';
import { isRequestId } from '../services/operations/index.js';
import { apiRateLimits } from './rate-limit.js';
import { aggregateRoutes } from './routes/aggregates.js';
import { analysisRoutes } from './routes/analyses.js';
import { auditRoutes } from './routes/audit.js';
import { catalogRoutes } from './routes/catalog.js';
import { reportRoutes } from './routes/reports.js';
import { breakdownRoutes } from './routes/breakdown.js';
import { riskRoutes } from './routes/risk.js';
import { sessionRoutes, SESSION_COOKIE } from './routes/session.js';
import { studentRoutes } from './routes/students.js';
import { groupSheetRoutes } from './routes/group-sheet.js';
import { interventionRoutes } from './routes/interventions.js';
import { importRoutes, MAX_UPLOAD_BYTES } from './routes/imports.js';
import { transferRoutes } from './routes/transfers.js';
import { reportedRoutes } from './routes/reported.js';

export const MAX_BODY_BYTES = 64 * 1024;

export interface AppOptions {
  /** Tests: every JSON answer of /api/v1 is checked against its declared schema (response-contract.ts). */
  readonly checkResponses?: boolean;
}

export function createApp(deps: ApiDeps, options: AppOptions = {}) {
  const app = new OpenAPIHono<ApiEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const issue = result.error.issues[0];
      const param = issue?.path.join('.') || 'solicitud';
      const message = issue
        ? `Parámetro inválido: ${param} (${issue.message})`
        : `Parámetro inválido: ${param}`;
      return c.json(errorBody('invalid_parameter', message), 400);
    },
  });

  // Outermost: every answer of the layers below, errors included, is put in the request's language.
  app.use('*', messageLanguage);
  if (options.checkResponses) {
    let schemas: ReturnType<typeof declaredSchemas> | undefined;
    app.use('/api/v1/*', async (c, next) => {
      await next();
      // HEAD answers carry the headers of the GET and no body: nothing to check.
      if (c.req.method === 'HEAD') return;
      if (!(c.res.headers.get('content-type') ?? '').startsWith('application/json')) return;
      schemas ??= declaredSchemas(app);
      const body: unknown = await c.res.clone().json();
      const problems = contractProblems(schemas, c.req.method, c.req.routePath, c.res.status, body);
      if (problems.length > 0) c.res = c.json(errorBody('contract_violation', problems.join('; ')), 500);
    });
  }
  app.use('*', async (c, next) => {
    const started = performance.now();
    // A client's id (e.g. a proxy's) is kept only in the strict form; anything else is replaced, never logged.
    const given = c.req.header('x-request-id');
    c.set('requestId', given !== undefined && isRequestId(given) ? given : randomUUID());
    c.header('X-Request-Id', c.get('requestId'));
    await next();
    deps.log({
      level: 'info',
      requestId: c.get('requestId'),
      method: c.req.method,
      path:
        c.req.routePath === '/*'
          ? new URL(c.req.url).pathname.replace(/\/students\/[^/]+$/, '/students/:id')
          : c.req.routePath,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  });
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  app.use('/api/*', csrf());
  const smallBodies = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => c.json(errorBody('payload_too_large', 'La solicitud es demasiado grande'), 413),
  });
  // File uploads have their own limit (routes/imports.ts). A GET or HEAD has no body to limit (looking for one
  // would make the Node adapter build a full Request, a tenth of a search's time).
  app.use('/api/*', (c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.path.startsWith('/api/v1/imports/')
      ? next()
      : smallBodies(c as never, next),
  );
  // Text never carries NUL: PostgreSQL refuses it in text columns and parameters (an error, not an answer), so
  // a query string or JSON body holding one is a bad request (file uploads are parsed as bytes instead).
  app.use('/api/*', async (c, next) => {
    let bad = c.req.url.includes('%00');
    const upload = c.req.path.startsWith('/api/v1/imports/');
    const bodiless = c.req.method === 'GET' || c.req.method === 'HEAD'; // a body sent anyway is never read
    if (!bad && !upload && !bodiless && (c.req.header('content-type') ?? '').includes('json'))
      bad = (await c.req.text()).includes('\\u0000');
    if (bad) return c.json(errorBody('invalid_text', 'La solicitud contiene un carácter nulo (U+0000)'), 400);
    return next();
  });
  const limits = apiRateLimits(deps);
  app.use('/api/v1/*', limits.beforeAuth);
  app.use('/api/v1/*', async (c, next) => {
    if (c.req.path === '/api/v1/session' && c.req.method === 'POST') return next();
    const { user, scope } = await deps.sessions.authenticate(
      getCookie(c as never, SESSION_COOKIE),
      deps.now(),
    );
    c.set('user', user);
    c.set('scope', scope);
    return next();
  });
  app.use('/api/v1/*', limits.afterAuth);

  sessionRoutes(app, deps);
  catalogRoutes(app, deps);
  aggregateRoutes(app, deps);
  studentRoutes(app, deps);
  interventionRoutes(app, deps);
  groupSheetRoutes(app, deps);
  auditRoutes(app, deps);
  reportRoutes(app, deps);
  riskRoutes(app, deps);
  breakdownRoutes(app, deps);
  importRoutes(app, deps);
  transferRoutes(app, deps);
  reportedRoutes(app, deps);
  analysisRoutes(app, deps);

  const document = openApiDocument(app, MAX_UPLOAD_BYTES);
  app.get('/api/openapi.json', (c) => c.json(document()));
  docsRoutes(app);
  app.notFound((c) => c.json(errorBody('not_found', 'Ruta desconocida'), 404));
  app.onError((err, c) => errorResponse(c as never, err, deps.log));
  return app;
}
