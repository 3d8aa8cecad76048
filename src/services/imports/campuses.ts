/**
 * Use case: import the CONALEP campus list (trayecto import campuses). Upserts by CCT, the natural key, in one
 * transaction: a file the parser rejects changes nothing, and importing the same file twice leaves the campus
 * and state rows as after the first time. Rows that name a campus but carry a bad field are imported and
 * their defects reported (see parseCampusesCsv).
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import { invalid } from '../../domain/errors.js';
import { STATES, stateById } from '../../domain/geography.js';
import { normalizeStateName, parseCampusesCsv, type Campus } from '../../ingest/campuses.js';
import { decodeCsv, type CsvEncoding } from '../../ingest/csv.js';
import { formatIssue, type CsvIssue } from '../../ingest/issues.js';
import type { CampusesTable, Database } from '../../storage/schema.js';
import { takeWriteLock } from '../../storage/write-lock.js';
import { recordAudit, type AuditEntry } from '../audit.js';

export interface ImportOptions {
  /** Validate and count what would change, writing nothing (no import_runs row either). */
  readonly dryRun?: boolean;
  /** The clock, for started_at / finished_at. */
  readonly now?: () => Date;
  /** Who imports, for the audit log: a username or 'cli:<os user>' ('system' when absent). */
  readonly actor?: string;
}

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
// as the demo (services/reference-files.ts) makes them inactive when they are first imported.
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
  return db.transaction().execute(async (trx) => {
    if (!dryRun) await takeWriteLock(trx);
    const statesAdded = await addMissingStates(trx, dryRun);
    const plan = await planCampuses(trx, campuses);
    if (!dryRun) await applyPlan(trx, plan);
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
    return { file: fileName, encoding, ...counts, statesAdded, defects, dryRun, runId };
  });
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
  const present = new Set((await trx.selectFrom('states').select('id').execute()).map((s) => s.id));
  const missing = STATES.filter((s) => !present.has(s.id));
  if (!dryRun && missing.length > 0) {
    await trx
      .insertInto('states')
      .values(missing.map((s) => ({ id: s.id, code: s.code, name: s.name, short_name: s.shortName })))
      .execute();
  }
  return missing.length;
}

interface CampusPlan {
  readonly inserts: CampusesTable[];
  readonly updates: CampusesTable[];
  readonly unchanged: number;
}

/** Compares the file with the campus rows by CCT; new campuses get ids after the largest one. */
async function planCampuses(trx: Transaction<Database>, campuses: readonly Campus[]): Promise<CampusPlan> {
  const existing = new Map(
    (await trx.selectFrom('campuses').selectAll().execute()).map((row) => [row.cct, row]),
  );
  let nextId = Math.max(0, ...[...existing.values()].map((c) => c.id)) + 1;
  const centres = stateCentres(campuses);
  const plan = { inserts: [] as CampusesTable[], updates: [] as CampusesTable[], unchanged: 0 };
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
      plan.inserts.push({
        id: nextId++,
        cct: c.cct,
        ...fields,
        reporting_unit: unit,
        latitude,
        longitude,
        active,
      });
      continue;
    }
    // A campus keeps its active flag, its coordinates when the file has none, and its reporting unit unless it
    // moved to another state.
    const [latitude, longitude] = pointOf(c) ?? [old.latitude, old.longitude];
    const unit = old.state_id === c.stateId ? old.reporting_unit : reportingUnit(c.stateId);
    const row: CampusesTable = { ...old, ...fields, reporting_unit: unit, latitude, longitude };
    if (sameCampus(old, row)) plan.unchanged++;
    else plan.updates.push(row);
  }
  return plan;
}

async function applyPlan(trx: Transaction<Database>, plan: CampusPlan): Promise<void> {
  for (let i = 0; i < plan.inserts.length; i += 100) {
    await trx
      .insertInto('campuses')
      .values(plan.inserts.slice(i, i + 100))
      .execute();
  }
  for (const { id, ...row } of plan.updates) {
    await trx.updateTable('campuses').set(row).where('id', '=', id).execute();
  }
}

const pointOf = (c: Campus): [number, number] | null =>
  c.latitude === null || c.longitude === null ? null : [c.latitude, c.longitude];

