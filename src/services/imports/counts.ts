/**
 * Use case: import aggregate flow counts reported by a unit (trayecto import counts): one row per school year
 * and unit with MT, NI1, EX, AP, REG, EG, as a campus's or a state's 911 submission gives them. The unit decides
 * the level: a CCT is a campus (it must exist), two digits a state (01-32), 'MX' or 'nacional' the country.
 * All or nothing, one transaction; importing the same file twice leaves reported_counts as after the first.
 */
import { basename } from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import ExcelJS from 'exceljs';
import { AppError } from '../../domain/errors.js';
import { STATES } from '../../domain/geography.js';
import { parseCct } from '../../domain/identifiers.js';
import { FLOW_KEYS } from '../../domain/indicators.js';
import { parseCountsCsv, type CountsRow } from '../../ingest/counts.js';
import { capIssues, formatIssue, type CsvIssue } from '../../ingest/issues.js';
import type { FileLimits } from '../../ingest/limits.js';
import type { Database, ReportedCountsTable } from '../../storage/schema.js';
import { takeWriteLock } from '../../storage/write-lock.js';
import { allCampuses, knownCcts } from '../../storage/imports/campus-writes.js';
import { reportedCountsOf, writeReportedCounts } from '../../storage/imports/indicator-writes.js';
import { countsFootprint, logImportFootprint, noteCommitted } from './catalog-footprints.js';
import { completeImport, type ImportOptions } from './runs.js';

export type ReportedLevel = ReportedCountsTable['level'];

export interface CountsImportSummary {
  readonly file: string;
  readonly rows: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly schoolYears: string[];
  /** Rows by level. */
  readonly levels: Readonly<Record<ReportedLevel, number>>;
  readonly dryRun: boolean;
  readonly runId: number | null;
}

const NATIONAL = 'MX';

/** A rejected counts file: an `invalid` error that also keeps its row-level issues (for the upload page). */
export class CountsFileError extends AppError {
  constructor(
    fileName: string,
    readonly issues: readonly CsvIssue[],
  ) {
    super(
      'invalid',
      'invalid_counts_file',
      `El archivo de conteos ${fileName} tiene errores; no se importó nada`,
      issues.map(formatIssue),
    );
  }
}

