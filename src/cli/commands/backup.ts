import { basename } from 'node:path';
import { parseArgs } from '../args.js';
import { invalid } from '../../domain/errors.js';
import {
  backupDatabase,
  checkOutputDirectory,
  restoreDatabase,
  type TableRows,
} from '../../services/operations/index.js';
import { recordAudit } from '../../services/operations/index.js';
import { cliActor, GLOBAL_OPTIONS, makeContext, type Context } from '../context.js';
import type { Io } from '../io.js';

export const BACKUP_HELP = `trayecto backup --out ARCHIVO [--force] [--db RUTA|URL]
  Copia de seguridad en línea (el servidor puede seguir funcionando): SQLite con su API de copia;
  PostgreSQL con pg_dump --format=custom del esquema de la aplicación (requiere pg_dump).
  --force  reemplaza un archivo existente
  --format json  el resumen como JSON`;

export const RESTORE_HELP = `trayecto restore ARCHIVO [--force] [--db RUTA|URL]
  Restaura una copia de "trayecto backup". Todo o nada: SQLite se copia junto a la base de datos y se
  renombra en su lugar; PostgreSQL se restaura en una sola transacción (requiere pg_restore y psql).
  Antes de reemplazar nada verifica la copia: las migraciones de esta versión, las tablas, los índices y los
  disparadores esperados (la bitácora de solo anexar) y ninguno ajeno; una copia alterada no cambia nada.
  Detenga el servidor antes de restaurar.
  --force  reemplaza una base de datos que ya tiene datos`;

const OPTIONS = { ...GLOBAL_OPTIONS, force: { type: 'boolean', default: false } } as const;

export async function backupCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { ...OPTIONS, out: { type: 'string' } },
    allowPositionals: true,
  });
  if (values.help) return (io.out(`${BACKUP_HELP}\n`), 0);
  if (positionals.length > 0)
    throw invalid('unexpected_argument', `Argumento de más: "${positionals.join(' ')}"`);
  if (!values.out) throw invalid('missing_out', 'Falta el archivo de salida: trayecto backup --out ARCHIVO');
  const ctx = makeContext(io, values);
  checkOutputDirectory(values.out);
  const s = await backupDatabase(ctx.config.database, values.out, { force: values.force });
  await audited(ctx, io, 'data.backup', s.file, s.tables);
  if (ctx.format === 'json') io.out(`${JSON.stringify(s, null, 2)}\n`);
  else
    io.out(
      `Copia de seguridad en ${s.file} (${megabytes(s.bytes)}): ${s.tables.length} tablas${rowsNote(s.tables)}\n`,
    );
  return 0;
}

export async function restoreCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  if (values.help) return (io.out(`${RESTORE_HELP}\n`), 0);
  const [file, ...extra] = positionals;
  if (file === undefined) throw invalid('missing_file', 'Falta el archivo: trayecto restore ARCHIVO');
  if (extra.length > 0) throw invalid('unexpected_argument', `Argumento de más: "${extra.join(' ')}"`);
  const ctx = makeContext(io, values);
  const s = await restoreDatabase(ctx.config.database, file, { force: values.force });
  // The restored audit log is the backup's: the restore itself is the first row written after it.
  await audited(ctx, io, 'data.restore', s.file, s.tables, { replaced: s.replaced });
  if (ctx.format === 'json') io.out(`${JSON.stringify(s, null, 2)}\n`);
  else
    io.out(
      `Restaurada la copia ${s.file}${s.replaced ? ' (reemplazó los datos anteriores)' : ''}: ` +
        `${s.tables.length} tablas${rowsNote(s.tables)}\n`,
    );
  return 0;
}

async function audited(
  ctx: Context,
  io: Io,
  action: 'data.backup' | 'data.restore',
  file: string,
  tables: readonly TableRows[],
  extra: Record<string, unknown> = {},
): Promise<void> {
  const store = await ctx.openExisting();
  try {
    await recordAudit(store.db, {
      actor: cliActor(io.env),
      action,
      target: `file:${basename(file)}`,
      details: { tables: tables.length, ...extra },
    });
  } finally {
    await store.close();
  }
}

const megabytes = (bytes: number) =>
  `${(bytes / 1_048_576).toLocaleString('es-MX', { maximumFractionDigits: 1 })} MB`;

function rowsNote(tables: readonly TableRows[]): string {
  if (tables.some((t) => t.rows === null)) return '';
  const total = tables.reduce((a, t) => a + (t.rows ?? 0), 0);
  return `, ${total.toLocaleString('es-MX')} filas`;
}
