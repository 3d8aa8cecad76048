/**
 * Use cases: the intervention log (assign, update the outcome, follow-up notes), the work queue of a tutor or
 * a campus ranked by current risk and sized by capacity, and the escalation of red cases without action.
 *
 * Scope: a tutor works on the students of their groups (current school year), a campus on its students, a
 * state on its campuses, national on everything; analysts read with pseudonymous ids and never write. Outside
 * the scope a student or an intervention does not exist (not_found).
 */
import type { Kysely } from 'kysely';
import { canSeeIdentity, type Scope } from '../domain/access.js';
import { AppError, invalid, notFound } from '../domain/errors.js';
import {
  DEFAULT_QUEUE_SETTINGS,
  INTERVENTION_KINDS,
  INTERVENTION_OUTCOMES,
  daysBetween,
  isEscalated,
  isInterventionKind,
  isInterventionOutcome,
  kindLabel,
  outcomeLabel,
  rankQueue,
  settingsIssues,
  type QueueSettings,
} from '../domain/interventions.js';
import type { QueueViewItem } from '../domain/worklist-view.js';
import type { Database } from '../storage/schema.js';
import { studentInScope } from '../storage/student-queries.js';
import { recordAudit } from './audit.js';
import type { Pseudonymizer } from './pseudonyms.js';
import { currentRisk } from './risk/index.js';
import { scopeFilter } from './students.js';

export interface InterventionDeps {
  readonly db: Kysely<Database>;
  readonly pseudonyms: Pseudonymizer;
  /** The school year whose groups a tutor follows (the latest in the data). */
  readonly currentYear: string;
  readonly now: () => Date;
}

/** Who acts: the account (or 'cli:<user>' for the command line). */
export interface Actor {
  readonly userId: number | null;
  readonly username: string;
}

type Db = Kysely<Database>;

const forbiddenWrite = () =>
  new AppError('forbidden', 'read_only', 'El rol de análisis solo consulta: no registra intervenciones');

/**
 * What analysts read instead of an intervention's free text. A description typed by a tutor, or the `notas` of
 * an imported file, may name the student or others (names, CURP), exactly like a follow-up note: analysts see
 * whether there is one, never what it says (API, CLI, exports).
 */
export const HIDDEN_DESCRIPTION = '[descripción oculta para el rol de análisis]';
export const HIDDEN_NOTE = '[nota oculta para el rol de análisis]';

/** The free text of an intervention or a note as the scope may read it (null stays null). */
export function freeTextFor(scope: Scope, text: string | null, hidden = HIDDEN_DESCRIPTION): string | null {
  if (text === null || text === '') return text;
  return canSeeIdentity(scope) ? text : hidden;
}

const today = (deps: InterventionDeps) => deps.now().toISOString().slice(0, 10);

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
function checkDate(value: string, field: string): string {
  if (!DATE_RE.test(value) || Number.isNaN(Date.parse(value)))
    throw invalid('invalid_date', `Fecha inválida en ${field}: "${value}" (se espera AAAA-MM-DD)`);
  return value;
}

async function studentIdInScope(deps: InterventionDeps, scope: Scope, pseudonym: string): Promise<number> {
  const id = deps.pseudonyms.fromPseudonym(pseudonym);
  if (id === null || !(await studentInScope(deps.db, id, scopeFilter(scope, deps.currentYear))))
    throw notFound('unknown_student', 'Estudiante no encontrado');
  return id;
}

/** Ids of the students a tutor follows: enrolled in their groups in the current school year. */
async function tutorStudentIds(deps: InterventionDeps, scope: Scope): Promise<number[]> {
  const codes = scope.groups.map((g) => g.groupCode);
  if (codes.length === 0) return [];
  const rows = await deps.db
    .selectFrom('enrollments')
    .select('student_id')
    .distinct()
    .where('campus_id', '=', scope.campusId ?? -1)
    .where('school_year', '=', deps.currentYear)
    .where('group_code', 'in', codes)
    .execute();
  return rows.map((r) => Number(r.student_id));
}

