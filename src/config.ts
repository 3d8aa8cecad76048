/**
 * Configuration, parsed once at start-up from the environment and frozen. Nothing else reads process.env.
 * No DATABASE_URL → an SQLite file under ./data/; postgres://… → PostgreSQL.
 */
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { DEFAULT_FILE_LIMITS, LIMIT_ENV, type FileLimits } from './ingest/limits.js';

export type DatabaseTarget =
  | {
      readonly dialect: 'sqlite';
      readonly file: string;
      /**
       * How long a statement waits for another connection's write lock (a CLI import, another HTTP worker)
       * before failing with SQLITE_BUSY (the API's 503 `database_busy`); default DEFAULT_SQLITE_BUSY_TIMEOUT_MS.
       */
      readonly busyTimeoutMs?: number;
    }
  | { readonly dialect: 'postgres'; readonly url: string };

/** TRAYECTO_SQLITE_BUSY_TIMEOUT_MS by default: every SQLite connection waits this long for a write lock. */
export const DEFAULT_SQLITE_BUSY_TIMEOUT_MS = 5_000;

export interface Config {
  readonly database: DatabaseTarget;
  readonly lang: 'es' | 'en';
  readonly baselineYear: string;
  /**
   * The last school year data may name (AAAA-AAAA): imports refuse later terms and the API's current year never
   * goes past it. null: the school year that contains today's date.
   */
  readonly lastSchoolYear: string | null;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  readonly http: {
    readonly host: string;
    readonly port: number;
    readonly secureCookies: boolean;
    /** HTTP worker processes (node:cluster); 1 serves from the CLI process itself. */
    readonly workers: number;
    /**
     * Addresses of reverse proxies whose X-Forwarded-For is believed (api/client-address.ts); empty: the header
     * is ignored and the connection's peer is the client.
     */
    readonly trustedProxies: readonly string[];
  };
  /**
   * The worker threads of each HTTP process (analyses, group lists, imports, risk scoring: risk/threads.ts): at
   * most `max` alive, each V8 heap within `heapMb`. null fields: the defaults (DEFAULT_POOL_LIMITS).
   */
  readonly threads: { readonly max: number | null; readonly heapMb: number | null };
  /** Key of the pseudonymous student ids; when absent, a random key kept in the database is used. */
  readonly pseudonymSecret: string | null;
  /**
   * Years after a student's last enrollment that their name, CURP and birth date are kept; `trayecto db purge`
   * pseudonymizes them afterwards (services/operations/retention.ts). Aggregates and records stay.
   */
  readonly retentionYears: number;
  /**
   * Requests per minute (also the burst), per HTTP worker process: with W workers a client can reach up to
   * W × the limit. 0 turns a limit off (e.g. for load tests). See services/accounts/rate-limit.ts.
   */
  readonly rateLimits: {
    readonly api: { readonly perMinute: number };
  };
  /** Bounds on an imported file, checked while it is read (ingest/limits.ts, docs/IMPORTS.md). */
  readonly importLimits: FileLimits;
}

/** '::ffff:10.0.0.1' and '10.0.0.1' are the same client. */
export const normalizeAddress = (a: string): string =>
  a.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');

export const DEFAULT_SQLITE_FILE = 'data/trayecto.db';