/** The colegio estatal a campus reports to, as the demo names it (synth/reference.ts). */
function reportingUnit(stateId: number): string {
  return stateId === 9
    ? 'Unidad de Operación Desconcentrada para la Ciudad de México'
    : `Colegio Estatal ${stateById(stateId)?.shortName ?? ''}`;
}

/** Mean point of each state's campuses that have coordinates (as services/reference-files.ts does). */
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

/**
 * Equality of a stored REAL and a file value. PostgreSQL's `real` is single precision, so a coordinate read
 * back differs from the file's double in the last digits; both are compared at single precision (about 2 m
 * at these latitudes for coordinates, far below one decimal for rates).
 */
export const sameReal = (a: number, b: number): boolean => Math.fround(Number(a)) === Math.fround(b);

export interface ImportRun {
  /** 'campuses', 'published-dropout', or a record kind (ingest/record-kinds.ts). */
  readonly kind: string;
  readonly fileName: string;
  readonly buffer: Uint8Array;
  /** The file's SHA-256 when it was streamed (buffer then empty). */
  readonly sha256?: string;
  readonly rows: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly issues: number;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** Who imported (audit log); 'system' when absent. */
  readonly actor?: string | undefined;
  /** The audit row's scope (the importer's role, state and campus) and further details (record imports). */
  readonly audit?: Pick<AuditEntry, 'role' | 'stateId' | 'campusId' | 'requestId'> & {
    readonly details?: Record<string, unknown>;
  };
}

export interface ImportCompletion {
  readonly kind: ImportRun['kind'];
  readonly fileName: string;
  readonly buffer: Uint8Array;
  readonly rows: number;
  readonly plan: {
    readonly inserts: readonly unknown[];
    readonly updates: readonly unknown[];
    readonly unchanged: number;
  };
  readonly issues: number;
  readonly startedAt: string;
  readonly now: () => Date;
  readonly dryRun: boolean;
  readonly actor?: string | undefined;
}

/** The summary counts of an applied plan and, unless it was a dry run, its recorded import run. */
export async function completeImport(trx: Transaction<Database>, c: ImportCompletion) {
  const counts = {
    rows: c.rows,
    inserted: c.plan.inserts.length,
    updated: c.plan.updates.length,
    unchanged: c.plan.unchanged,
  };
  const runId = c.dryRun
    ? null
    : await recordImportRun(trx, {
        kind: c.kind,
        fileName: c.fileName,
        buffer: c.buffer,
        ...counts,
        issues: c.issues,
        startedAt: c.startedAt,
        finishedAt: c.now().toISOString(),
        actor: c.actor,
      });
  return { counts, runId };
}

/**
 * Writes the provenance row of a completed import and its audit row (in the import's transaction: both exist
 * exactly when the import does); ids follow the largest one (the same on both dialects).
 */
export async function recordImportRun(trx: Transaction<Database>, run: ImportRun): Promise<number> {
  const last = await trx
    .selectFrom('import_runs')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  const id = Number(last?.id ?? 0) + 1;
  const sha256 = run.sha256 ?? createHash('sha256').update(run.buffer).digest('hex');
  await trx
    .insertInto('import_runs')
    .values({
      id,
      kind: run.kind,
      file_name: run.fileName,
      file_sha256: sha256,
      rows: run.rows,
      inserted: run.inserted,
      updated: run.updated,
      unchanged: run.unchanged,
      issues: run.issues,
      status: run.issues > 0 ? 'with_defects' : 'ok',
      started_at: run.startedAt,
      finished_at: run.finishedAt,
    })
    .execute();
  await recordAudit(trx, {
    actor: run.actor ?? 'system',
    action: 'import.file',
    target: `file:${basename(run.fileName)}`,
    details: {
      kind: run.kind,
      runId: id,
      sha256,
      rows: run.rows,
      inserted: run.inserted,
      updated: run.updated,
      unchanged: run.unchanged,
      issues: run.issues,
      ...run.audit?.details,
    },
    role: run.audit?.role ?? null,
    stateId: run.audit?.stateId ?? null,
    campusId: run.audit?.campusId ?? null,
    requestId: run.audit?.requestId ?? null,
    at: new Date(run.finishedAt),
  });
  return id;
}
