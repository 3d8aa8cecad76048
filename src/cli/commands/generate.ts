import { parseArgs } from '../args.js';
import { invalid } from '../../domain/errors.js';
import { DEFAULT_SEED, generateDemo } from '../../services/generate-demo.js';
import { GLOBAL_OPTIONS, makeContext } from '../context.js';
import type { Io } from '../io.js';
import { progressBar } from '../progress.js';

export const GENERATE_HELP = `trayecto generate [--scale 1] [--seed ${DEFAULT_SEED}] [--force] [--db RUTA|URL]
  Crea la base de datos de demostración (historia nacional 2013-2014 a 2025-2026).
  --scale  fracción de la escala nacional (1 = ~324,000 estudiantes; las pruebas usan 0.01)
  --force  reemplaza una base de datos existente`;

export async function generateCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...GLOBAL_OPTIONS,
      scale: { type: 'string', default: '1' },
      seed: { type: 'string' },
      force: { type: 'boolean', default: false },
    },
  });
  if (values.help) return (io.out(`${GENERATE_HELP}\n`), 0);
  const ctx = makeContext(io, values);
  const scale = Number(values.scale);
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  if (!Number.isInteger(seed))
    throw invalid('invalid_seed', `Semilla inválida: "${values.seed}" (debe ser un entero)`);
  await runGeneration(ctx.io, ctx.config.database, scale, seed, values.force);
  return 0;
}

const PHASES = {
  indexes: 'creando índices',
  flow_counts: 'conteos de flujo',
  analyze: 'estadísticas',
} as const;

export async function runGeneration(
  io: Io,
  target: Parameters<typeof generateDemo>[0]['target'],
  scale: number,
  seed: number,
  force: boolean,
): Promise<void> {
  const bar = progressBar(io, 'Generando datos de demostración');
  const result = await generateDemo({ target, scale, seed, force }, (e) => {
    if (e.phase === 'year')
      bar.update(
        e.progress.index,
        e.progress.total,
        `${e.progress.schoolYear} · ${e.progress.enrolled.toLocaleString('es-MX')} inscritos`,
      );
    else bar.update(1, 1, PHASES[e.phase]);
  });
  const total = Object.values(result.rows).reduce((a, b) => a + b, 0);
  bar.end(
    `${result.summary.students.toLocaleString('es-MX')} estudiantes, ${total.toLocaleString('es-MX')} registros, ${result.flowCountRows.toLocaleString('es-MX')} conteos de flujo`,
  );
}
