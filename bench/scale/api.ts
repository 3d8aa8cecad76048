/**
 * bench:api's measurement on one database of the scale benchmark: `trayecto serve` on it in a child, the same
 * cases (national, state and campus pages, student search), a short warm-up and a measured run at N
 * connections each; every answer must be a 2xx.
 */
import { buildCases, TARGET_P95_MS } from '../api/cases.js';
import { fixturesIn } from '../api/database.js';
import { runLoad } from '../api/load.js';
import { getJson, login, startServer } from '../api/server.js';
import { openStore } from '../../src/storage/db.js';

export interface ApiCaseResult {
  readonly id: string;
  readonly target: 'dashboard' | 'search';
  readonly targetP95Ms: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly requestsPerSecond: number;
  readonly load1AtStart: number;
  readonly serverCpuCores: number | null;
}

export interface ApiScaleResult {
  readonly serverStartMs: number;
  readonly cases: readonly ApiCaseResult[];
  /** Largest p95 of each kind of request (dashboard pages, name search). */
  readonly maxP95Ms: Readonly<Record<'dashboard' | 'search', number>>;
  /** Cases that had no answer in their measuring window (no p95): named beside the largest p95. */
  readonly unanswered: readonly string[];
}

export async function measureApi(
  root: string,
  url: string,
  o: { readonly connections: number; readonly warmup: number; readonly duration: number },
  log: (text: string) => void,
): Promise<ApiScaleResult> {
  const store = openStore({ dialect: 'postgres', url });
  const fixtures = await fixturesIn(store, new Date()).finally(() => store.close());
  const server = await startServer(root, url, log);
  try {
    const cookies = {
      national: await login(server, fixtures.national),
      campus: await login(server, fixtures.campus),
    };
    const years = await getJson<{ baseline: string }>(server, '/api/v1/catalog/years', cookies.national);
    const cases: ApiCaseResult[] = [];
    for (const c of buildCases(fixtures, years.body.baseline)) {
      for (const path of c.paths) await getJson(server, path, cookies[c.account]);
      const spec = { server, paths: c.paths, cookie: cookies[c.account], connections: o.connections };
      if (o.warmup > 0) await runLoad({ ...spec, seconds: o.warmup });
      const m = await runLoad({ ...spec, seconds: o.duration });
      if (m.non2xx > 0 || m.errors > 0)
        throw new Error(`${c.id}: ${m.non2xx} non-2xx answers, ${m.errors} errors`);
      cases.push({
        id: c.id,
        target: c.target,
        targetP95Ms: TARGET_P95_MS[c.target],
        p50Ms: m.latencyMs.p50,
        p95Ms: m.latencyMs.p95,
        requestsPerSecond: m.requestsPerSecond,
        load1AtStart: m.load1AtStart,
        serverCpuCores: m.serverCpuCores,
      });
      log(
        `    ${c.id.padEnd(24)} p95 ${m.latencyMs.p95.toFixed(1)} ms, ${m.requestsPerSecond.toFixed(0)} req/s (load ${m.load1AtStart.toFixed(1)})`,
      );
    }
    const max = (t: 'dashboard' | 'search') =>
      // A case with no answer in its window (a p95 of NaN) is left out here and named in `unanswered`.
      Math.max(0, ...cases.filter((c) => c.target === t && Number.isFinite(c.p95Ms)).map((c) => c.p95Ms));
    return {
      serverStartMs: server.startMs,
      cases,
      maxP95Ms: { dashboard: max('dashboard'), search: max('search') },
      unanswered: cases.filter((c) => !Number.isFinite(c.p95Ms)).map((c) => c.id),
    };
  } finally {
    await server.stop();
  }
}
