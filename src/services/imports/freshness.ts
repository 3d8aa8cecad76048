/**
 * Use case: a record import and what depends on it, current as soon as it commits (CLI `trayecto import`, the
 * API upload and the analysis runner's import worker call this instead of importRecords):
 * - flow counts: rebuilt inside the import's transaction for the campuses it touched in each school year, before
 *   and after (records.ts; the cells it wrote, domain/footprint.ts);
 * - risk: the students the file named are scored again with the stored model and rules, and their scores of
 *   the current cut-off stored (every active student when the file named many: one pass is cheaper than
 *   thousands of lookups); skipped when no scoring run was ever stored (the first start's setup scores all);
 * - tutors' queues: they rank with currentRisk, computed from the records, so they follow the commit;
 * - analyses (effects, what-if, cohorts): the cells it wrote went to the change log with the import run, and the
 *   runner recomputes the pages' defaults that read them (analyses/inputs.ts; analyses/index.ts keepComputed).
 * The risk step runs after the commit: a failure there leaves the import in place and is reported.
 */
import type { RecordKind } from '../../ingest/record-kinds.js';
import type { CsvSource } from '../../ingest/csv-stream.js';
import { riskReadiness } from '../../storage/analysis-results.js';
import { noteDataChange } from '../../storage/data-version.js';
import { Footprint } from '../../domain/footprint.js';
import { newFootprint, type ImportTarget } from '../../storage/import-writes.js';
import { importRecords, type RecordImportOptions, type RecordImportSummary } from './records.js';
import { runScoring } from '../risk/index.js';

/**
 * Kinds whose rows are no input of the risk features (storage/risk-queries.ts reads students, enrollments, year
 * results and status events; module grades reach it only through the enrollment's average and failed modules,
 * which the enrollments file carries, and through the yearly results): their import re-scores no one, unless it
 * judged a yearly result again (a module-results import that changed a passing grade: its footprint then has
 * year_results cells), when the students it named are scored again.
 */
export const NOT_RISK_INPUTS: ReadonlySet<RecordKind> = new Set(['module-results', 'programs']);

/** Above this many students named, every active student is scored again (one pass over the term). */
export const RESCORE_ALL_ABOVE = 20_000;

export type FreshnessStage = 'flow' | 'risk' | 'analyses';

export interface FreshnessReport {
  /** Whether the import changed data (committed with rows inserted or updated): else nothing was redone. */
  readonly changed: boolean;
  readonly flowYears: readonly string[];
  readonly flowMs: number;
  /** Students whose risk was scored again (all active students when the file named many), null: skipped. */
  readonly riskScored: number | null;
  readonly riskScope: 'students' | 'all' | 'none';
  readonly riskMs: number;
  /** Why scoring failed (the import stays committed). */
  readonly riskError: string | null;
  /** The data version moved: the analysis runner recomputes the pages' defaults. */
  readonly analysesStale: boolean;
}

export interface FreshOptions extends RecordImportOptions {
  /** Called as soon as the import itself ended (committed, rejected or a dry run), before the stages below. */
  readonly onImported?: (summary: RecordImportSummary) => void;
  /** Called when a stage after the import ends, with a line in Spanish. */
  readonly onStage?: (stage: FreshnessStage, text: string) => void;
}

export type FreshSummary = RecordImportSummary & { readonly freshness: FreshnessReport };

export async function importFresh(
  store: ImportTarget,
  kind: RecordKind,
  source: CsvSource,
  fileName: string,
  options: FreshOptions = {},
): Promise<FreshSummary> {
  const footprint = newFootprint();
  const touched = options.touched ?? new Footprint();
  const summary = await importRecords({ ...store, footprint }, kind, source, fileName, {
    ...options,
    touched,
  });
  options.onImported?.(summary);
  const changed = summary.runId !== null && summary.inserted + summary.updated > 0;
  const report: FreshnessReport = {
    changed,
    flowYears: summary.refreshedYears,
    flowMs: summary.refreshMs,
    riskScored: null,
    riskScope: 'none',
    riskMs: 0,
    riskError: null,
    analysesStale: changed,
  };
  if (!changed) return { ...summary, freshness: report };
  // This process's caches of aggregates are dropped at once (the commit was on their own connection).
  noteDataChange(store.db);
  const say = options.onStage ?? (() => {});
  say(
    'flow',
    summary.refreshedYears.length > 0
      ? `conteos de flujo recalculados para ${summary.refreshedYears.join(', ')} (${seconds(summary.refreshMs)})`
      : 'conteos de flujo: este tipo de registro no los cambia',
  );
  const feedsRisk = !NOT_RISK_INPUTS.has(kind) || touched.cells('year_results').length > 0;
  const risk = !feedsRisk
    ? { riskScored: null, riskScope: 'none' as const, riskMs: 0, riskError: null }
    : await rescore(store, [...footprint.students], options.now);
  say(
    'risk',
    risk.riskError !== null
      ? `riesgo: no se pudo recalcular (${risk.riskError}); la importación quedó guardada`
      : !feedsRisk
        ? 'riesgo: estos registros no entran en el cálculo de riesgo (nada que recalcular)'
        : risk.riskScored === null
          ? 'riesgo: sin calificaciones guardadas todavía (se calculan al iniciar el servidor)'
          : `riesgo recalculado: ${risk.riskScored.toLocaleString('es-MX')} estudiantes ${risk.riskScope === 'all' ? 'activos (todos)' : 'del archivo'} (${seconds(risk.riskMs)})`,
  );
  say(
    'analyses',
    'análisis (efectos, escenarios, generaciones): el servidor recalcula los que leen estos datos',
  );
  return { ...summary, freshness: { ...report, ...risk } };
}

async function rescore(
  store: ImportTarget,
  students: readonly number[],
  now: (() => Date) | undefined,
): Promise<Pick<FreshnessReport, 'riskScored' | 'riskScope' | 'riskMs' | 'riskError'>> {
  const t0 = performance.now();
  try {
    if (students.length === 0 || !(await riskReadiness(store.db)).scores)
      return { riskScored: null, riskScope: 'none', riskMs: 0, riskError: null };
    const all = students.length > RESCORE_ALL_ABOVE;
    const { run } = await runScoring(store.db, all ? {} : { studentIds: students }, {
      save: true,
      ...(now ? { at: now() } : {}),
    });
    return {
      riskScored: run.scored,
      riskScope: all ? 'all' : 'students',
      riskMs: performance.now() - t0,
      riskError: null,
    };
  } catch (e) {
    return {
      riskScored: null,
      riskScope: 'none',
      riskMs: performance.now() - t0,
      riskError: e instanceof Error ? e.message : String(e),
    };
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