// ------------------------------------------------------------------------------------------------------
// Settings

export interface SettingsTarget {
  readonly level: 'national' | 'state' | 'campus';
  readonly id: number;
}

async function allSettings(db: Db) {
  return db.selectFrom('queue_settings').selectAll().execute();
}

type SettingsRows = Awaited<ReturnType<typeof allSettings>>;

/** Effective settings of a campus: campus row, else its state's, else the national row, else the defaults. */
function resolveSettings(rows: SettingsRows, campusId: number | null, stateId: number | null): QueueSettings {
  const find = (level: string, id: number | null) =>
    id === null ? undefined : rows.find((r) => r.scope_level === level && Number(r.scope_id) === id);
  const chain = [find('campus', campusId), find('state', stateId), find('national', 0)];
  const pick = (f: 'tutor_capacity' | 'campus_capacity' | 'escalate_after_days', d: number) => {
    for (const r of chain) if (r && r[f] !== null && r[f] !== undefined) return Number(r[f]);
    return d;
  };
  return {
    tutorCapacity: pick('tutor_capacity', DEFAULT_QUEUE_SETTINGS.tutorCapacity),
    campusCapacity: pick('campus_capacity', DEFAULT_QUEUE_SETTINGS.campusCapacity),
    escalateAfterDays: pick('escalate_after_days', DEFAULT_QUEUE_SETTINGS.escalateAfterDays),
  };
}

async function campusOf(db: Db, campusId: number) {
  const c = await db
    .selectFrom('campuses')
    .select(['id', 'cct', 'name', 'state_id'])
    .where('id', '=', campusId)
    .executeTakeFirst();
  if (!c) throw notFound('unknown_campus', 'Plantel desconocido');
  return c;
}

async function campusByCct(db: Db, scope: Scope, cct: string) {
  const c = await db
    .selectFrom('campuses')
    .select(['id', 'cct', 'name', 'state_id'])
    .where('cct', '=', cct.trim().toUpperCase())
    .executeTakeFirst();
  const outside =
    c !== undefined &&
    ((scope.role === 'state' && c.state_id !== scope.stateId) ||
      ((scope.role === 'campus' || scope.role === 'tutor') && c.id !== scope.campusId));
  if (!c || outside) throw notFound('unknown_campus', `Plantel desconocido: "${cct}"`);
  return c;
}

export async function queueSettings(deps: InterventionDeps, scope: Scope, cct?: string) {
  const rows = await allSettings(deps.db);
  if (cct || scope.campusId !== null) {
    const c = cct ? await campusByCct(deps.db, scope, cct) : await campusOf(deps.db, scope.campusId ?? -1);
    return { level: 'campus' as const, unit: c.cct, settings: resolveSettings(rows, c.id, c.state_id) };
  }
  if (scope.role === 'state')
    return {
      level: 'state' as const,
      unit: String(scope.stateId).padStart(2, '0'),
      settings: resolveSettings(rows, null, scope.stateId),
    };
  return { level: 'national' as const, unit: 'MX', settings: resolveSettings(rows, null, null) };
}

/**
 * Sets capacity and escalation settings at the actor's level: a campus director for their campus, a state
 * coordinator for their state (or one of its campuses), national for the default (or any state / campus).
 */
