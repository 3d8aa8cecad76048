/**
 * Use case: back up and restore the database (trayecto backup / trayecto restore).
 *
 * SQLite: an online backup (SQLite's backup API through better-sqlite3): readers and writers may keep working,
 * the copy is one consistent snapshot. A restore copies the backup next to the database and renames it into
 * place, so the database is at every moment either the old one or the restored one.
 *
 * PostgreSQL: `pg_dump --format=custom` of the application's schema (the first of the search_path), and a
 * restore that drops and recreates that schema inside one transaction (pg_restore's script run by psql, COMMIT
 * sent only once pg_restore has written everything): a failed or interrupted restore changes nothing. Needs the
 * PostgreSQL client programs (pg_dump, pg_restore, psql) of the server's major version or newer.
 *
 * Both write the output to a temporary file renamed at the end, and neither overwrites anything without force.
 * A restore verifies the backup's schema (backup-verify.ts) before anything is replaced.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import type { DatabaseTarget } from '../../config.js';
import { AppError } from '../../domain/errors.js';
import { openStore } from '../../storage/db.js';
import { removeStaleTemporaries, replaceDatabaseFile } from '../../storage/sqlite-files.js';
import { schemaTables } from '../../storage/meta.js';
import { pgVerificationSql, verifySqliteCopy, verifiedByPsql } from './backup-verify.js';

export interface PgTools {
  readonly pgDump: string;
  readonly pgRestore: string;
  readonly psql: string;
}

/** The client programs, found on the PATH. */
export const PG_TOOLS: PgTools = { pgDump: 'pg_dump', pgRestore: 'pg_restore', psql: 'psql' };

export interface BackupOptions {
  /** Replace an existing output file (backup) or a database that has data (restore). */
  readonly force?: boolean;
  readonly pgTools?: PgTools;
}

export interface TableRows {
  readonly name: string;
  /** Rows in the backup; null when not counted (PostgreSQL archives). */
  readonly rows: number | null;
}

export interface BackupSummary {
  readonly dialect: DatabaseTarget['dialect'];
  readonly file: string;
  readonly bytes: number;
  readonly tables: readonly TableRows[];
}

const SQLITE_MAGIC = 'SQLite format 3\0';
const PG_MAGIC = 'PGDMP';

export async function backupDatabase(
  target: DatabaseTarget,
  out: string,
  options: BackupOptions = {},
): Promise<BackupSummary> {
  if (existsSync(out) && !options.force)
    throw new AppError(
      'conflict',
      'backup_exists',
      `El archivo ${out} ya existe; use --force para reemplazarlo`,
    );
  removeStaleTemporaries(out, '.tmp-');
  const tmp = `${out}.tmp-${process.pid}`;
  rmSync(tmp, { force: true });
  try {
    const tables =
      target.dialect === 'sqlite'
        ? await backupSqlite(target.file, tmp)
        : await backupPostgres(target.url, tmp, options.pgTools ?? PG_TOOLS);
    renameSync(tmp, out);
    return { dialect: target.dialect, file: out, bytes: statSync(out).size, tables };
  } finally {
    rmSync(tmp, { force: true });
  }
}

export interface RestoreSummary {
  readonly dialect: DatabaseTarget['dialect'];
  readonly file: string;
  /** Whether the target had data that the restore replaced. */
  readonly replaced: boolean;
  readonly tables: readonly TableRows[];
}

export async function restoreDatabase(
  target: DatabaseTarget,
  file: string,
  options: BackupOptions = {},
): Promise<RestoreSummary> {
  const kind = archiveKind(file);
  if (kind !== target.dialect) {
    const what = kind === 'sqlite' ? 'una copia de SQLite' : 'una copia de PostgreSQL (pg_dump)';
    throw new AppError(
      'invalid',
      'backup_dialect_mismatch',
      `${file} es ${what}; la base de datos de destino es ${target.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`,
    );
  }
  return target.dialect === 'sqlite'
    ? restoreSqlite(file, target.file, options.force ?? false)
    : restorePostgres(file, target.url, options.force ?? false, options.pgTools ?? PG_TOOLS);
}

/** Which kind of backup a file is, from its first bytes; an `invalid` error when it is neither. */
function archiveKind(file: string): 'sqlite' | 'postgres' {
  let head: string;
  try {
    const fd = openSync(file, 'r');
    try {
      const buf = Buffer.alloc(16);
      head = buf.subarray(0, readSync(fd, buf, 0, 16, 0)).toString('latin1');
    } finally {
      closeSync(fd);
    }
  } catch {
    throw new AppError('invalid', 'backup_not_readable', `No se puede leer la copia ${file}`);
  }
  if (head === SQLITE_MAGIC) return 'sqlite';
  if (head.startsWith(PG_MAGIC)) return 'postgres';
  throw new AppError(
    'invalid',
    'not_a_backup',
    `${file} no es una copia de Trayecto (ni una base de datos SQLite ni un archivo de pg_dump)`,
  );
}

// --- SQLite ----------------------------------------------------------------------------------------------------

