/**
 * The audit of record imports (security review, finding 11): every committed import, and through the API every
 * dry run and rejected file too, leaves an `import.file` row scoped to the importer's state and campus; a
 * committed one also carries the states and campuses of the students it wrote (audit_places), so that a state
 * coordinator sees every import of their state's students, a national user's or a CLI operator's too. A committed import names the students it created or changed, a refused one the
 * students outside the scope its rows named, by pseudonymous id (never a name or CURP). Names changed on an
 * existing student are kept before and after in identity_changes, read only by audit readers.
 */
import { basename } from 'node:path';
import type { Kysely } from 'kysely';
import type { Scope } from '../../domain/access.js';
import { identityChangesOfRun, insertIdentityChanges, placesOf } from '../../storage/identity-changes.js';
import type { Database } from '../../storage/schema.js';
import { auditStateFilter, recordAudit } from '../operations/index.js';
import type { HandlerContext, IdentityChange } from './record-kinds.js';
import type { RecordImportOptions, RecordImportSummary } from './records.js';
import type { Pseudonymizer } from '../accounts/index.js';

/** Students named in an audit row, at most (the row says how many there were in all). */
export const AUDIT_STUDENTS_MAX = 100;

/** What an import leaves for its audit row besides its summary. */
export interface ImportTrace {
  committed: boolean;
  /** CURP → id of students outside the scope that rows named. */
  readonly hidden: Map<string, number>;
}

function named(ids: Iterable<number>, pseudonyms: Pseudonymizer | undefined) {
  const all = [...ids];
  return {
    studentCount: all.length,
    ...(pseudonyms
      ? { students: all.slice(0, AUDIT_STUDENTS_MAX).map((id) => pseudonyms.toPseudonym(id)) }
      : {}),
  };
}

/** The details of a committed import's audit row. */
export function importAuditDetails(
  ctx: Pick<HandlerContext, 'changed' | 'identityChanges'>,
  pseudonyms: Pseudonymizer | undefined,
  dryRun: boolean,
  rejected: boolean,
): Record<string, unknown> {
  return {
    dryRun,
    rejected,
    ...named(ctx.changed, pseudonyms),
    identityChanges: ctx.identityChanges.length,
  };
}

/** The audit row of an import that wrote nothing (dry run or rejected), after its rollback. */
export async function auditRejectedImport(
  db: Kysely<Database>,
  s: RecordImportSummary,
  options: RecordImportOptions,
  trace: ImportTrace,
): Promise<void> {
  const outside = named(trace.hidden.values(), options.pseudonyms);
  await recordAudit(db, {
    actor: options.actor ?? 'system',
    action: 'import.file',
    target: `file:${basename(s.file)}`,
    details: {
      kind: s.kind,
      dryRun: s.dryRun,
      rejected: s.rejected,
      rows: s.rows,
      inserted: s.inserted,
      updated: s.updated,
      unchanged: s.unchanged,
      issues: s.issueCount,
      outOfScopeCount: outside.studentCount,
      ...(outside.students ? { outOfScope: outside.students } : {}),
    },
    role: options.auditScope?.role ?? null,
    stateId: options.auditScope?.stateId ?? null,
    campusId: options.auditScope?.campusId ?? null,
    requestId: options.auditScope?.requestId ?? null,
  });
}

/**
 * The states and campuses of the students an import created or changed (their campus once it is written): its
 * audit row's places, so that each state's coordinator sees the imports that touched their state.
 */
export async function importPlaces(
  db: Kysely<Database>,
  students: ReadonlySet<number>,
): Promise<{ stateId: number; campusId: number }[]> {
  const places = new Map<number, number>();
  for (const p of (await placesOf(db, [...students])).values()) places.set(p.campusId, p.stateId);
  return [...places].map(([campusId, stateId]) => ({ stateId, campusId }));
}

/** Keeps the names an import changed, before and after, with each student's state and campus. */
export async function recordIdentityChanges(
  db: Kysely<Database>,
  changes: readonly IdentityChange[],
  run: { readonly at: string; readonly actor: string; readonly runId: number },
): Promise<void> {
  if (changes.length === 0) return;
  const places = await placesOf(
    db,
    changes.map((c) => c.studentId),
  );
  await insertIdentityChanges(
    db,
    changes.map((c) => ({
      at: run.at,
      actor: run.actor,
      importRunId: run.runId,
      studentId: c.studentId,
      stateId: places.get(c.studentId)?.stateId ?? null,
      campusId: places.get(c.studentId)?.campusId ?? null,
      before: c.before,
      after: c.after,
    })),
  );
}

export interface IdentityChangeView {
  readonly at: string;
  readonly actor: string;
  readonly student: string;
  readonly before: Readonly<Record<string, string>>;
  readonly after: Readonly<Record<string, string>>;
}

/**
 * The names an import run changed, before and after: for the readers of the audit log only (national all,
 * state their state; anyone else forbidden, analysts included), students by pseudonymous id.
 */
export async function identityChangesOf(
  db: Kysely<Database>,
  scope: Scope,
  runId: number,
  pseudonyms: Pseudonymizer,
): Promise<IdentityChangeView[]> {
  const state = auditStateFilter(scope);
  const rows = await identityChangesOfRun(db, runId, state);
  return rows.map((r) => ({
    at: r.at,
    actor: r.actor,
    student: pseudonyms.toPseudonym(r.studentId),
    before: r.before,
    after: r.after,
  }));
}