export async function setQueueSettings(
  deps: InterventionDeps,
  scope: Scope,
  actor: Actor,
  input: Partial<QueueSettings> & { readonly campus?: string; readonly state?: number },
) {
  if (scope.role === 'analyst' || scope.role === 'tutor')
    throw new AppError(
      'forbidden',
      'settings_forbidden',
      'Solo la dirección del plantel y las coordinaciones cambian la capacidad y el escalamiento',
    );
  const issues = settingsIssues(input);
  if (issues.length > 0) throw invalid('invalid_settings', 'Parámetros de la cola inválidos', issues);
  let target: SettingsTarget;
  if (input.campus || scope.role === 'campus') {
    const c = input.campus
      ? await campusByCct(deps.db, scope, input.campus)
      : await campusOf(deps.db, scope.campusId ?? -1);
    target = { level: 'campus', id: c.id };
  } else if (input.state !== undefined || scope.role === 'state') {
    const state = input.state ?? scope.stateId ?? -1;
    if (scope.role === 'state' && state !== scope.stateId)
      throw notFound('unknown_state', 'Estado desconocido');
    target = { level: 'state', id: state };
  } else target = { level: 'national', id: 0 };
  const now = deps.now().toISOString();
  await deps.db.transaction().execute(async (tx) => {
    const existing = await tx
      .selectFrom('queue_settings')
      .selectAll()
      .where('scope_level', '=', target.level)
      .where('scope_id', '=', target.id)
      .executeTakeFirst();
    const values = {
      tutor_capacity: input.tutorCapacity ?? existing?.tutor_capacity ?? null,
      campus_capacity: input.campusCapacity ?? existing?.campus_capacity ?? null,
      escalate_after_days: input.escalateAfterDays ?? existing?.escalate_after_days ?? null,
      updated_by: actor.username,
      updated_at: now,
    };
    if (existing)
      await tx
        .updateTable('queue_settings')
        .set(values)
        .where('scope_level', '=', target.level)
        .where('scope_id', '=', target.id)
        .execute();
    else
      await tx
        .insertInto('queue_settings')
        .values({ scope_level: target.level, scope_id: target.id, ...values })
        .execute();
    await recordAudit(tx, {
      actor: actor.username,
      action: 'risk.threshold',
      target: `queue:${target.level}:${target.id}`,
      details: {
        tutorCapacity: values.tutor_capacity,
        campusCapacity: values.campus_capacity,
        escalateAfterDays: values.escalate_after_days,
      },
      role: scope.role,
      stateId: scope.stateId,
      campusId: target.level === 'campus' ? target.id : scope.campusId,
    });
  });
  return target;
}

// ------------------------------------------------------------------------------------------------------
// The log

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

async function studentNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('student_identities')
      .select(['student_id', 'given_names', 'first_surname', 'second_surname'])
      .where('student_id', 'in', unique.slice(i, i + 500))
      .execute();
    for (const r of rows)
      out.set(Number(r.student_id), `${r.given_names} ${r.first_surname} ${r.second_surname}`.trim());
  }
  return out;
}

export interface NewIntervention {
  readonly student: string;
  readonly kind: string;
  readonly startDate?: string;
  readonly endDate?: string | null;
  readonly sessions?: number;
  readonly description?: string | null;
}

async function nextId(db: Db, table: 'interventions' | 'intervention_notes'): Promise<number> {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max('id').as('m'))
    .executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

function checkText(value: string | null | undefined, field: string, max: number): string | null {
  if (value === null || value === undefined) return null;
  const t = value.trim();
  if (t.length > max)
    throw invalid('text_too_long', `${field}: máximo ${max} caracteres (recibidos ${t.length})`);
  return t.length > 0 ? t : null;
}

/** Assigns an intervention to a student in scope; the school year and term come from the start date. */
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

