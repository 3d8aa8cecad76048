/**
 * Use case: official indicators at a level (national, state, campus, program), for one or every school year,
 * optionally by sex; from the flow-count table or from an aggregate count table (published figures).
 */
import type { Kysely } from 'kysely';
import { parseSchoolYear, shiftYear, type SchoolYear } from '../../domain/calendar.js';
import { AppError, invalid, notFound } from '../../domain/errors.js';
import {
  computeIndicators,
  sumCounts,
  type FlowCounts,
  type IndicatorValues,
} from '../../domain/indicators.js';
import { nearest } from '../../domain/nearest.js';
import type { CountsRow } from '../../ingest/counts.js';
import {
  flowYears,
  listUnits,
  sumFlowCounts,
  type Level,
  type UnitCounts,
} from '../../storage/flow-queries.js';
import type { Database } from '../../storage/schema.js';
import type { Scope } from '../../domain/access.js';
import { LEVELS as ALL_LEVELS } from '../../domain/enums.js';

export const LEVELS: readonly Level[] = ALL_LEVELS;

/** Spanish names of the levels, for messages. */
/** The detail line of an unknown unit: the nearest few keys, not the whole list (313 campuses). */
export function nearestUnits(unitId: string, units: readonly { id: string; name?: string }[]): string {
  const near = nearest(
    unitId,
    units.map((u) => u.id),
    5,
  );
  const names = new Map(units.map((u) => [u.id, u.name]));
  return `Claves más parecidas: ${near.map((id) => (names.get(id) ? `${id} (${names.get(id)})` : id)).join(', ')} · ${units.length} en total`;
}

export const LEVEL_LABELS: Readonly<Record<Level, string>> = {
  national: 'nacional',
  state: 'entidad',
  campus: 'plantel',
  program: 'carrera',
};

export interface IndicatorRow extends IndicatorValues, FlowCounts {
  readonly level: string;
  readonly unit_id: string;
  readonly unit_name: string;
  readonly school_year: string;
  readonly sex: 'H' | 'M' | null;
}

export interface IndicatorQuery {
  readonly level: string;
  readonly year?: string;
  readonly bySex?: boolean;
  readonly unitId?: string;
  /** Only the campuses of one state or one campus (a user's scope, or a parent filter such as ?state=). */
  readonly restrict?: Restriction;
}

export interface Restriction {
  readonly stateId?: number;
  readonly campusId?: number;
}

/**
 * What a scope may see of aggregates at a level: national figures are open to every role (they are the
 * comparison every page needs); below that, a state role sees its state's units, a campus or tutor its own.
 */
export function restrictionFor(scope: Scope, level: Level): Restriction {
  if (level === 'national' || scope.role === 'national' || scope.role === 'analyst') return {};
  if (scope.role === 'state') return { stateId: scope.stateId ?? -1 };
  if (level === 'state') return { stateId: scope.stateId ?? -1 };
  return { campusId: scope.campusId ?? -1 };
}

export function parseLevel(level: string): Level {
  if ((LEVELS as readonly string[]).includes(level)) return level as Level;
  throw invalid('invalid_level', `Nivel desconocido: "${level}". Valores válidos: ${LEVELS.join(', ')}`);
}

export async function validYear(db: Kysely<Database>, year: string): Promise<SchoolYear> {
  const years = await flowYears(db);
  if (years.length === 0) {
    throw new AppError(
      'unavailable',
      'no_data',
      'La base de datos no tiene conteos de flujo: genere datos (trayecto generate) o importe registros',
    );
  }
  const parsed = parseSchoolYear(year);
  if (!parsed.ok)
    throw invalid(
      'invalid_school_year',
      `Ciclo escolar inválido: "${year}" (se espera AAAA-AAAA). Ciclos válidos: ${years.join(', ')}`,
    );
  if (!years.includes(parsed.value)) {
    throw notFound(
      'unknown_school_year',
      `Ciclo escolar desconocido: "${year}". Ciclos válidos: ${years.join(', ')}`,
    );
  }
  return parsed.value;
}

