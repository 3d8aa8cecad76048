import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from '../args.js';
import { invalid } from '../../domain/errors.js';
import { formatIssue } from '../../ingest/issues.js';
import {
  DEFAULT_MAX_IMPORT_BYTES,
  firstIssues,
  importCampuses,
  importPublishedDropout,
  importReportedCounts,
  importTemplate,
  isRecordKind,
  lastAcceptedYear,
  reportFile,
  type CampusImportSummary,
  type CountsImportSummary,
  type PublishedImportSummary,
  type RecordImportSummary,
} from '../../services/imports/index.js';
import { importFresh } from '../../services/imports/index.js';
import { existingPseudonymSecret, pseudonymizer } from '../../services/accounts/index.js';
import { RECORD_KINDS, type RecordKind } from '../../ingest/record-kinds.js';
import { FLOW_KEYS } from '../../domain/indicators.js';
import { publishedVsComputed } from '../../services/indicators/index.js';
import { reportedVsComputed, type ReportedComparisonRow } from '../../services/indicators/index.js';
import { migrateToLatest, type Store } from '../../storage/db.js';
import { openImportStore } from '../../storage/imports/import-store.js';
import { flowYears } from '../../storage/flow-queries.js';
import { GLOBAL_OPTIONS, makeContext, type Context, type GlobalFlags } from '../context.js';
import type { Io } from '../io.js';
import { progressBar } from '../progress.js';

export const IMPORT_HELP = `trayecto import campuses ARCHIVO.csv [--dry-run] [--db RUTA|URL]
trayecto import published-dropout ARCHIVO.csv [--dry-run] [--db RUTA|URL]
  Importa la lista de planteles (por CCT) o las tasas de abandono publicadas por plantel. Todo o nada:
  un archivo con errores no cambia la base de datos; importar dos veces el mismo archivo no cambia nada.
  Los defectos de la fuente (coordenadas, claves, planteles sin pareja) se informan y la fila se importa.
  --dry-run  valida y cuenta lo que cambiaría, sin escribir
  --format json  el resumen como JSON
trayecto import counts ARCHIVO.csv [--dry-run] [--db RUTA|URL]
  Importa conteos agregados reportados (p. ej. el 911 de un plantel o de una entidad): ciclo_escolar, unidad,
  mt, ni1, ex, ap, reg, eg. La unidad decide el nivel: una CCT es un plantel (debe existir), 2 dígitos una
  entidad (01-32), MX o nacional el país. Todo o nada, idempotente; después compara cada unidad con los
  conteos calculados de los registros (diferencias y abandono de cada uno).
trayecto import TIPO ARCHIVO.csv [--dry-run] [--report ERRORES.csv|.xlsx] [--max-bytes N] [--max-errors N]
    [--db RUTA|URL]
  TIPO: module-results, enrollments, students, status-events, scholarship-payments, interventions,
  certifications, attendance o programs.
  Importa registros (calificaciones por módulo, inscripciones, alumnos, eventos de trayectoria, pagos de beca,
  intervenciones, certificaciones de competencia, asistencia por periodo, catálogo de carreras) leyendo el
  archivo por partes. Encabezados en español (se aceptan alias en inglés; ver docs/IMPORTS.md). Valida CURP
  (formato y dígito verificador), CCT, fechas, rangos, referencias, filas repetidas y trayectorias imposibles.
  Todo o nada: con un solo error no se escribe nada (código de salida 2); idempotente por clave natural.
  --report ARCHIVO  escribe todos los problemas (archivo, línea, columna, valor, mensaje) en CSV o XLSX
  --max-bytes N     tamaño máximo del archivo (predeterminado ${DEFAULT_MAX_IMPORT_BYTES} bytes)
  --max-errors N    problemas que se muestran en pantalla (predeterminado 20)
  Acepta también XLSX (primera hoja, o --sheet NOMBRE); las celdas con fórmulas se rechazan.
trayecto import template TIPO [--out ARCHIVO.xlsx|ARCHIVO.csv]
  Escribe una plantilla XLSX: encabezados y una fila de ejemplo que se importa sin errores, claves válidas
  de la base (planteles; carreras; módulos con su carrera y semestre; listas cerradas) e instrucciones.
  Con --out *.csv escribe solo los encabezados y la fila de ejemplo en CSV (UTF-8).`;

