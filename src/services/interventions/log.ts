/**
 * The intervention log: assign an intervention to a student in scope, list and read them, record dosage, end
 * date and outcome. Analysts read with pseudonymous ids and never write.
 */
import { canSeeIdentity, type Scope } from '../../domain/access.js';
import { invalid, notFound } from '../../domain/errors.js';
import {
  INTERVENTION_KINDS,
  INTERVENTION_OUTCOMES,
  isInterventionKind,
  isInterventionOutcome,
  kindLabel,
  outcomeLabel,
} from '../../domain/interventions.js';
import { studentInScope } from '../../storage/student-queries.js';
import { recordAudit } from '../audit.js';
import { scopeFilter } from '../students.js';
import {
  campusByCct,
  checkDate,
  checkText,
  forbiddenWrite,
  freeTextFor,
  nextId,
  studentIdInScope,
  studentNames,
  today,
  tutorStudentIds,
  type Actor,
  type InterventionDeps,
} from './context.js';

export interface InterventionView {
  readonly id: number;
  readonly student: string;
  readonly studentName: string | null;
  readonly campusCct: string;
  readonly schoolYear: string;
  readonly termNo: number;
  readonly kind: string;
  readonly kindLabel: { es: string; en: string };
  readonly startDate: string;
  readonly endDate: string | null;
  readonly sessions: number;
  readonly description: string | null;
  readonly outcome: string | null;
  readonly outcomeLabel: { es: string; en: string };
  readonly assignedBy: string | null;
  readonly notes: number;
  readonly lastNoteDate: string | null;
}

export interface ListQuery {
  readonly student?: string;
  readonly campus?: string;
  readonly kind?: string;
  /** Only the ones without an outcome. */
  readonly open?: boolean;
  readonly limit?: number;
}

export async function listInterventions(
  deps: InterventionDeps,
  scope: Scope,
  query: ListQuery = {},
): Promise<InterventionView[]> {
  if (query.kind !== undefined && !isInterventionKind(query.kind))
    throw invalid(
      'unknown_kind',
      `Tipo de intervención desconocido: "${query.kind}". Valores válidos: ${INTERVENTION_KINDS.join(', ')}`,
    );
  let q = deps.db
    .selectFrom('interventions as i')
    .innerJoin('campuses as c', 'c.id', 'i.campus_id')
    .leftJoin('users as u', 'u.id', 'i.assigned_by')
    .select([
      'i.id',
      'i.student_id',
      'c.cct',
      'i.school_year',
      'i.term_no',
      'i.kind',
      'i.start_date',
      'i.end_date',
      'i.sessions',
      'i.notes',
      'i.outcome',
      'u.display_name as assigned_by_name',
    ])
    .select((eb) => [
      eb
        .selectFrom('intervention_notes as n')
        .select((e2) => e2.fn.countAll<number>().as('n'))
        .whereRef('n.intervention_id', '=', 'i.id')
        .as('note_count'),
      eb
        .selectFrom('intervention_notes as n')
        .select((e2) => e2.fn.max('n.note_date').as('d'))
        .whereRef('n.intervention_id', '=', 'i.id')
        .as('last_note'),
    ]);
  if (query.student) q = q.where('i.student_id', '=', await studentIdInScope(deps, scope, query.student));
  else if (scope.role === 'tutor') {
    const ids = await tutorStudentIds(deps, scope);
    q = q.where('i.student_id', 'in', ids.length ? ids : [-1]);
  } else if (scope.role === 'campus') q = q.where('i.campus_id', '=', scope.campusId ?? -1);
  else if (scope.role === 'state') q = q.where('c.state_id', '=', scope.stateId ?? -1);
  if (query.campus) q = q.where('i.campus_id', '=', (await campusByCct(deps.db, scope, query.campus)).id);
  if (query.kind) q = q.where('i.kind', '=', query.kind);
  if (query.open) q = q.where('i.outcome', 'is', null);
  const rows = await q
    .orderBy('i.start_date', 'desc')
    .orderBy('i.id', 'desc')
    .limit(Math.min(1000, query.limit ?? 200))
    .execute();
  const names = canSeeIdentity(scope)
    ? await studentNames(
        deps.db,
        rows.map((r) => Number(r.student_id)),
      )
    : null;
  return rows.map((r) => ({
    id: Number(r.id),
    student: deps.pseudonyms.toPseudonym(Number(r.student_id)),
    studentName: names?.get(Number(r.student_id)) ?? null,
    campusCct: r.cct,
    schoolYear: r.school_year,
    termNo: Number(r.term_no),
    kind: r.kind,
    kindLabel: kindLabel(r.kind),
    startDate: r.start_date,
    endDate: r.end_date,
    sessions: Number(r.sessions),
    description: freeTextFor(scope, r.notes),
    outcome: r.outcome,
    outcomeLabel: outcomeLabel(r.outcome),
    assignedBy: r.assigned_by_name ?? null,
    notes: Number(r.note_count ?? 0),
    lastNoteDate: r.last_note === null || r.last_note === undefined ? null : String(r.last_note),
  }));
}

export interface NewIntervention {
  readonly student: string;
  readonly kind: string;
  readonly startDate?: string;
  readonly endDate?: string | null;
  readonly sessions?: number;
  readonly description?: string | null;
}

