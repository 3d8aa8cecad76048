/**
 * What every use case of the interventions wing shares: its dependencies, the actor, the scope checks (a student
 * or a campus outside the scope does not exist), the free-text rule for analysts and the input checks.
 */
import type { Kysely } from 'kysely';
import { canSeeIdentity, type Scope } from '../../domain/access.js';
import { AppError, invalid, notFound } from '../../domain/errors.js';
import type { Database } from '../../storage/schema.js';
import { studentInScope } from '../../storage/student-queries.js';
import type { Pseudonymizer } from '../pseudonyms.js';
import { scopeFilter } from '../students.js';

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

export type Db = Kysely<Database>;

export const forbiddenWrite = () =>
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

export const today = (deps: InterventionDeps) => deps.now().toISOString().slice(0, 10);

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
export function checkDate(value: string, field: string): string {
  if (!DATE_RE.test(value) || Number.isNaN(Date.parse(value)))
    throw invalid('invalid_date', `Fecha inválida en ${field}: "${value}" (se espera AAAA-MM-DD)`);
  return value;
}

export async function studentIdInScope(
  deps: InterventionDeps,
  scope: Scope,
  pseudonym: string,
): Promise<number> {
  const id = deps.pseudonyms.fromPseudonym(pseudonym);
  if (id === null || !(await studentInScope(deps.db, id, scopeFilter(scope, deps.currentYear))))
    throw notFound('unknown_student', 'Estudiante no encontrado');
  return id;
}

/** Ids of the students a tutor follows: enrolled in their groups in the current school year. */
export async function tutorStudentIds(deps: InterventionDeps, scope: Scope): Promise<number[]> {
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

export async function campusOf(db: Db, campusId: number) {
  const c = await db
    .selectFrom('campuses')
    .select(['id', 'cct', 'name', 'state_id'])
    .where('id', '=', campusId)
    .executeTakeFirst();
  if (!c) throw notFound('unknown_campus', 'Plantel desconocido');
  return c;
}

export async function campusByCct(db: Db, scope: Scope, cct: string) {
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

export async function studentNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
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

export async function nextId(db: Db, table: 'interventions' | 'intervention_notes'): Promise<number> {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max('id').as('m'))
    .executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

export function checkText(value: string | null | undefined, field: string, max: number): string | null {
  if (value === null || value === undefined) return null;
  const t = value.trim();
  if (t.length > max)
    throw invalid('text_too_long', `${field}: máximo ${max} caracteres (recibidos ${t.length})`);
  return t.length > 0 ? t : null;
}

/** Assigns an intervention to a student in scope; the school year and term come from the start date. */
