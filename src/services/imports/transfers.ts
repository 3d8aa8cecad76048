/**
 * Use case: a student changing campus (security review, finding 1). The change is a transfer that the
 * receiving campus requests and the sending campus, or a coordinator over it (state of the sending campus,
 * national), confirms or rejects; once confirmed it is a status event "traslado" and the student's current
 * campus is the receiving one, so that campus can import their records from then on. Never a side effect of an
 * enrollment row. Requests name the student by CURP (the receiving campus has it from the student) and answer
 * with nothing of the other campus's record: a pseudonymous id, the campuses only to who may see them.
 * Every step is audited (record.change, op transfer.*) in the states of both campuses.
 */
import type { Kysely } from 'kysely';
import type { Scope } from '../../domain/access.js';
import { AppError, invalid, notFound } from '../../domain/errors.js';
import { parseCurp } from '../../domain/identifiers.js';
import type { Database } from '../../storage/schema.js';
import {
  campusByCct,
  campusById,
  decideTransferRequest,
  findTransferRequest,
  insertTransferRequest,
  listTransferRequests,
  pendingTransferOf,
  recordTransfer,
  studentPlaceByCurp,
  type TransferRequest,
} from '../../storage/transfers.js';
import { campusIdsOfState } from '../../storage/import-lookups.js';
import { recordAudit } from '../operations/index.js';
import { lastAcceptedYear } from './dates.js';
import type { Pseudonymizer } from '../accounts/index.js';

export interface TransferDeps {
  readonly db: Kysely<Database>;
  readonly pseudonyms: Pseudonymizer;
  readonly now: () => Date;
  readonly lastSchoolYear: string | null;
}

export interface TransferView {
  readonly id: number;
  readonly student: string;
  /** The sending campus: only for who may decide (the receiving campus does not learn it). */
  readonly fromCct: string | null;
  readonly toCct: string;
  readonly status: string;
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
  readonly reason: string | null;
  /** Whether the viewer may confirm or reject it (sending side). */
  readonly canDecide: boolean;
}

const forbidden = () =>
  new AppError('forbidden', 'transfer_forbidden', 'Su perfil no puede solicitar ni resolver traslados');

/** Campuses a scope covers: null for national (all). */
async function campusesOf(db: Kysely<Database>, scope: Scope): Promise<number[] | null> {
  if (scope.role === 'national') return null;
  if (scope.role === 'state' && scope.stateId !== null) return campusIdsOfState(db, scope.stateId);
  if (scope.role === 'campus' && scope.campusId !== null) return [scope.campusId];
  throw forbidden();
}

function mayDecide(scope: Scope, t: TransferRequest): boolean {
  if (scope.role === 'national') return true;
  if (scope.role === 'state') return scope.stateId === t.fromStateId;
  return scope.role === 'campus' && scope.campusId === t.fromCampusId;
}

function view(deps: TransferDeps, scope: Scope, t: TransferRequest): TransferView {
  const decide = mayDecide(scope, t);
  return {
    id: t.id,
    student: deps.pseudonyms.toPseudonym(t.studentId),
    fromCct: decide ? t.fromCct : null,
    toCct: t.toCct,
    status: t.status,
    requestedBy: t.requestedBy,
    requestedAt: t.requestedAt,
    decidedBy: t.decidedBy,
    decidedAt: t.decidedAt,
    reason: t.reason,
    canDecide: decide && t.status === 'pending',
  };
}

async function audit(
  db: Kysely<Database>,
  actor: string,
  scope: Scope,
  op: string,
  t: { id: number; studentId: number; fromStateId: number; toStateId: number; toCampusId: number },
  at: Date,
) {
  // One row per state involved, so that the coordinators of both states see the transfer.
  for (const stateId of new Set([t.fromStateId, t.toStateId]))
    await recordAudit(db, {
      actor,
      action: 'record.change',
      target: `student:${t.studentId}`,
      details: { op, transfer: t.id },
      role: scope.role,
      stateId,
      campusId: stateId === t.toStateId ? t.toCampusId : null,
      at,
    });
}