const KINDS = ['campuses', 'published-dropout', 'counts', ...RECORD_KINDS] as const;
type Kind = (typeof KINDS)[number];

export async function importCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      ...GLOBAL_OPTIONS,
      'dry-run': { type: 'boolean', default: false },
      report: { type: 'string' },
      'max-bytes': { type: 'string' },
      'max-errors': { type: 'string' },
      sheet: { type: 'string' },
      out: { type: 'string' },
    },
    allowPositionals: true,
  });
  if (values.help) return (io.out(`${IMPORT_HELP}\n`), 0);
  const [kind, file, ...extra] = positionals;
  if (kind === 'template') return templateCommand(io, values, file, extra);
  if (!KINDS.includes(kind as Kind))
    throw invalid(
      'unknown_import_kind',
      `Tipo de importación desconocido: "${kind ?? ''}". Valores válidos: ${KINDS.join(', ')}`,
    );
  if (file === undefined)
    throw invalid('missing_file', `Falta el archivo: trayecto import ${kind} ARCHIVO.csv`);
  if (extra.length > 0) throw invalid('unexpected_argument', `Argumento de más: "${extra.join(' ')}"`);
  const ctx = makeContext(io, values);
  const dryRun = values['dry-run'];
  if (kind !== undefined && isRecordKind(kind)) {
    const maxBytes = positiveInt(values['max-bytes'], '--max-bytes') ?? envMaxBytes(io);
    const maxErrors = positiveInt(values['max-errors'], '--max-errors') ?? 20;
    return withStore(ctx, dryRun, (store) =>
      runRecordImport(ctx, store, kind, file, {
        dryRun,
        maxBytes,
        maxErrors,
        report: values.report,
        sheet: values.sheet,
      }),
    );
  }
  const buffer = readInput(file);
  const bar = progressBar(io, `Importando ${file}`);
  bar.update(0, 1, 'validando');
  return withStore(ctx, dryRun, async (store) => {
    if (kind === 'campuses') {
      const summary = await importCampuses(store.db, buffer, file, { dryRun, actor: ctx.actor });
      bar.end(`${summary.rows} filas`);
      printCampuses(ctx, summary);
    } else if (kind === 'counts') {
      const summary = await importReportedCounts(store.db, buffer, file, {
        dryRun,
        actor: ctx.actor,
        limits: ctx.config.importLimits,
      });
      bar.end(`${summary.rows} filas`);
      await printCounts(ctx, store, summary);
    } else {
      const summary = await importPublishedDropout(store.db, buffer, file, { dryRun, actor: ctx.actor });
      bar.end(`${summary.rows} filas`);
      await printPublished(ctx, store, summary);
    }
    return 0;
  });
}

function positiveInt(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n <= 0)
    throw invalid('invalid_option', `${flag} debe ser un número entero positivo (se leyó "${text}")`);
  return n;
}

function envMaxBytes(io: Io): number | undefined {
  return positiveInt(io.env.TRAYECTO_IMPORT_MAX_BYTES, 'TRAYECTO_IMPORT_MAX_BYTES');
}

interface RecordRun {
  readonly dryRun: boolean;
  readonly maxBytes: number | undefined;
  readonly maxErrors: number;
  readonly report: string | undefined;
  readonly sheet: string | undefined;
}

