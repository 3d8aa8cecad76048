import { parseArgs } from '../args.js';
import { invalid } from '../../domain/errors.js';
import { migrateToLatest } from '../../storage/db.js';
import { prepareYearPartitions } from '../../storage/partitions.js';
import { purgeIdentities } from '../../services/operations/index.js';
import { GLOBAL_OPTIONS, makeContext, type GlobalFlags } from '../context.js';
import type { Io } from '../io.js';

export const DB_HELP = `trayecto db migrate [--db RUTA|URL]
  Crea o actualiza el esquema de la base de datos (SQLite o PostgreSQL); en PostgreSQL crea además las
  particiones del ciclo escolar en curso y del siguiente.
trayecto db purge [--dry-run] [--years N] [--db RUTA|URL]
  Retención: retira nombre, CURP y fecha de nacimiento de quienes dejaron el sistema hace más de N años
  (TRAYECTO_RETENTION_YEARS, 10 por omisión); sus registros y los indicadores no cambian. Queda en la bitácora.`;

export async function dbCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { ...GLOBAL_OPTIONS, 'dry-run': { type: 'boolean', default: false }, years: { type: 'string' } },
    allowPositionals: true,
  });
  if (values.help) return (io.out(`${DB_HELP}\n`), 0);
  if (positionals[0] === 'purge') return purge(io, values);
  if (positionals[0] !== 'migrate')
    throw invalid(
      'unknown_subcommand',
      `Subcomando desconocido: "${positionals[0] ?? ''}". Valores válidos: migrate, purge`,
    );
  const ctx = makeContext(io, values);
  const store = ctx.open();
  try {
    const applied = await migrateToLatest(store.db);
    io.out(
      applied.length > 0 ? `Migraciones aplicadas: ${applied.join(', ')}\n` : 'El esquema ya está al día.\n',
    );
    const created = await prepareYearPartitions(store.db, new Date(), ctx.config.lastSchoolYear);
    if (created > 0)
      io.out(`Particiones creadas por adelantado (ciclo en curso y siguiente): ${String(created)}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

async function purge(
  io: Io,
  values: { 'dry-run': boolean; years?: string | undefined } & GlobalFlags,
): Promise<number> {
  const ctx = makeContext(io, values);
  const years = values.years === undefined ? ctx.config.retentionYears : Number(values.years);
  const store = await ctx.openExisting();
  try {
    const s = await purgeIdentities(store.db, {
      years,
      now: new Date(),
      dryRun: values['dry-run'],
      actor: ctx.actor,
    });
    if (ctx.format === 'json') io.out(`${JSON.stringify(s, null, 2)}\n`);
    else
      io.out(
        `${s.dryRun ? 'Simulación: se retirarían' : 'Se retiraron'} las identidades de ${s.students} ` +
          `estudiantes sin inscripción desde antes de ${s.cutoff} (retención ${s.years} años; ` +
          `${s.alreadyPurged} ya retiradas antes).\n`,
      );
    return 0;
  } finally {
    await store.close();
  }
}
