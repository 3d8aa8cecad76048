/**
 * Use cases: student search and the student profile (trajectory timeline), restricted by the user's scope.
 * Outside the scope a student does not exist (not_found, as for an unknown id). Analysts get pseudonymous
 * records only: no name, no CURP, and no search by them.
 */
import type { Kysely } from 'kysely';
import { canSeeIdentity, type Scope } from '../../domain/access.js';
import { invalid, notFound } from '../../domain/errors.js';
import { parseCurp } from '../../domain/identifiers.js';
import { searchKey } from '../../domain/names.js';
import { campusByCct } from '../../storage/catalog-queries.js';
import type { Database } from '../../storage/schema.js';
import {
  catalogNames,
  searchStudents,
  studentHeader,
  studentInScope,
  studentTimeline,
  COUNT_CAP,
  type CatalogNames,
  type StudentFilter,
  type StudentSort,
} from '../../storage/student-queries.js';
import { studentListExtras } from '../../storage/student-list-extras.js';
import { recordAudit, type AuditEntry } from '../operations/index.js';
import type { Pseudonymizer } from '../accounts/index.js';

/** Who is looking, for the audit log (the API passes the account; tests and scripts may omit it). */
export type Viewer = Pick<AuditEntry, 'actor' | 'role' | 'requestId'>;

export interface StudentDeps {
  readonly db: Kysely<Database>;
  readonly pseudonyms: Pseudonymizer;
  /** The school year whose groups a tutor follows (the latest in the data). */
  readonly currentYear: string;
  /** Campus and program names, kept by the caller until the data changes (read on every search without). */
  readonly names?: () => Promise<CatalogNames>;
}

export function scopeFilter(scope: Scope, currentYear: string): StudentFilter {
  switch (scope.role) {
    case 'national':
    case 'analyst':
      return { kind: 'all' };
    case 'state':
      return { kind: 'state', stateId: scope.stateId ?? -1 };
    case 'campus':
      return { kind: 'campus', campusId: scope.campusId ?? -1 };
    case 'tutor':
      return {
        kind: 'groups',
        campusId: scope.campusId ?? -1,
        groupCodes: scope.groups.map((g) => g.groupCode),
        schoolYear: currentYear,
      };
  }
}

export interface SearchInput {
  readonly q?: string;
  readonly campus?: string;
  readonly group?: string;
  /** risk | group: one campus at a time (the campus filter, or a campus or tutor scope). */
  readonly order?: StudentSort;
  readonly page: number;
  readonly pageSize: number;
}

export async function findStudents(deps: StudentDeps, scope: Scope, input: SearchInput) {
  const filter = scopeFilter(scope, deps.currentYear);
  const identity = canSeeIdentity(scope);
  let campusId: number | undefined;
  const catalog = await (deps.names ?? (() => catalogNames(deps.db)))();
  if (input.campus) {
    const known = catalog.byCct.get(input.campus);
    const c = known ? { id: known.id, state_id: known.stateId } : await campusByCct(deps.db, input.campus);
    // A campus outside the scope answers exactly like one that does not exist.
    const outside =
      c !== undefined &&
      ((filter.kind === 'state' && c.state_id !== filter.stateId) ||
        ((filter.kind === 'campus' || filter.kind === 'groups') && c.id !== filter.campusId));
    if (!c || outside) throw notFound('unknown_campus', `Plantel desconocido: "${input.campus}"`);
    campusId = c.id;
  }
  if (input.order && campusId === undefined && filter.kind !== 'campus' && filter.kind !== 'groups')
    throw invalid(
      'order_needs_campus',
      `Ordenar por ${input.order === 'risk' ? 'riesgo' : 'grupo'} requiere un plantel: agregue campus=CCT`,
    );
  const q = input.q?.trim() ?? '';
  let namePrefix: string | undefined;
  let curp: string | undefined;
  let studentId: number | undefined;
  if (q) {
    const asPseudonym = deps.pseudonyms.fromPseudonym(q);
    if (asPseudonym !== null) studentId = asPseudonym;
    else if (!identity)
      throw invalid('identity_search_forbidden', 'El rol de análisis solo busca por identificador seudónimo');
    else if (parseCurp(q.toUpperCase()).ok) curp = q.toUpperCase();
    else {
      namePrefix = searchKey(q);
      if (namePrefix.length < 2) throw invalid('invalid_q', 'El parámetro q necesita al menos 2 letras');
    }
  }
  const { rows, total } = await searchStudents(
    deps.db,
    {
      filter,
      withIdentity: identity,
      namePrefix,
      curp,
      studentId,
      campusId,
      groupCode: input.group,
      ...(input.order ? { sort: input.order } : {}),
      limit: input.pageSize,
      offset: (input.page - 1) * input.pageSize,
    },
    () => Promise.resolve(catalog),
  );
  const extras = await studentListExtras(
    deps.db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => ({
      id: deps.pseudonyms.toPseudonym(r.id),
      name: r.name,
      curp: r.curp,
      campusCct: r.campusCct,
      campusName: r.campusName,
      programName: r.programName,
      sex: r.sex,
      entryYear: r.entryYear,
      semester: r.semester,
      status: r.status,
      lastSchoolYear: r.lastSchoolYear,
      group: extras.get(r.id)?.group ?? null,
      riskFlag: extras.get(r.id)?.riskFlag ?? null,
      riskProbability: extras.get(r.id)?.riskProbability ?? null,
      riskCutoff: extras.get(r.id)?.riskCutoff ?? null,
    })),
    total: Math.min(total, COUNT_CAP),
    totalIsLowerBound: total > COUNT_CAP,
    page: input.page,
    pageSize: input.pageSize,
  };
}

/** A student's profile and timeline; with a viewer, the view is written to the audit log (student by id). */
export async function studentProfile(deps: StudentDeps, scope: Scope, pseudonym: string, viewer?: Viewer) {
  const id = deps.pseudonyms.fromPseudonym(pseudonym);
  // An id outside the scope answers exactly like an id that does not exist.
  if (id === null || !(await studentInScope(deps.db, id, scopeFilter(scope, deps.currentYear)))) {
    throw notFound('unknown_student', 'Estudiante no encontrado');
  }
  const header = await studentHeader(deps.db, id);
  if (!header) throw notFound('unknown_student', 'Estudiante no encontrado');
  const identity = canSeeIdentity(scope);
  const timeline = await studentTimeline(deps.db, id);
  if (viewer) {
    await recordAudit(deps.db, {
      ...viewer,
      action: 'student.view',
      target: `student:${id}`,
      stateId: Number(header.state_id),
      campusId: Number(header.campus_id),
      details: { identity },
    });
  }
  return {
    student: {
      id: pseudonym,
      name: identity ? `${header.given_names} ${header.first_surname} ${header.second_surname}`.trim() : null,
      curp: identity ? header.curp : null,
      sex: header.sex,
      birthDate: identity ? header.birth_date : null,
      entryYear: header.entry_year,
      generation: `${header.entry_year}-${header.entry_year + 3}`,
      campusCct: header.cct,
      campusName: header.campus_name,
      programCode: header.program_code,
      programName: header.program_name,
    },
    ...timeline,
  };
}