async function interventionInScope(deps: InterventionDeps, scope: Scope, id: number) {
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

export interface NoteView {
  readonly id: number;
  readonly interventionId: number;
  readonly date: string;
  readonly author: string;
  readonly body: string;
}

/** Appends a dated follow-up note (the author is the actor). */
export async function addNote(
  deps: InterventionDeps,
  scope: Scope,
  actor: Actor & { readonly displayName?: string },
  interventionId: number,
  input: { readonly body: string; readonly date?: string },
): Promise<NoteView> {
  if (scope.role === 'analyst') throw forbiddenWrite();
  const row = await interventionInScope(deps, scope, interventionId);
  const body = checkText(input.body, 'Nota', 4000);
  if (body === null) throw invalid('empty_note', 'La nota está vacía');
  const date = checkDate(input.date ?? today(deps), 'la fecha de la nota');
  const author = actor.displayName ?? actor.username;
  const id = await deps.db.transaction().execute(async (tx) => {
    const newId = await nextId(tx, 'intervention_notes');
    await tx
      .insertInto('intervention_notes')
      .values({
        id: newId,
        intervention_id: interventionId,
        student_id: Number(row.student_id),
        campus_id: Number(row.campus_id),
        author_id: actor.userId,
        author_name: author,
        note_date: date,
        body,
        created_at: deps.now().toISOString(),
      })
      .execute();
    await tx
      .updateTable('interventions')
      .set({ updated_at: deps.now().toISOString() })
      .where('id', '=', interventionId)
      .execute();
    await recordAudit(tx, {
      actor: actor.username,
      action: 'record.change',
      target: `student:${row.student_id}`,
      details: { op: 'intervention.note', intervention: interventionId },
      role: scope.role,
      campusId: Number(row.campus_id),
    });
    return newId;
  });
  return { id, interventionId, date, author, body };
}

export async function listNotes(
  deps: InterventionDeps,
  scope: Scope,
  interventionId: number,
): Promise<NoteView[]> {
  await interventionInScope(deps, scope, interventionId);
  const rows = await deps.db
    .selectFrom('intervention_notes')
    .selectAll()
    .where('intervention_id', '=', interventionId)
    .orderBy('note_date')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    interventionId,
    date: r.note_date,
    // Analysts see that a note exists and when, not who wrote it or what it says about the student.
    author: canSeeIdentity(scope) ? r.author_name : '—',
    body: freeTextFor(scope, r.body, HIDDEN_NOTE) ?? '',
  }));
}

// ------------------------------------------------------------------------------------------------------
// Work queue and escalations

export interface LastAction {
  readonly date: string;
  readonly type: 'intervention' | 'note';
  readonly kind: string;
  readonly label: { es: string; en: string };
}

/** A queue row: what the page and downloads show (domain/worklist-view.ts), with the last action in full. */
export interface QueueItem extends QueueViewItem {
  readonly lastAction: LastAction | null;
}

export interface WorkQueue {
  readonly owner: { readonly level: 'tutor' | 'campus'; readonly unit: string };
  readonly capacity: number;
  readonly escalateAfterDays: number;
  /** Students at risk (amarillo or rojo) in the scope, before the capacity cut. */
  readonly atRisk: number;
  readonly red: number;
  readonly modelVersion: number | null;
  readonly today: string;
  readonly items: readonly QueueItem[];
}

async function lastActions(db: Db, ids: readonly number[]) {
  const out = new Map<number, LastAction>();
  const open = new Map<number, number>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const [ivs, notes] = await Promise.all([
      db
        .selectFrom('interventions')
        .select(['student_id', 'kind', 'start_date', 'outcome'])
        .where('student_id', 'in', chunk)
        .execute(),
      db
        .selectFrom('intervention_notes as n')
        .innerJoin('interventions as i', 'i.id', 'n.intervention_id')
        .select(['n.student_id', 'n.note_date', 'i.kind'])
        .where('n.student_id', 'in', chunk)
        .execute(),
    ]);
    const consider = (sid: number, a: LastAction) => {
      const prev = out.get(sid);
      if (!prev || a.date > prev.date) out.set(sid, a);
    };
    for (const r of ivs) {
      const sid = Number(r.student_id);
      consider(sid, { date: r.start_date, type: 'intervention', kind: r.kind, label: kindLabel(r.kind) });
      if (r.outcome === null) open.set(sid, (open.get(sid) ?? 0) + 1);
    }
    for (const r of notes) {
      const k = kindLabel(r.kind);
      consider(Number(r.student_id), {
        date: r.note_date,
        type: 'note',
        kind: r.kind,
        label: { es: `Nota de seguimiento (${k.es})`, en: `Follow-up note (${k.en})` },
      });
    }
  }
  return { last: out, open };
}

