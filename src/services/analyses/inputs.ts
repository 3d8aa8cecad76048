/**
 * What each analysis reads (issue 15), and its data version from that alone: the version of what the change log
 * does not describe (storage/data-changes.ts unloggedVersion) and the latest logged import whose cells meet
 * the tables the analysis reads within the campuses of its unit. An import of module results (which no
 * analysis reads) that changes no yearly result leaves every stored result current (the yearly results it
 * changes are logged by campus); an import of one campus's enrollments leaves the results
 * of other campuses' and states' units current.
 */
import { Footprint } from '../../domain/footprint.js';
import { contentVersion } from '../../storage/data-version.js';
import { dataChangesAfter, unloggedVersion } from '../../storage/data-changes.js';
import type { Store } from '../../storage/db.js';
import { campusIdsOfState } from '../../storage/import-lookups.js';
import type { AnalysisName } from './catalog.js';
import type { AnalysisRequest } from './runner.js';

/**
 * The record tables each analysis reads, directly or through the risk features (storage/effects-queries.ts,
 * whatif-queries.ts, cohort-queries.ts, risk-queries.ts; flow counts derive from enrollments and year results).
 * Catalog tables (campuses, states, school years) change only through unlogged imports and generations.
 */
export const ANALYSIS_INPUTS: Readonly<Record<AnalysisName, readonly string[]>> = {
  effects: ['enrollments', 'interventions', 'students', 'status_events', 'year_results', 'programs'],
  whatif: ['enrollments', 'year_results', 'students', 'status_events', 'programs'],
  cohort: ['enrollments', 'year_results', 'students', 'status_events', 'programs'],
};

/** The data version of each request: per input (see the module comment). */
export function inputVersions(store: Store): (req: AnalysisRequest) => Promise<string> {
  const gate = contentVersion(store);
  const log = new Map<number, Footprint>();
  let lastId = 0;
  let seen: string | null = null;
  let base: Promise<string> = Promise.resolve('');
  const states = new Map<number, Promise<ReadonlySet<number>>>();
  const read = async () => {
    for (const r of await dataChangesAfter(store.db, lastId)) {
      log.set(r.id, Footprint.fromJSON(JSON.parse(r.footprint) as Record<string, string[]>));
      lastId = Math.max(lastId, r.id);
    }
    return unloggedVersion(store.db);
  };
  const campusesOf = async (req: AnalysisRequest): Promise<ReadonlySet<number> | null> => {
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
    const tables = ANALYSIS_INPUTS[req.name];
    const campuses = await campusesOf(req);
    let latest = 0;
    for (const [id, fp] of log)
      if (id > latest && tables.some((t) => fp.meets(t, null, campuses))) latest = id;
    return `${b}|${latest}`;
  };
}
