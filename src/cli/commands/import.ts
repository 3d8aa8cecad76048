import { existsSync, readFileSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { invalid } from '../../domain/errors.js';
import { formatIssue } from '../../ingest/issues.js';
import { importCampuses, type CampusImportSummary } from '../../services/import-campuses.js';
import { importPublishedDropout, type PublishedImportSummary } from '../../services/import-published.js';
import { publishedVsComputed } from '../../services/published-comparison.js';
import { migrateToLatest, openStore, type Store } from '../../storage/db.js';
import { flowYears } from '../../storage/flow-queries.js';
import { GLOBAL_OPTIONS, makeContext, type Context } from '../context.js';
import type { Io } from '../io.js';
import { progressBar } from '../progress.js';

export const IMPORT_HELP = `trayecto import campuses ARCHIVO.csv [--dry-run] [--db RUTA|URL]
trayecto import published-dropout ARCHIVO.csv [--dry-run] [--db RUTA|URL]
  Importa la lista de planteles (por CCT) o las tasas de abandono publicadas por plantel. Todo o nada:
  un archivo con errores no cambia la base de datos; importar dos veces el mismo archivo no cambia nada.
  Los defectos de la fuente (coordenadas, claves, planteles sin pareja) se informan y la fila se importa.
  --dry-run  valida y cuenta lo que cambiaría, sin escribir
  --format json  el resumen como JSON`;

const KINDS = ['campuses', 'published-dropout'] as const;
type Kind = (typeof KINDS)[number];

export async function importCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { ...GLOBAL_OPTIONS, 'dry-run': { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  if (values.help) return (io.out(`${IMPORT_HELP}\n`), 0);
  const [kind, file, ...extra] = positionals;
  if (!KINDS.includes(kind as Kind))
    throw invalid(
      'unknown_import_kind',
      `Tipo de importación desconocido: "${kind ?? ''}". Valores válidos: ${KINDS.join(', ')}`,
    );
  if (file === undefined)
    throw invalid('missing_file', `Falta el archivo: trayecto import ${kind} ARCHIVO.csv`);
  if (extra.length > 0) throw invalid('unexpected_argument', `Argumento de más: "${extra.join(' ')}"`);
  const ctx = makeContext(io, values);
  const buffer = readInput(file);
  const dryRun = values['dry-run'];
  const bar = progressBar(io, `Importando ${file}`);
  bar.update(0, 1, 'validando');
  return withStore(ctx, dryRun, async (store) => {
    if (kind === 'campuses') {
      const summary = await importCampuses(store.db, buffer, file, { dryRun });
      bar.end(`${summary.rows} filas`);
      printCampuses(ctx, summary);
    } else {
      const summary = await importPublishedDropout(store.db, buffer, file, { dryRun });
      bar.end(`${summary.rows} filas`);
      await printPublished(ctx, store, summary);
    }
    return 0;
  });
}

function readInput(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    throw invalid('file_not_readable', `No se puede leer el archivo ${file}`);
  }
}

/**
 * Runs an import on the configured database. A SQLite file that does not exist yet is created and migrated,
 * and deleted again when the import fails, so that a rejected file leaves nothing behind; a dry run against a
 * missing file validates against an empty database in memory.
 */
async function withStore(
  ctx: Context,
  dryRun: boolean,
  f: (store: Store) => Promise<number>,
): Promise<number> {
  const target = ctx.config.database;
  const missingFile = target.dialect === 'sqlite' && !existsSync(target.file) ? target.file : null;
  let store: Store;
  if (missingFile !== null && dryRun) store = openStore({ dialect: 'sqlite', file: ':memory:' });
  else if (dryRun) store = await ctx.openExisting();
  else store = ctx.open();
  let ok = false;
  try {
    await migrateToLatest(store.db);
    const code = await f(store);
    ok = true;
    return code;
  } finally {
    await store.close();
    if (!ok && missingFile !== null && !dryRun)
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${missingFile}${suffix}`, { force: true });
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
