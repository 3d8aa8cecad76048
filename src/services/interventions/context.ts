/**
 * What every use case of the interventions wing shares: its dependencies, the actor, the scope checks (a student
 * or a campus outside the scope does not exist), the free-text rule for analysts and the input checks.
 */
import type { Kysely } from 'kysely';
import { canSeeIdentity, type Scope } from '../../domain/access.js';
import { AppError, invalid, notFound } from '../../domain/errors.js';
import type { Database } from '../../storage/schema.js';
import { campusById, campusByCct as findCampus, type CampusRow } from '../../storage/catalog-queries.js';
import { studentIdsOfGroups } from '../../storage/interventions/students.js';
import { studentInScope } from '../../storage/student-queries.js';
import type { Pseudonymizer } from '../accounts/index.js';
import { scopeFilter } from '../students/index.js';

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
  return studentIdsOfGroups(
    deps.db,
    scope.campusId ?? -1,
    deps.currentYear,
    scope.groups.map((g) => g.groupCode),
  );
}

export async function campusOf(db: Db, campusId: number): Promise<CampusRow> {
  const c = await campusById(db, campusId);
  if (!c) throw notFound('unknown_campus', 'Plantel desconocido');
  return c;
}

/** A campus by CCT when it lies in the scope (outside it a campus does not exist). */
export async function campusByCct(db: Db, scope: Scope, cct: string): Promise<CampusRow> {
  const c = await findCampus(db, cct.trim().toUpperCase());
  const outside =
    c !== undefined &&
    ((scope.role === 'state' && c.state_id !== scope.stateId) ||
      ((scope.role === 'campus' || scope.role === 'tutor') && c.id !== scope.campusId));
  if (!c || outside) throw notFound('unknown_campus', `Plantel desconocido: "${cct}"`);
  return c;
}

export function checkText(value: string | null | undefined, field: string, max: number): string | null {
  if (value === null || value === undefined) return null;
  const t = value.trim();
  if (t.length > max)
    throw invalid('text_too_long', `${field}: máximo ${max} caracteres (recibidos ${t.length})`);
  return t.length > 0 ? t : null;
}
