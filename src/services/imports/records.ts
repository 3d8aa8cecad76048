/**
 * Use case: import a file of records (trayecto import module-results|enrollments|students|… , see
 * ingest/record-kinds.ts; and
 * POST /api/v1/imports/{kind}). The file is streamed in batches inside one transaction: each batch is parsed
 * (ingest/record-fields.ts), its references, natural keys and trajectories checked against the database and
 * the rows already imported from the same file, and its valid rows written. Any issue rolls the whole
 * transaction back (all or nothing); a dry run always rolls back. Rows equal to the database count as
 * unchanged, so importing the same file twice changes nothing the second time.
 */
import { schoolYearContaining } from '../../domain/calendar.js';
import { invalid } from '../../domain/errors.js';
import { CsvFileError, sourceSize, type CsvSource } from '../../ingest/csv-stream.js';
import type { CsvEncoding } from '../../ingest/csv.js';
import { MAX_ISSUES, type CsvIssue } from '../../ingest/issues.js';
import type { FileLimits } from '../../ingest/limits.js';
import { takeWriteLock } from '../../storage/write-lock.js';
import { headerFit, mapHeader } from '../../ingest/record-fields.js';
import { KIND_NAMES, RECORD_FIELDS, RECORD_KINDS, type RecordKind } from '../../ingest/record-kinds.js';
import { Footprint } from '../../domain/footprint.js';
import { logDataChange } from '../../storage/data-changes.js';
import { rebuildFlowCounts } from '../../storage/flow-counts.js';
import type { ImportTarget } from '../../storage/import-writes.js';
import {
  auditRejectedImport,
  importAuditDetails,
  importPlaces,
  recordIdentityChanges,
  type ImportTrace,
} from './audit.js';
import { recordImportRun } from './runs.js';
import { absentFields, RECORD_HANDLERS, type HandlerContext } from './record-kinds.js';
import {
  DEFAULT_PARSE_WORKER,
  openParsedStream,
  PARSE_WORKER_MIN_BYTES,
  type ParsedStream,
} from './parsed-stream.js';
import type { Pseudonymizer } from '../accounts/index.js';
import { ChangeListing, MAX_CHANGES_LISTED, NO_CHANGES, type ValueChanges } from './changes.js';

/** Default largest file accepted, in bytes (TRAYECTO_IMPORT_MAX_BYTES / --max-bytes change it). */
export const DEFAULT_MAX_IMPORT_BYTES = 512 * 1024 * 1024;
/** Issues kept for the downloadable report (the summary shows the first MAX_ISSUES). */
export const MAX_REPORT_ISSUES = 100_000;

export interface RecordImportOptions {
  readonly dryRun?: boolean;
  readonly maxBytes?: number;
  /** Only rows of these campuses may be imported (a campus user); undefined: any campus. */
  readonly campusScope?: ReadonlySet<number>;
  readonly batchSize?: number;
  readonly onProgress?: (rows: number, bytesRead: number, bytesTotal: number) => void;
  readonly now?: () => Date;
  /** Who imports, for the audit log. */
  readonly actor?: string;
  /** The importer's role, state and campus: the audit row's scope (coordinators of that state see it). */
  readonly auditScope?: {
    readonly role: string | null;
    readonly stateId: number | null;
    readonly campusId: number | null;
    readonly requestId?: string | null;
  };
  /** Names the students of the audit row by pseudonymous id; without it the row gives counts only. */
  readonly pseudonyms?: Pseudonymizer;
  /**
   * The last school year a row may name (AAAA-AAAA); later terms are refused. Default: the school year that
   * contains today's date (config.ts TRAYECTO_LAST_SCHOOL_YEAR changes it).
   */
  readonly lastSchoolYear?: string;
  /** The sheet of a workbook to read (the first when absent). */
  readonly sheet?: string;
  /** Bounds on rows, columns, cells and inflated bytes (ingest/limits.ts; config importLimits). */
  readonly limits?: FileLimits;
  /** How many changed values a dry run lists (MAX_CHANGES_LISTED when absent); the total is always given. */
  readonly maxChangesListed?: number;
  /** Where the cells the import wrote are collected (domain/footprint.ts); read once it committed. */
  readonly touched?: Footprint;
  /**
   * The parse worker script that reads and parses a file on disk while this thread writes (tests give a bundle of
   * parse-worker.ts; null: parse in this thread). Default: the compiled one, for files of PARSE_WORKER_MIN_BYTES
   * or more.
   */
  readonly parseWorker?: URL | null;
}

