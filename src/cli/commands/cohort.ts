import { parseArgs } from '../args.js';
import { invalid } from '../../domain/errors.js';
import { roundHalfUp } from '../../domain/indicators.js';
import { cohortReport, type CohortReport } from '../../services/indicators/index.js';
import { GLOBAL_OPTIONS, makeContext, type Context } from '../context.js';
import { render, type Record_ } from '../format.js';
import { label, type Lang } from '../i18n.js';
import type { Io } from '../io.js';

export const COHORT_HELP = `trayecto cohort --generation 2022-2025 [--level state|campus|program --unit CLAVE]
  Cohorte real de una generación: supervivencia por semestre, eficiencia terminal de cohorte (ETC) y la
  eficiencia terminal aparente del ciclo de egreso, con la explicación de por qué difieren. La unidad es la
  de ingreso (plantel y carrera del nuevo ingreso).
  --format table|csv|json  (json: el informe completo a precisión completa)`;

export async function cohortCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...GLOBAL_OPTIONS,
      generation: { type: 'string' },
      level: { type: 'string' },
      unit: { type: 'string' },
    },
  });
  if (values.help) return (io.out(`${COHORT_HELP}\n`), 0);
  const ctx = makeContext(io, values);
  if (values.generation === undefined)
    throw invalid('missing_generation', 'Falta --generation (p. ej. --generation 2022-2025)');
  const store = await ctx.openExisting();
  try {
    const report = await cohortReport(store.db, {
      generation: values.generation,
      level: values.level,
      unitId: values.unit,
    });
    ctx.io.out(print(ctx, report));
    return 0;
  } finally {
    await store.close();
  }
}

function print(ctx: Context, r: CohortReport): string {
  if (ctx.format === 'json') return `${JSON.stringify(r, null, 2)}\n`;
  if (ctx.format === 'csv') return render(csvRows(r), CSV_COLUMNS, 'csv', ctx.lang);
  return table(r, ctx.lang);
}

const CSV_COLUMNS = ['generation', 'level', 'unit_id', 'indicator', 'semester', 'count', 'value_pct'];

function csvRows(r: CohortReport): Record_[] {
  const row = (indicator: string, semester: number | null, count: number | null, value: number | null) => ({
    generation: r.generation,
    level: r.unit.level,
    unit_id: r.unit.id,
    indicator,
    semester,
    count,
    value_pct: value,
  });
  return [
    row('entrants', null, r.entrants, null),
    ...r.semesters.map((s) => row('survival', s.semester, s.enrolled, s.survival_pct)),
    ...r.semesters.map((s) =>
      row('survival_by_cutoff', s.semester, s.enrolled_by_cutoff, s.survival_by_cutoff_pct),
    ),
    row(
      'eficiencia_terminal_cohorte',
      null,
      r.trueCohort.graduatedOnTime,
      r.trueCohort.eficienciaTerminalCohorte,
    ),
    row('graduation_by_cutoff', null, r.trueCohort.graduatedByCutoff, r.trueCohort.graduationByCutoff),
    row('eficiencia_terminal_aparente', null, r.apparent.eg, r.apparent.eficienciaTerminal),
  ];
}

/** Wraps a paragraph at `width` columns, indenting every line. */
export function wrap(text: string, indent = '  ', width = 100): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines.join('\n');
}

/** Number formatting for text output: counts as integers, percentages rounded half-up. */
export function numberText(lang: Lang) {
  const locale = lang === 'es' ? 'es-MX' : 'en-US';
  return (v: number | null, decimals = 0): string =>
    v === null
      ? '—'
      : new Intl.NumberFormat(locale, {
          minimumFractionDigits: decimals,
          maximumFractionDigits: decimals,
        }).format(roundHalfUp(v, decimals));
}

