/** Shared command plumbing: global flags, configuration, opening the database. */
import { loadConfig, type Config } from '../config.js';
import { invalid } from '../domain/errors.js';
import { openStore, type Store } from '../storage/db.js';
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
  open(): Store;
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
  return { io, config, format, lang: config.lang, open: () => openStore(config.database) };
}
