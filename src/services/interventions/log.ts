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
import {
  insertIntervention,
  interventionHead,
  interventionRecords,
  updateInterventionFields,
  type InterventionFields,
  type InterventionFilter,
} from '../../storage/interventions/log.js';
import { studentLatest, studentNames, termOfDate } from '../../storage/interventions/students.js';
import { studentInScope } from '../../storage/student-queries.js';
import { recordAudit } from '../operations/index.js';
import { scopeFilter } from '../students/index.js';
import {
  campusByCct,
  checkDate,
  checkText,
  forbiddenWrite,
  freeTextFor,
  studentIdInScope,
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
  const filter: Omit<InterventionFilter, 'limit'> = query.student
    ? { studentId: await studentIdInScope(deps, scope, query.student) }
    : scope.role === 'tutor'
      ? { studentIds: await tutorStudentIds(deps, scope) }
      : scope.role === 'campus'
        ? { campusId: scope.campusId ?? -1 }
        : scope.role === 'state'
          ? { stateId: scope.stateId ?? -1 }
          : {};
  const rows = await interventionRecords(deps.db, {
    ...filter,
    alsoCampusId: query.campus ? (await campusByCct(deps.db, scope, query.campus)).id : undefined,
    kind: query.kind || undefined,
    openOnly: query.open === true,
    limit: Math.min(1000, query.limit ?? 200),
  });
  const names = canSeeIdentity(scope)
    ? await studentNames(
        deps.db,
        rows.map((r) => r.studentId),
      )
    : null;
  return rows.map((r) => ({
    id: r.id,
    student: deps.pseudonyms.toPseudonym(r.studentId),
    studentName: names?.get(r.studentId) ?? null,
    campusCct: r.campusCct,
    schoolYear: r.schoolYear,
    termNo: r.termNo,
    kind: r.kind,
    kindLabel: kindLabel(r.kind),
    startDate: r.startDate,
    endDate: r.endDate,
    sessions: r.sessions,
    description: freeTextFor(scope, r.description),
    outcome: r.outcome,
    outcomeLabel: outcomeLabel(r.outcome),
    assignedBy: r.assignedByName,
    notes: r.noteCount,
    lastNoteDate: r.lastNoteDate,
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
  const student = await studentLatest(deps.db, studentId);
  if (!student) throw notFound('unknown_student', 'Estudiante no encontrado');
  const term = await termOfDate(deps.db, start);
  const schoolYear = term?.schoolYear ?? student.schoolYear ?? deps.currentYear;
  const termNo = term?.termNo ?? student.termNo ?? 1;
  const now = deps.now().toISOString();
  const id = await deps.db.transaction().execute(async (tx) => {
    const newId = await insertIntervention(tx, {
      studentId,
      campusId: student.campusId,
      schoolYear,
      termNo,
      kind: input.kind,
      startDate: start,
      endDate: end,
      sessions,
      description,
      assignedBy: actor.userId,
      at: now,
    });
    await recordAudit(tx, {
      actor: actor.username,
      action: 'record.change',
      target: `student:${studentId}`,
      details: { op: 'intervention.add', intervention: newId, kind: input.kind, sessions },
      role: scope.role,
      campusId: student.campusId,
    });
    return newId;
  });
  return getIntervention(deps, scope, id);
}

/** The intervention's student, campus and start date, when its student is in the scope. */
export async function interventionInScope(deps: InterventionDeps, scope: Scope, id: number) {
  const row = await interventionHead(deps.db, id);
  if (!row || !(await studentInScope(deps.db, row.studentId, scopeFilter(scope, deps.currentYear))))
    throw notFound('unknown_intervention', `Intervención no encontrada: ${id}`);
  return row;
}

export async function getIntervention(deps: InterventionDeps, scope: Scope, id: number) {
  const row = await interventionInScope(deps, scope, id);
  const list = await listInterventions(deps, scope, {
    student: deps.pseudonyms.toPseudonym(row.studentId),
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
  // The audit row names the changed fields by their column names (sessions, end_date, outcome, notes).
  const fields: { -readonly [K in keyof InterventionFields]: InterventionFields[K] } = {};
  const changed: string[] = [];
  if (change.sessions !== undefined) {
    if (!Number.isInteger(change.sessions) || change.sessions < 0 || change.sessions > 200)
      throw invalid('invalid_sessions', `Sesiones: un entero entre 0 y 200 (recibido: ${change.sessions})`);
    fields.sessions = change.sessions;
    changed.push('sessions');
  }
  if (change.endDate !== undefined) {
    const end = change.endDate === null ? null : checkDate(change.endDate, 'la fecha de término');
    if (end !== null && end < row.startDate)
      throw invalid(
        'invalid_dates',
        `La fecha de término (${end}) es anterior a la de inicio (${row.startDate})`,
      );
    fields.endDate = end;
    changed.push('end_date');
  }
  if (change.outcome !== undefined) {
    if (change.outcome !== null && !isInterventionOutcome(change.outcome))
      throw invalid(
        'unknown_outcome',
        `Resultado desconocido: "${change.outcome}". Valores válidos: ${INTERVENTION_OUTCOMES.join(', ')}`,
      );
    fields.outcome = change.outcome;
    changed.push('outcome');
  }
  if (change.description !== undefined) {
    fields.description = checkText(change.description, 'Descripción', 2000);
    changed.push('notes');
  }
  if (changed.length === 0) throw invalid('nothing_to_change', 'No hay cambios que registrar');
  await deps.db.transaction().execute(async (tx) => {
    await updateInterventionFields(tx, id, fields, deps.now().toISOString());
    await recordAudit(tx, {
      actor: actor.username,
      action: 'record.change',
      target: `student:${row.studentId}`,
      details: { op: 'intervention.update', intervention: id, fields: changed },
      role: scope.role,
      campusId: row.campusId,
    });
  });
  return getIntervention(deps, scope, id);
}