const schema = z.object({
  DATABASE_URL: z.string().trim().optional(),
  TRAYECTO_LANG: z.enum(['es', 'en']).default('es'),
  TRAYECTO_BASELINE_YEAR: z
    .string()
    .regex(/^\d{4}-\d{4}$/, 'debe tener la forma AAAA-AAAA')
    .default('2017-2018'),
  TRAYECTO_LAST_SCHOOL_YEAR: z
    .string()
    .regex(/^(\d{4})-(\d{4})$/, 'debe tener la forma AAAA-AAAA')
    .refine((v) => Number(v.slice(5)) === Number(v.slice(0, 4)) + 1, 'los dos años deben ser consecutivos')
    .optional(),
  TRAYECTO_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  TRAYECTO_HOST: z.string().trim().min(1).default('127.0.0.1'),
  TRAYECTO_PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  TRAYECTO_SECURE_COOKIES: z.enum(['true', 'false']).default('false'),
  TRAYECTO_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  TRAYECTO_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  TRAYECTO_THREAD_HEAP_MB: z.coerce.number().int().min(64).max(65_536).optional(),
  TRAYECTO_PSEUDONYM_SECRET: z.string().min(16, 'debe tener al menos 16 caracteres').optional(),
  TRAYECTO_RETENTION_YEARS: z.coerce.number().int().min(1).max(100).default(10),
  TRAYECTO_TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((v) => v.split(',').map(normalizeAddress).filter(Boolean))
    .refine(
      (list) => list.every((a) => isIP(a) !== 0),
      'debe ser una lista de direcciones IP separadas por comas',
    ),
  TRAYECTO_RATE_API: z.coerce.number().int().min(0).default(1200),
  TRAYECTO_SQLITE_BUSY_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(600_000)
    .default(DEFAULT_SQLITE_BUSY_TIMEOUT_MS),
});

const positive = z.coerce.number().int().min(1);
const limitsSchema = z.object(
  Object.fromEntries(Object.values(LIMIT_ENV).map((name) => [name, positive.optional()])),
);

function importLimits(parsed: Readonly<Record<string, number | undefined>>): FileLimits {
  const out: Record<string, number> = { ...DEFAULT_FILE_LIMITS };
  for (const [key, name] of Object.entries(LIMIT_ENV)) {
    const v = parsed[name];
    if (v !== undefined) out[key] = v;
  }
  return Object.freeze(out as unknown as FileLimits);
}

export function databaseTarget(
  value: string | undefined,
  busyTimeoutMs = DEFAULT_SQLITE_BUSY_TIMEOUT_MS,
): DatabaseTarget {
  if (!value) return { dialect: 'sqlite', file: DEFAULT_SQLITE_FILE, busyTimeoutMs };
  if (/^postgres(ql)?:\/\//.test(value)) return { dialect: 'postgres', url: value };
  return { dialect: 'sqlite', file: value.replace(/^sqlite:(\/\/)?/, ''), busyTimeoutMs };
}

export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const parsed = schema.safeParse(env);
  const limits = limitsSchema.safeParse(env);
  if (!parsed.success || !limits.success) {
    const issues = [...(parsed.error?.issues ?? []), ...(limits.error?.issues ?? [])];
    const problems = issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Configuración inválida:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  return Object.freeze({
    database: Object.freeze(databaseTarget(e.DATABASE_URL || undefined, e.TRAYECTO_SQLITE_BUSY_TIMEOUT_MS)),
    lang: e.TRAYECTO_LANG,
    baselineYear: e.TRAYECTO_BASELINE_YEAR,
    lastSchoolYear: e.TRAYECTO_LAST_SCHOOL_YEAR ?? null,
    logLevel: e.TRAYECTO_LOG_LEVEL,
    http: Object.freeze({
      host: e.TRAYECTO_HOST,
      port: e.TRAYECTO_PORT,
      secureCookies: e.TRAYECTO_SECURE_COOKIES === 'true',
      workers: e.TRAYECTO_WORKERS ?? defaultWorkers(),
      trustedProxies: Object.freeze(e.TRAYECTO_TRUSTED_PROXIES),
    }),
    threads: Object.freeze({ max: e.TRAYECTO_THREADS ?? null, heapMb: e.TRAYECTO_THREAD_HEAP_MB ?? null }),
    pseudonymSecret: e.TRAYECTO_PSEUDONYM_SECRET ?? null,
    retentionYears: e.TRAYECTO_RETENTION_YEARS,
    rateLimits: Object.freeze({
      api: { perMinute: e.TRAYECTO_RATE_API },
    }),
    importLimits: importLimits(limits.data),
  });
}

/** One worker per core, at most 4: the API is CPU-bound and SQLite serves concurrent readers. */
function defaultWorkers(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}