async function templateCommand(
  io: Io,
  values: GlobalFlags & { out?: string | undefined },
  kind: string | undefined,
  extra: readonly string[],
): Promise<number> {
  if (kind === undefined || !isRecordKind(kind))
    throw invalid(
      'unknown_import_kind',
      `Tipo de plantilla desconocido: "${kind ?? ''}". Valores válidos: ${RECORD_KINDS.join(', ')}`,
    );
  if (extra.length > 0) throw invalid('unexpected_argument', `Argumento de más: "${extra.join(' ')}"`);
  const ctx = makeContext(io, values);
  const out = values.out ?? `plantilla-${kind}.xlsx`;
  const store = await ctx.openExisting();
  try {
    const bytes = await importTemplate(
      store.db,
      kind,
      undefined,
      out.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx',
    );
    try {
      writeFileSync(out, bytes);
    } catch {
      throw invalid('output_not_writable', `No se puede escribir ${out}`);
    }
  } finally {
    await store.close();
  }
  io.out(`Plantilla de ${kind} escrita en ${out}\n`);
  return 0;
}

async function runRecordImport(
  ctx: Context,
  store: Store,
  kind: RecordKind,
  file: string,
  run: RecordRun,
): Promise<number> {
  const bar = progressBar(ctx.io, `Importando ${file}`);
  const started = Date.now();
  let lastDraw = 0;
  const secret = await existingPseudonymSecret(store.db, ctx.config.pseudonymSecret);
  // The import, then what depends on it (flow counts, risk scores, analyses): a line per stage on stderr.
  const summary = await importFresh(store, kind, { path: file }, file, {
    onImported: (s) => {
      const rate = s.rows / Math.max(0.001, s.elapsedMs / 1000);
      bar.end(`${s.rows.toLocaleString('es-MX')} filas, ${Math.round(rate).toLocaleString('es-MX')} filas/s`);
    },
    onStage: (_stage, text) => ctx.io.err(`  ${text}\n`),
    dryRun: run.dryRun,
    ...(run.maxBytes !== undefined ? { maxBytes: run.maxBytes } : {}),
    ...(run.sheet !== undefined ? { sheet: run.sheet } : {}),
    limits: ctx.config.importLimits,
    actor: ctx.actor,
    // Unscoped (the operator's), but audited: students named by pseudonymous id; no future terms.
    // The key is not created here (it would be a write outside the import's transaction): without one yet, the
    // audit row gives counts only.
    ...(secret ? { pseudonyms: pseudonymizer(secret) } : {}),
    lastSchoolYear: lastAcceptedYear(ctx.config.lastSchoolYear, new Date()),
    onProgress: (rows, read, total) => {
      const t = Date.now();
      if (t - lastDraw < 200) return;
      lastDraw = t;
      const rate = rows / Math.max(0.001, (t - started) / 1000);
      bar.update(
        read,
        total,
        `${rows.toLocaleString('es-MX')} filas, ${Math.round(rate).toLocaleString('es-MX')} filas/s`,
      );
    },
  });
  if (run.report !== undefined) {
    try {
      writeFileSync(run.report, await reportFile(summary, run.report));
    } catch {
      throw invalid('report_not_writable', `No se puede escribir el reporte ${run.report}`);
    }
  }
  printRecords(ctx, summary, run.maxErrors, run.report);
  return summary.rejected ? 2 : 0;
}

function printRecords(
  ctx: Context,
  s: RecordImportSummary,
  maxErrors: number,
  report: string | undefined,
): void {
  if (ctx.format === 'json') {
    const { issues, ...rest } = s;
    ctx.io.out(`${JSON.stringify({ ...rest, issues: issues.slice(0, maxErrors) }, null, 2)}\n`);
    return;
  }
  const out: string[] = [
    `${s.file}${s.encoding ? ` (codificación ${s.encoding})` : ''}: ${s.rows} filas de ${s.kind}\n`,
  ];
  if (s.rejected) {
    const { shown, omitted } = firstIssues(s, maxErrors);
    out.push(
      `Archivo rechazado: ${s.issueCount} problemas; no se importó nada (la base de datos no cambió).\n`,
    );
    out.push(...shown.map((i) => `  ${formatIssue(i)}\n`));
    if (omitted > 0)
      out.push(
        `  … y ${omitted} problemas más${report ? ` (todos en ${report})` : ' (use --report ARCHIVO.csv para verlos todos)'}\n`,
      );
  } else {
    out.push(counts(s, false));
    if (s.refreshedYears.length > 0)
      out.push(
        `  conteos de flujo recalculados para ${s.refreshedYears.join(', ')} (${(s.refreshMs / 1000).toFixed(1)} s)\n`,
      );
    if (s.dryRun) out.push(...changeLines(s, maxErrors));
  }
  if (s.dryRun) out.push(dryRunNote);
  ctx.io.out(out.join(''));
}

