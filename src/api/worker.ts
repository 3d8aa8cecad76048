/**
 * One HTTP worker of `trayecto serve --workers N` (node:cluster): its own database connection (SQLite in WAL
 * mode serves concurrent readers), its own result cache, the listening socket shared through the primary.
 * Configuration comes from the environment the primary sets (DATABASE_URL, TRAYECTO_HOST, TRAYECTO_PORT).
 */
import { loadConfig } from '../config.js';
import { openStore } from '../storage/db.js';
import { apiDeps, backgroundWork, createServerApp, listen } from './server.js';

const LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

const config = loadConfig(process.env);
const store = openStore(config.database);
const min = LEVELS.indexOf(config.logLevel);
const log = (entry: Record<string, unknown>) => {
  const level = LEVELS.indexOf((entry.level as (typeof LEVELS)[number]) ?? 'info');
  if (level >= min && config.logLevel !== 'silent') {
    process.stdout.write(
      `${JSON.stringify({ time: new Date().toISOString(), worker: process.pid, ...entry })}\n`,
    );
  }
};
const deps = await apiDeps(store, config, log);
process.on('message', (m: { type?: string; setupRisk?: boolean }) => {
  if (m.type === 'lead') backgroundWork(deps, store, log, m.setupRisk === true);
});
const { url } = await listen(createServerApp(deps), config.http.host, config.http.port);
process.send?.({ type: 'listening', url });