export async function addIntervention(
  deps: InterventionDeps,
  scope: Scope,
  actor: Actor,
  input: NewIntervention,
): Promise<InterventionView> {
  if (scope.role === 'analyst') throw forbiddenWrite();
  if (!isInterventionKind(input.kind))
    throw invalid(
      'unknown_kind',
      `Tipo de intervención desconocido: "${input.kind}". Valores válidos: ${INTERVENTION_KINDS.join(', ')}`,
    );
  const sessions = input.sessions ?? 1;
  if (!Number.isInteger(sessions) || sessions < 0 || sessions > 200)
    throw invalid('invalid_sessions', `Sesiones: un entero entre 0 y 200 (recibido: ${input.sessions})`);
  const studentId = await studentIdInScope(deps, scope, input.student);
  const start = checkDate(input.startDate ?? today(deps), 'la fecha de inicio');
  const end = input.endDate ? checkDate(input.endDate, 'la fecha de término') : null;
  if (end !== null && end < start)
    throw invalid('invalid_dates', `La fecha de término (${end}) es anterior a la de inicio (${start})`);
  const description = checkText(input.description, 'Descripción', 2000);
  const student = await deps.db
    .selectFrom('students')
    .select(['campus_id', 'last_school_year', 'last_term_no'])
    .where('id', '=', studentId)
    .executeTakeFirstOrThrow();
  const term = await deps.db
    .selectFrom('terms')
    .select(['school_year', 'term_no'])
    .where('start_date', '<=', start)
    .where('end_date', '>=', start)
    .executeTakeFirst();
  const schoolYear = term?.school_year ?? student.last_school_year ?? deps.currentYear;
  const termNo = Number(term?.term_no ?? student.last_term_no ?? 1);
  const now = deps.now().toISOString();
  const id = await deps.db.transaction().execute(async (tx) => {
    const newId = await nextId(tx, 'interventions');
    await tx
      .insertInto('interventions')
      .values({
        id: newId,
        student_id: studentId,
        campus_id: Number(student.campus_id),
        school_year: schoolYear,
        term_no: termNo,
        kind: input.kind,
        start_date: start,
        end_date: end,
        sessions,
        notes: description,
        outcome: null,
        assigned_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await recordAudit(tx, {
      actor: actor.username,
      action: 'record.change',
      target: `student:${studentId}`,
      details: { op: 'intervention.add', intervention: newId, kind: input.kind, sessions },
      role: scope.role,
      campusId: Number(student.campus_id),
    });
    return newId;
  });
  return getIntervention(deps, scope, id);
}

export async function interventionInScope(deps: InterventionDeps, scope: Scope, id: number) {
  const row = await deps.db
    .selectFrom('interventions')
    .select(['id', 'student_id', 'campus_id', 'start_date'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || !(await studentInScope(deps.db, Number(row.student_id), scopeFilter(scope, deps.currentYear))))
    throw notFound('unknown_intervention', `Intervención no encontrada: ${id}`);
  return row;
}

export async function getIntervention(deps: InterventionDeps, scope: Scope, id: number) {
  const row = await interventionInScope(deps, scope, id);
  const list = await listInterventions(deps, scope, {
    student: deps.pseudonyms.toPseudonym(Number(row.student_id)),
    limit: 1000,
  });
  const found = list.find((i) => i.id === id);
  if (!found) throw notFound('unknown_intervention', `Intervención no encontrada: ${id}`);
  return found;
}

export interface InterventionChange {
  readonly endDate?: string | null;
  readonly sessions?: number;
  readonly outcome?: string | null;
  readonly description?: string | null;
}

/** Records dosage, end date or outcome of an intervention in scope. */
export async function updateIntervention(
  deps: InterventionDeps,
  scope: Scope,
  actor: Actor,
  id: number,
  change: InterventionChange,
): Promise<InterventionView> {
  if (scope.role === 'analyst') throw forbiddenWrite();
  const row = await interventionInScope(deps, scope, id);
  const set: Record<string, unknown> = {};
  if (change.sessions !== undefined) {
    if (!Number.isInteger(change.sessions) || change.sessions < 0 || change.sessions > 200)
      throw invalid('invalid_sessions', `Sesiones: un entero entre 0 y 200 (recibido: ${change.sessions})`);
    set.sessions = change.sessions;
  }
  if (change.endDate !== undefined) {
    const end = change.endDate === null ? null : checkDate(change.endDate, 'la fecha de término');
    if (end !== null && end < row.start_date)
      throw invalid(
        'invalid_dates',
        `La fecha de término (${end}) es anterior a la de inicio (${row.start_date})`,
      );
    set.end_date = end;
  }
  if (change.outcome !== undefined) {
    if (change.outcome !== null && !isInterventionOutcome(change.outcome))
      throw invalid(
        'unknown_outcome',
        `Resultado desconocido: "${change.outcome}". Valores válidos: ${INTERVENTION_OUTCOMES.join(', ')}`,
      );
    set.outcome = change.outcome;
  }
  if (change.description !== undefined) set.notes = checkText(change.description, 'Descripción', 2000);
  if (Object.keys(set).length === 0) throw invalid('nothing_to_change', 'No hay cambios que registrar');
  await deps.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('interventions')
      .set({ ...set, updated_at: deps.now().toISOString() })
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, {
      actor: actor.username,
      action: 'record.change',
      target: `student:${row.student_id}`,
      details: { op: 'intervention.update', intervention: id, fields: Object.keys(set) },
      role: scope.role,
      campusId: Number(row.campus_id),
    });
  });
  return getIntervention(deps, scope, id);
}
