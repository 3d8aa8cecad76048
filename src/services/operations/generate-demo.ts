/**
 * Use case: create the demo database (docs/SYNTHETIC-DATA.md). All or nothing: SQLite is written to a temporary
 * file renamed over the target at the end; PostgreSQL is written in one transaction.
 */
import { readFileSync } from 'node:fs';
import type { DatabaseTarget } from '../../config.js';
import { AppError } from '../../domain/errors.js';
import { migrateToLatest, type Store } from '../../storage/db.js';
import { dialectAdapter } from '../../storage/dialect.js';
import { rebuildFlowCounts } from '../../storage/flow-counts.js';
import { SECONDARY_INDEXES, createIndexes, dropIndexes } from '../../storage/indexes.js';
import { writeMeta } from '../../storage/meta.js';
import { clearTables, hasCampuses } from '../../storage/generation.js';
import { ensureYearPartitions } from '../../storage/partitions.js';
import { schoolYearOf } from '../../domain/calendar.js';
import { FIRST_START_YEAR, LAST_START_YEAR } from '../../synth/parameters.js';
import { generate, type GenerationSummary, type YearProgress } from '../../synth/generate.js';
import { resolveScenario, type ScenarioInput } from '../../synth/scenario.js';
import { SYNTH_COLUMNS } from '../../synth/tables.js';
import { streamGeneration } from './generate-stream.js';
import { importPublishedDropoutIn } from '../imports/index.js';
import { assetPath, loadReferenceCampuses, PUBLISHED_DROPOUT_FILE } from './reference-files.js';

export interface GenerateDemoOptions {
  readonly target: DatabaseTarget;
  readonly seed: number;
  readonly scale: number;
  /** Replace an existing database. */
  readonly force: boolean;
  /** Intervention scenario (docs/SYNTHETIC-DATA.md, "Scenarios"); every key optional. */
  readonly scenario?: ScenarioInput;
  /** First and last start year simulated (tests shorten the history; default 2013 and 2025). */
  readonly firstStartYear?: number;
  readonly lastStartYear?: number;
}

export type GenerateEvent =
  | { readonly phase: 'year'; readonly progress: YearProgress }
  | { readonly phase: 'indexes' | 'flow_counts' | 'analyze' };

export interface GenerateDemoResult {
  readonly summary: GenerationSummary;
  readonly rows: Record<string, number>;
  readonly flowCountRows: number;
}

export const DEFAULT_SEED = 20_261_128;
/** Largest scale accepted: four national CONALEPs (replicas on synthetic campuses above 1, synth/replicas.ts). */
export const MAX_SCALE = 4;

export async function generateDemo(
  options: GenerateDemoOptions,
  onEvent: (e: GenerateEvent) => void = () => {},
): Promise<GenerateDemoResult> {
  checkScale(options.scale);
  return dialectAdapter(options.target.dialect).freshDatabase(options.target, options.force, (store) =>
    loadDemo(store, options, onEvent),
  );
}

/** Generates into an open store, in one transaction (the store is migrated first). */
export async function loadDemo(
  store: Store,
  options: Omit<GenerateDemoOptions, 'target'>,
  onEvent: (e: GenerateEvent) => void = () => {},
): Promise<GenerateDemoResult> {
  checkScale(options.scale);
  await migrateToLatest(store.db);
  const reference = loadReferenceCampuses();
  const dialect = dialectAdapter(store.dialect);
  const result = await store.db.transaction().execute(async (trx) => {
    // Rows arrive in batches per table, not in dependency order: SQLite checks foreign keys at commit.
    await dialect.deferForeignKeys(trx);
    if (await hasCampuses(trx)) {
      if (!options.force)
        throw new AppError(
          'conflict',
          'database_not_empty',
          'La base de datos ya tiene datos; use --force para reemplazarlos',
        );
      await clearTables(trx, [...Object.keys(SYNTH_COLUMNS), 'flow_counts', 'dataset_meta'].reverse());
    }
    await dropIndexes(trx, SECONDARY_INDEXES);
    // Each school year's partitions (PostgreSQL) exist before its rows arrive.
    await ensureYearPartitions(trx, demoSchoolYears(options));
    const loader = dialect.bulkLoader(store, trx, SYNTH_COLUMNS);
    const gen = generate(
      {
        seed: options.seed,
        scale: options.scale,
        campuses: reference.campuses,
        scenario: resolveScenario(options.scenario),
        firstStartYear: options.firstStartYear,
        lastStartYear: options.lastStartYear,
      },
      loader,
    );
    const summary = await streamGeneration(gen, loader, (progress) => onEvent({ phase: 'year', progress }));
    onEvent({ phase: 'indexes' });
    await createIndexes(trx, SECONDARY_INDEXES);
    onEvent({ phase: 'flow_counts' });
    const flowCountRows = await rebuildFlowCounts(trx);
    await writeMeta(trx, 'generator', {
      ...summary,
      unmatchedPublished: reference.unmatchedPublished,
      referenceDefects: reference.defects,
    });
    // The published 2024-2025 campus rates ship with the product: the dashboard shows them beside the
    // computed ones. An import of its own (recorded in import_runs), in this transaction: a crash leaves the
    // demo with them or no demo.
    await importPublishedDropoutIn(
      trx,
      readFileSync(assetPath(PUBLISHED_DROPOUT_FILE)),
      PUBLISHED_DROPOUT_FILE,
    );
    return { summary, rows: Object.fromEntries(loader.counts), flowCountRows };
  });
  onEvent({ phase: 'analyze' });
  await dialect.analyze(store);
  return result;
}

/** The school years a demo holds rows of (synth/reference.ts, emitCalendar). */
function demoSchoolYears(options: Pick<GenerateDemoOptions, 'firstStartYear' | 'lastStartYear'>): string[] {
  const years: string[] = [];
  const last = options.lastStartYear ?? LAST_START_YEAR;
  for (let y = options.firstStartYear ?? FIRST_START_YEAR; y <= last; y++) years.push(schoolYearOf(y));
  return years;
}

function checkScale(scale: number): void {
  if (!(scale > 0 && scale <= MAX_SCALE)) {
    throw new AppError(
      'invalid',
      'invalid_scale',
      `Escala inválida: ${scale} (debe estar entre 0 y ${MAX_SCALE}; 1 = escala nacional)`,
    );
  }
}
