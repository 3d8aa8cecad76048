/**
 * The PostgreSQL backup program: `pg_dump --format=custom` of the application's schema (the first of the
 * search_path), and a restore that drops and recreates that schema inside one transaction (pg_restore's script
 * run by psql, COMMIT sent only once pg_restore has written everything and the restored schema has been
 * verified, backup-verify.ts): a failed or interrupted restore changes nothing. Needs the PostgreSQL client
 * programs (pg_dump, pg_restore, psql) of the server's major version or newer. Chosen by the dialect adapter
 * (dialect.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { AppError } from '../domain/errors.js';
import {
  expectArchiveOf,
  missingDatabase,
  type PgTools,
  type RestoreOptions,
  type RestoreResult,
  type TableRows,
} from './backup-archive.js';
import { pgReferenceDefinitions, pgVerificationSql, verifiedByPsql } from './backup-verify.js';
import { openStore } from './db.js';
import { schemaTables } from './meta.js';

/**
 * The URL as libpq reads it, and the password apart (passed in PGPASSWORD, never on a command line). Query
 * parameters written as a form (`+` for a space, as URLSearchParams does) are re-encoded with %20.
 */
export function libpqUrl(url: string): { url: string; password: string | null } {
  const m = /^(postgres(?:ql)?:\/\/)([^@/?]*@)?(.*)$/.exec(url);
  if (!m) return { url, password: null };
  const [, scheme = '', userinfo = '', rest = ''] = m;
  let password: string | null = null;
  let user = userinfo;
  const colon = userinfo.indexOf(':');
  if (colon >= 0) {
    password = decodeURIComponent(userinfo.slice(colon + 1, -1));
    user = `${userinfo.slice(0, colon)}@`;
  }
  const q = rest.indexOf('?');
  const fixed = q < 0 ? rest : `${rest.slice(0, q)}?${rest.slice(q + 1).replaceAll('+', '%20')}`;
  return { url: `${scheme}${user}${fixed}`, password };
}

interface Run {
  readonly code: number;
  readonly stderr: string;
}

interface Tool {
  readonly child: ChildProcess;
  readonly done: Promise<Run>;
}

/** Starts a client program; a missing program is an `unavailable` error that says what to install. */
function startTool(program: string, args: readonly string[], password: string | null, stdin: boolean): Tool {
  const env = { ...process.env, ...(password === null ? {} : { PGPASSWORD: password }) };
  const child = spawn(program, args, { env, stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
  const done = new Promise<Run>((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      if (stderr.length < 20_000) stderr += d.toString('utf8');
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT')
        reject(
          new AppError(
            'unavailable',
            'pg_tools_missing',
            `No se encontró ${program}: instale los programas cliente de PostgreSQL (en Debian/Ubuntu, el paquete postgresql-client de la versión del servidor o posterior)`,
          ),
        );
      else reject(e);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, stderr }));
  });
  // A consumer that stops reading (psql after an error) must not crash the process with EPIPE.
  child.stdin?.on('error', () => {});
  return { child, done };
}

async function runTool(
  program: string,
  args: readonly string[],
  password: string | null,
): Promise<Run & { stdout: string }> {
  const tool = startTool(program, args, password, false);
  let stdout = '';
  tool.child.stdout?.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  const r = await tool.done;
  return { ...r, stdout };
}

const toolFailed = (what: string, r: Run) =>
  new AppError('unavailable', 'pg_tool_failed', `${what} falló (código ${r.code})`, lastLines(r.stderr));

const lastLines = (text: string) => text.trim().split('\n').filter(Boolean).slice(-10);

async function currentSchema(url: string): Promise<{ schema: string; tables: number }> {
  const store = openStore({ dialect: 'postgres', url });
  try {
    const row = await schemaTables(store.db);
    if (!row?.schema)
      throw new AppError('unavailable', 'no_schema', 'La base de datos no tiene un esquema actual');
    return { schema: row.schema, tables: Number(row.tables) };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('unavailable', 'database_unreachable', 'No se puede conectar con PostgreSQL', [
      (e as Error).message,
    ]);
  } finally {
    await store.close();
  }
}

/** Writes a custom-format archive of the current schema to `tmp`; its tables (rows not counted). */
export async function backupPostgres(url: string, tmp: string, tools: PgTools): Promise<TableRows[]> {
  const { schema, tables } = await currentSchema(url);
  if (tables === 0) throw missingDatabase(`el esquema ${schema} de PostgreSQL`);
  const conn = libpqUrl(url);
  const r = await runTool(
    tools.pgDump,
    [
      '--format=custom',
      `--schema=${schema}`,
      '--no-owner',
      '--no-privileges',
      `--file=${tmp}`,
      `--dbname=${conn.url}`,
    ],
    conn.password,
  );
  if (r.code !== 0) throw toolFailed('pg_dump', r);
  return (await archiveContents(tmp, tools)).tables;
}

