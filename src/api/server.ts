/** Runs the API and the built web app in one Node process. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Config } from '../config.js';
import { analysisRunner, keepComputed, type RunnerSetup } from '../services/analyses/index.js';
import { sessionCache } from '../services/accounts/index.js';
import { lastAcceptedYear } from '../services/imports/index.js';
import { pseudonymizer, pseudonymSecret } from '../services/accounts/index.js';
import { resultCache } from '../services/operations/index.js';
import { configureWorkerPool } from '../services/risk/index.js';
import { contentVersion, dataVersion } from '../storage/data-version.js';
import type { Store } from '../storage/db.js';
import { flowYears } from '../storage/flow-queries.js';
import { keepYearPartitionsAhead } from '../storage/partitions.js';
import { createApp } from './app.js';
import type { ApiDeps } from './context.js';

export const WEB_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url));

export async function apiDeps(
  store: Store,
  config: Config,
  log: ApiDeps['log'],
  analyses: RunnerSetup = {},
): Promise<ApiDeps> {
  const years = await flowYears(store.db);
  const version = dataVersion(store);
  // The bounds of this process's worker threads (docs/SCALING.md "Load").
  configureWorkerPool({
    ...(config.threads.max !== null ? { max: config.threads.max } : {}),
    ...(config.threads.heapMb !== null ? { heapMb: config.threads.heapMb } : {}),
  });
  return {
    db: store.db,
    config,
    pseudonyms: pseudonymizer(await pseudonymSecret(store.db, config.pseudonymSecret)),
    // The latest year with data, never past the last school year accepted (data cannot push it forward).
    currentYear: years.filter((y) => y <= lastAcceptedYear(config.lastSchoolYear, new Date())).at(-1) ?? '',
    now: () => new Date(),
    log,
    // Aggregates change with imports and record changes, not with every commit (audit rows of views).
    cache: resultCache(contentVersion(store)),
    sessions: sessionCache(store.db, version),
    analyses: analysisRunner(store, { log, ...analyses }),
  };
}

/** The API plus the web app (web/dist) with a fallback to index.html for client-side routes. */
export function createServerApp(deps: ApiDeps, webRoot = WEB_ROOT) {
  const app = createApp(deps);
  if (existsSync(join(webRoot, 'index.html'))) {
    const index = readFileSync(join(webRoot, 'index.html'), 'utf8');
    app.use('/assets/*', serveStatic({ root: webRoot }));
    app.get('*', serveStatic({ root: webRoot }));
    app.get('*', (c) => (c.req.path.startsWith('/api/') ? c.notFound() : c.html(index)));
  } else {
    app.get('/', (c) =>
      c.text('La aplicación web no está compilada: ejecute npm run build:web. La API está en /api/v1.'),
    );
  }
  return app;
}

export function listen(
  app: ReturnType<typeof createServerApp>,
  host: string,
  port: number,
): Promise<{ server: ServerType; url: string }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info) => {
      resolve({ server, url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${info.port}/` });
    });
  });
}

/**
 * The work of the process that serves alone (or of the cluster's lead worker, api/worker.ts): the analyses'
 * defaults computed now and whenever the data change, and, on a first start, the risk model trained and the
 * students scored (services/analyses/), all in worker threads.
 */
export function backgroundWork(
  deps: ApiDeps,
  store: Store,
  log: (entry: Record<string, unknown>) => void,
  setupRisk: boolean,
): void {
  keepComputed(deps.analyses, store, log);
  // The current and next school year's partitions (PostgreSQL), now and hourly: the server may run across August.
  keepYearPartitionsAhead(store.db, { lastSchoolYear: deps.config.lastSchoolYear, log });
  if (setupRisk) void deps.analyses.setupRisk('sistema');
}