export interface RecordImportSummary {
  readonly kind: RecordKind;
  readonly file: string;
  /** The CSV's encoding, or 'xlsx' for a workbook. */
  readonly encoding: CsvEncoding | 'xlsx' | null;
  readonly rows: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  /** True when the file was rejected: nothing was written. */
  readonly rejected: boolean;
  /** Total issues found. */
  readonly issueCount: number;
  /** The first issues (up to MAX_REPORT_ISSUES), in file order per check. */
  readonly issues: readonly CsvIssue[];
  readonly dryRun: boolean;
  readonly runId: number | null;
  /** School years whose flow counts were rebuilt (for the campuses the import touched in them). */
  readonly refreshedYears: readonly string[];
  readonly refreshMs: number;
  readonly elapsedMs: number;
  /** Dry runs: the stored values the import would change, capped, with the total (none otherwise). */
  readonly changes: ValueChanges;
}

export const isRecordKind = (k: string): k is RecordKind => (RECORD_KINDS as readonly string[]).includes(k);

class Rollback extends Error {}

/**
 * Every committed import is audited with the importer's state and campus, in its own transaction (with the
 * students it created or changed); through the API a dry run or a rejected file is audited afterwards too
 * (with the students outside the scope that its rows named: a probe leaves a trace).
 */
export async function importRecords(
  store: ImportTarget,
  kind: RecordKind,
  source: CsvSource,
  fileName: string,
  options: RecordImportOptions = {},
): Promise<RecordImportSummary> {
  const trace: ImportTrace = { committed: false, hidden: new Map() };
  const summary = await runImport(store, kind, source, fileName, options, trace);
  // A scoped importer's dry run or rejected file is audited too (a probe leaves a trace); the command line's
  // operator holds the database itself, and a dry run there leaves the file as it was.
  if (!trace.committed && options.auditScope) await auditRejectedImport(store.db, summary, options, trace);
  return summary;
}

async function runImport(
  store: ImportTarget,
  kind: RecordKind,
  source: CsvSource,
  fileName: string,
  options: RecordImportOptions,
  trace: ImportTrace,
): Promise<RecordImportSummary> {
  const now = options.now ?? (() => new Date());
  const lastYear = options.lastSchoolYear ?? schoolYearContaining(now());
  const t0 = performance.now();
  const startedAt = now().toISOString();
  const dryRun = options.dryRun ?? false;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_IMPORT_BYTES;
  const size = await sourceSize(source).catch(() => {
    throw invalid('file_not_readable', `No se puede leer el archivo ${fileName}`);
  });
  if (size > maxBytes)
    throw invalid(
      'file_too_large',
      `El archivo ${fileName} pesa ${mb(size)}; el máximo es ${mb(maxBytes)}. Divídalo en archivos más pequeños.`,
    );
  // A large file on disk is parsed in a worker thread (the one given, else the compiled one); anything else here.
  const worker =
    options.parseWorker !== undefined
      ? options.parseWorker
      : size >= PARSE_WORKER_MIN_BYTES
        ? DEFAULT_PARSE_WORKER
        : null;
  let stream: ParsedStream;
  try {
    stream = await openParsedStream(
      {
        kind,
        lastYear,
        source: {
          source,
          fileName,
          sheet: options.sheet,
          batchSize: options.batchSize ?? 5000,
          limits: options.limits,
        },
      },
      'path' in source ? worker : null,
    );
  } catch (e) {
    if (e instanceof CsvFileError) return rejectedEarly(kind, fileName, null, [e.issue], dryRun, t0);
    throw e;
  }
  try {
    return await importStream(store, kind, stream, fileName, options, trace, { now, dryRun, startedAt, t0 });
  } finally {
    await stream.close();
  }
}

