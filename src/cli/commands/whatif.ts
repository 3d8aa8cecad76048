/** `trayecto whatif`: projects a generation under a scenario (reconstructed cohort, SEP terms). */
import { parseArgs } from '../args.js';
import { invalid } from '../../domain/errors.js';
import { whatIf } from '../../services/effects/index.js';
import { GLOBAL_OPTIONS, makeContext } from '../context.js';
import { render } from '../format.js';
import type { Io } from '../io.js';

export const WHATIF_HELP = `trayecto whatif --generation 2022-2025 [--campus CCT] [--program CLAVE] [--semester 1 --dropout-change -20%]
  Proyección de una generación con el modelo de cohorte reconstruida (UNESCO) y tasas de los registros:
  eficiencia terminal, abandono de la generación y abandono anual implícito, base contra escenario.
  --semester N --dropout-change P   cambio relativo del abandono de ese semestre (p. ej. -20%); repetibles
  --format table|csv|json`;

function parseChange(text: string): number {
  const m = /^([+-]?\d+(?:\.\d+)?)\s*%?$/.exec(text.trim());
  if (!m)
    throw invalid('invalid_change', `Cambio inválido: "${text}" (se espera un porcentaje, p. ej. -20%)`);
  return Number(m[1]) / 100;
}

export async function whatifCommand(argv: string[], io: Io): Promise<number> {
  // "--dropout-change -20%": a negative number is the option's value, not another option.
  const args = argv.flatMap((a, i) =>
    a === '--dropout-change' && /^-\d/.test(argv[i + 1] ?? '')
      ? []
      : i > 0 && argv[i - 1] === '--dropout-change' && /^-\d/.test(a)
        ? [`--dropout-change=${a}`]
        : [a],
  );
  const { values } = parseArgs({
    args,
    options: {
      ...GLOBAL_OPTIONS,
      generation: { type: 'string' },
      campus: { type: 'string' },
      program: { type: 'string' },
      semester: { type: 'string', multiple: true },
      'dropout-change': { type: 'string', multiple: true },
    },
  });
  if (values.help) return (io.out(`${WHATIF_HELP}\n`), 0);
  if (!values.generation) throw invalid('missing_generation', 'Falta --generation (p. ej. 2022-2025)');
  const semesters = values.semester ?? [];
  const changesText = values['dropout-change'] ?? [];
  if (semesters.length !== changesText.length)
    throw invalid('unpaired_scenario', 'Cada --semester necesita su --dropout-change (y viceversa)');
  const changes = semesters.map((s, i) => ({
    semester: Number(s),
    change: parseChange(changesText[i] ?? ''),
  }));
  const ctx = makeContext(io, values);
  const store = await ctx.openExisting();
  try {
    const r = await whatIf(
      store.db,
      { userId: 0, role: 'national', stateId: null, campusId: null, groups: [] },
      {
        generation: values.generation,
        campus: values.campus,
        program: values.program,
        changes,
      },
    );
    if (ctx.format === 'json') return (ctx.io.out(`${JSON.stringify(r, null, 2)}\n`), 0);
    const r2 = (x: number | null) => (x === null ? null : x.toFixed(2));
    const rows = [
      ['eficiencia_terminal_pct', r.baseline.eficienciaTerminal, r.scenario.eficienciaTerminal],
      ['egreso_eventual_pct', r.baseline.graduationEventual, r.scenario.graduationEventual],
      ['abandono_generacion_pct', r.baseline.dropoutPct, r.scenario.dropoutPct],
      ['abandono_anual_pct', r.baseline.abandono, r.scenario.abandono],
      ['egresados_en_tiempo', r.baseline.graduatesOnTime, r.scenario.graduatesOnTime],
      [
        'eficiencia_terminal_observada_pct',
        r.observed.eficienciaTerminalCohorte,
        r.observed.scenarioEficienciaTerminal,
      ],
    ].map(([k, b, s]) => ({
      indicator: k as string,
      base: r2(b as number | null),
      escenario: r2(s as number | null),
      diferencia: b === null || s === null ? null : r2((s as number) - (b as number)),
    }));
    if (ctx.format === 'table')
      ctx.io.out(
        `Generación ${r.generation}, ${r.unit.name} (${r.unit.id}${r.unit.program ? `, carrera ${r.unit.program}` : ''}): ${r.baseline.entrants} de nuevo ingreso.\n` +
          `Escenario: ${r.changes.length ? r.changes.map((c) => `semestre ${c.semester} abandono ${c.change > 0 ? '+' : ''}${Math.round(c.change * 100)} %`).join('; ') : 'sin cambios'}.\n` +
          `Alumnos retenidos: ${r2(r.difference.studentsKept)}; egresados en tiempo adicionales: ${r2(r.difference.extraGraduatesOnTime)}` +
          `${r.nationalEtPoints !== null && r.unit.level !== 'national' ? `; eficiencia terminal nacional +${r2(r.nationalEtPoints)} puntos` : ''}.\n`,
      );
    ctx.io.out(render(rows, ['indicator', 'base', 'escenario', 'diferencia'], ctx.format, ctx.lang));
    return 0;
  } finally {
    await store.close();
  }
}
