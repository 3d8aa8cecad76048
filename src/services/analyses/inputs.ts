/**
 * What each analysis reads (issue 15), and its data version from that alone: the version of what the change log
 * does not describe (storage/data-changes.ts unloggedVersion) and the latest logged import whose cells meet
 * what the analysis reads: its tables, from the school years it reads, within the campuses it reads. An import
 * of module results (which no analysis reads) that changes no yearly result leaves every stored result current
 * (the yearly results it changes are logged by campus); an import of one campus's
 * enrollments leaves the results of other campuses' and states' units current; an import of an old school year
 * leaves the cohorts that entered after it current; a campus list that renames a campus recomputes only the
 * analyses that show that campus's name; reported counts and published figures (which no analysis reads)
 * recompute nothing.
 */
import { Footprint, type Cell } from '../../domain/footprint.js';
import { campusByCct } from '../../storage/catalog-queries.js';
import { contentVersion } from '../../storage/data-version.js';
import { dataChangesAfter, unloggedVersion } from '../../storage/data-changes.js';
import type { Store } from '../../storage/db.js';
import { campusIdsOfState } from '../../storage/import-lookups.js';
import type { AnalysisName, CohortParams, WhatIfParams } from './catalog.js';
import type { AnalysisRequest } from './runner.js';

/**
 * The record tables each analysis reads, directly or through the risk features (storage/effects-queries.ts,
 * whatif-queries.ts, cohort-queries.ts, risk-queries.ts; flow counts derive from enrollments and year results).
 */
export const ANALYSIS_INPUTS: Readonly<Record<AnalysisName, readonly string[]>> = {
  effects: ['enrollments', 'interventions', 'students', 'status_events', 'year_results', 'programs'],
  whatif: ['enrollments', 'year_results', 'students', 'status_events', 'programs'],
  cohort: ['enrollments', 'year_results', 'students', 'status_events', 'programs'],
};

/**
 * The catalog columns read apart (the campus-list import logs them so: services/imports/catalog-footprints.ts):
 * which state a campus is in (every analysis of a state unit, and the risk features), and a campus's name
 * (shown by a what-if scenario or a cohort table of that campus). The campus list's other columns (number,
 * address, coordinates, reporting unit) and new campuses or states are read by no analysis.
 */
export const CAMPUS_STATE = 'campuses.state_id';
export const CAMPUS_NAME = 'campuses.name';

/** One thing an analysis reads: a table (or catalog column), from a school year on, in some campuses. */
export interface AnalysisInput {
  readonly table: string;
  /** The first school year read; null: every year. */
  readonly fromYear: string | null;
  /** 'unit': the campuses of the request's unit; 'any': all; 'shown': the campus whose name it shows. */
  readonly campuses: 'unit' | 'any' | 'shown';
}

/** The school year a generation ("2022-2025" or 2022) entered, or null when it does not parse. */
function entryYearOf(generation: string | number | undefined): string | null {
  const m = /^(\d{4})/.exec(String(generation ?? '').trim());
  return m ? `${m[1]}-${Number(m[1]) + 1}` : null;
}

/**
 * What a request reads. A what-if scenario reads the school years from its generation's entry on (the pairs of
 * years it follows, its entrants, its cohort); a cohort table the same (entrants, their records to the cut-off,
 * the apparent rates of the entry and graduation years); effects every year from the first intervention on.
 */
export function analysisInputs(req: AnalysisRequest): AnalysisInput[] {
  const from =
    req.name === 'effects' ? null : entryYearOf((req.params as WhatIfParams | CohortParams).generation);
  const records = ANALYSIS_INPUTS[req.name].map((table) => ({
    table,
    fromYear: from,
    campuses: 'unit' as const,
  }));
  return [
    ...records,
    { table: CAMPUS_STATE, fromYear: null, campuses: 'any' },
    ...(shownCampus(req) !== null
      ? [{ table: CAMPUS_NAME, fromYear: null, campuses: 'shown' as const }]
      : []),
  ];
}

