/**
 * The unit a report is about (a campus by CCT, a state by INEGI number or code, or the nation), checked
 * against the caller's scope: a campus or tutor user only their campus, a state user their state; outside
 * the scope a unit does not exist (not_found, as everywhere else).
 */
import type { Kysely } from 'kysely';
import type { Scope } from '../../domain/access.js';
import { invalid, notFound } from '../../domain/errors.js';
import { campusByCct, stateById } from '../../storage/catalog-queries.js';
import type { UnitFilter } from '../../storage/report-queries.js';
import type { Database } from '../../storage/schema.js';

export interface UnitRequest {
  readonly campus?: string;
  readonly state?: string;
  readonly national?: boolean;
}

export interface ReportUnit {
  readonly level: 'campus' | 'state' | 'national';
  /** CCT, two-digit state code, or "MX". */
  readonly code: string;
  readonly name: string;
  /** "Plantel 01DPT0002I Aguascalientes I (Aguascalientes)", for cover sheets. */
  readonly title: string;
  readonly filter: UnitFilter;
  readonly stateId: number | null;
  readonly stateCode: string | null;
  readonly stateName: string | null;
  readonly campusId: number | null;
}

export async function resolveUnit(
  db: Kysely<Database>,
  req: UnitRequest,
  scope: Scope | null = null,
): Promise<ReportUnit> {
  const given = [req.campus !== undefined, req.state !== undefined, req.national === true].filter(Boolean);
  if (given.length !== 1)
    throw invalid('invalid_unit', 'Indique exactamente una unidad: --campus CCT, --state N o --national');
  if (req.campus !== undefined) return campusUnit(db, req.campus.trim().toUpperCase(), scope);
  if (req.state !== undefined) return stateUnit(db, req.state.trim(), scope);
  if (scope && scope.role !== 'national' && scope.role !== 'analyst')
    throw notFound('unknown_unit', 'Unidad desconocida: nacional (fuera de su ámbito)');
  return {
    level: 'national',
    code: 'MX',
    name: 'Nacional',
    title: 'Nacional (todas las entidades)',
    filter: {},
    stateId: null,
    stateCode: null,
    stateName: null,
    campusId: null,
  };
}

async function campusUnit(db: Kysely<Database>, cct: string, scope: Scope | null): Promise<ReportUnit> {
  const c = await campusByCct(db, cct);
  const outside =
    c !== undefined &&
    scope !== null &&
    ((scope.role === 'state' && c.state_id !== scope.stateId) ||
      ((scope.role === 'campus' || scope.role === 'tutor') && c.id !== scope.campusId));
  if (!c || outside) throw notFound('unknown_campus', `Plantel desconocido: "${cct}"`);
  return {
    level: 'campus',
    code: c.cct,
    name: c.name,
    title: `Plantel ${c.cct} ${c.name} (${c.state_name})`,
    filter: { campusId: c.id },
    stateId: c.state_id,
    stateCode: c.code,
    stateName: c.state_name,
    campusId: c.id,
  };
}

async function stateUnit(db: Kysely<Database>, state: string, scope: Scope | null): Promise<ReportUnit> {
  const n = Number(state);
  if (!/^\d{1,2}$/.test(state) || n < 1 || n > 32)
    throw invalid('invalid_state', `Entidad inválida: "${state}" (se espera la clave INEGI 1-32)`);
  const s = await stateById(db, n);
  const outside =
    s !== undefined &&
    scope !== null &&
    scope.role !== 'national' &&
    scope.role !== 'analyst' &&
    (scope.role !== 'state' || scope.stateId !== s.id);
  if (!s || outside) throw notFound('unknown_state', `Entidad desconocida: "${state}"`);
  return {
    level: 'state',
    code: s.code,
    name: s.name,
    title: `Entidad ${s.code} ${s.name}`,
    filter: { stateId: s.id },
    stateId: s.id,
    stateCode: s.code,
    stateName: s.name,
    campusId: null,
  };
}
