/**
 * The heavy requests of the load mix (issue 11 finding 5), one after another while the light load runs: effect
 * estimates with a kind list not asked before, what-if scenarios with new parameters, cohort tables of a
 * state, a national user's group list, and a record import posted to the API (a module-results file built
 * from the database). An analysis answers at once (a stored result, or 202 with its job); what matters is
 * that the light requests and the event loop do not wait for them. Also reads the server's event-loop delay
 * (GET /api/v1/analyses/status, measured inside the serving process).
 */
import { INTERVENTION_KINDS } from '../../src/domain/interventions.js';
import { openStore } from '../../src/storage/db.js';
import type { ServerChild } from '../api/server.js';

export interface HeavyResult {
  readonly requests: number;
  readonly byStatus: Record<string, number>;
  readonly byKind: Record<string, { n: number; maxMs: number }>;
  readonly failures: readonly string[];
}

/** A module-results file of `rows` existing rows (re-importing them changes nothing) and a group code. */
export async function heavyFixtures(file: string, rows = 5_000): Promise<{ csv: string; group: string }> {
  const store = openStore({ dialect: 'sqlite', file });
  try {
    const r = await store.db
      .selectFrom('module_results as r')
      .innerJoin('student_identities as i', 'i.student_id', 'r.student_id')
      .innerJoin('campuses as c', 'c.id', 'r.campus_id')
      .innerJoin('modules as m', 'm.id', 'r.module_id')
      .select(['i.curp', 'c.cct', 'r.school_year', 'r.term_no', 'm.code', 'r.grade', 'r.attendance_pct'])
      .orderBy('r.id', 'desc')
      .limit(rows)
      .execute();
    const lines = r.map((x) =>
      [x.curp, x.cct, x.school_year, x.term_no, x.code, x.grade, x.attendance_pct].join(','),
    );
    const g = await store.db
      .selectFrom('enrollments')
      .select('group_code')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    return {
      csv: `curp,cct,ciclo_escolar,periodo,clave_modulo,calificacion,asistencia\n${lines.join('\n')}\n`,
      group: g.group_code,
    };
  } finally {
    await store.close();
  }
}

/** Every non-empty subset of the kinds, in a fixed order: each run asks lists it has not asked before. */
function kindLists(): string[] {
  const kinds = [...INTERVENTION_KINDS];
  const out: string[] = [];
  for (let mask = 1; mask < 1 << kinds.length; mask++)
    out.push(kinds.filter((_k, i) => mask & (1 << i)).join(','));
  return out;
}

export function startHeavyLoop(
  server: ServerChild,
  cookie: string,
  f: { csv: string; group: string; generation: string; stateCode: string },
  pauseMs = 1_000,
) {
  let running = true;
  const result = {
    requests: 0,
    byStatus: {} as Record<string, number>,
    byKind: {},
    failures: [] as string[],
  };
  const byKind = result.byKind as Record<string, { n: number; maxMs: number }>;
  const lists = kindLists();
  let i = 0;
  const next = (): { kind: string; path: string; body?: string } => {
    const k = i++ % 5;
    const n = Math.floor(i / 5);
    if (k === 0) return { kind: 'effects', path: `/api/v1/effects?kind=${lists[n % lists.length]}` };
    if (k === 1)
      return {
        kind: 'whatif',
        path: `/api/v1/whatif?generation=${f.generation}&semester=${1 + (n % 6)}&dropoutChange=${-5 - n}`,
      };
    if (k === 2)
      return {
        kind: 'cohorts',
        path: `/api/v1/cohorts?generation=${f.generation}&level=state&unit=${f.stateCode}`,
      };
    if (k === 3) return { kind: 'group', path: `/api/v1/students?group=${encodeURIComponent(f.group)}` };
    return {
      kind: 'import',
      path: '/api/v1/imports/module-results?filename=calificaciones.csv',
      body: f.csv,
    };
  };
  const loop = (async () => {
    while (running) {
      const r = next();
      const t0 = performance.now();
      try {
        const res = await fetch(`${server.origin}${r.path}`, {
          method: r.body ? 'POST' : 'GET',
          headers: {
            Cookie: cookie,
            Origin: server.origin,
            ...(r.body ? { 'Content-Type': 'text/csv' } : {}),
          },
          ...(r.body ? { body: r.body } : {}),
        });
        await res.arrayBuffer();
        result.byStatus[res.status] = (result.byStatus[res.status] ?? 0) + 1;
        if (res.status >= 300 && result.failures.length < 5) result.failures.push(`${r.kind} ${res.status}`);
      } catch (e) {
        if (result.failures.length < 5) result.failures.push(`${r.kind} ${String(e)}`);
      }
      const ms = performance.now() - t0;
      const s = (byKind[r.kind] ??= { n: 0, maxMs: 0 });
      s.n++;
      s.maxMs = Math.max(s.maxMs, Math.round(ms));
      result.requests++;
      if (running) await new Promise((done) => setTimeout(done, pauseMs));
    }
  })();
  return {
    stop: async (): Promise<HeavyResult> => {
      running = false;
      await loop;
      return result;
    },
  };
}

/** The serving process's event-loop delay (ms) since the last reset; `reset` starts a new measurement. */
export async function eventLoopDelay(
  server: ServerChild,
  cookie: string,
  reset: boolean,
): Promise<{ p50: number; p99: number; max: number; samples: number }> {
  const res = await fetch(`${server.origin}/api/v1/analyses/status${reset ? '?resetEventLoop=true' : ''}`, {
    headers: { Cookie: cookie },
  });
  if (res.status !== 200) throw new Error(`GET /api/v1/analyses/status answered ${res.status}`);
  return (
    (await res.json()) as { eventLoopDelayMs: { p50: number; p99: number; max: number; samples: number } }
  ).eventLoopDelayMs;
}