/** The campus whose name a result shows: a campus id, a CCT, or null (it shows none). */
function shownCampus(req: AnalysisRequest): number | string | null {
  if (req.name === 'whatif') {
    const p = req.params as WhatIfParams;
    if (p.campus) return p.campus.trim().toUpperCase();
    const s = req.scope;
    if (s && (s.role === 'campus' || s.role === 'tutor') && s.campusId !== null) return s.campusId;
  }
  if (req.name === 'cohort') {
    const p = req.params as CohortParams;
    if (p.level === 'campus' && p.unitId) return p.unitId.trim().toUpperCase();
  }
  return null;
}

interface Resolved {
  readonly table: string;
  readonly fromYear: string | null;
  readonly campuses: ReadonlySet<number> | null;
}

const meets = (cell: Cell, i: Resolved) =>
  (i.fromYear === null || cell.year === null || cell.year >= i.fromYear) &&
  (i.campuses === null || cell.campus === null || i.campuses.has(cell.campus));

/** The data version of each request: per input (see the module comment). */
export function inputVersions(store: Store): (req: AnalysisRequest) => Promise<string> {
  const gate = contentVersion(store);
  const log = new Map<number, Footprint>();
  let lastId = 0;
  let seen: string | null = null;
  let base: Promise<string> = Promise.resolve('');
  let baseSeen: string | null = null;
  // Which campuses a state has and which campus a CCT is: read once, again after the campus list changed.
  const states = new Map<number, Promise<ReadonlySet<number>>>();
  const ccts = new Map<string, Promise<number | null>>();
  const read = async () => {
    let campusesChanged = false;
    for (const r of await dataChangesAfter(store.db, lastId)) {
      const fp = Footprint.fromJSON(JSON.parse(r.footprint) as Record<string, string[]>);
      log.set(r.id, fp);
      lastId = Math.max(lastId, r.id);
      if (fp.tables().some((t) => t === 'campuses' || t.startsWith('campuses.'))) campusesChanged = true;
    }
    const b = await unloggedVersion(store.db);
    if (campusesChanged || b !== baseSeen) {
      states.clear();
      ccts.clear();
    }
    baseSeen = b;
    return b;
  };
  const unitCampuses = async (req: AnalysisRequest): Promise<ReadonlySet<number> | null> => {
    const s = req.scope;
    if (!s || s.role === 'national' || s.role === 'analyst') return null;
    if ((s.role === 'campus' || s.role === 'tutor') && s.campusId !== null) return new Set([s.campusId]);
    if (s.role === 'state' && s.stateId !== null) {
      const id = s.stateId;
      let p = states.get(id);
      if (!p) states.set(id, (p = campusIdsOfState(store.db, id).then((c) => new Set(c))));
      return p;
    }
    return null;
  };
  const shown = async (req: AnalysisRequest): Promise<ReadonlySet<number>> => {
    const c = shownCampus(req);
    if (c === null) return new Set();
    if (typeof c === 'number') return new Set([c]);
    let p = ccts.get(c);
    if (!p) ccts.set(c, (p = campusByCct(store.db, c).then((r) => (r ? Number(r.id) : null))));
    const id = await p;
    return new Set(id === null ? [] : [id]);
  };
  return async (req) => {
    const g = await gate();
    if (g !== seen) {
      seen = g;
      base = read().catch((e: unknown) => {
        seen = null; // read again next time
        throw e;
      });
    }
    const b = await base;
    const inputs: Resolved[] = [];
    for (const i of analysisInputs(req))
      inputs.push({
        table: i.table,
        fromYear: i.fromYear,
        campuses:
          i.campuses === 'any' ? null : i.campuses === 'unit' ? await unitCampuses(req) : await shown(req),
      });
    let latest = 0;
    for (const [id, fp] of log)
      if (id > latest && inputs.some((i) => fp.cells(i.table).some((c) => meets(c, i)))) latest = id;
    return `${b}|${latest}`;
  };
}
