/**
 * Use case: published campus dropout rates beside the ones computed from the records (the dashboard's
 * "published vs computed" view). Both are percentages under the SEP formula; the published figure comes from
 * published_indicators (trayecto import published-dropout), the computed one from the flow counts.
 */
import type { Kysely } from 'kysely';
import { parseSchoolYear } from '../../domain/calendar.js';
import { invalid, notFound } from '../../domain/errors.js';
import { flowYears } from '../../storage/flow-queries.js';
import { publishedCampusRates, publishedYears } from '../../storage/published-queries.js';
import type { Database } from '../../storage/schema.js';
import { DROPOUT_INDICATOR } from '../imports/index.js';
import { indicatorRows, type Restriction } from './indicators.js';

export interface PublishedComparisonRow {
  readonly cct: string;
  readonly name: string;
  /** INEGI state name of the campus (from the campus list, not the published row). */
  readonly state: string;
  /** Published abandono, %. */
  readonly published: number;
  /** Abandono computed from the flow counts, %; null when the records cannot give it (no counts for the
   * campus that year or the next). */
  readonly computed: number | null;
  /** computed − published, percentage points; null without a computed rate. */
  readonly difference: number | null;
}

export interface PublishedComparison {
  readonly schoolYear: string;
  /** School years with published rates, oldest first. */
  readonly years: string[];
  /** Every matched campus with a published rate, by CCT. */
  readonly rows: PublishedComparisonRow[];
  /** Campuses with both rates: the pairs the correlation is computed on. */
  readonly count: number;
  /** Pearson's r over those pairs; null with fewer than 2 pairs or no spread. */
  readonly correlation: number | null;
}

/**
 * `schoolYear` defaults to the latest published one; `restrict` keeps the campuses of one state or one campus
 * (the caller's scope, services/indicators/indicators.ts restrictionFor).
 */
export async function publishedVsComputed(
  db: Kysely<Database>,
  query: { readonly schoolYear?: string; readonly restrict?: Restriction },
): Promise<PublishedComparison> {
  const years = await publishedYears(db, DROPOUT_INDICATOR);
  const asked = query.schoolYear ?? years.at(-1);
  if (asked === undefined)
    throw notFound(
      'no_published_rates',
      'No hay tasas publicadas: importe un archivo con trayecto import published-dropout',
    );
  const year = parseSchoolYear(asked);
  if (!year.ok)
    throw invalid('invalid_school_year', `Ciclo escolar inválido: "${asked}" (se espera AAAA-AAAA)`);
  const published = await publishedCampusRates(db, DROPOUT_INDICATOR, year.value, query.restrict ?? {});
  const computed = new Map<string, number | null>();
  // Without flow counts for the year there is nothing to compare with (indicatorRows would refuse the year).
  if (published.length > 0 && (await flowYears(db)).includes(year.value)) {
    for (const r of await indicatorRows(db, { level: 'campus', year: year.value }))
      computed.set(r.unit_id, r.abandono);
  }
  const rows = published.map((p): PublishedComparisonRow => {
    const value = Number(p.value);
    const c = computed.get(p.cct) ?? null;
    return {
      cct: p.cct,
      name: p.name,
      state: p.state,
      published: value,
      computed: c,
      difference: c === null ? null : c - value,
    };
  });
  const pairs = rows.flatMap((r) => (r.computed === null ? [] : [[r.published, r.computed] as const]));
  return {
    schoolYear: year.value,
    years,
    rows,
    count: pairs.length,
    correlation: pearson(
      pairs.map((p) => p[0]),
      pairs.map((p) => p[1]),
    ),
  };
}

/** Pearson's correlation coefficient of two equally long series; null when undefined (n < 2 or a constant). */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = Math.min(xs.length, ys.length);
  if (n < 2) return null;
  const mean = (v: readonly number[]) => v.slice(0, n).reduce((a, b) => a + b, 0) / n;
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] ?? 0) - mx;
    const dy = (ys[i] ?? 0) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}