async function importStream(
  store: ImportTarget,
  kind: RecordKind,
  stream: ParsedStream,
  fileName: string,
  options: RecordImportOptions,
  trace: ImportTrace,
  run: {
    readonly now: () => Date;
    readonly dryRun: boolean;
    readonly startedAt: string;
    readonly t0: number;
  },
): Promise<RecordImportSummary> {
  const { now, dryRun, startedAt, t0 } = run;
  const fields = RECORD_FIELDS[kind];
  const { head } = stream;
  const mapped = mapHeader(head.header, fields, fileName);
  if (!mapped.ok) {
    const issues = [...mapped.issues];
    const other = RECORD_KINDS.filter((k) => k !== kind).find(
      (k) => headerFit(head.header, RECORD_FIELDS[k]) === 1,
    );
    if (other)
      issues.unshift({
        file: fileName,
        line: 1,
        message: `el encabezado corresponde a un archivo de ${KIND_NAMES[other]} (${other}), no de ${KIND_NAMES[kind]} (${kind})`,
      });
    return rejectedEarly(kind, fileName, head.encoding, issues, dryRun, t0);
  }
  // A file of a richer kind also carries every column of a narrower one (an enrollments file holds the
  // attendance columns): reject it rather than import part of it as the wrong kind.
  const required = (k: RecordKind) => RECORD_FIELDS[k].filter((f) => f.required).length;
  const richer = RECORD_KINDS.find(
    (k) => k !== kind && required(k) > required(kind) && headerFit(head.header, RECORD_FIELDS[k]) === 1,
  );
  if (richer)
    return rejectedEarly(
      kind,
      fileName,
      head.encoding,
      [
        {
          file: fileName,
          line: 1,
          message: `el encabezado corresponde a un archivo de ${KIND_NAMES[richer]} (${richer}), no de ${KIND_NAMES[kind]} (${kind})`,
        },
      ],
      dryRun,
      t0,
    );
  const columns = mapped.columns;

  const issues: CsvIssue[] = [];
  let issueCount = 0;
  const issue = (i: CsvIssue) => {
    issueCount++;
    if (issues.length < MAX_REPORT_ISSUES) issues.push(i);
  };
  let rows = 0;
  let result: Omit<RecordImportSummary, 'elapsedMs'> | null = null;
  const listing = dryRun
    ? new ChangeListing(kind, options.maxChangesListed ?? MAX_CHANGES_LISTED, options.pseudonyms)
    : undefined;
  try {
    await store.db.transaction().execute(async (trx) => {
      // The write lock first (waiting the busy timeout for a CLI import or another writer): a SQLite reader
      // that later upgrades to a writer fails at once with SQLITE_BUSY when another connection wrote meanwhile.
      if (!dryRun) await takeWriteLock(trx);
      const ctx: HandlerContext = {
        store,
        trx,
        file: fileName,
        issue,
        counts: { inserted: 0, updated: 0, unchanged: 0 },
        touched: options.touched ?? new Footprint(),
        campusScope: options.campusScope,
        changed: new Set(),
        hidden: trace.hidden,
        identityChanges: [],
        startedAt,
        failed: () => issueCount > 0,
        absent: absentFields(columns),
        ...(listing ? { changeLog: listing } : {}),
      };
      const handler = RECORD_HANDLERS[kind];
      const state = await handler.begin(ctx);
      for await (const batch of stream.batches(columns)) {
        for (const i of batch.issues) issue(i);
        rows += batch.rows;
        await handler.batch(ctx, state, batch.parsed);
        options.onProgress?.(rows, batch.position, head.size);
      }
      await handler.drain?.(state);
      for (const s of stream.trailingIssues()) issue(s);
      if (rows === 0)
        issue({ file: fileName, line: 2, message: 'el archivo no tiene filas de datos, solo el encabezado' });
      if (issueCount === 0) await handler.finish(ctx, state);
      const rejected = issueCount > 0;
      let refreshedYears: string[] = [];
      let refreshMs = 0;
      let runId: number | null = null;
      if (!rejected && !dryRun) {
        const scope = handler.refreshesFlowCounts
          ? ctx.touched.scopeOf(FLOW_INPUTS)
          : new Map<string, Set<number> | null>();
        if (scope.size > 0) {
          const r0 = performance.now();
          refreshedYears = [...scope.keys()].sort();
          await rebuildFlowScope(trx, scope);
          refreshMs = performance.now() - r0;
        }
        runId = await recordImportRun(trx, {
          kind,
          fileName,
          buffer: new Uint8Array(0),
          sha256: head.sha256,
          actor: options.actor,
          rows,
          ...ctx.counts,
          issues: 0,
          startedAt,
          finishedAt: now().toISOString(),
          audit: {
            ...options.auditScope,
            details: importAuditDetails(ctx, options.pseudonyms, dryRun, false),
            // Where its students are, whoever imported (a state's coordinator sees a national or CLI import).
            places: await importPlaces(trx, ctx.changed),
          },
        });
        // The cells it wrote, for the analyses that read them (an empty footprint is not logged: the run then
        // counts as a change of everything).
        if (ctx.counts.inserted + ctx.counts.updated > 0 && !ctx.touched.empty)
          await logDataChange(trx, { runId, at: now().toISOString(), footprint: ctx.touched.toJSON() });
        await recordIdentityChanges(trx, ctx.identityChanges, {
          at: now().toISOString(),
          actor: options.actor ?? 'system',
          runId,
        });
        trace.committed = true;
      }
      result = {
        kind,
        file: fileName,
        encoding: head.encoding,
        rows,
        ...ctx.counts,
        rejected,
        issueCount,
        issues: sortIssues(issues),
        dryRun,
        runId,
        refreshedYears,
        refreshMs,
        changes: listing?.result() ?? NO_CHANGES,
      };
      if (rejected || dryRun) throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  if (result === null) throw new Error('import finished without a result');
  return { ...(result as RecordImportSummary), elapsedMs: performance.now() - t0 };
}

/** The tables flow counts are derived from (storage/flow-counts.ts). */
const FLOW_INPUTS = ['enrollments', 'year_results'];

/**
 * Rebuilds the flow counts of the cells an import touched: per school year, the campuses touched in it (years
 * with the same campuses in one pass); '*' (cells without a year) rebuilds those campuses in every year.
 */
async function rebuildFlowScope(
  trx: Parameters<typeof rebuildFlowCounts>[0],
  scope: ReadonlyMap<string, ReadonlySet<number> | null>,
): Promise<void> {
  const groups = new Map<string, { years: string[]; campuses: number[] | undefined }>();
  for (const [year, campuses] of scope) {
    const list = campuses ? [...campuses].sort((a, b) => a - b) : undefined;
    const key = `${year === '*' ? '*' : ''}|${list?.join(',') ?? '*'}`;
    const g = groups.get(key) ?? { years: [], campuses: list };
    g.years.push(year);
    groups.set(key, g);
  }
  for (const g of groups.values())
    await rebuildFlowCounts(trx, g.years.includes('*') ? undefined : g.years, g.campuses);
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

const sortIssues = (issues: CsvIssue[]) => issues.sort((a, b) => a.line - b.line);

function rejectedEarly(
  kind: RecordKind,
  file: string,
  encoding: CsvEncoding | 'xlsx' | null,
  issues: CsvIssue[],
  dryRun: boolean,
  t0: number,
): RecordImportSummary {
  return {
    kind,
    file,
    encoding,
    rows: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: true,
    issueCount: issues.length,
    issues,
    dryRun,
    runId: null,
    refreshedYears: [],
    refreshMs: 0,
    changes: NO_CHANGES,
    elapsedMs: performance.now() - t0,
  };
}

/** The first `max` issues of a summary and how many were left out (for printing). */
export function firstIssues(s: RecordImportSummary, max = MAX_ISSUES) {
  return { shown: s.issues.slice(0, max), omitted: s.issueCount - Math.min(max, s.issues.length) };
}