async function studentContext(db: Db, ids: readonly number[], year: string) {
  const out = new Map<
    number,
    { cct: string; campusId: number; stateId: number; group: string | null; semester: number | null }
  >();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await db
      .selectFrom('students as s')
      .innerJoin('campuses as c', 'c.id', 's.campus_id')
      .leftJoin('enrollments as e', (j) =>
        j
          .onRef('e.student_id', '=', 's.id')
          .on('e.school_year', '=', year)
          .onRef('e.term_no', '=', 's.last_term_no'),
      )
      .select(['s.id', 'c.cct', 'c.id as campus_id', 'c.state_id', 'e.group_code', 's.last_semester'])
      .where('s.id', 'in', chunk)
      .execute();
    for (const r of rows)
      out.set(Number(r.id), {
        cct: r.cct,
        campusId: Number(r.campus_id),
        stateId: Number(r.state_id),
        group: r.group_code ?? null,
        semester: r.last_semester === null ? null : Number(r.last_semester),
      });
  }
  return out;
}

async function riskFor(deps: InterventionDeps, scope: Scope, campusId?: number, stateId?: number) {
  if (scope.role === 'tutor') {
    const ids = await tutorStudentIds(deps, scope);
    return currentRisk(deps.db, { studentIds: ids });
  }
  if (campusId !== undefined) return currentRisk(deps.db, { campusId });
  if (stateId !== undefined) return currentRisk(deps.db, { stateId });
  return currentRisk(deps.db, {});
}

async function buildItems(
  deps: InterventionDeps,
  scope: Scope,
  risk: Awaited<ReturnType<typeof currentRisk>>,
  settingsFor: (campusId: number, stateId: number) => QueueSettings,
) {
  const ids = [...risk.values()].filter((r) => r.flag !== 'verde').map((r) => r.studentId);
  const [{ last, open }, ctx] = await Promise.all([
    lastActions(deps.db, ids),
    studentContext(deps.db, ids, deps.currentYear),
  ]);
  const day = today(deps);
  return ids.map((id) => {
    const r = risk.get(id);
    const c = ctx.get(id);
    const a = last.get(id) ?? null;
    const s = settingsFor(c?.campusId ?? -1, c?.stateId ?? -1);
    const cand = {
      studentId: id,
      flag: r?.flag ?? 'verde',
      probability: r?.probability ?? null,
      lastActionDate: a?.date ?? null,
    };
    return {
      cand,
      reasons: r?.reasons ?? [],
      modelVersion: r?.modelVersion ?? null,
      ctx: c,
      lastAction: a,
      open: open.get(id) ?? 0,
      escalated: isEscalated(cand, s.escalateAfterDays, day),
      days: a ? daysBetween(a.date, day) : null,
    };
  });
}

type Built = Awaited<ReturnType<typeof buildItems>>[number];

async function present(deps: InterventionDeps, scope: Scope, list: readonly Built[]): Promise<QueueItem[]> {
  const names = canSeeIdentity(scope)
    ? await studentNames(
        deps.db,
        list.map((b) => b.cand.studentId),
      )
    : null;
  return list.map((b, i) => ({
    rank: i + 1,
    student: deps.pseudonyms.toPseudonym(b.cand.studentId),
    name: names?.get(b.cand.studentId) ?? null,
    campusCct: b.ctx?.cct ?? '',
    group: b.ctx?.group ?? null,
    semester: b.ctx?.semester ?? null,
    flag: b.cand.flag,
    probability: b.cand.probability,
    reasons: b.reasons,
    lastAction: b.lastAction,
    daysSinceAction: b.days,
    escalated: b.escalated,
    openInterventions: b.open,
  }));
}

