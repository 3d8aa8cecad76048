/**
 * The audit repository: appends rows to audit_log and reads pages of it. The table is append-only (triggers
 * on both dialects reject an update or delete), so there is no other write here. What a row may say (no
 * names, no CURP) is decided by services/operations/audit.ts before it gets here. Every function takes the database or
 * a transaction first.
 */
import type { Kysely } from 'kysely';
import { queuedAuditWriter } from './audit-writer.js';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

/** One row as written and read; details is JSON text. */
export interface AuditRecord {
  readonly at: string;
  readonly actor: string;
  readonly role: string | null;
  readonly action: string;
  readonly target: string | null;
  readonly stateId: number | null;
  readonly campusId: number | null;
  readonly details: string | null;
  readonly requestId: string | null;
}

/** A state (and campus) an audit row touched besides its own scope (an import: its students' places). */
export interface AuditPlace {
  readonly stateId: number;
  readonly campusId: number | null;
}

/** Appends a row and, when given, the places it touched (in the caller's transaction). */
export async function insertAuditRecord(
  db: Db,
  r: AuditRecord,
  places: readonly AuditPlace[] = [],
): Promise<void> {
  if (places.length === 0) {
    // Outside a transaction on SQLite: queued, so that another process's lock never holds the event loop.
    const queued = queuedAuditWriter(db);
    return queued ? queued(rowOf(r)) : insertRow(db, r);
  }
  const { id } = await db.insertInto('audit_log').values(rowOf(r)).returning('id').executeTakeFirstOrThrow();
  for (let i = 0; i < places.length; i += 500)
    await db
      .insertInto('audit_places')
      .values(
        places
          .slice(i, i + 500)
          .map((p) => ({ audit_id: Number(id), state_id: p.stateId, campus_id: p.campusId })),
      )
      .execute();
}

const rowOf = (r: AuditRecord) => ({
  at: r.at,
  actor: r.actor,
  role: r.role,
  action: r.action,
  target: r.target,
  state_id: r.stateId,
  campus_id: r.campusId,
  details: r.details,
  request_id: r.requestId,
});

async function insertRow(db: Db, r: AuditRecord): Promise<void> {
  await db.insertInto('audit_log').values(rowOf(r)).execute();
}

export interface AuditFilter {
  readonly stateId?: number;
  /** Inclusive lower bound on `at` (ISO text). */
  readonly since?: string;
  /** Exclusive upper bound on `at` (ISO text). */
  readonly until?: string;
  /** One action ("user.add"), or a family by its prefix ("user" matches "user.%"). */
  readonly action?: { readonly exact: string } | { readonly family: string };
  readonly actor?: string;
  readonly target?: string;
  readonly limit: number;
  readonly offset: number;
}

/** A page of rows, newest first (time, then id), and how many rows match in all. */
export async function auditRecords(
  db: Db,
  f: AuditFilter,
): Promise<{ rows: (AuditRecord & { readonly id: number })[]; total: number }> {
  let base = db.selectFrom('audit_log');
  // A state's rows: those scoped to it, and those that touched it (an import of its students by anyone).
  const state = f.stateId;
  if (state !== undefined)
    base = base.where((eb) =>
      eb.or([
        eb('state_id', '=', state),
        eb(
          'id',
          'in',
          eb.selectFrom('audit_places').select('audit_id').where('audit_places.state_id', '=', state),
        ),
      ]),
    );
  if (f.since) base = base.where('at', '>=', f.since);
  if (f.until) base = base.where('at', '<', f.until);
  if (f.action)
    base =
      'exact' in f.action
        ? base.where('action', '=', f.action.exact)
        : base.where('action', 'like', `${f.action.family}.%`);
  if (f.actor) base = base.where('actor', '=', f.actor);
  if (f.target) base = base.where('target', '=', f.target);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return {
    rows: rows.map((r) => ({
      id: Number(r.id),
      at: r.at,
      actor: r.actor,
      role: r.role,
      action: r.action,
      target: r.target,
      stateId: r.state_id === null ? null : Number(r.state_id),
      campusId: r.campus_id === null ? null : Number(r.campus_id),
      details: r.details,
      requestId: r.request_id,
    })),
    total: Number(count?.n ?? 0),
  };
}
