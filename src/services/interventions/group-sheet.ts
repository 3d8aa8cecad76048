/**
 * The group sheet: every student of a group (campus, school year, group code) with a semáforo per dimension,
 * the overall band and the last action, for the staff meeting (PDF) or a spreadsheet (XLSX). Scoped like the
 * work queue: a tutor their own groups, a campus its groups, a state the groups of its campuses, national
 * everything; analysts get pseudonymous ids and no names. Outside the scope a group does not exist.
 */
import { canSeeIdentity, type Scope } from '../../domain/access.js';
import { invalid, notFound } from '../../domain/errors.js';
import {
  dimensionCells,
  dimensionLegend,
  dimensionLegendEn,
  FLAG_WORDS,
  SHEET_DIMENSIONS,
  type DimensionCell,
  type SheetDimension,
} from '../../domain/group-sheet.js';
import type { RiskFlag } from '../../domain/interventions.js';
import { namedFeatures } from '../../domain/risk/features.js';
import { stateById } from '../../storage/catalog-queries.js';
import { groupMembers, studentIdsOfGroups, studentNames } from '../../storage/interventions/students.js';
import { assessActive, currentRuleSet } from '../risk/index.js';
import { campusByCct, campusOf, today, type InterventionDeps } from './context.js';
import { lastActions, type LastAction } from './queue.js';

export interface GroupSheetRow {
  readonly student: string;
  /** Null for the roles that do not see identities (analysts). */
  readonly name: string | null;
  readonly semester: number;
  /** Null for a student who is no longer active (left, graduated): no current semáforo. */
  readonly flag: RiskFlag | null;
  readonly probability: number | null;
  readonly dimensions: Record<SheetDimension, DimensionCell> | null;
  readonly reasons: readonly string[];
  /** `reasons` in English, in the same order. */
  readonly reasonsEn: readonly string[];
  readonly status: string;
  readonly lastAction: LastAction | null;
}

export interface GroupSheet {
  readonly campus: { readonly cct: string; readonly name: string; readonly state: string };
  readonly schoolYear: string;
  readonly group: string;
  readonly program: { readonly code: string; readonly name: string };
  readonly semester: number;
  /** The cut-off of the scores (the latest term with records), e.g. "2025-2026/1". */
  readonly cutoff: string | null;
  readonly today: string;
  readonly ruleSetVersion: number;
  readonly legend: Record<SheetDimension, string>;
  readonly legendEn: Record<SheetDimension, string>;
  readonly counts: Record<RiskFlag | 'inactive', number>;
  readonly rows: readonly GroupSheetRow[];
}

const ORDER: Record<RiskFlag, number> = { rojo: 0, amarillo: 1, verde: 2 };