/** The counts template: the columns with an example row, and the valid units (MX, states, campuses). */
export async function countsTemplate(db: Kysely<Database>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Trayecto';
  const data = wb.addWorksheet('Datos');
  data.addRow(['ciclo_escolar', 'unidad', ...FLOW_KEYS]).font = { bold: true };
  data.addRow(['2024-2025', '15DPT0033E', 1200, 410, 35, 980, 110, 290]);
  data.views = [{ state: 'frozen', ySplit: 1 }];
  data.columns.forEach((c) => (c.width = 16));
  const units = wb.addWorksheet('Claves válidas');
  units.addRow(['unidad', 'nombre', 'nivel']).font = { bold: true };
  units.addRow([NATIONAL, 'Nacional', 'national']);
  for (const s of STATES) units.addRow([s.code, s.name, 'state']);
  const campuses = (await allCampuses(db)).sort((a, b) => a.cct.localeCompare(b.cct));
  for (const c of campuses) units.addRow([c.cct, c.name, 'campus']);
  units.columns.forEach((c) => (c.width = 28));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The level and stored unit of a unit cell, or a Spanish reason. */
export function unitLevel(
  text: string,
): { ok: true; level: ReportedLevel; unit: string } | { ok: false; reason: string } {
  const t = text.trim().toUpperCase();
  if (t === NATIONAL || t === 'NACIONAL') return { ok: true, level: 'national', unit: NATIONAL };
  if (/^\d{2}$/.test(t)) {
    const n = Number(t);
    if (n < 1 || n > 32) return { ok: false, reason: 'clave de entidad fuera de rango: debe ser 01 a 32' };
    return { ok: true, level: 'state', unit: t };
  }
  if (/^\d{2}[A-Z]/.test(t)) {
    const cct = parseCct(t);
    if (!cct.ok) return { ok: false, reason: cct.issues.join('; ') };
    return { ok: true, level: 'campus', unit: cct.value };
  }
  return {
    ok: false,
    reason: 'unidad inválida: se espera una CCT, una clave de entidad de 2 dígitos (01-32), MX o nacional',
  };
}

export interface CountsImportOptions extends ImportOptions {
  /** Bounds on line length, columns and rows, checked while reading (ingest/limits.ts; config importLimits). */
  readonly limits?: FileLimits;
}

/**
 * Reads the file with the bounded streaming CSV reader (a file past a limit throws a FileLimitError, naming
 * file and line, before anything is written), validates every row, then writes in one transaction.
 */
export async function importReportedCounts(
  db: Kysely<Database>,
  buffer: Uint8Array,
  fileName: string,
  options: CountsImportOptions = {},
): Promise<CountsImportSummary> {
  const now = options.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const parsed = await parseCountsCsv({ bytes: buffer }, fileName, options.limits);
  const reject = (issues: readonly CsvIssue[]) => new CountsFileError(fileName, issues);
  // parseCountsCsv has capped its issues already.
  if (!parsed.ok) throw reject(parsed.issues);
  const unitColumn = unitHeader(parsed.value.header);
  const issues: CsvIssue[] = [];
  const rows: (ReportedCountsTable & { line: number })[] = [];
  const seen = new Map<string, number>();
  for (const r of parsed.value.rows) {
    const u = unitLevel(r.unit);
    const issue = (message: string) =>
      issues.push({ file: fileName, line: r.line, column: unitColumn, value: r.unit, message });
    if (!u.ok) {
      issue(u.reason);
      continue;
    }
    // "nacional" and "MX", or a CCT in lower and upper case, are the same unit.
    const key = `${r.schoolYear}\u0000${u.level}\u0000${u.unit}`;
    const first = seen.get(key);
    if (first !== undefined) {
      issue(`(ciclo ${r.schoolYear}, unidad ${u.unit}) repetido: aparece en las líneas ${first} y ${r.line}`);
      continue;
    }
    seen.set(key, r.line);
    rows.push(toRow(r, u.level, u.unit, fileName, startedAt));
  }
  if (issues.length > 0) throw reject(capIssues(issues));

  const dryRun = options.dryRun ?? false;
  const summary = await db.transaction().execute(async (trx) => {
    if (!dryRun) await takeWriteLock(trx);
    const unknown = await unknownCampuses(trx, rows);
    if (unknown.length > 0)
      throw reject(
        capIssues(
          unknown.map((r) => ({
            file: fileName,
            line: r.line,
            column: unitColumn,
            value: r.unit,
            message: `plantel desconocido: la CCT ${r.unit} no está en la lista de planteles`,
          })),
        ),
      );
    const stored = rows.map(({ line: _line, ...row }) => row);
    const plan = await planRows(trx, stored);
    if (!dryRun) await writeReportedCounts(trx, plan.inserts, plan.updates);
    const { counts, runId } = await completeImport(trx, {
      kind: 'counts',
      fileName,
      buffer,
      rows: stored.length,
      plan,
      issues: 0,
      startedAt,
      now,
      dryRun,
      actor: options.actor,
    });
    const written = [...plan.inserts, ...plan.updates];
    const ids = written.some((r) => r.level === 'campus')
      ? new Map((await allCampuses(trx)).map((c) => [c.cct, c.id]))
      : new Map<string, number>();
    await logImportFootprint(trx, runId, now().toISOString(), countsFootprint(written, ids));
    const levels = { campus: 0, state: 0, national: 0 };
    for (const r of stored) levels[r.level]++;
    return {
      file: fileName,
      ...counts,
      schoolYears: [...new Set(stored.map((r) => r.school_year))].sort(),
      levels,
      dryRun,
      runId,
    };
  });
  return noteCommitted(db, summary);
}

/**
 * A count table uploaded through the API: the summary, or the rejected file's row-level issues. Plain data,
 * since it is computed in the import worker (services/analyses/worker.ts) and crosses back to the HTTP thread;
 * a file past a limit still throws its FileLimitError (a 400).
 */
export type CountsUploadResult =
  | { readonly rejected: false; readonly summary: CountsImportSummary }
  | { readonly rejected: true; readonly issues: readonly CsvIssue[] };

export async function uploadCountsFile(
  db: Kysely<Database>,
  buffer: Uint8Array,
  fileName: string,
  options: CountsImportOptions = {},
): Promise<CountsUploadResult> {
  try {
    return { rejected: false, summary: await importReportedCounts(db, buffer, fileName, options) };
  } catch (e) {
    if (e instanceof CountsFileError) return { rejected: true, issues: e.issues };
    throw e;
  }
}

function toRow(r: CountsRow, level: ReportedLevel, unit: string, fileName: string, at: string) {
  return {
    school_year: r.schoolYear,
    level,
    unit,
    ...r.counts,
    source: basename(fileName),
    imported_at: at,
    line: r.line,
  };
}

/** The unit column as the file spells it ("Unidad"), for messages. */
function unitHeader(header: readonly string[]): string {
  return header.find((h) => ['unit', 'unidad'].includes(h.trim().toLowerCase())) ?? 'unidad';
}

async function unknownCampuses<R extends { level: ReportedLevel; unit: string }>(
  trx: Transaction<Database>,
  rows: readonly R[],
): Promise<R[]> {
  const ccts = [...new Set(rows.filter((r) => r.level === 'campus').map((r) => r.unit))];
  if (ccts.length === 0) return [];
  const known = await knownCcts(trx, ccts);
  return rows.filter((r) => r.level === 'campus' && !known.has(r.unit));
}

interface RowPlan {
  readonly inserts: ReportedCountsTable[];
  readonly updates: ReportedCountsTable[];
  readonly unchanged: number;
}

const keyOf = (r: Pick<ReportedCountsTable, 'school_year' | 'level' | 'unit'>) =>
  `${r.school_year}\u0000${r.level}\u0000${r.unit}`;

/** A stored row is unchanged when its six counts match; its source and import time are then kept. */
async function planRows(trx: Transaction<Database>, rows: readonly ReportedCountsTable[]): Promise<RowPlan> {
  const years = [...new Set(rows.map((r) => r.school_year))];
  const stored = await reportedCountsOf(trx, years);
  const byKey = new Map(stored.map((r) => [keyOf(r), r]));
  const plan = { inserts: [] as ReportedCountsTable[], updates: [] as ReportedCountsTable[], unchanged: 0 };
  for (const row of rows) {
    const old = byKey.get(keyOf(row));
    if (!old) plan.inserts.push(row);
    else if (FLOW_KEYS.every((k) => Number(old[k]) === row[k])) plan.unchanged++;
    else plan.updates.push(row);
  }
  return plan;
}
