/**
 * Use case: import the CONALEP campus list (trayecto import campuses). Upserts by CCT, the natural key, in one
 * transaction: a file the parser rejects changes nothing, and importing the same file twice leaves the campus
 * and state rows as after the first time. Rows that name a campus but carry a bad field are imported and
 * their defects reported (see parseCampusesCsv).
 */
import type { Kysely, Transaction } from 'kysely';
import { invalid } from '../../domain/errors.js';
import { STATES, stateById } from '../../domain/geography.js';
import { normalizeStateName, parseCampusesCsv, type Campus } from '../../ingest/campuses.js';
import { decodeCsv, type CsvEncoding } from '../../ingest/csv.js';
import { formatIssue, type CsvIssue } from '../../ingest/issues.js';
import {
  allCampuses,
  insertStates,
  storedStateIds,
  writeCampuses,
} from '../../storage/imports/campus-writes.js';
import type { CampusesTable, Database } from '../../storage/schema.js';
import { takeWriteLock } from '../../storage/write-lock.js';
import { campusesFootprint, logImportFootprint, noteCommitted } from './catalog-footprints.js';
import { completeImport, sameReal, type ImportOptions } from './runs.js';

export interface CampusImportSummary {
  readonly file: string;
  readonly encoding: CsvEncoding | null;
  readonly rows: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  /** States (INEGI 1-32) that were missing and were added. */
  readonly statesAdded: number;
  /** Source defects of rows imported anyway, in line order. */
  readonly defects: CsvIssue[];
  readonly dryRun: boolean;
  /** The import_runs row written; null on a dry run. */
  readonly runId: number | null;
}

// Incorporated private schools ("Instituto Antares A.C.") are listed but not run by the system: the same rule
// as the demo (services/operations/reference-files.ts) makes them inactive when they are first imported.
const PRIVATE_RE = /\bA\.\s?C\.?$/;
// Centre of Mexico, for a campus without coordinates in a state where no campus has any.
const COUNTRY_CENTRE: readonly [number, number] = [23.6, -102.5];

export async function importCampuses(
  db: Kysely<Database>,
  buffer: Buffer,
  fileName: string,
  options: ImportOptions = {},
): Promise<CampusImportSummary> {
  const now = options.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const parsed = parseCampusesCsv(buffer, fileName);
  if (!parsed.ok) {
    throw invalid(
      'invalid_campus_file',
      `El archivo de planteles ${fileName} tiene errores; no se importó nada`,
      parsed.issues.map(formatIssue),
    );
  }
  const { campuses } = parsed.value;
  const defects = [...parsed.value.defects, ...stateNameDefects(campuses, fileName)].sort(
    (a, b) => a.line - b.line,
  );
  const decoded = decodeCsv(buffer, fileName);
  const encoding = decoded.ok ? decoded.value.encoding : null;
  const dryRun = options.dryRun ?? false;
  const summary = await db.transaction().execute(async (trx) => {
    if (!dryRun) await takeWriteLock(trx);
    const statesAdded = await addMissingStates(trx, dryRun);
    const plan = await planCampuses(trx, campuses);
    if (!dryRun) await writeCampuses(trx, plan.inserts, plan.updates);
    const { counts, runId } = await completeImport(trx, {
      kind: 'campuses',
      fileName,
      buffer,
      rows: campuses.length,
      plan,
      issues: defects.length,
      startedAt,
      now,
      dryRun,
      actor: options.actor,
    });
    await logImportFootprint(trx, runId, now().toISOString(), campusesFootprint(plan.changes, statesAdded));
    return { file: fileName, encoding, ...counts, statesAdded, defects, dryRun, runId };
  });
  return noteCommitted(db, summary);
}

/** A row whose state name is not its state code's name: the code wins (it is what the CCT carries). */
function stateNameDefects(campuses: readonly Campus[], file: string): CsvIssue[] {
  return campuses.flatMap((c) => {
    const state = stateById(c.stateId);
    if (!state || normalizeStateName(state.name) === normalizeStateName(c.stateName)) return [];
    const message = `la entidad no corresponde a la clave de entidad ${c.stateId} (${state.name}); se usa la clave`;
    return [{ file, line: c.line, column: 'entidad', value: c.stateName, message }];
  });
}

