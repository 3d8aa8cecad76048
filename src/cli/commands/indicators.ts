import { parseArgs } from '../args.js';
import { invalid } from '../../domain/errors.js';
import { INDICATOR_KEYS } from '../../domain/indicators.js';
import { parseCountsCsv } from '../../ingest/counts.js';
import { formatIssue } from '../../ingest/issues.js';
import { indicatorRows, indicatorsFromCounts, type IndicatorRow } from '../../services/indicators/index.js';
import { GLOBAL_OPTIONS, makeContext, type Context } from '../context.js';
import { render } from '../format.js';
import type { Io } from '../io.js';

export const INDICATORS_HELP = `trayecto indicators --level national|state|campus|program [--year 2024-2025] [--by sex] [--unit CLAVE]
trayecto indicators --counts ARCHIVO.csv
  Indicadores oficiales SEP (abandono, retención, eficiencia terminal, reprobación, aprobación).
  --format table|csv|json  (json: las filas de GET /api/v1/indicators; porcentajes a precisión completa, null si faltan insumos)`;

const COLUMNS = [
  'level',
  'unit_id',
  'unit_name',
  'school_year',
  'mt',
  'ni1',
  'ex',
  'ap',
  'reg',
  'eg',
  ...INDICATOR_KEYS,
];
const TABLE_COLUMNS = [
  'unit_id',
  'unit_name',
  'school_year',
  'mt',
  'ni1',
  'eg',
  'abandono',
  'abandono_intra',
  'abandono_inter',
  'eficiencia_terminal',
  'reprobacion',
  'aprobacion',
];

export async function indicatorsCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...GLOBAL_OPTIONS,
      level: { type: 'string' },
      year: { type: 'string' },
      by: { type: 'string' },
      unit: { type: 'string' },
      counts: { type: 'string' },
    },
  });
  if (values.help) return (io.out(`${INDICATORS_HELP}\n`), 0);
  const ctx = makeContext(io, values);
  if (values.by !== undefined && values.by !== 'sex')
    throw invalid('invalid_by', `Desagregación desconocida: "${values.by}". Valores válidos: sex`);
  const bySex = values.by === 'sex';
  if (values.counts !== undefined) return printRows(ctx, await fromCountsFile(ctx, values.counts), false);
  if (values.level === undefined)
    throw invalid('missing_level', 'Falta --level. Valores válidos: national, state, campus, program');
  const store = await ctx.openExisting();
  try {
    const rows = await indicatorRows(store.db, {
      level: values.level,
      year: values.year,
      bySex,
      unitId: values.unit,
    });
    return printRows(ctx, rows, bySex);
  } finally {
    await store.close();
  }
}

async function fromCountsFile(ctx: Context, file: string): Promise<IndicatorRow[]> {
  // Streamed from disk with the import limits (a hostile file is refused, naming file and line).
  const parsed = await parseCountsCsv({ path: file }, file, ctx.config.importLimits).catch((e: unknown) => {
    if (e instanceof Error && 'code' in e && typeof e.code === 'string' && e.code.startsWith('E'))
      throw invalid('file_not_readable', `No se puede leer el archivo ${file}`);
    throw e;
  });
  if (!parsed.ok)
    throw invalid(
      'invalid_counts_file',
      `El archivo de conteos ${file} tiene errores`,
      parsed.issues.map(formatIssue),
    );
  return indicatorsFromCounts(parsed.value.rows);
}

function printRows(ctx: Context, rows: readonly IndicatorRow[], bySex: boolean): number {
  // JSON: the rows of GET /api/v1/indicators, field for field (docs/API.md), `sex` null when not by sex.
  if (ctx.format === 'json') return (ctx.io.out(`${JSON.stringify(rows, null, 2)}\n`), 0);
  const base = ctx.format === 'table' ? TABLE_COLUMNS : COLUMNS;
  const columns = bySex ? [...base.slice(0, 3), 'sex', ...base.slice(3)] : base;
  ctx.io.out(render(rows as never, columns, ctx.format, ctx.lang));
  return 0;
}
