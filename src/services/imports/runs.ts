/**
 * What every file import shares: the options (dry run, clock, actor), the summary counts of an applied plan,
 * and the provenance row (import_runs) with its audit row, written in the import's transaction.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Transaction } from 'kysely';
import { insertImportRun } from '../../storage/imports/runs.js';
import type { Database } from '../../storage/schema.js';
import { recordAudit, type AuditEntry } from '../operations/index.js';

export interface ImportOptions {
  /** Validate and count what would change, writing nothing (no import_runs row either). */
  readonly dryRun?: boolean;
  /** The clock, for started_at / finished_at. */
  readonly now?: () => Date;
  /** Who imports, for the audit log: a username or 'cli:<os user>' ('system' when absent). */
  readonly actor?: string;
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
  readonly audit?: Pick<AuditEntry, 'role' | 'stateId' | 'campusId' | 'requestId' | 'places'> & {
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
  const sha256 = run.sha256 ?? createHash('sha256').update(run.buffer).digest('hex');
  const id = await insertImportRun(trx, {
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
  });
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
    ...(run.audit?.places ? { places: run.audit.places } : {}),
    at: new Date(run.finishedAt),
  });
  return id;
}
