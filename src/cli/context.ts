/** Shared command plumbing: global flags, configuration, opening the database. */
import { userInfo } from 'node:os';
import { loadConfig, type Config, type DatabaseTarget } from '../config.js';
import { AppError, invalid } from '../domain/errors.js';
import { isMigrated, migrateToLatest, openStore, type Store } from '../storage/db.js';
import { dialectAdapter } from '../storage/dialect.js';
import { prepareYearPartitions } from '../storage/partitions.js';
import { FORMATS, type Format } from './format.js';
import type { Lang } from './i18n.js';
import type { Io } from './io.js';

export interface GlobalFlags {
  readonly db?: string;
  readonly format?: string;
  readonly lang?: string;
}

export const GLOBAL_OPTIONS = {
  db: { type: 'string' },
  format: { type: 'string' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface Context {
  readonly io: Io;
  readonly config: Config;
  readonly format: Format;
  readonly lang: Lang;
  /** Who runs the command, for the audit log: 'cli:<os user>'. */
  readonly actor: string;
  /** Opens the database to write (created if missing). */
  open(): Store;
  /** Opens an existing, migrated database to read; a clear error when there is none. */
  openExisting(): Promise<Store>;
}

export function makeContext(io: Io, flags: GlobalFlags, defaultFormat: Format = 'table'): Context {
  const env = {
    ...io.env,
    ...(flags.db ? { DATABASE_URL: flags.db } : {}),
    ...(flags.lang ? { TRAYECTO_LANG: flags.lang } : {}),
  };
  const config = loadConfig(env);
  const format = (flags.format ?? defaultFormat) as Format;
  if (!FORMATS.includes(format)) {
    throw invalid(
      'invalid_format',
      `Formato desconocido: "${flags.format}". Valores válidos: ${FORMATS.join(', ')}`,
    );
  }
  const open = () => openStore(config.database);
  return {
    io,
    config,
    format,
    lang: config.lang,
    actor: cliActor(io.env),
    open,
    openExisting: () => openExisting(config, open, (text) => io.err(text)),
  };
}

/** 'cli:<os user>': the operating-system account that ran the command. */
export function cliActor(env: Readonly<Record<string, string | undefined>>): string {
  let name: string | undefined;
  try {
    name = userInfo().username;
  } catch {
    name = env.USER ?? env.USERNAME;
  }
  return `cli:${name || 'desconocido'}`;
}

async function openExisting(config: Config, open: () => Store, warn: (text: string) => void): Promise<Store> {
  const target: DatabaseTarget = config.database;
  const adapter = dialectAdapter(target.dialect);
  const where = adapter.placeOf(target);
  const missing = () =>
    new AppError(
      'unavailable',
      'no_database',
      `No hay base de datos en ${where}: cree la de demostración con "trayecto start" o "trayecto generate", o indique otra con --db`,
    );
  if (adapter.missingFile(target) !== null) throw missing();
  const store = open();
  if (!(await isMigrated(store.db))) {
    await store.close();
    throw missing();
  }
  // Migrations only add: an existing database is brought up to date on open, and the current and next school
  // year get their partitions (PostgreSQL) before an import or the server needs them.
  await migrateToLatest(store.db);
  try {
    await prepareYearPartitions(store.db, new Date(), config.lastSchoolYear);
  } catch (e) {
    // Not a reason to refuse the command: the import makes a missing year's partitions itself.
    warn(
      `Aviso: no se crearon por adelantado las particiones del ciclo escolar en curso y del siguiente: ${e instanceof Error ? e.message : String(e)}\n`,
    );
  }
  return store;
}