/** The receiving campus (or a coordinator, naming it) asks for a student by CURP. */
export async function requestTransfer(
  deps: TransferDeps,
  scope: Scope,
  actor: string,
  input: { readonly curp: string; readonly cct?: string | undefined },
): Promise<TransferView> {
  const mine = await campusesOf(deps.db, scope);
  const curp = parseCurp(input.curp);
  if (!curp.ok) throw invalid('invalid_curp', `CURP inválida: "${input.curp}"`);
  let to: { id: number; stateId: number } | null;
  if (scope.role === 'campus') to = await campusById(deps.db, scope.campusId ?? -1);
  else {
    if (!input.cct) throw invalid('missing_cct', 'Falta la CCT del plantel que recibe al alumno (cct)');
    to = await campusByCct(deps.db, input.cct);
    if (!to || (mine !== null && !mine.includes(to.id)))
      throw notFound('campus_not_found', `No existe un plantel con la CCT "${input.cct}" en su alcance`);
  }
  if (!to) throw forbidden();
  const student = await studentPlaceByCurp(deps.db, curp.value);
  if (!student) throw notFound('student_not_found', 'No hay un alumno con esta CURP');
  if (student.campusId === to.id)
    throw new AppError('conflict', 'already_there', 'El alumno ya está inscrito en ese plantel');
  if ((await pendingTransferOf(deps.db, student.studentId, to.id)) !== null)
    throw new AppError(
      'conflict',
      'transfer_pending',
      'Ya hay una solicitud de traslado pendiente de este alumno',
    );
  const at = deps.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    const newId = await insertTransferRequest(trx, {
      studentId: student.studentId,
      fromCampusId: student.campusId,
      toCampusId: to.id,
      requestedBy: actor,
      requestedAt: at.toISOString(),
    });
    await audit(
      trx,
      actor,
      scope,
      'transfer.request',
      {
        id: newId,
        studentId: student.studentId,
        fromStateId: student.stateId,
        toStateId: to.stateId,
        toCampusId: to.id,
      },
      at,
    );
    return newId;
  });
  const t = await findTransferRequest(deps.db, id);
  if (!t) throw new Error('transfer request vanished');
  return view(deps, scope, t);
}

/** Requests to or from the viewer's campuses (national: all), pending first unless a status is asked. */
export async function listTransfers(
  deps: TransferDeps,
  scope: Scope,
  status: 'pending' | 'confirmed' | 'rejected' | undefined,
): Promise<TransferView[]> {
  const campusIds = await campusesOf(deps.db, scope);
  const rows = await listTransferRequests(deps.db, { campusIds, ...(status ? { status } : {}) });
  return rows.map((t) => view(deps, scope, t));
}

/** The sending side confirms (the transfer is recorded and the student moves) or rejects a pending request. */
export async function decideTransfer(
  deps: TransferDeps,
  scope: Scope,
  actor: string,
  id: number,
  decision: 'confirmed' | 'rejected',
  reason?: string,
): Promise<TransferView> {
  const mine = await campusesOf(deps.db, scope);
  const t = await findTransferRequest(deps.db, id);
  const visible =
    t !== null && (mine === null || mine.includes(t.fromCampusId) || mine.includes(t.toCampusId));
  if (!t || !visible) throw notFound('transfer_not_found', `No existe la solicitud de traslado ${id}`);
  if (!mayDecide(scope, t))
    throw new AppError(
      'forbidden',
      'transfer_not_yours',
      'Solo el plantel de origen o una coordinación sobre él puede resolver la solicitud',
    );
  if (t.status !== 'pending')
    throw new AppError('conflict', 'transfer_decided', `La solicitud ${id} ya fue resuelta (${t.status})`);
  const at = deps.now();
  const note = reason?.trim() ? reason.trim().slice(0, 500) : null;
  await deps.db.transaction().execute(async (trx) => {
    const ok = await decideTransferRequest(trx, id, {
      status: decision,
      by: actor,
      at: at.toISOString(),
      reason: note,
    });
    if (!ok) throw new AppError('conflict', 'transfer_decided', `La solicitud ${id} ya fue resuelta`);
    if (decision === 'confirmed')
      await recordTransfer(trx, {
        studentId: t.studentId,
        fromCampusId: t.fromCampusId,
        toCampusId: t.toCampusId,
        date: at.toISOString().slice(0, 10),
        schoolYear: lastAcceptedYear(deps.lastSchoolYear, at),
      });
    await audit(trx, actor, scope, decision === 'confirmed' ? 'transfer.confirm' : 'transfer.reject', t, at);
  });
  const done = await findTransferRequest(deps.db, id);
  if (!done) throw new Error('transfer request vanished');
  return view(deps, scope, done);
}
