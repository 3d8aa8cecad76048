import cluster from 'node:cluster';
import { fileURLToPath } from 'node:url';
import { parseArgs } from '../args.js';
import { apiDeps, backgroundWork, createServerApp, listen } from '../../api/server.js';
import type { Config } from '../../config.js';
import { invalid } from '../../domain/errors.js';
import { createDemoAccounts } from '../../services/accounts/index.js';
import type { Store } from '../../storage/db.js';
import { dialectAdapter } from '../../storage/dialect.js';
import { GLOBAL_OPTIONS, makeContext } from '../context.js';
import type { Io } from '../io.js';

export const SERVE_HELP = `trayecto serve [--port 3000] [--host 127.0.0.1] [--db RUTA|URL]
  Sirve la API (/api/v1, documentación en /api/docs) y la aplicación web en un solo proceso.`;

const LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

/** Structured JSON logs on stdout, at or above the configured level. */
export function jsonLogger(io: Io, config: Config) {
  const min = LEVELS.indexOf(config.logLevel);
  return (entry: Record<string, unknown>) => {
    const level = LEVELS.indexOf((entry.level as (typeof LEVELS)[number]) ?? 'info');
    if (level >= min && config.logLevel !== 'silent')
      io.out(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
  };
}

export async function serveCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { ...GLOBAL_OPTIONS, port: { type: 'string' }, host: { type: 'string' } },
  });
  if (values.help) return (io.out(`${SERVE_HELP}\n`), 0);
  const ctx = makeContext(io, values);
  const store = await ctx.openExisting();
  await runServer(io, store, ctx.config, values.host, values.port);
  return 0;
}

/** Serves until the process is stopped; prints the URL and, the first time, the demo accounts. */
export async function runServer(
  io: Io,
  store: Store,
  config: Config,
  host?: string,
  port?: string,
  options: { readonly setupRisk?: boolean } = {},
): Promise<never> {
  const portNumber = port === undefined ? config.http.port : Number(port);
  if (!Number.isInteger(portNumber) || portNumber < 0 || portNumber > 65_535)
    throw invalid('invalid_port', `Puerto inválido: "${port}"`);
  const accounts = await createDemoAccounts(store.db, new Date());
  if (accounts) {
    io.err('\nCuentas de demostración (se muestran solo esta vez; guárdelas):\n');
    for (const a of accounts)
      io.err(`  ${a.username.padEnd(10)} ${a.password}   rol ${a.role} · ${a.scope}\n`);
  }
  const hostName = host ?? config.http.host;
  let url: string;
  if (config.http.workers > 1) url = await forkWorkers(io, store, config, hostName, portNumber, options);
  else {
    const log = jsonLogger(io, config);
    const deps = await apiDeps(store, config, log);
    url = (await listen(createServerApp(deps), hostName, portNumber)).url;
    backgroundWork(deps, store, log, options.setupRisk === true);
  }
  io.err(`\nTrayecto en ${url}  (API: ${url}api/v1, documentación: ${url}api/docs). Ctrl+C para detener.\n`);
  return new Promise<never>(() => {});
}

/**
 * Several worker processes share the port (node:cluster): one Node process is one core, and the API is CPU-bound.
 * A worker that dies is replaced. Resolves with the URL once the first worker listens.
 */
async function forkWorkers(
  io: Io,
  store: Store,
  config: Config,
  host: string,
  port: number,
  options: { readonly setupRisk?: boolean },
): Promise<string> {
  const database = dialectAdapter(config.database.dialect).urlOf(config.database);
  await store.close();
  cluster.setupPrimary({ exec: fileURLToPath(new URL('../../api/worker.js', import.meta.url)), args: [] });
  const env = { DATABASE_URL: database, TRAYECTO_HOST: host, TRAYECTO_PORT: String(port) };
  // One worker (the lead) keeps the analyses computed and, on a first start, prepares early warning.
  let lead: number | null = null;
  return new Promise<string>((resolve) => {
    const fork = () => {
      const worker = cluster.fork(env);
      worker.on('message', (m: { type?: string; url?: string }) => {
        if (m.type === 'listening' && lead === null) {
          lead = worker.id;
          worker.send({ type: 'lead', setupRisk: options.setupRisk === true });
        }
        if (m.type === 'listening' && m.url) {
          // With port 0 the first worker's port is shared by the others.
          if (port === 0) env.TRAYECTO_PORT = new URL(m.url).port;
          resolve(m.url);
        }
      });
    };
    cluster.on('exit', (worker, code, signal) => {
      if (worker.id === lead) lead = null;
      io.err(`Proceso ${worker.process.pid ?? '?'} terminó (${signal ?? code}); se reinicia.\n`);
      fork();
    });
    for (let i = 0; i < config.http.workers; i++) fork();
  });
}
