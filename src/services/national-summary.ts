/**
 * Use case: the national summary shown by `trayecto start` — the three numbers of CONALEP's public report
 * (enrollment, abandono, eficiencia terminal) for the latest years against a baseline, plus system size.
 */
import type { Kysely } from 'kysely';
import { shiftYear, type SchoolYear } from '../domain/calendar.js';
import type { Database } from '../storage/schema.js';
import { indicatorRows, type IndicatorRow } from './indicators.js';

export interface NationalSummary {
  readonly years: readonly IndicatorRow[];
  readonly campuses: number;
  readonly programs: number;
  readonly teachers: number;
  readonly headline: readonly {
    key: string;
    year: string;
    value: number | null;
    baseYear: string;
    base: number | null;
  }[];
}

export async function nationalSummary(db: Kysely<Database>, baselineYear: string): Promise<NationalSummary> {
  const years = await indicatorRows(db, { level: 'national' });
  const count = async (table: 'programs' | 'teachers') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const activeCampuses = async () =>
    Number(
      (
        await db
          .selectFrom('campuses')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('active', '=', 1)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const byYear = new Map(years.map((r) => [r.school_year, r]));
  const last = years.at(-1)?.school_year as SchoolYear | undefined;
  const lastComplete = last ? shiftYear(last, -1) : undefined;
  const base = baselineYear as SchoolYear;
  const pick = (year: string | undefined, key: 'mt' | 'abandono' | 'eficiencia_terminal') =>
    year ? (byYear.get(year)?.[key] ?? null) : null;
  // Enrollment is reported at the start of the year after the dropout year (DOMAIN.md §4 mapping).
  const headline = [
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
    years,
    campuses: await activeCampuses(),
    programs: await count('programs'),
    teachers: await count('teachers'),
    headline,
  };
}