async function addMissingStates(trx: Transaction<Database>, dryRun: boolean): Promise<number> {
  const present = await storedStateIds(trx);
  const missing = STATES.filter((s) => !present.has(s.id));
  if (!dryRun)
    await insertStates(
      trx,
      missing.map((s) => ({ id: s.id, code: s.code, name: s.name, short_name: s.shortName })),
    );
  return missing.length;
}

interface CampusPlan {
  readonly inserts: CampusesTable[];
  readonly updates: CampusesTable[];
  readonly unchanged: number;
  /** Each written row with the row it replaces (the change log's footprint). */
  readonly changes: { before: CampusesTable | undefined; after: CampusesTable }[];
}

/** Compares the file with the campus rows by CCT; new campuses get ids after the largest one. */
async function planCampuses(trx: Transaction<Database>, campuses: readonly Campus[]): Promise<CampusPlan> {
  const existing = new Map((await allCampuses(trx)).map((row) => [row.cct, row]));
  let nextId = Math.max(0, ...[...existing.values()].map((c) => c.id)) + 1;
  const centres = stateCentres(campuses);
  const plan: { -readonly [K in keyof CampusPlan]: CampusPlan[K] } = {
    inserts: [],
    updates: [],
    unchanged: 0,
    changes: [],
  };
  for (const c of campuses) {
    const old = existing.get(c.cct);
    const fields = {
      campus_number: c.campusNumber,
      name: c.name,
      state_id: c.stateId,
      address: c.address,
    };
    if (!old) {
      const [latitude, longitude] = pointOf(c) ?? centres.get(c.stateId) ?? COUNTRY_CENTRE;
      const active = PRIVATE_RE.test(c.name) ? 0 : 1;
      const unit = reportingUnit(c.stateId);
      const row = { id: nextId++, cct: c.cct, ...fields, reporting_unit: unit, latitude, longitude, active };
      plan.inserts.push(row);
      plan.changes.push({ before: undefined, after: row });
      continue;
    }
    // A campus keeps its active flag, its coordinates when the file has none, and its reporting unit unless it
    // moved to another state.
    const [latitude, longitude] = pointOf(c) ?? [old.latitude, old.longitude];
    const unit = old.state_id === c.stateId ? old.reporting_unit : reportingUnit(c.stateId);
    const row: CampusesTable = { ...old, ...fields, reporting_unit: unit, latitude, longitude };
    if (sameCampus(old, row)) plan.unchanged++;
    else {
      plan.updates.push(row);
      plan.changes.push({ before: old, after: row });
    }
  }
  return plan;
}

const pointOf = (c: Campus): [number, number] | null =>
  c.latitude === null || c.longitude === null ? null : [c.latitude, c.longitude];

/** The colegio estatal a campus reports to, as the demo names it (synth/reference.ts). */
function reportingUnit(stateId: number): string {
  return stateId === 9
    ? 'Unidad de Operación Desconcentrada para la Ciudad de México'
    : `Colegio Estatal ${stateById(stateId)?.shortName ?? ''}`;
}

/** Mean point of each state's campuses that have coordinates (as services/operations/reference-files.ts does). */
function stateCentres(campuses: readonly Campus[]): Map<number, [number, number]> {
  const acc = new Map<number, [number, number, number]>();
  for (const c of campuses) {
    if (c.latitude === null || c.longitude === null) continue;
    const a = acc.get(c.stateId) ?? [0, 0, 0];
    acc.set(c.stateId, [a[0] + c.latitude, a[1] + c.longitude, a[2] + 1]);
  }
  return new Map([...acc].map(([k, [la, lo, n]]) => [k, [la / n, lo / n]]));
}

function sameCampus(a: CampusesTable, b: CampusesTable): boolean {
  return (
    a.campus_number === b.campus_number &&
    a.name === b.name &&
    a.state_id === b.state_id &&
    a.reporting_unit === b.reporting_unit &&
    a.address === b.address &&
    sameReal(a.latitude, b.latitude) &&
    sameReal(a.longitude, b.longitude)
  );
}