const shownValue = (v: string | number | null) => (v === null || v === '' ? '(vacío)' : String(v));

/** A dry run's listing of the stored values it would change: the first `max`, and how many in all. */
function changeLines(s: RecordImportSummary, max: number): string[] {
  const { total, items } = s.changes;
  if (total === 0) return ['Ningún valor guardado cambiaría.\n'];
  const shown = items.slice(0, max);
  const out = [`Valores guardados que cambiarían: ${total}\n`];
  for (const c of shown)
    out.push(
      `  línea ${c.line}, alumno ${c.student ?? '-'}: ${c.field} ${shownValue(c.before)} → ${shownValue(c.after)}\n`,
    );
  if (total > shown.length)
    out.push(`  … y ${total - shown.length} más (--format json lista hasta ${items.length})\n`);
  return out;
}

function readInput(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    throw invalid('file_not_readable', `No se puede leer el archivo ${file}`);
  }
}

/** Runs an import on the configured database (storage/imports/import-store.ts: a missing SQLite file). */
async function withStore(
  ctx: Context,
  dryRun: boolean,
  f: (store: Store) => Promise<number>,
): Promise<number> {
  const target = await openImportStore(ctx.config.database, dryRun, {
    existing: () => ctx.openExisting(),
    create: () => ctx.open(),
  });
  let ok = false;
  try {
    await migrateToLatest(target.store.db);
    const code = await f(target.store);
    ok = true;
    return code;
  } finally {
    await target.store.close();
    if (!ok) target.discard();
  }
}

const counts = (s: { inserted: number; updated: number; unchanged: number }, female: boolean) =>
  `  ${female ? 'insertadas' : 'insertados'}: ${s.inserted}, ${female ? 'actualizadas' : 'actualizados'}: ${s.updated}, sin cambios: ${s.unchanged}\n`;

const dryRunNote = '(--dry-run: simulación, la base de datos no se modificó)\n';

function printCampuses(ctx: Context, s: CampusImportSummary): void {
  if (ctx.format === 'json') {
    ctx.io.out(`${JSON.stringify({ ...s, defects: s.defects.map(formatIssue) }, null, 2)}\n`);
    return;
  }
  const out: string[] = [
    `Planteles de ${s.file}${s.encoding ? ` (codificación ${s.encoding})` : ''}: ${s.rows} filas\n`,
    counts(s, false),
  ];
  if (s.statesAdded > 0) out.push(`  entidades agregadas: ${s.statesAdded}\n`);
  if (s.defects.length > 0) {
    out.push(`Defectos de la fuente (${s.defects.length}; las filas se importaron igualmente):\n`);
    out.push(...s.defects.map((d) => `  ${formatIssue(d)}\n`));
  } else out.push('Sin defectos en la fuente.\n');
  if (s.dryRun) out.push(dryRunNote);
  ctx.io.out(out.join(''));
}

