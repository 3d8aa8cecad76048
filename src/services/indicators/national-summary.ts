/**
 * Use case: the summary of a unit (the nation by default) — the three numbers of CONALEP's public report
 * (enrollment, abandono, eficiencia terminal) for the latest years against a baseline, plus system size.
 */
import type { Kysely } from 'kysely';
import { shiftYear, type SchoolYear } from '../../domain/calendar.js';
import { allCampuses, campusIdsOfUnit, unitSizes } from '../../storage/catalog-queries.js';
import type { Database } from '../../storage/schema.js';
import { indicatorRows, parseLevel, type IndicatorRow, type Restriction } from './indicators.js';

export interface Kpi {
  readonly key: 'mt' | 'abandono' | 'eficiencia_terminal';
  readonly year: string;
  readonly value: number | null;
  readonly baseYear: string;
  readonly base: number | null;
}

export interface UnitSummary {
  readonly level: string;
  readonly unitId: string;
  readonly unitName: string;
  readonly baseline: string;
  readonly latestYear: string | null;
  readonly latestComplete: string | null;
  readonly years: readonly IndicatorRow[];
  readonly campuses: number;
  readonly programs: number;
  readonly teachers: number;
  readonly headline: readonly Kpi[];
}

export interface SummaryUnit {
  readonly level: string;
  readonly unitId?: string;
  readonly restrict?: Restriction;
}

export async function nationalSummary(
  db: Kysely<Database>,
  baselineYear: string,
  unit: SummaryUnit = { level: 'national' },
): Promise<UnitSummary> {
  const years = await indicatorRows(db, { level: unit.level, unitId: unit.unitId, restrict: unit.restrict });
  const unitCampuses = await campusIdsOfUnit(db, parseLevel(unit.level), years[0]?.unit_id);
  const sizes = await unitSizes(db, await withinScope(db, unitCampuses, unit.restrict));
  const byYear = new Map(years.map((r) => [r.school_year, r]));
  const last = years.at(-1)?.school_year as SchoolYear | undefined;
  const lastComplete = last ? shiftYear(last, -1) : undefined;
  const base = baselineYear as SchoolYear;
  const pick = (year: string | undefined, key: Kpi['key']) =>
    year ? (byYear.get(year)?.[key] ?? null) : null;
  // Enrollment is reported at the start of the year after the dropout year (docs/DOMAIN.md §4 mapping).
  const headline: Kpi[] = [
    {
      key: 'mt',
      year: last ?? '',
      value: pick(last, 'mt'),
      baseYear: shiftYear(base, 1),
      base: pick(shiftYear(base, 1), 'mt'),
    },
    {
      key: 'abandono',
      year: lastComplete ?? '',
      value: pick(lastComplete, 'abandono'),
      baseYear: base,
      base: pick(base, 'abandono'),
    },
    {
      key: 'eficiencia_terminal',
      year: lastComplete ?? '',
      value: pick(lastComplete, 'eficiencia_terminal'),
      baseYear: base,
      base: pick(base, 'eficiencia_terminal'),
    },
  ];
  return {
    level: unit.level,
    unitId: years[0]?.unit_id ?? unit.unitId ?? 'MX',
    unitName: years[0]?.unit_name ?? '',
    baseline: baselineYear,
    latestYear: last ?? null,
    latestComplete: lastComplete ?? null,
    years,
    campuses: sizes.campuses,
    programs: sizes.programs,
    teachers: sizes.teachers,
    headline,
  };
}

/**
 * The unit's campuses (null = all) that the user's restriction lets it see: a campus user's program page
 * counts its own campus, not every campus of the country offering the program.
 */
async function withinScope(
  db: Kysely<Database>,
  ids: readonly number[] | null,
  restrict: Restriction | undefined,
): Promise<number[] | null> {
  if (restrict?.campusId === undefined && restrict?.stateId === undefined)
    return ids === null ? null : [...ids];
  const allowed = (await allCampuses(db))
    .filter((c) => restrict.campusId === undefined || c.id === restrict.campusId)
    .filter((c) => restrict.stateId === undefined || c.state_id === restrict.stateId)
    .map((c) => c.id);
  return ids === null ? allowed : allowed.filter((id) => ids.includes(id));
}
