/**
 * The footprints of the catalog and aggregate imports (issue 15): the campus list, reported counts and
 * published figures log the cells they changed in the change log (data_changes) as record imports do, so that
 * the analysis runner recomputes only what reads them (services/analyses/inputs.ts) instead of everything.
 * - campus list: a renamed campus is a cell of 'campuses.name', a campus moved to another state one of
 *   'campuses.state_id' (every campus: a state unit's campuses change), any other change or a new campus one of
 *   'campuses', states added one of 'states';
 * - reported counts: 'reported_counts' (school year, the campus of a campus row; every campus for a state or
 *   national row);
 * - published figures: 'published_indicators' (school year, the campus matched before and after).
 */
import type { Kysely, Transaction } from 'kysely';
import { Footprint } from '../../domain/footprint.js';
import { logDataChange } from '../../storage/data-changes.js';
import { noteDataChange } from '../../storage/data-version.js';
import type {
  CampusesTable,
  Database,
  PublishedIndicatorsTable,
  ReportedCountsTable,
} from '../../storage/schema.js';

/** The cells of a campus list's changes: each written row with the row it replaced (none: a new campus). */
export function campusesFootprint(
  changes: readonly { readonly before: CampusesTable | undefined; readonly after: CampusesTable }[],
  statesAdded: number,
): Footprint {
  const fp = new Footprint();
  for (const { before, after } of changes) {
    if (!before) {
      fp.add('campuses', null, after.id);
      continue;
    }
    if (before.name !== after.name) fp.add('campuses.name', null, after.id);
    if (before.state_id !== after.state_id) fp.add('campuses.state_id', null, null);
    fp.add('campuses', null, after.id);
  }
  if (statesAdded > 0) fp.add('states', null, null);
  return fp;
}

/** The cells of reported-count rows written; `campusIdOf` maps a campus row's CCT to its id. */
export function countsFootprint(
  rows: readonly Pick<ReportedCountsTable, 'school_year' | 'level' | 'unit'>[],
  campusIdOf: ReadonlyMap<string, number>,
): Footprint {
  const fp = new Footprint();
  for (const r of rows)
    fp.add('reported_counts', r.school_year, r.level === 'campus' ? (campusIdOf.get(r.unit) ?? null) : null);
  return fp;
}

/** The cells of published rows written, with the campus each matched before (updates) and after. */
export function publishedFootprint(
  written: readonly Pick<PublishedIndicatorsTable, 'school_year' | 'campus_id'>[],
  replaced: readonly Pick<PublishedIndicatorsTable, 'school_year' | 'campus_id'>[],
): Footprint {
  const fp = new Footprint();
  for (const r of [...written, ...replaced]) fp.add('published_indicators', r.school_year, r.campus_id);
  return fp;
}

/**
 * Logs a committed import's footprint with its run (in its transaction). Nothing when it was a dry run or
 * changed nothing (the run then changes no version either).
 */
export async function logImportFootprint(
  trx: Transaction<Database>,
  runId: number | null,
  at: string,
  footprint: Footprint,
): Promise<void> {
  if (runId === null || footprint.empty) return;
  await logDataChange(trx, { runId, at, footprint: footprint.toJSON() });
}

/**
 * After an import committed on `db`: when it changed rows, this process reads the data versions again at once
 * (SQLite's data_version does not move for a connection's own commits), so its caches and the analysis runner
 * see the change.
 */
export function noteCommitted<
  S extends { readonly runId: number | null; readonly inserted: number; readonly updated: number },
>(db: Kysely<Database>, summary: S): S {
  if (summary.runId !== null && summary.inserted + summary.updated > 0) noteDataChange(db);
  return summary;
}