function table(r: CohortReport, lang: Lang): string {
  const es = lang === 'es';
  const n = numberText(lang);
  const lines = [
    `${label('generation', lang)} ${r.generation} · ${r.unit.name} (${r.unit.id})`,
    es
      ? `Ingreso: ${r.entrySchoolYear} · egreso en tiempo: ${r.graduationYear} · corte de los datos: ${r.cutoffYear}`
      : `Entry: ${r.entrySchoolYear} · on-time graduation: ${r.graduationYear} · data cut-off: ${r.cutoffYear}`,
    es
      ? `Alumnos de nuevo ingreso de la generación (la cohorte): ${n(r.entrants)}`
      : `First-time entrants of the generation (the cohort): ${n(r.entrants)}`,
    '',
    ...survivalSection(r, lang),
    '',
    ...efficiencySection(r, lang),
    '',
    `${label('why_differ', lang)}:`,
    wrap(r.explanation[lang]),
  ];
  return `${lines.join('\n')}\n`;
}

function survivalSection(r: CohortReport, lang: Lang): string[] {
  const n = numberText(lang);
  // Percentages as text, padded so that they line up on the right like the numeric columns.
  const pct = (key: string, v: number | null) => n(v, 1).padStart(label(key, lang).length);
  const rows = r.semesters.map((s) => ({
    semester: s.semester,
    enrolled: s.enrolled,
    survival_pct: pct('survival_pct', s.survival_pct),
    enrolled_by_cutoff: s.enrolled_by_cutoff,
    survival_by_cutoff_pct: pct('survival_by_cutoff_pct', s.survival_by_cutoff_pct),
  }));
  const columns = ['semester', 'enrolled', 'survival_pct', 'enrolled_by_cutoff', 'survival_by_cutoff_pct'];
  return [
    lang === 'es'
      ? 'Supervivencia por semestre: alumnos de la cohorte que llegaron a cada semestre, en el tiempo normal de la generación y al corte'
      : 'Survival by semester: students of the cohort who reached each semester, within the normal time and by the cut-off',
    render(rows, columns, 'table', lang).trimEnd(),
  ];
}

function efficiencySection(r: CohortReport, lang: Lang): string[] {
  const es = lang === 'es';
  const n = numberText(lang);
  const { trueCohort: t, apparent: a } = r;
  return [
    `${label('eficiencia_terminal_cohorte', lang)}: ${n(t.eficienciaTerminalCohorte, 2)} % ` +
      (es
        ? `(${n(t.graduatedOnTime)} de ${n(r.entrants)} egresaron en tiempo)`
        : `(${n(t.graduatedOnTime)} of ${n(r.entrants)} graduated on time)`),
    wrap(
      es
        ? `Definición: egresados de la generación al fin de su tiempo normal (${r.graduationYear}) / alumnos de nuevo ingreso de la generación × 100. Sigue a los mismos alumnos.`
        : `Definition: graduates of the generation by its normal end (${r.graduationYear}) / first-time entrants of the generation × 100. Follows the same students.`,
    ),
    `${label('graduation_by_cutoff', lang)} (${r.cutoffYear}): ${n(t.graduationByCutoff, 2)} % ` +
      (es
        ? `(${n(t.graduatedByCutoff)} de ${n(r.entrants)}, en tiempo o tarde)`
        : `(${n(t.graduatedByCutoff)} of ${n(r.entrants)}, on time or late)`),
    `${label('apparent_et', lang)} ${a.schoolYear}: ${n(a.eficienciaTerminal, 2)} % ` +
      `(EG ${a.schoolYear} = ${n(a.eg)} / NI1 ${r.entrySchoolYear} = ${n(a.ni1TwoBefore)})`,
    wrap(
      es
        ? `Definición: ET_n = EG_n / NI1_{n−2} × 100: todos los egresados del ciclo entre el nuevo ingreso de dos ciclos antes. No sigue a nadie.`
        : `Definition: ET_n = EG_n / NI1_{n−2} × 100: every graduate of the year over the first-time entrants of two years before. Follows no one.`,
    ),
    es
      ? `Diferencia (aparente − cohorte): ${n(r.differencePoints, 2)} puntos porcentuales`
      : `Difference (apparent − cohort): ${n(r.differencePoints, 2)} percentage points`,
  ];
}
