import { parseArgs } from '../args.js';
import type { Counterfactual } from '../../domain/impact.js';
import {
  impactReport,
  type CumulativeCounterfactual,
  type ImpactReport,
} from '../../services/indicators/index.js';
import { GLOBAL_OPTIONS, makeContext, type Context } from '../context.js';
import { render, type Record_ } from '../format.js';
import { label, type Lang } from '../i18n.js';
import type { Io } from '../io.js';
import { numberText, wrap } from './cohort.js';

export const IMPACT_HELP = `trayecto impact [--baseline 2017-2018] [--year 2024-2025] [--level state|campus|program --unit CLAVE]
  Contrafactuales contra un año base: estudiantes que permanecieron y egresados adicionales del ciclo, y su
  acumulado desde el año base, cada uno con su definición, fórmula e insumos.
  --baseline  año base (por omisión TRAYECTO_BASELINE_YEAR, 2017-2018)
  --year      ciclo n (por omisión el último con tasa de abandono)
  --format table|csv|json  (json: valores a precisión completa, con insumos y definiciones)`;

export async function impactCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...GLOBAL_OPTIONS,
      baseline: { type: 'string' },
      year: { type: 'string' },
      level: { type: 'string' },
      unit: { type: 'string' },
    },
  });
  if (values.help) return (io.out(`${IMPACT_HELP}\n`), 0);
  const ctx = makeContext(io, values);
  const store = await ctx.openExisting();
  try {
    const report = await impactReport(store.db, {
      baseline: values.baseline ?? ctx.config.baselineYear,
      year: values.year,
      level: values.level,
      unitId: values.unit,
    });
    ctx.io.out(print(ctx, report));
    return 0;
  } finally {
    await store.close();
  }
}

function print(ctx: Context, r: ImpactReport): string {
  if (ctx.format === 'json') return `${JSON.stringify(r, null, 2)}\n`;
  if (ctx.format === 'csv') return render(csvRows(r, ctx.lang), CSV_COLUMNS, 'csv', ctx.lang);
  return table(r, ctx.lang);
}

const CSV_COLUMNS = [
  'level',
  'unit_id',
  'scope',
  'indicator',
  'baseline',
  'school_year',
  'value',
  'formula',
  'definition',
];

function csvRows(r: ImpactReport, lang: Lang): Record_[] {
  const common = { level: r.unit.level, unit_id: r.unit.id, baseline: r.baseline };
  const yearly = (key: string, c: Counterfactual<unknown>, year: string) => ({
    ...common,
    scope: 'year',
    indicator: key,
    school_year: year,
    value: c.value,
    formula: c.formula,
    definition: c.definition[lang],
  });
  const total = (key: string, c: CumulativeCounterfactual) => ({
    ...common,
    scope: 'cumulative',
    indicator: key,
    school_year: `${r.cumulative.from}/${r.cumulative.to}`,
    value: c.value,
    formula: c.formula,
    definition: c.definition[lang],
  });
  return [
    yearly('students_kept', r.yearly.studentsKept, r.year),
    yearly('additional_graduates', r.yearly.additionalGraduates, r.year),
    total('students_kept', r.cumulative.studentsKept),
    total('additional_graduates', r.cumulative.additionalGraduates),
  ];
}

function table(r: ImpactReport, lang: Lang): string {
  const es = lang === 'es';
  const { from, to } = r.cumulative;
  const lines = [
    es
      ? `Contrafactuales · ${r.unit.name} (${r.unit.id}) · año base ${r.baseline} · ciclo ${r.year}`
      : `Counterfactuals · ${r.unit.name} (${r.unit.id}) · baseline ${r.baseline} · year ${r.year}`,
    es
      ? 'Cifras que solo tienen sentido con su definición: publíquelas junto a ella. Valores redondeados; a precisión completa en --format json.'
      : 'Figures that only mean something with their definition: publish them next to it. Rounded values; full precision in --format json.',
    '',
    ...yearlySection(r, lang),
    es
      ? `${label('cumulative', lang)} de ${from} a ${to}: suma de los contrafactuales de cada ciclo contra el año base fijo ${r.baseline}`
      : `${label('cumulative', lang)} from ${from} to ${to}: sum of each year's counterfactuals against the fixed baseline ${r.baseline}`,
    '',
    ...cumulativeBlock(r, 'students_kept', r.cumulative.studentsKept, lang),
    ...cumulativeBlock(r, 'additional_graduates', r.cumulative.additionalGraduates, lang),
    render(
      r.cumulative.studentsKept.byYear.map((y, i) => ({
        school_year: y.year,
        students_kept: y.value,
        additional_graduates: r.cumulative.additionalGraduates.byYear[i]?.value ?? null,
      })),
      ['school_year', 'students_kept', 'additional_graduates'],
      'table',
      lang,
    ).trimEnd(),
  ];
  return `${lines.join('\n')}\n`;
}

/** The two counterfactuals of year n: value, definition, formula and inputs with their school years. */
function yearlySection(r: ImpactReport, lang: Lang): string[] {
  const es = lang === 'es';
  const n = numberText(lang);
  const { studentsKept: kept, additionalGraduates: extra } = r.yearly;
  const k = kept.inputs;
  const x = extra.inputs;
  const block = (key: string, c: Counterfactual<unknown>, inputs: string[]) => [
    `${label(key, lang)} ${es ? 'en' : 'in'} ${r.year}: ${n(c.value)}`,
    wrap(`${label('definition', lang)}: ${c.definition[lang]}`),
    `  ${label('formula', lang)}: ${c.formula}`,
    wrap(`${label('inputs', lang)}: ${inputs.join(' · ')}`),
    '',
  ];
  const ae = es ? 'abandono' : 'dropout';
  const et = es ? 'eficiencia terminal' : 'graduation efficiency';
  return [
    ...block('students_kept', kept, [
      `AE_base (${ae} ${r.baseline}) = ${n(k.abandonoBase, 2)} %`,
      `AE_n (${ae} ${r.year}) = ${n(k.abandonoN, 2)} %`,
      `MT_n (${es ? 'matrícula de inicio' : 'enrollment at start'} ${r.year}) = ${n(k.mtN)}`,
    ]),
    ...block('additional_graduates', extra, [
      `ET_base (${et} ${r.baseline}) = ${n(x.eficienciaTerminalBase, 2)} %`,
      `ET_n (${et} ${r.year}) = ${n(x.eficienciaTerminalN, 2)} %`,
      `NI1_{n−2} (${es ? 'nuevo ingreso' : 'new entrants'} ${r.entryYearOfGraduates}) = ${n(x.ni1TwoBefore)}`,
    ]),
  ];
}

function cumulativeBlock(r: ImpactReport, key: string, c: CumulativeCounterfactual, lang: Lang): string[] {
  const n = numberText(lang);
  const { from, to } = r.cumulative;
  return [
    `${label(key, lang)} (${label('cumulative', lang).toLowerCase()} ${from} – ${to}): ${n(c.value)}`,
    wrap(`${label('definition', lang)}: ${c.definition[lang]}`),
    `  ${label('formula', lang)}: ${c.formula}`,
    ...(c.missingYears.length === 0
      ? []
      : [
          lang === 'es'
            ? `  Sin valor en: ${c.missingYears.join(', ')} (faltan insumos)`
            : `  No value in: ${c.missingYears.join(', ')} (inputs missing)`,
        ]),
    '',
  ];
}