/**
 * The work queue: a tutor's own (their groups, tutor capacity) or a campus's (campus capacity), students at
 * risk ranked by flag, probability and time without action, cut at the capacity.
 */
export async function workQueue(
  deps: InterventionDeps,
  scope: Scope,
  query: { readonly campus?: string; readonly capacity?: number } = {},
): Promise<WorkQueue> {
  if (
    query.capacity !== undefined &&
    (!Number.isInteger(query.capacity) || query.capacity < 1 || query.capacity > 20_000)
  )
    throw invalid('invalid_capacity', `Capacidad: un entero entre 1 y 20000 (recibido: ${query.capacity})`);
  const rows = await allSettings(deps.db);
  let owner: WorkQueue['owner'];
  let settings: QueueSettings;
  let capacity: number;
  let risk;
  if (scope.role === 'tutor') {
    const c = await campusOf(deps.db, scope.campusId ?? -1);
    settings = resolveSettings(rows, c.id, c.state_id);
    capacity = query.capacity ?? settings.tutorCapacity;
    owner = { level: 'tutor', unit: scope.groups.map((g) => g.groupCode).join(', ') || c.cct };
    risk = await riskFor(deps, scope);
  } else {
    if (!query.campus && scope.role !== 'campus')
      throw invalid('missing_campus', 'Indique el plantel (CCT) de la cola de trabajo');
    const c = query.campus
      ? await campusByCct(deps.db, scope, query.campus)
      : await campusOf(deps.db, scope.campusId ?? -1);
    settings = resolveSettings(rows, c.id, c.state_id);
    capacity = query.capacity ?? settings.campusCapacity;
    owner = { level: 'campus', unit: c.cct };
    risk = await riskFor(deps, scope, c.id);
  }
  const built = await buildItems(deps, scope, risk, (c, s) => resolveSettings(rows, c, s));
  const day = today(deps);
  const ranked = rankQueue(
    built.map((b) => ({ ...b.cand, b })),
    capacity,
    day,
  ).map((x) => x.b);
  return {
    owner,
    capacity,
    escalateAfterDays: settings.escalateAfterDays,
    atRisk: built.length,
    red: built.filter((b) => b.cand.flag === 'rojo').length,
    modelVersion: built.find((b) => b.modelVersion !== null)?.modelVersion ?? null,
    today: day,
    items: await present(deps, scope, ranked),
  };
}

/**
 * Red cases without action for the configured days, for the campus (its campus), state (its campuses) and
 * national (a state or campus, or everything) roles, ranked like a queue; no capacity cut.
 */
export async function escalations(
  deps: InterventionDeps,
  scope: Scope,
  query: { readonly campus?: string; readonly state?: number; readonly limit?: number } = {},
) {
  if (scope.role === 'tutor')
    throw new AppError(
      'forbidden',
      'escalations_forbidden',
      'Los casos escalados los atienden la dirección del plantel y las coordinaciones',
    );
  const rows = await allSettings(deps.db);
  let risk;
  if (query.campus || scope.role === 'campus') {
    const c = query.campus
      ? await campusByCct(deps.db, scope, query.campus)
      : await campusOf(deps.db, scope.campusId ?? -1);
    risk = await riskFor(deps, scope, c.id);
  } else if (scope.role === 'state') risk = await riskFor(deps, scope, undefined, scope.stateId ?? -1);
  else if (query.state !== undefined) risk = await riskFor(deps, scope, undefined, query.state);
  else risk = await riskFor(deps, scope);
  const built = (await buildItems(deps, scope, risk, (c, s) => resolveSettings(rows, c, s))).filter(
    (b) => b.escalated,
  );
  const ranked = rankQueue(
    built.map((b) => ({ ...b.cand, b })),
    Math.min(5000, query.limit ?? 500),
    today(deps),
  ).map((x) => x.b);
  return { today: today(deps), total: built.length, items: await present(deps, scope, ranked) };
}
