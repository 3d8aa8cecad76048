/**
 * Transfer requests between campuses and the transfer they become once confirmed: a status event of kind
 * transfer at the student's next term, and the student's current campus moved to the receiving one.
 */
import type { Kysely, Transaction } from 'kysely';
import { moveStudent } from './import-lookups.js';
import type { Database } from './schema.js';

export type TransferStatus = 'pending' | 'confirmed' | 'rejected';

export interface TransferRequest {
  readonly id: number;
  readonly studentId: number;
  readonly fromCampusId: number;
  readonly toCampusId: number;
  readonly fromStateId: number;
  readonly toStateId: number;
  readonly fromCct: string;
  readonly toCct: string;
  readonly status: TransferStatus;
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
  readonly reason: string | null;
}

/** Where the requests listed may be: every campus (null) or these campuses, as sender or receiver. */
export type TransferFilter = {
  readonly campusIds: readonly number[] | null;
  readonly status?: TransferStatus;
};

function base(db: Kysely<Database>) {
  return db
    .selectFrom('transfer_requests as t')
    .innerJoin('campuses as f', 'f.id', 't.from_campus_id')
    .innerJoin('campuses as c', 'c.id', 't.to_campus_id')
    .select([
      't.id',
      't.student_id',
      't.from_campus_id',
      't.to_campus_id',
      'f.state_id as from_state',
      'c.state_id as to_state',
      'f.cct as from_cct',
      'c.cct as to_cct',
      't.status',
      't.requested_by',
      't.requested_at',
      't.decided_by',
      't.decided_at',
      't.reason',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

const toRequest = (r: Row): TransferRequest => ({
  id: Number(r.id),
  studentId: Number(r.student_id),
  fromCampusId: Number(r.from_campus_id),
  toCampusId: Number(r.to_campus_id),
  fromStateId: Number(r.from_state),
  toStateId: Number(r.to_state),
  fromCct: r.from_cct,
  toCct: r.to_cct,
  status: r.status as TransferStatus,
  requestedBy: r.requested_by,
  requestedAt: r.requested_at,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  reason: r.reason,
});

export async function insertTransferRequest(
  db: Kysely<Database>,
  r: {
    studentId: number;
    fromCampusId: number;
    toCampusId: number;
    requestedBy: string;
    requestedAt: string;
  },
): Promise<number> {
  const row = await db
    .insertInto('transfer_requests')
    .values({
      student_id: r.studentId,
      from_campus_id: r.fromCampusId,
      to_campus_id: r.toCampusId,
      status: 'pending',
      requested_by: r.requestedBy,
      requested_at: r.requestedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function findTransferRequest(db: Kysely<Database>, id: number): Promise<TransferRequest | null> {
  const r = await base(db).where('t.id', '=', id).executeTakeFirst();
  return r ? toRequest(r) : null;
}

/** A pending request of a student to a campus, if any. */
export async function pendingTransferOf(
  db: Kysely<Database>,
  studentId: number,
  toCampusId: number,
): Promise<number | null> {
  const r = await db
    .selectFrom('transfer_requests')
    .select('id')
    .where('student_id', '=', studentId)
    .where('to_campus_id', '=', toCampusId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return r ? Number(r.id) : null;
}

export async function listTransferRequests(
  db: Kysely<Database>,
  filter: TransferFilter,
  limit = 500,
): Promise<TransferRequest[]> {
  let q = base(db);
  if (filter.campusIds !== null) {
    const ids = filter.campusIds.length > 0 ? [...filter.campusIds] : [-1];
    q = q.where((eb) => eb.or([eb('t.from_campus_id', 'in', ids), eb('t.to_campus_id', 'in', ids)]));
  }
  if (filter.status) q = q.where('t.status', '=', filter.status);
  const rows = await q.orderBy('t.id', 'desc').limit(limit).execute();
  return rows.map(toRequest);
}

/** Marks a pending request decided; false when it was no longer pending (decided meanwhile). */
export async function decideTransferRequest(
  trx: Transaction<Database>,
  id: number,
  d: { status: 'confirmed' | 'rejected'; by: string; at: string; reason: string | null },
): Promise<boolean> {
  const r = await trx
    .updateTable('transfer_requests')
    .set({ status: d.status, decided_by: d.by, decided_at: d.at, reason: d.reason })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Records a confirmed transfer: a status event "transfer" at the term after the student's latest enrollment
 * (the school year of `date` when they have none), and the student's current campus set to the receiving one.
 */
export async function recordTransfer(
  trx: Transaction<Database>,
  t: { studentId: number; fromCampusId: number; toCampusId: number; date: string; schoolYear: string },
): Promise<{ schoolYear: string; termNo: number }> {
  const s = await trx
    .selectFrom('students')
    .select(['program_id', 'last_school_year', 'last_term_no'])
    .where('id', '=', t.studentId)
    .executeTakeFirstOrThrow();
  const at =
    s.last_school_year === null
      ? { schoolYear: t.schoolYear, termNo: 1 }
      : Number(s.last_term_no) === 1
        ? { schoolYear: s.last_school_year, termNo: 2 }
        : { schoolYear: nextYear(s.last_school_year), termNo: 1 };
  const last = await trx
    .selectFrom('status_events')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  await trx
    .insertInto('status_events')
    .values({
      id: Number(last?.id ?? 0) + 1,
      student_id: t.studentId,
      campus_id: t.toCampusId,
      school_year: at.schoolYear,
      term_no: at.termNo,
      event_date: t.date,
      kind: 'transfer',
      reason: null,
      from_campus_id: t.fromCampusId,
      to_campus_id: t.toCampusId,
      from_program_id: Number(s.program_id),
      to_program_id: Number(s.program_id),
    })
    .execute();
  await moveStudent(trx, t.studentId, t.toCampusId);
  return at;
}

const nextYear = (y: string) => `${Number(y.slice(0, 4)) + 1}-${Number(y.slice(0, 4)) + 2}`;

/** A student by CURP with their current campus and its state; null when no student has it. */
export async function studentPlaceByCurp(
  db: Kysely<Database>,
  curp: string,
): Promise<{ studentId: number; campusId: number; stateId: number } | null> {
  const r = await db
    .selectFrom('student_identities as i')
    .innerJoin('students as s', 's.id', 'i.student_id')
    .innerJoin('campuses as c', 'c.id', 's.campus_id')
    .select(['s.id', 's.campus_id', 'c.state_id'])
    .where('i.curp', '=', curp)
    .executeTakeFirst();
  return r ? { studentId: Number(r.id), campusId: Number(r.campus_id), stateId: Number(r.state_id) } : null;
}

/** A campus by CCT (id and state); null when there is none. */
export async function campusByCct(
  db: Kysely<Database>,
  cct: string,
): Promise<{ id: number; stateId: number } | null> {
  const r = await db
    .selectFrom('campuses')
    .select(['id', 'state_id'])
    .where('cct', '=', cct)
    .executeTakeFirst();
  return r ? { id: Number(r.id), stateId: Number(r.state_id) } : null;
}

/** A campus by id (id and state); null when there is none. */
export async function campusById(
  db: Kysely<Database>,
  id: number,
): Promise<{ id: number; stateId: number } | null> {
  const r = await db
    .selectFrom('campuses')
    .select(['id', 'state_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  return r ? { id: Number(r.id), stateId: Number(r.state_id) } : null;
}