export async function indicatorRows(db: Kysely<Database>, query: IndicatorQuery): Promise<IndicatorRow[]> {
  const level = parseLevel(query.level);
  const year = query.year === undefined ? undefined : await validYear(db, query.year);
  if (query.unitId !== undefined && level === 'national') {
    throw invalid(
      'unit_not_applicable',
      'El nivel nacional no tiene unidades: quite --unit o elija state, campus o program',
    );
  }
  if (query.unitId !== undefined && level !== 'national') {
    // A unit outside the scope is unknown, and the message lists only the units inside it.
    const scoped = query.restrict?.stateId !== undefined || query.restrict?.campusId !== undefined;
    const units = scoped ? await unitsInScope(db, level, query.restrict ?? {}) : await listUnits(db, level);
    if (!units.some((u) => u.id === query.unitId)) {
      // The list goes in the details: the CLI prints it, the API keeps its message short.
      throw notFound('unknown_unit', `Unidad desconocida (${LEVEL_LABELS[level]}): "${query.unitId}"`, [
        nearestUnits(query.unitId, units),
      ]);
    }
  }
  const years = year ? [shiftYear(year, -2), year, shiftYear(year, 1)] : undefined;
  const counts = await sumFlowCounts(db, {
    level,
    years,
    bySex: query.bySex ?? false,
    unitId: query.unitId,
    stateId: query.restrict?.stateId,
    campusId: query.restrict?.campusId,
  });
  if (query.unitId !== undefined && counts.length === 0 && query.restrict) {
    throw notFound('unknown_unit', `Unidad desconocida (${LEVEL_LABELS[level]}): "${query.unitId}"`);
  }
  const rows = rowsFromUnitCounts(level, counts);
  return (year ? rows.filter((r) => r.school_year === year) : rows).sort(compareRows);
}

async function unitsInScope(db: Kysely<Database>, level: Level, r: Restriction): Promise<{ id: string }[]> {
  const rows = await sumFlowCounts(db, { level, stateId: r.stateId, campusId: r.campusId });
  return [...new Set(rows.map((u) => u.unitId))].map((id) => ({ id }));
}

/** Indicators for every (unit, sex, year) present, looking up years n+1 and n−2 of the same unit. */
export function rowsFromUnitCounts(level: string, counts: readonly UnitCounts[]): IndicatorRow[] {
  const key = (unit: string, sex: string | null, year: string) => `${unit}\u0000${sex ?? ''}\u0000${year}`;
  const byKey = new Map(counts.map((c) => [key(c.unitId, c.sex, c.schoolYear), c.counts]));
  return counts.map((c) => {
    const year = c.schoolYear as SchoolYear;
    const next = byKey.get(key(c.unitId, c.sex, shiftYear(year, 1))) ?? null;
    const before = byKey.get(key(c.unitId, c.sex, shiftYear(year, -2))) ?? null;
    return {
      level,
      unit_id: c.unitId,
      unit_name: c.unitName,
      school_year: c.schoolYear,
      sex: c.sex,
      ...c.counts,
      ...computeIndicators(c.counts, next, before),
    };
  });
}

/** Indicators from an aggregate count table: one row per unit and year, plus unit "*" on counts summed over units. */
export function indicatorsFromCounts(rows: readonly CountsRow[]): IndicatorRow[] {
  const perUnit: UnitCounts[] = rows.map((r) => ({
    schoolYear: r.schoolYear,
    unitId: r.unit,
    unitName: r.unit,
    sex: null,
    counts: r.counts,
  }));
  const byYear = new Map<string, FlowCounts[]>();
  for (const r of rows) byYear.set(r.schoolYear, [...(byYear.get(r.schoolYear) ?? []), r.counts]);
  const totals: UnitCounts[] = [...byYear].map(([schoolYear, list]) => ({
    schoolYear,
    unitId: '*',
    unitName: 'Total',
    sex: null,
    counts: sumCounts(list),
  }));
  return [...rowsFromUnitCounts('unit', perUnit), ...rowsFromUnitCounts('total', totals)].sort(compareRows);
}

function compareRows(a: IndicatorRow, b: IndicatorRow): number {
  return (
    a.level.localeCompare(b.level) ||
    a.unit_id.localeCompare(b.unit_id) ||
    a.school_year.localeCompare(b.school_year) ||
    (a.sex ?? '').localeCompare(b.sex ?? '')
  );
}
