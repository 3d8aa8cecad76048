/**
 * Use case: the summary of a unit (the nation by default) — the three numbers of CONALEP's public report
 * (enrollment, abandono, eficiencia terminal) for the latest years against a baseline, plus system size.
 */
import type { Kysely } from 'kysely';
import { shiftYear, type SchoolYear } from '../domain/calendar.js';
import type { Database } from '../storage/schema.js';
import { indicatorRows, type IndicatorRow, type Restriction } from './indicators.js';

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
  const ids = await unitCampusIds(db, unit.level, years[0]?.unit_id);
  const countWhere = async (table: 'teachers' | 'campuses') => {
    let q = db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
    if (table === 'campuses') q = q.where('active', '=', 1);
    if (ids) q = q.where(table === 'campuses' ? 'id' : 'campus_id', 'in', ids.length ? ids : [-1]);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };
  const programs = ids
    ? await db
        .selectFrom('campus_programs')
        .select('program_id')
        .distinct()
        .where('campus_id', 'in', ids.length ? ids : [-1])
        .execute()
    : await db.selectFrom('programs').select('id as program_id').execute();
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
    campuses: await countWhere('campuses'),
    programs: programs.length,
    teachers: await countWhere('teachers'),
    headline,
  };
}

/** The campuses a unit covers (null = all): a state's campuses, one campus, or those offering a program. */
async function unitCampusIds(
  db: Kysely<Database>,
  level: string,
  unitId: string | undefined,
): Promise<number[] | null> {
  if (level === 'national' || unitId === undefined) return null;
  if (level === 'state') {
    const rows = await db
      .selectFrom('campuses as c')
      .innerJoin('states as s', 's.id', 'c.state_id')
      .select('c.id')
      .where('s.code', '=', unitId)
      .execute();
    return rows.map((r) => r.id);
  }
  if (level === 'campus')
    return (await db.selectFrom('campuses').select('id').where('cct', '=', unitId).execute()).map(
      (r) => r.id,
    );
  const rows = await db
    .selectFrom('campus_programs as cp')
    .innerJoin('programs as p', 'p.id', 'cp.program_id')
    .select('cp.campus_id')
    .where('p.code', '=', unitId)
    .execute();
  return rows.map((r) => r.campus_id);
}
