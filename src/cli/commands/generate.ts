import { readFileSync } from 'node:fs';
import { parseArgs } from '../args.js';
import { invalid } from '../../domain/errors.js';
import { DEFAULT_SEED, generateDemo } from '../../services/operations/index.js';
import { parseScenario, type ScenarioInput } from '../../synth/scenario.js';
import { GLOBAL_OPTIONS, makeContext } from '../context.js';
import type { Io } from '../io.js';
import { progressBar } from '../progress.js';

export const GENERATE_HELP = `trayecto generate [--scale 1] [--seed ${DEFAULT_SEED}] [--scenario ESCENARIO.json] [--force] [--db RUTA|URL]
  Crea la base de datos de demostración (historia nacional 2013-2014 a 2025-2026).
  --scale     fracción de la escala nacional (1 = ~324,000 estudiantes; las pruebas usan 0.01); hasta 4: por
              encima de 1, réplicas del país en planteles sintéticos (CCT con «SIN», docs/SYNTHETIC-DATA.md)
  --scenario  efectos verdaderos, regla de asignación, variación de la adopción por plantel y confusión no
              observada de las intervenciones (docs/SYNTHETIC-DATA.md, «Escenarios»)
  --force     reemplaza una base de datos existente`;

export async function generateCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...GLOBAL_OPTIONS,
      scale: { type: 'string', default: '1' },
      seed: { type: 'string' },
      force: { type: 'boolean', default: false },
      scenario: { type: 'string' },
    },
  });
  if (values.help) return (io.out(`${GENERATE_HELP}\n`), 0);
  const ctx = makeContext(io, values);
  const scale = Number(values.scale);
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  if (!Number.isInteger(seed))
    throw invalid('invalid_seed', `Semilla inválida: "${values.seed}" (debe ser un entero)`);
  let scenario: ScenarioInput | undefined;
  if (values.scenario !== undefined) {
    let text: string;
    try {
      text = readFileSync(values.scenario, 'utf8');
    } catch (e) {
      throw invalid(
        'invalid_scenario',
        `No se pudo leer el escenario ${values.scenario}: ${(e as Error).message}`,
      );
    }
    try {
      scenario = parseScenario(text, values.scenario);
    } catch (e) {
      throw invalid('invalid_scenario', (e as Error).message);
    }
  }
  await runGeneration(ctx.io, ctx.config.database, scale, seed, values.force, scenario);
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
  scenario?: ScenarioInput,
): Promise<void> {
  const bar = progressBar(io, 'Generando datos de demostración');
  const result = await generateDemo({ target, scale, seed, force, scenario }, (e) => {
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