async function printPublished(ctx: Context, store: Store, s: PublishedImportSummary): Promise<void> {
  const comparisons = s.dryRun ? [] : await comparisonsFor(store, s.schoolYears);
  if (ctx.format === 'json') {
    const correlation = comparisons.map((c) => ({
      schoolYear: c.schoolYear,
      count: c.count,
      correlation: c.correlation,
    }));
    ctx.io.out(`${JSON.stringify({ ...s, publishedVsComputed: correlation }, null, 2)}\n`);
    return;
  }
  const years = s.schoolYears.join(', ');
  const out: string[] = [
    `Abandono publicado de ${s.file}: ${s.rows} filas${years ? ` (ciclo ${years})` : ''}\n`,
    counts(s, true),
    `  emparejadas con un plantel de la base de datos: ${s.matched}, sin pareja: ${s.unmatched.length}\n`,
  ];
  if (s.unmatched.length > 0)
    out.push(`Planteles publicados sin pareja (se guardan sin plantel): ${s.unmatched.join('; ')}\n`);
  if (s.defects.length > 0) {
    out.push(`Defectos de la fuente (${s.defects.length}; las filas se importaron igualmente):\n`);
    out.push(...s.defects.map((d) => `  ${d}\n`));
  } else out.push('Sin defectos en la fuente.\n');
  for (const c of comparisons) {
    const r =
      c.correlation === null
        ? 'sin correlación calculable'
        : `correlación de Pearson ${c.correlation.toFixed(2)}`;
    out.push(
      `Publicado vs. calculado (${c.schoolYear}): ${c.count} planteles con ambas tasas, ${r}, ` +
        `diferencia absoluta media ${c.meanAbsDiff.toFixed(1)} puntos\n`,
    );
  }
  if (s.dryRun) out.push(dryRunNote);
  ctx.io.out(out.join(''));
}

/** Published vs computed for the imported years that the flow counts cover. */
async function comparisonsFor(store: Store, schoolYears: readonly string[]) {
  const covered = new Set(await flowYears(store.db));
  const result = [];
  for (const schoolYear of schoolYears.filter((y) => covered.has(y))) {
    const c = await publishedVsComputed(store.db, { schoolYear });
    if (c.count === 0) continue;
    const diffs = c.rows.flatMap((r) => (r.difference === null ? [] : [Math.abs(r.difference)]));
    result.push({ ...c, meanAbsDiff: diffs.reduce((a, b) => a + b, 0) / diffs.length });
  }
  return result;
}

async function printCounts(ctx: Context, store: Store, s: CountsImportSummary): Promise<void> {
  // The comparison reads what was stored: after a dry run there is nothing new to compare.
  const rows: ReportedComparisonRow[] = [];
  if (!s.dryRun)
    for (const schoolYear of s.schoolYears)
      rows.push(...(await reportedVsComputed(store.db, { schoolYear })).rows);
  if (ctx.format === 'json') {
    ctx.io.out(`${JSON.stringify({ ...s, reportedVsComputed: rows }, null, 2)}\n`);
    return;
  }
  const years = s.schoolYears.join(', ');
  const out: string[] = [
    `Conteos reportados de ${s.file}: ${s.rows} filas${years ? ` (ciclo ${years})` : ''}` +
      ` (planteles: ${s.levels.campus}, entidades: ${s.levels.state}, nacional: ${s.levels.national})\n`,
    counts(s, false),
  ];
  if (rows.length > 0) {
    const compared = rows.filter((r) => r.computed_mt !== null);
    const matching = compared.filter((r) => FLOW_KEYS.every((k) => r[`difference_${k}`] === 0));
    out.push(
      `Reportado vs. calculado: ${compared.length} de ${rows.length} unidades con conteos de los registros, ` +
        `${matching.length} coinciden en los seis conteos\n`,
    );
    const pct = (v: number | null) => (v === null ? '—' : v.toFixed(1));
    const diff = (r: ReportedComparisonRow) =>
      r.computed_mt === null
        ? 'sin conteos calculados'
        : FLOW_KEYS.map((k) => `${k.toUpperCase()} ${signed(r[`difference_${k}`] ?? 0)}`).join(' ');
    // The units that agree are counted above; the others are listed (the first 20; all of them with --format json).
    const listed = rows.filter((r) => !matching.includes(r));
    for (const r of listed.slice(0, 20))
      out.push(
        `  ${r.school_year} ${r.unit} (${r.unit_name}): ${diff(r)}; abandono reportado ${pct(r.abandono_reported)}, ` +
          `calculado ${pct(r.abandono_computed)}\n`,
      );
    if (listed.length > 20) out.push(`  … y ${listed.length - 20} unidades más (use --format json)\n`);
  }
  if (s.dryRun) out.push(dryRunNote);
  ctx.io.out(out.join(''));
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
