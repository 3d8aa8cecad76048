/**
 * Use case: reported aggregate counts (trayecto import counts) beside the counts computed from the records for
 * the same unit and school year, their differences, and the SEP dropout rate from each. A reported rate needs
 * the unit's reported counts of the next year too; a computed one the flow counts of the next year.
 */
import type { Kysely } from 'kysely';
import type { Scope } from '../../domain/access.js';
import { parseSchoolYear, shiftYear, type SchoolYear } from '../../domain/calendar.js';
import { invalid } from '../../domain/errors.js';
import { abandono, FLOW_KEYS, type FlowCounts } from '../../domain/indicators.js';
import { allCampuses, allStates } from '../../storage/catalog-queries.js';
import { sumFlowCounts } from '../../storage/flow-queries.js';
import { reportedCountRows } from '../../storage/published-queries.js';
import type { Database, ReportedCountsTable } from '../../storage/schema.js';
import type { ReportedLevel } from '../imports/index.js';
import { restrictionFor } from './indicators.js';

export const REPORTED_LEVELS: readonly ReportedLevel[] = ['campus', 'state', 'national'];

type Prefixed<P extends string> = { readonly [K in keyof FlowCounts as `${P}${K}`]: number };
type PrefixedOrNull<P extends string> = { readonly [K in keyof FlowCounts as `${P}${K}`]: number | null };

/** One flat row per stored unit and year (flat so that it exports as CSV/XLSX as it is). */
export type ReportedComparisonRow = {
  readonly school_year: string;
  readonly level: ReportedLevel;
  readonly unit: string;
  readonly unit_name: string;
  readonly source: string;
  /** Abandono from the reported counts (n and n+1), %; null without the next year reported. */
  readonly abandono_reported: number | null;
  /** Abandono from the records' flow counts, %; null without flow counts for n and n+1. */
  readonly abandono_computed: number | null;
  /** computed − reported, percentage points. */
  readonly abandono_difference: number | null;
} & Prefixed<'reported_'> &
  PrefixedOrNull<'computed_'> &
  PrefixedOrNull<'difference_'>;

export interface ReportedComparison {
  readonly rows: ReportedComparisonRow[];
  /** Rows whose six counts agree with the records. */
  readonly matching: number;
  /** Rows with counts computed from the records. */
  readonly compared: number;
}

export interface ReportedQuery {
  readonly schoolYear?: string;
  readonly level?: string;
  /** The caller's scope (API): rows of units outside it are left out. */
  readonly scope?: Scope;
}

const countsOf = (r: FlowCounts): FlowCounts => ({
  mt: Number(r.mt),
  ni1: Number(r.ni1),
  ex: Number(r.ex),
  ap: Number(r.ap),
  reg: Number(r.reg),
  eg: Number(r.eg),
});

const rate = (n: FlowCounts | null, next: FlowCounts | null): number | null =>
  n && next ? abandono(n.mt, n.eg, next.mt, next.ni1) : null;

export async function reportedVsComputed(
  db: Kysely<Database>,
  query: ReportedQuery = {},
): Promise<ReportedComparison> {
  let year: SchoolYear | undefined;
  if (query.schoolYear !== undefined) {
    const parsed = parseSchoolYear(query.schoolYear);
    if (!parsed.ok)
      throw invalid(
        'invalid_school_year',
        `Ciclo escolar inválido: "${query.schoolYear}" (se espera AAAA-AAAA)`,
      );
    year = parsed.value;
  }
  const level = query.level;
  if (level !== undefined && !(REPORTED_LEVELS as readonly string[]).includes(level))
    throw invalid(
      'invalid_level',
      `Nivel desconocido: "${level}". Valores válidos: ${REPORTED_LEVELS.join(', ')}`,
    );
  const all = await reportedCountRows(db, level as ReportedLevel | undefined);
  const reportedByKey = new Map(all.map((r) => [`${r.level}\u0000${r.unit}\u0000${r.school_year}`, r]));

  const campuses = await allCampuses(db);
  const campusOf = new Map(campuses.map((c) => [c.cct, c]));
  const states = await allStates(db);
  const stateOf = new Map(states.map((s) => [s.code, s]));

  const visible = (r: ReportedCountsTable): boolean => {
    if (!query.scope) return true;
    const restrict = restrictionFor(query.scope, r.level);
    if (r.level === 'national') return true;
    const campus = r.level === 'campus' ? campusOf.get(r.unit) : undefined;
    const stateId = r.level === 'campus' ? campus?.state_id : stateOf.get(r.unit)?.id;
    if (restrict.stateId !== undefined && stateId !== restrict.stateId) return false;
    if (restrict.campusId !== undefined && (r.level !== 'campus' || campus?.id !== restrict.campusId))
      return false;
    return true;
  };
  const rows = all.filter((r) => (year === undefined || r.school_year === year) && visible(r));

  // Computed counts for every (level, year) asked and the year after, summed once per pair.
  const computed = new Map<string, FlowCounts>();
  const wanted = new Set(rows.flatMap((r) => [`${r.level}\u0000${r.school_year}`]));
  for (const pair of wanted) {
    const [lv, y] = pair.split('\u0000') as [ReportedLevel, SchoolYear];
    const sums = await sumFlowCounts(db, { level: lv, years: [y, shiftYear(y, 1)] });
    for (const s of sums) computed.set(`${lv}\u0000${s.unitId}\u0000${s.schoolYear}`, s.counts);
  }

  const out = rows.map((r): ReportedComparisonRow => {
    const reported = countsOf(r);
    const nextYear = shiftYear(r.school_year as SchoolYear, 1);
    const nextReported = reportedByKey.get(`${r.level}\u0000${r.unit}\u0000${nextYear}`);
    const comp = computed.get(`${r.level}\u0000${r.unit}\u0000${r.school_year}`) ?? null;
    const compNext = computed.get(`${r.level}\u0000${r.unit}\u0000${nextYear}`) ?? null;
    const aReported = rate(reported, nextReported ? countsOf(nextReported) : null);
    const aComputed = rate(comp, compNext);
    const row: Record<string, unknown> = {
      school_year: r.school_year,
      level: r.level,
      unit: r.unit,
      unit_name:
        r.level === 'national'
          ? 'Nacional'
          : r.level === 'state'
            ? (stateOf.get(r.unit)?.name ?? r.unit)
            : (campusOf.get(r.unit)?.name ?? r.unit),
      source: r.source,
      abandono_reported: aReported,
      abandono_computed: aComputed,
      abandono_difference: aReported === null || aComputed === null ? null : aComputed - aReported,
    };
    for (const k of FLOW_KEYS) {
      row[`reported_${k}`] = reported[k];
      row[`computed_${k}`] = comp ? comp[k] : null;
      row[`difference_${k}`] = comp ? comp[k] - reported[k] : null;
    }
    return row as ReportedComparisonRow;
  });
  const compared = out.filter((r) => r.computed_mt !== null);
  return {
    rows: out,
    compared: compared.length,
    matching: compared.filter((r) => FLOW_KEYS.every((k) => r[`difference_${k}`] === 0)).length,
  };
}
