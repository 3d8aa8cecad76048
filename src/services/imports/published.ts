/**
 * Use case: import a published per-campus dropout file (trayecto import published-dropout). Every published
 * row is stored as published, keyed by its own school year, state code, campus number and name, with the
 * campus it matches in the database by state and name (null when none); its source defects are reported, not
 * fixed. One transaction; importing the same file twice leaves published_indicators as after the first time.
 */
import { basename } from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import { AppError, invalid } from '../../domain/errors.js';
import {
  matchPublishedCampuses,
  parsePublishedDropoutCsv,
  type Campus,
  type PublishedDropout,
} from '../../ingest/campuses.js';
import { formatIssue, type CsvIssue } from '../../ingest/issues.js';
import type { Database, PublishedIndicatorsTable } from '../../storage/schema.js';
import { takeWriteLock } from '../../storage/write-lock.js';
import { campusesWithStates } from '../../storage/imports/campus-writes.js';
import { publishedOf, writePublished } from '../../storage/imports/indicator-writes.js';
import { logImportFootprint, noteCommitted, publishedFootprint } from './catalog-footprints.js';
import { completeImport, sameReal, type ImportOptions } from './runs.js';

export const DROPOUT_INDICATOR = 'abandono';

export interface PublishedImportSummary {
  readonly file: string;
  readonly rows: number;
  /** Published rows matched to a campus of the database. */
  readonly matched: number;
  /** Names of the published rows no campus of the database matched (stored with campus_id null). */
  readonly unmatched: string[];
  /** Source defects, one sentence each, naming the published row's line. */
  readonly defects: string[];
  readonly schoolYears: string[];
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly dryRun: boolean;
  readonly runId: number | null;
}

type Key = Pick<
  PublishedIndicatorsTable,
  'school_year' | 'indicator' | 'state_id' | 'campus_number' | 'campus_name'
>;

const keyOf = (r: Key): string =>
  [r.school_year, r.indicator, r.state_id, r.campus_number, r.campus_name].join('\u0000');

export async function importPublishedDropout(
  db: Kysely<Database>,
  buffer: Buffer,
  fileName: string,
  options: ImportOptions = {},
): Promise<PublishedImportSummary> {
  const summary = await db
    .transaction()
    .execute((trx) => importPublishedDropoutIn(trx, buffer, fileName, options));
  return noteCommitted(db, summary);
}

/**
 * The same import inside the caller's transaction: generation loads the shipped file with the data it
 * generates, so that a crash leaves both or neither.
 */
export async function importPublishedDropoutIn(
  trx: Transaction<Database>,
  buffer: Buffer,
  fileName: string,
  options: ImportOptions = {},
): Promise<PublishedImportSummary> {
  const now = options.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const parsed = parsePublishedDropoutCsv(buffer, fileName);
  const published = parsed.ok ? parsed.value : [];
  const issues = parsed.ok ? duplicateKeys(published, fileName) : parsed.issues;
  if (issues.length > 0) {
    throw invalid(
      'invalid_published_file',
      `El archivo de abandono publicado ${fileName} tiene errores; no se importó nada`,
      issues.map(formatIssue),
    );
  }
  const dryRun = options.dryRun ?? false;
  if (!dryRun) await takeWriteLock(trx);
  const { campuses, idOf } = await campusesOf(trx);
  if (campuses.length === 0) {
    throw new AppError(
      'unavailable',
      'no_campuses',
      'La base de datos no tiene planteles con los cuales emparejar el archivo: importe primero la lista ' +
        '(trayecto import campuses ARCHIVO) o genere la demostración (trayecto generate)',
    );
  }
  const match = matchPublishedCampuses(campuses, published);
  const campusOf = new Map(match.matched.map((m) => [m.published, idOf.get(m.campus) ?? null]));
  const rows = published.map((p): PublishedIndicatorsTable => ({
    school_year: p.schoolYear,
    campus_id: campusOf.get(p) ?? null,
    state_id: p.stateId,
    campus_number: p.campusNumber,
    campus_name: p.name,
    indicator: DROPOUT_INDICATOR,
    value: p.dropoutPct,
    source: basename(fileName),
    imported_at: startedAt,
  }));
  const plan = await planRows(trx, rows);
  if (!dryRun) await writePublished(trx, plan.inserts, plan.updates);
  const { counts, runId } = await completeImport(trx, {
    kind: 'published-dropout',
    fileName,
    buffer,
    rows: rows.length,
    plan,
    issues: match.defects.length,
    startedAt,
    now,
    dryRun,
    actor: options.actor,
  });
  const footprint = publishedFootprint([...plan.inserts, ...plan.updates], plan.replaced);
  await logImportFootprint(trx, runId, now().toISOString(), footprint);
  return {
    file: fileName,
    ...counts,
    matched: match.matched.length,
    unmatched: match.unmatched.map((p) => p.name),
    defects: match.defects,
    schoolYears: [...new Set(rows.map((r) => r.school_year))].sort(),
    dryRun,
    runId,
  };
}

/** Two rows with the same natural key would overwrite each other: the file is rejected instead. */
function duplicateKeys(published: readonly PublishedDropout[], file: string): CsvIssue[] {
  const seen = new Map<string, number>();
  const issues: CsvIssue[] = [];
  for (const p of published) {
    const key = [p.schoolYear, p.stateId, p.campusNumber, p.name].join('\u0000');
    const first = seen.get(key);
    if (first === undefined) seen.set(key, p.line);
    else {
      const message = `fila repetida: mismo periodo, cve_ent, cve_plantel y plantel que la línea ${first}`;
      issues.push({ file, line: p.line, column: 'plantel', value: p.name, message });
    }
  }
  return issues;
}

/** The database's campuses in the shape the matcher takes, with the state's INEGI name. */
async function campusesOf(trx: Transaction<Database>) {
  const rows = await campusesWithStates(trx);
  const idOf = new Map<Campus, number>();
  const campuses = rows.map((r): Campus => {
    const campus: Campus = {
      stateId: r.state_id,
      stateName: r.state_name,
      campusNumber: r.campus_number,
      name: r.name,
      cct: r.cct,
      latitude: r.latitude,
      longitude: r.longitude,
      address: r.address,
      line: r.id,
    };
    idOf.set(campus, r.id);
    return campus;
  });
  return { campuses, idOf };
}

interface RowPlan {
  readonly inserts: PublishedIndicatorsTable[];
  readonly updates: PublishedIndicatorsTable[];
  readonly unchanged: number;
  /** The stored rows the updates replace (the change log's footprint: the campus they matched before). */
  readonly replaced: PublishedIndicatorsTable[];
}

/** A stored row is unchanged when its value and campus match; its source and import time are then kept. */
async function planRows(
  trx: Transaction<Database>,
  rows: readonly PublishedIndicatorsTable[],
): Promise<RowPlan> {
  const years = [...new Set(rows.map((r) => r.school_year))];
  const stored = await publishedOf(trx, DROPOUT_INDICATOR, years);
  const byKey = new Map(stored.map((r) => [keyOf(r), r]));
  const plan: { -readonly [K in keyof RowPlan]: RowPlan[K] } = {
    inserts: [],
    updates: [],
    unchanged: 0,
    replaced: [],
  };
  for (const row of rows) {
    const old = byKey.get(keyOf(row));
    if (!old) plan.inserts.push(row);
    else if (old.campus_id === row.campus_id && sameReal(old.value, row.value)) plan.unchanged++;
    else {
      plan.updates.push(row);
      plan.replaced.push(old);
    }
  }
  return plan;
}
