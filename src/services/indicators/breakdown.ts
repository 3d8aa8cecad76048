/**
 * Use case: the director's breakdown of a campus (issue 13): its programs with their official indicators of a
 * school year and their students by semáforo, and its groups of the current term with what the records allow
 * (enrolled, left, failed modules, attendance, grades) and their students by semáforo. Aggregates only, for every
 * role whose scope holds the campus; outside the scope the campus does not exist (not_found).
 */
import type { Kysely } from 'kysely';
import type { Scope } from '../../domain/access.js';
import { notFound } from '../../domain/errors.js';
import {
  groupRecords,
  latestScoredCutoff,
  latestTermOfCampus,
  riskByGroup,
  type GroupFlagCount,
} from '../../storage/breakdown-queries.js';
import { campusByCct } from '../../storage/catalog-queries.js';
import type { Database } from '../../storage/schema.js';
import { indicatorRows } from './indicators.js';

/** Students by semáforo; `rojoShare` and `meanProbability` are null without students (or without a model). */
export interface Bands {
  readonly verde: number;
  readonly amarillo: number;
  readonly rojo: number;
  readonly total: number;
  readonly rojoShare: number | null;
  readonly meanProbability: number | null;
}

/** Sums flag counts into bands (flags other than the three are counted in the total only). */
export function tallyBands(rows: readonly GroupFlagCount[]): Bands {
  const out = { verde: 0, amarillo: 0, rojo: 0, total: 0 };
  let pSum = 0;
  let pN = 0;
  for (const r of rows) {
    if (r.flag === 'verde' || r.flag === 'amarillo' || r.flag === 'rojo') out[r.flag] += r.students;
    out.total += r.students;
    pSum += r.probabilitySum;
    pN += r.probabilityCount;
  }
  return {
    ...out,
    rojoShare: out.total > 0 ? out.rojo / out.total : null,
    meanProbability: pN > 0 ? pSum / pN : null,
  };
}

/** The campus, if the scope holds it; else not_found, as for a CCT that does not exist. */
async function campusInScope(db: Kysely<Database>, scope: Scope, cct: string) {
  const c = await campusByCct(db, cct);
  const outside =
    c !== undefined &&
    ((scope.role === 'state' && c.state_id !== scope.stateId) ||
      ((scope.role === 'campus' || scope.role === 'tutor') && c.id !== scope.campusId));
  if (!c || outside) throw notFound('unknown_campus', `Plantel desconocido: "${cct}"`);
  return c;
}

/** "2025-2026/2" → the term; null for anything else. */
function termOf(cutoff: string): { schoolYear: string; termNo: number } | null {
  const m = /^(\d{4}-\d{4})\/([12])$/.exec(cutoff);
  return m ? { schoolYear: m[1] as string, termNo: Number(m[2]) } : null;
}

export async function campusBreakdown(
  db: Kysely<Database>,
  scope: Scope,
  cct: string,
  year: string | undefined,
) {
  const campus = await campusInScope(db, scope, cct);
  const rows = (
    await indicatorRows(db, {
      level: 'program',
      ...(year ? { year } : {}),
      restrict: { campusId: campus.id },
    })
  ).filter((r) => r.sex === null);
  // Without a year: the latest year whose dropout is known (it needs the next year's enrollment).
  const schoolYear =
    year ??
    rows
      .filter((r) => r.abandono !== null)
      .map((r) => r.school_year)
      .sort()
      .at(-1) ??
    null;
  const cutoff = await latestScoredCutoff(db);
  const scoredTerm = cutoff ? termOf(cutoff) : null;
  const term = scoredTerm ?? (await latestTermOfCampus(db, campus.id));
  const [flags, records] = term
    ? await Promise.all([
        scoredTerm && cutoff ? riskByGroup(db, campus.id, cutoff, scoredTerm) : Promise.resolve([]),
        groupRecords(db, campus.id, term),
      ])
    : [[], []];

  const programNames = new Map<string, string>();
  for (const r of rows) programNames.set(r.unit_id, r.unit_name);
  for (const f of [...flags, ...records]) programNames.set(f.programCode, f.programName);
  const programs = [...programNames].map(([code, name]) => {
    const r = rows.find((x) => x.unit_id === code && x.school_year === schoolYear);
    return {
      code,
      name,
      mt: r?.mt ?? null,
      abandono: r?.abandono ?? null,
      aprobacion: r?.aprobacion ?? null,
      eficiencia_terminal: r?.eficiencia_terminal ?? null,
      risk: tallyBands(flags.filter((f) => f.programCode === code)),
    };
  });

  const key = (g: { programCode: string; groupCode: string; semester: number }) =>
    `${g.programCode}\u0000${g.groupCode}\u0000${g.semester}`;
  const recordOf = new Map(records.map((g) => [key(g), g]));
  const groupKeys = new Map<
    string,
    { programCode: string; programName: string; groupCode: string; semester: number }
  >();
  for (const g of [...records, ...flags]) groupKeys.set(key(g), g);
  const groups = [...groupKeys].map(([k, g]) => {
    const rec = recordOf.get(k);
    return {
      code: g.groupCode,
      programCode: g.programCode,
      programName: g.programName,
      semester: g.semester,
      enrolled: rec?.enrolled ?? null,
      left: rec?.left ?? null,
      withFailed: rec?.withFailed ?? null,
      meanAttendance: rec?.meanAttendance ?? null,
      meanGrade: rec?.meanGrade ?? null,
      risk: tallyBands(flags.filter((f) => key(f) === k)),
    };
  });
  // Worst first: the share of red, then the number of red students.
  const worst = (a: { risk: Bands }, b: { risk: Bands }) =>
    (b.risk.rojoShare ?? -1) - (a.risk.rojoShare ?? -1) || b.risk.rojo - a.risk.rojo;
  return {
    campus: { cct: campus.cct, name: campus.name },
    schoolYear,
    cutoff,
    term: term ? `${term.schoolYear}/${term.termNo}` : null,
    programs: programs.sort((a, b) => worst(a, b) || a.name.localeCompare(b.name, 'es')),
    groups: groups.sort((a, b) => worst(a, b) || a.code.localeCompare(b.code)),
  };
}

export type CampusBreakdown = Awaited<ReturnType<typeof campusBreakdown>>;