/** The schema an archive restores into and its tables, from pg_restore --list. */
async function archiveContents(
  file: string,
  tools: PgTools,
): Promise<{ schema: string | null; createsSchema: boolean; tables: TableRows[] }> {
  const r = await runTool(tools.pgRestore, ['--list', file], null);
  const list = r.stdout;
  if (r.code !== 0)
    throw new AppError(
      'invalid',
      'backup_corrupt',
      `La copia ${file} está dañada o incompleta`,
      lastLines(r.stderr),
    );
  // Entries look like: "215; 1259 16390 TABLE public campuses root" (owner last, or "-" with --no-owner).
  const entries = list.split('\n').filter((l) => /^\d+;/.test(l));
  const tables: TableRows[] = [];
  // A partition (storage/partitions.ts) is a TABLE of its own, attached to its table by a TABLE ATTACH entry:
  // listed with its table, not on its own.
  const partitions = new Set(
    entries.flatMap((l) => /^\d+; \d+ \d+ TABLE ATTACH \S+ (\S+)/.exec(l)?.[1] ?? []),
  );
  let schema: string | null = null;
  let createsSchema = false;
  for (const line of entries) {
    const m = /^\d+; \d+ \d+ (TABLE DATA|TABLE ATTACH|TABLE|SCHEMA) (\S+) (\S+)/.exec(line);
    if (!m) continue;
    if (m[1] === 'SCHEMA') {
      createsSchema = true;
      schema = m[3] ?? null;
    } else if (m[1] === 'TABLE' && !partitions.has(m[3] ?? '')) {
      schema ??= m[2] ?? null;
      tables.push({ name: m[3] ?? '', rows: null });
    }
  }
  tables.sort((a, b) => a.name.localeCompare(b.name));
  return { schema, createsSchema, tables };
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Restores the archive `file` into the current schema of `url`, all or nothing (one transaction). */
export async function restorePostgres(
  file: string,
  url: string,
  { force, pgTools: tools }: RestoreOptions,
): Promise<RestoreResult> {
  expectArchiveOf(file, 'postgres');
  const archive = await archiveContents(file, tools);
  if (!archive.tables.some((t) => t.name === 'flow_counts'))
    throw new AppError('invalid', 'not_a_backup', `${file} no es una copia de una base de datos de Trayecto`);
  const { schema, tables } = await currentSchema(url);
  if (archive.schema !== schema)
    throw new AppError(
      'invalid',
      'backup_schema_mismatch',
      `La copia es del esquema ${archive.schema ?? '(desconocido)'} y la base de datos usa el esquema ${schema}`,
    );
  if (tables > 0 && !force)
    throw new AppError(
      'conflict',
      'database_not_empty',
      `El esquema ${schema} de PostgreSQL ya tiene datos; use --force para reemplazarlo con la copia`,
    );
  // This build's definitions, read before the restore's transaction starts (a scratch schema, dropped).
  const reference = await pgReferenceDefinitions(url);
  const conn = libpqUrl(url);
  // pg_restore writes the SQL script; psql runs it after dropping the schema, in one transaction whose COMMIT
  // is sent only when pg_restore finished cleanly. Any error (ON_ERROR_STOP) or interruption rolls it all back.
  const psql = startTool(
    tools.psql,
    ['-X', '-q', '-v', 'ON_ERROR_STOP=1', `--dbname=${conn.url}`],
    conn.password,
    true,
  );
  const input = psql.child.stdin;
  if (!input) throw new Error('psql without stdin');
  input.write(`BEGIN;\nDROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE;\n`);
  if (!archive.createsSchema) input.write(`CREATE SCHEMA ${quoteIdent(schema)};\n`);
  const script = startTool(tools.pgRestore, ['--no-owner', '--no-privileges', '--file=-', file], null, false);
  script.child.stdout?.pipe(input, { end: false });
  let restored: Run;
  try {
    restored = await script.done;
  } catch (e) {
    input.end('ROLLBACK;\n');
    await psql.done.catch(() => undefined);
    throw e;
  }
  // Checked inside the transaction, after the data is in and before COMMIT: a failed check rolls it all back.
  input.end(restored.code === 0 ? `${await pgVerificationSql(schema, reference)}\nCOMMIT;\n` : 'ROLLBACK;\n');
  const ran = await psql.done;
  if (restored.code !== 0) throw toolFailed('pg_restore', restored);
  await verifiedByPsql(file, ran.stderr);
  if (ran.code !== 0) throw toolFailed('psql', ran);
  return { replaced: tables > 0, tables: archive.tables };
}