const missingDatabase = (where: string) =>
  new AppError(
    'unavailable',
    'no_database',
    `No hay base de datos en ${where}: indique otra con --db o cree la de demostración con "trayecto generate"`,
  );

async function backupSqlite(file: string, tmp: string): Promise<TableRows[]> {
  if (file === ':memory:' || !existsSync(file)) throw missingDatabase(file);
  const source = new SQLite(file, { fileMustExist: true });
  try {
    await source.backup(tmp);
  } finally {
    source.close();
  }
  return checkSqliteCopy(tmp, tmp);
}

/** Opens a copy read-only: integrity check, a Trayecto schema, and its tables with their row counts. */
function checkSqliteCopy(file: string, shownAs: string): TableRows[] {
  let db: SQLite.Database;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch {
    throw new AppError('invalid', 'not_a_backup', `${shownAs} no es una base de datos SQLite legible`);
  }
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok')
      throw new AppError('invalid', 'backup_corrupt', `La copia ${shownAs} está dañada: ${String(check)}`);
    const names = (
      db
        .prepare(
          "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
        )
        .all() as { name: string }[]
    ).map((r) => r.name);
    if (!names.includes('flow_counts'))
      throw new AppError('invalid', 'not_a_backup', `${shownAs} no es una base de datos de Trayecto`);
    return names.map((name) => ({
      name,
      rows: (db.prepare(`select count(*) as n from "${name.replaceAll('"', '""')}"`).get() as { n: number })
        .n,
    }));
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError(
      'invalid',
      'backup_corrupt',
      `La copia ${shownAs} está dañada: ${(e as Error).message}`,
    );
  } finally {
    db.close();
  }
}

async function restoreSqlite(file: string, target: string, force: boolean): Promise<RestoreSummary> {
  checkSqliteCopy(file, file);
  const exists = existsSync(target);
  const replaced = exists && hasTables(target);
  if (replaced && !force)
    throw new AppError(
      'conflict',
      'database_not_empty',
      `La base de datos ${target} ya tiene datos; use --force para reemplazarla con la copia`,
    );
  removeStaleTemporaries(target, '.restore-');
  const tmp = `${target}.restore-${process.pid}`;
  rmSync(tmp, { force: true });
  let tables: TableRows[];
  try {
    // A consistent copy next to the target (same file system, so that the rename below is atomic), verified
    // before anything is replaced: the copy is what gets renamed, so what was checked is what is restored.
    const source = new SQLite(file, { readonly: true, fileMustExist: true });
    try {
      await source.backup(tmp);
    } finally {
      source.close();
    }
    tables = checkSqliteCopy(tmp, file);
    const copy = new SQLite(tmp);
    try {
      await verifySqliteCopy(copy, file);
      copy.pragma('journal_mode = WAL');
    } finally {
      copy.close();
    }
    try {
      replaceDatabaseFile(tmp, target, true);
    } catch (e) {
      throw new AppError(
        'unavailable',
        'database_in_use',
        `La base de datos ${target} está en uso por otro proceso (¿el servidor?); deténgalo y repita la restauración`,
        [(e as Error).message],
      );
    }
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${tmp}${suffix}`, { force: true });
  }
  return { dialect: 'sqlite', file, replaced, tables };
}

function hasTables(file: string): boolean {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const r = db.prepare("select count(*) as n from sqlite_master where type = 'table'").get() as {
      n: number;
    };
    return r.n > 0;
  } finally {
    db.close();
  }
}

// --- PostgreSQL ------------------------------------------------------------------------------------------------

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

async function backupPostgres(url: string, tmp: string, tools: PgTools): Promise<TableRows[]> {
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
  let schema: string | null = null;
  let createsSchema = false;
  for (const line of entries) {
    const m = /^\d+; \d+ \d+ (TABLE DATA|TABLE|SCHEMA) (\S+) (\S+)/.exec(line);
    if (!m) continue;
    if (m[1] === 'SCHEMA') {
      createsSchema = true;
      schema = m[3] ?? null;
    } else if (m[1] === 'TABLE') {
      schema ??= m[2] ?? null;
      tables.push({ name: m[3] ?? '', rows: null });
    }
  }
  tables.sort((a, b) => a.name.localeCompare(b.name));
  return { schema, createsSchema, tables };
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function restorePostgres(
  file: string,
  url: string,
  force: boolean,
  tools: PgTools,
): Promise<RestoreSummary> {
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
  input.end(restored.code === 0 ? `${await pgVerificationSql(schema)}\nCOMMIT;\n` : 'ROLLBACK;\n');
  const ran = await psql.done;
  if (restored.code !== 0) throw toolFailed('pg_restore', restored);
  await verifiedByPsql(file, ran.stderr);
  if (ran.code !== 0) throw toolFailed('psql', ran);
  return { dialect: 'postgres', file, replaced: tables > 0, tables: archive.tables };
}

/** The directory a backup is written to exists (for a clear error instead of ENOENT). */
export function checkOutputDirectory(out: string): void {
  if (!existsSync(dirname(out)))
    throw new AppError('invalid', 'no_such_directory', `No existe el directorio de ${out}`);
}