/** The sheet of one group of the current school year; `campus` (CCT) is needed above the campus level. */
export async function groupSheet(
  deps: InterventionDeps,
  scope: Scope,
  query: { readonly group: string; readonly campus?: string },
): Promise<GroupSheet> {
  const code = query.group.trim();
  if (!query.campus && scope.campusId === null)
    throw invalid('missing_campus', 'Indique el plantel (CCT) del grupo');
  const campus = query.campus
    ? await campusByCct(deps.db, scope, query.campus)
    : await campusOf(deps.db, scope.campusId ?? -1);
  let members = await groupMembers(deps.db, campus.id, deps.currentYear, code);
  if (scope.role === 'tutor' && !scope.groups.some((g) => g.campusId === campus.id && g.groupCode === code)) {
    // A tutor's students are those enrolled in their groups at some term of the year; the queue shows each one's
    // current group (P18-101 becomes P18-201 in the second term). Of another group code, a tutor gets only
    // their own students: the rest of that group stays out of reach.
    const tutorGroups = scope.groups.filter((g) => g.campusId === campus.id).map((g) => g.groupCode);
    const own = new Set(await studentIdsOfGroups(deps.db, campus.id, deps.currentYear, tutorGroups));
    members = members.filter((m) => own.has(m.studentId));
  }
  if (members.length === 0)
    throw notFound('unknown_group', `Grupo desconocido en ${campus.cct} (${deps.currentYear}): "${code}"`);
  const ids = members.map((m) => m.studentId);
  const [assessed, actions, rules, state, names] = await Promise.all([
    assessActive(deps.db, { studentIds: ids }),
    lastActions(deps.db, ids),
    currentRuleSet(deps.db),
    stateById(deps.db, campus.state_id),
    canSeeIdentity(scope) ? studentNames(deps.db, ids) : null,
  ]);
  const risk = new Map(assessed.map((a) => [a.studentId, a]));
  const counts = { rojo: 0, amarillo: 0, verde: 0, inactive: 0 };
  const rows = members.map((m): GroupSheetRow => {
    const a = risk.get(m.studentId);
    counts[a ? a.flag : 'inactive']++;
    return {
      student: deps.pseudonyms.toPseudonym(m.studentId),
      name: names?.get(m.studentId) ?? null,
      semester: m.semester,
      flag: a?.flag ?? null,
      probability: a?.probability ?? null,
      dimensions: a ? dimensionCells(namedFeatures(a.features), a.ruleReasons) : null,
      reasons: a?.reasons ?? [],
      reasonsEn: a?.reasonsEn ?? [],
      status: m.status,
      lastAction: actions.last.get(m.studentId) ?? null,
    };
  });
  // Rojo first, then amarillo, verde and the students no longer active; by name (or id) within a band.
  const key = (r: GroupSheetRow) => r.name ?? r.student;
  rows.sort(
    (x, y) =>
      (x.flag ? ORDER[x.flag] : 3) - (y.flag ? ORDER[y.flag] : 3) || key(x).localeCompare(key(y), 'es'),
  );
  // The group's program and semester: those of most of its students.
  const most = <T>(values: readonly T[]): T => {
    const n = new Map<T, number>();
    for (const v of values) n.set(v, (n.get(v) ?? 0) + 1);
    return [...n.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  };
  const programCode = most(members.map((m) => m.programCode));
  return {
    campus: { cct: campus.cct, name: campus.name, state: state?.name ?? '' },
    schoolYear: deps.currentYear,
    group: code,
    program: { code: programCode, name: members.find((m) => m.programCode === programCode)!.programName },
    semester: most(members.map((m) => m.semester)),
    cutoff: assessed[0]?.cutoff ?? null,
    today: today(deps),
    ruleSetVersion: rules.version,
    legend: dimensionLegend(rules.thresholds),
    legendEn: dimensionLegendEn(rules.thresholds),
    counts,
    rows,
  };
}

/**
 * One flat row per student, for CSV downloads: English column names in both languages (as always); the
 * bands, values, reasons and last action in the language asked (Spanish by default).
 */
export function groupSheetRows(
  sheet: GroupSheet,
  lang: 'es' | 'en' = 'es',
): Record<string, string | number | null>[] {
  const en = lang === 'en';
  const word = (f: RiskFlag | null | undefined) => (f ? (en ? FLAG_WORDS[f].en.toLowerCase() : f) : null);
  return sheet.rows.map((r) => ({
    student: r.student,
    name: r.name,
    semester: r.semester,
    flag: word(r.flag) ?? (en ? 'inactive' : 'inactivo'),
    ...Object.fromEntries(
      SHEET_DIMENSIONS.flatMap((d) => {
        const cell = r.dimensions?.[d];
        return [
          [d, word(cell?.flag)],
          [`${d}_value`, cell ? (en ? cell.valueEn : cell.value) : null],
        ];
      }),
    ),
    reasons: (en ? r.reasonsEn : r.reasons).join('; '),
    last_action_date: r.lastAction?.date ?? null,
    last_action: r.lastAction?.label[lang] ?? null,
  }));
}
