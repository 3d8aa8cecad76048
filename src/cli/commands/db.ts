import { parseArgs } from 'node:util';
import { invalid } from '../../domain/errors.js';
import { migrateToLatest } from '../../storage/db.js';
import { GLOBAL_OPTIONS, makeContext } from '../context.js';
import type { Io } from '../io.js';

export const DB_HELP = `trayecto db migrate [--db RUTA|URL]
  Crea o actualiza el esquema de la base de datos (SQLite o PostgreSQL).`;

export async function dbCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: GLOBAL_OPTIONS, allowPositionals: true });
  if (values.help) return (io.out(`${DB_HELP}\n`), 0);
  if (positionals[0] !== 'migrate')
    throw invalid(
      'unknown_subcommand',
      `Subcomando desconocido: "${positionals[0] ?? ''}". Valores válidos: migrate`,
    );
  const ctx = makeContext(io, values);
  const store = ctx.open();
  try {
    const applied = await migrateToLatest(store.db);
    io.out(
      applied.length > 0 ? `Migraciones aplicadas: ${applied.join(', ')}\n` : 'El esquema ya está al día.\n',
    );
    return 0;
  } finally {
    await store.close();
  }
}
